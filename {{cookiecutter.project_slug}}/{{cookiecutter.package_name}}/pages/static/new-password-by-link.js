import { complain, onSubmit, openSession, takeFragment } from "./common.js";

// The pages of the emailed links that set a new password and sign in: a reset, and an undone
// change of email. The form names its grant.
const form = document.getElementById("new-password-form");
const token = takeFragment().get("token");

if (!token) {
  form.hidden = true;
  complain("This link has no token: open the link from the email as it is.");
}

document.getElementById("show-password").addEventListener("change", (event) => {
  form.password.type = event.target.checked ? "text" : "password";
});

onSubmit(form, async () => {
  // Every other session of the account ends, and this browser is signed in, as a recent sign-in:
  // from the account page, one action then ends every session and unlinks every provider,
  // however many wrong passwords anyone sends meanwhile.
  await openSession({ grant_type: form.dataset.grantType, token, password: form.password.value });
  location.assign("/account/#signed-in-by-link");
});
