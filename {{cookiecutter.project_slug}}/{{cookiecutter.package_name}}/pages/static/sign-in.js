import { onSubmit, openSession, say, takeFragment } from "./common.js";

// Where taking the account back sends the browser (account.js).
if (takeFragment().has("secured")) say("Every session has ended and every provider account is unlinked: sign in with your password.");

onSubmit(document.getElementById("sign-in-form"), async (form) => {
  await openSession({ grant_type: "password", username: form.username.value, password: form.password.value });
  location.assign("/account/");
});
