import { complain, onSubmit, post, say, takeFragment } from "./common.js";

const form = document.getElementById("cancel-email-change-form");
const token = takeFragment().get("token");

if (!token) {
  form.hidden = true;
  complain("This link has no token: open the link from the email as it is.");
}

onSubmit(form, async () => {
  await post("/auth/cancel-email-change", { token });
  form.hidden = true;
  say("The change is cancelled: your email stays as it was.");
  document.getElementById("then").hidden = false;
});
