import { api, complain, onSubmit, openSession, resume, say, takeFragment } from "./common.js";

const byId = (id) => document.getElementById(id);
const signIn = byId("sign-in-form");
const confirm = byId("verify-email-form");
const token = takeFragment().get("token");

// Only the account's owner, signed in, confirms: whoever reads the mailbox of an address a
// stranger typed in cannot hand it to the stranger's account.
async function offerConfirmation() {
  const me = await api("GET", "/users/me");
  byId("signed-in-as").textContent = me.username;
  signIn.hidden = true;
  confirm.hidden = false;
}

async function start() {
  if (!token) {
    byId("loading").hidden = true;
    complain("This link has no token: open the link from the email as it is.");
    return;
  }
  try {
    await resume();
  } catch {
    byId("loading").hidden = true;
    signIn.hidden = false;
    return;
  }
  byId("loading").hidden = true;
  await offerConfirmation();
}

onSubmit(signIn, async (form) => {
  await openSession({ grant_type: "password", username: form.username.value, password: form.password.value });
  await offerConfirmation();
});

// Only on a click: whatever opens the link without a person (a mail scanner that runs scripts)
// verifies nothing.
onSubmit(confirm, async () => {
  await api("POST", "/auth/verify-email", { token });
  confirm.hidden = true;
  say("Your email address is verified.");
});

start();
