import { Refusal, inWords, openSession } from "./common.js";

// The second step of a sign-in to an account with a second factor, whatever its first step was
// (a password, an emailed link, a provider): a code from the authenticator app, or a recovery
// code, asked in the dialog every page holds (second_factor.html, included by base.html).
const byId = (id) => document.getElementById(id);
const dialog = byId("second-factor-dialog");
const form = byId("second-factor-form");
const problem = byId("second-factor-error");
const switcher = byId("other-factor");
const fields = { otp: byId("otp-field"), recovery_code: byId("recovery-code-field") };
const SWITCH_TO = { otp: "Use a recovery code instead", recovery_code: "Use the authenticator app instead" };
const NOT_FINISHED = "You are not signed in: the sign-in needs a code from your authenticator app, or a recovery code.";

// The sign-in waiting for its factor, and how to settle the promise its caller awaits.
let waiting = null;
let factor = "otp";

function choose(chosen) {
  factor = chosen;
  for (const [name, field] of Object.entries(fields)) {
    field.hidden = name !== chosen;
    // Out of the form's checks and out of what it sends, while hidden.
    field.querySelector("input").disabled = name !== chosen;
  }
  switcher.textContent = SWITCH_TO[chosen];
  fields[chosen].querySelector("input").focus();
}

// Resolves once the sign-in is finished, signed in as openSession leaves it; rejects with a
// Refusal when the person gives up. `mfa_methods` is space-separated, as the API answers it.
// Without an mfa_token (an emailed link, which does nothing before the factor), the first step's
// `body` is sent again with the code.
export function askSecondFactor({ mfa_token: token, mfa_methods: methods }, body) {
  form.reset();
  problem.hidden = true;
  switcher.hidden = !methods.split(" ").includes("recovery_code");
  dialog.showModal();
  choose("otp");
  return new Promise((resolve, reject) => {
    waiting = { token, body, resolve, reject };
  });
}

// Once: the person may give up while the code is on its way.
function settle(outcome) {
  if (!waiting) return;
  const settled = waiting;
  waiting = null;
  dialog.close();
  outcome(settled);
}

switcher.addEventListener("click", () => choose(factor === "otp" ? "recovery_code" : "otp"));

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  const typed = fields[factor].querySelector("input").value;
  // As an app shows it ("123 456") or as it was printed: the service reads a recovery code in any case.
  const given = factor === "otp" ? typed.replace(/\s/g, "") : typed.trim();
  button.disabled = true;
  try {
    const { token, body } = waiting;
    await openSession(token ? { grant_type: "mfa", mfa_token: token, [factor]: given } : { ...body, [factor]: given });
    settle(({ resolve }) => resolve());
  } catch (refusal) {
    problem.textContent = inWords(refusal);
    problem.hidden = false;
  } finally {
    button.disabled = false;
  }
});

// Cancel, or Escape.
const giveUp = () => settle(({ reject }) => reject(new Refusal(NOT_FINISHED)));
byId("second-factor-cancel").addEventListener("click", giveUp);
dialog.addEventListener("cancel", giveUp);
