import { complain, onSubmit, openSession, takeFragment } from "./common.js";

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
  // Every other session of the account ends with the reset, and this browser is signed in, as a
  // recent sign-in: from the account page, one action then ends every session and unlinks every
  // provider, however many wrong passwords anyone sends meanwhile.
  await openSession({ grant_type: "reset_password", token, password: form.password.value });
  location.assign("/account/#password-reset");
});
