import { complain, onSubmit, post, say, takeFragment } from "./common.js";

const form = document.getElementById("verify-email-form");
const token = takeFragment().get("token");

// Only on a click: whatever opens the link without a person (a mail scanner that runs scripts)
// verifies nothing.
if (!token) {
  form.hidden = true;
  complain("This link has no token: open the link from the email as it is.");
}

onSubmit(form, async () => {
  await post("/auth/verify-email", { token });
  form.hidden = true;
  say("Your email address is verified.");
});
