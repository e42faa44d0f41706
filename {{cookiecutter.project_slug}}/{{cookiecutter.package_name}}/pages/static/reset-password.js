import { complain, onSubmit, post, takeFragment } from "./common.js";

const form = document.getElementById("reset-password-form");
const token = takeFragment().get("token");

if (!token) {
  form.hidden = true;
  complain("This link has no token: open the link from the email as it is, or ask for a new one.");
}

document.getElementById("show-password").addEventListener("change", (event) => {
  form.password.type = event.target.checked ? "text" : "password";
});

onSubmit(form, async () => {
  await post("/auth/reset-password", { token, password: form.password.value });
  // Every session of the account ended with the reset: the sign-in page says so.
  location.assign("/account/sign-in#password-reset");
});
