import { Refusal, complain, post, say, takeFragment } from "./common.js";

const token = takeFragment().get("token");
document.getElementById("checking").hidden = true;
if (!token) {
  complain("This link has no token: open the link from the email as it is.");
} else {
  try {
    await post("/auth/verify-email", { token });
    say("Your email address is verified.");
  } catch (refusal) {
    complain(refusal instanceof Refusal ? refusal.message : "The service could not be reached: try again.");
  }
}
