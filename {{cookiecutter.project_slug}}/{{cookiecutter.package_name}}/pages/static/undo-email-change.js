import { complain, onSubmit, openSession, takeFragment } from "./common.js";

const form = document.getElementById("undo-email-change-form");
const token = takeFragment().get("token");

if (!token) {
  form.hidden = true;
  complain("This link has no token: open the link from the email as it is.");
}

document.getElementById("show-password").addEventListener("change", (event) => {
  form.password.type = event.target.checked ? "text" : "password";
});

onSubmit(form, async () => {
  // Signs this browser in, as a recent sign-in, whatever else the account went through.
  await openSession({ grant_type: "undo_email_change", token, password: form.password.value });
  location.assign("/account/#taken-back");
});
