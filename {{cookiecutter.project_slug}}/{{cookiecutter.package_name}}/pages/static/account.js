import {
  Refusal,
  api,
  closeSession,
  complain,
  element,
  inWords,
  onSubmit,
  openSession,
  resume,
  say,
  takeFragment,
  when,
} from "./common.js";
{%- if cookiecutter.mfa != "none" %}
import { secondFactorSection } from "./account-mfa.js";
import { askSecondFactor } from "./second-factor.js";
{%- endif %}

const SIGN_IN = "/account/sign-in";
const byId = (id) => document.getElementById(id);
const labels = Object.fromEntries(
  [...document.querySelectorAll(".link-provider")].map((button) => [button.dataset.provider, button.dataset.label]),
);
let me = null;
{%- if cookiecutter.mfa != "none" %}
const showSecondFactors = secondFactorSection(act);
{%- endif %}

function row(title, detail, button) {
  const item = element("li");
  const text = element("div");
  text.append(element("div", title), element("div", detail, { class: "detail" }));
  item.append(text);
  if (button) item.append(button);
  return item;
}

function actionButton(text, ariaLabel, action) {
  const button = element("button", text, { type: "button", "aria-label": ariaLabel });
  button.addEventListener("click", action);
  return button;
}

async function render() {
  me = await api("GET", "/users/me");
  const sessions = await api("GET", "/users/me/sessions");
  byId("username").textContent = me.username;
{%- if cookiecutter.email != "none" %}
  const address = await api("GET", "/users/me/email");
  byId("email").replaceChildren(
    element("div", address.email || "None"),
    ...(address.email ? [element("div", address.verified ? "Verified" : "Not verified yet", { class: "detail" })] : []),
    ...(address.pending
      ? [
          element("div", `Changes to ${address.pending} once you follow the link sent there.`, { class: "detail" }),
          actionButton("Cancel the change", `Cancel the change to ${address.pending}`, () =>
            act(() => api("DELETE", "/users/me/email/pending"), "The change is cancelled: its link no longer works."),
          ),
        ]
      : []),
  );
{%- else %}
  byId("email").textContent = me.email || "None";
{%- endif %}
  const identities = byId("identities");
  if (identities) {
    identities.replaceChildren(
      ...me.identities.map((identity) => {
        const label = labels[identity.provider] || identity.provider;
        const name = `${label}: ${identity.email || "no email"}`;
        return row(
          name,
          `Linked ${when(identity.linked_at)}`,
          actionButton("Unlink", `Unlink ${name}`, () =>
            act(() => api("DELETE", `/users/me/identities/${identity.id}`), `${label} is unlinked.`),
          ),
        );
      }),
    );
    byId("no-identities").hidden = me.identities.length > 0;
  }
  byId("sessions").replaceChildren(
    ...sessions.map((session) => {
      const title = session.current ? `This browser (${session.user_agent || "unknown"})` : session.user_agent || "Unknown browser";
      const detail = `From ${session.address}, last used ${when(session.last_used_at)}`;
      const button = session.current
        ? actionButton("Log out", "Log out of this browser", logOut)
        : actionButton("End", `End the session of ${title}, ${detail}`, () =>
            act(() => api("DELETE", `/users/me/sessions/${session.id}`), "The session is ended."),
          );
      return row(title, detail, button);
    }),
  );
  byId("current-password-field").hidden = !me.has_password;
  byId("password-submit").textContent = me.has_password ? "Change password" : "Set a password";
{%- if cookiecutter.mfa != "none" %}
  await showSecondFactors();
{%- endif %}
  byId("loading").hidden = true;
  byId("account").hidden = false;
}

// Does `action`; if it needs a recent sign-in, signs in again first, then does it. An action that
// leaves the page answers false: nothing to show here then.
async function act(action, done) {
  let stays;
  try {
    stays = await action();
  } catch (refusal) {
    if (!(refusal instanceof Refusal)) throw refusal;
    if (!refusal.reauthenticate) return complain(refusal.message);
    if (!(await reauthenticate())) return;
    try {
      stays = await action();
    } catch (again) {
      return complain(inWords(again));
    }
  }
  if (stays === false) return;
  say(done);
  await render();
}

// With a password: asked here. Without one: at the provider, which brings the browser back signed in.
{%- if cookiecutter.mfa != "none" %}
// Either way, an account with a second factor is asked for it too (openSession, or the landing).
{%- endif %}
async function reauthenticate() {
  if (!me.has_password) {
    const provider = me.identities[0].provider;
    say(`Sign in again with ${labels[provider] || provider}, then try again.`);
    location.assign(`/account/sign-in/${provider}?reauthenticate=true`);
    return false;
  }
  const dialog = byId("reauth-dialog");
  const form = byId("reauth-form");
  const problem = byId("reauth-error");
  problem.hidden = true;
  form.reset();
  dialog.showModal();
  return new Promise((resolve) => {
    const finish = (confirmed) => {
      form.removeEventListener("submit", submit);
      byId("reauth-cancel").removeEventListener("click", cancel);
      dialog.removeEventListener("cancel", cancel);
      dialog.close();
      resolve(confirmed);
    };
    const cancel = () => finish(false);
    const submit = async (event) => {
      event.preventDefault();
      try {
        await openSession({ grant_type: "password", username: me.username, password: byId("reauth-password").value });
        finish(true);
      } catch (refusal) {
        problem.textContent = inWords(refusal);
        problem.hidden = false;
      }
    };
    form.addEventListener("submit", submit);
    byId("reauth-cancel").addEventListener("click", cancel);
    dialog.addEventListener("cancel", cancel);
  });
}

async function logOut() {
  await closeSession();
  location.assign(SIGN_IN);
}
{%- if cookiecutter.email != "none" %}

// A new address changes nothing until the person follows the link emailed to it.
onSubmit(byId("email-form"), (form) => {
  const email = form.email.value;
  return act(async () => {
    await api("PATCH", "/users/me", { email });
    form.reset();
  }, `A link is on its way to ${email}: your email changes once you follow it.`);
});
{%- else %}

onSubmit(byId("email-form"), (form) =>
  act(() => api("PATCH", "/users/me", { email: form.email.value }), "Your email is changed."),
);
{%- endif %}

onSubmit(byId("password-form"), (form) => {
  const change = { password: form.password.value };
  if (me.has_password) change.current_password = form.current_password.value;
  return act(async () => {
    await api("PATCH", "/users/me", change);
    // A new password ends every session, this one too: sign in with it.
    await openSession({ grant_type: "password", username: me.username, password: change.password });
    form.reset();
  }, "Your password is changed, and every other session is logged out.");
});

for (const button of document.querySelectorAll(".link-provider")) {
  button.addEventListener("click", () =>
    act(async () => {
      const { authorization_url: url } = await api("POST", `/auth/${button.dataset.provider}/link`);
      location.assign(url);
      return false;
    }),
  );
}

byId("log-out").addEventListener("click", logOut);

byId("log-out-everywhere").addEventListener("click", async () => {
  try {
    await api("POST", "/auth/logout-all");
    await logOut();
  } catch (refusal) {
    complain(refusal.message);
  }
});

// After taking the account back: whoever else had it, by a session or a linked provider, is out.
byId("secure-account").addEventListener("click", () =>
  act(async () => {
    await api("POST", "/users/me/secure");
    await closeSession();
    location.assign(`${SIGN_IN}#secured`);
    return false;
  }),
);

byId("delete-account").addEventListener("click", () => byId("delete-dialog").showModal());
byId("delete-cancel").addEventListener("click", () => byId("delete-dialog").close());
byId("delete-confirm").addEventListener("click", async () => {
  byId("delete-dialog").close();
  await act(async () => {
    await api("DELETE", "/users/me");
    await logOut();
    return false;
  });
});

// A provider login's refusal, said in the page's own words: the fragment is anyone's to write
// (a link can carry any error_description), so its text is never shown.
const REFUSALS = {
  access_denied: "The sign-in was cancelled or refused.",
  invalid_grant: "The provider refused the sign-in: start it again.",
  invalid_request: "This sign-in could not be finished: start it again.",
  temporarily_unavailable: "The provider could not be reached: try again later.",
};
const UNKNOWN_REFUSAL = "The sign-in did not work: start it again.";
const AFTER_LINK =
  "You are signed in with your new password, and every other session has ended. If someone else had your " +
  'account, choose "End every session and unlink every provider" below.';

async function start() {
  // What a provider login or link brought back.
  const landed = takeFragment();
  const error = landed.get("error");
{%- if cookiecutter.mfa != "none" %}
  // No refusal: the provider login was the first step of two, and the second is asked here.
  const secondStep = error === "mfa_required";
  const signingIn = landed.has("code") || secondStep;
  const refused =
    error === null || secondStep ? null : Object.hasOwn(REFUSALS, error) ? REFUSALS[error] : UNKNOWN_REFUSAL;
{%- else %}
  const signingIn = landed.has("code");
  const refused = error === null ? null : Object.hasOwn(REFUSALS, error) ? REFUSALS[error] : UNKNOWN_REFUSAL;
{%- endif %}
  try {
    if (landed.has("code")) {
      await openSession({ grant_type: "authorization_code", code: landed.get("code") });
{%- if cookiecutter.mfa != "none" %}
    } else if (secondStep) {
      await askSecondFactor({ mfa_token: landed.get("mfa_token"), mfa_methods: landed.get("mfa_methods") ?? "" });
{%- endif %}
    } else {
      await resume();
    }
  } catch (refusal) {
    if (!signingIn && !refused) return location.replace(SIGN_IN);
    complain(refused || refusal.message);
    byId("loading").replaceChildren(element("a", "Sign in", { href: SIGN_IN }));
    return;
  }
  if (refused) complain(refused);
  // Where an emailed link that signs in sends the browser (new-password-by-link.js).
  if (landed.has("signed-in-by-link")) say(AFTER_LINK);
  // Only a provider this service offers.
  const linked = landed.get("linked");
  if (Object.hasOwn(labels, linked)) say(`${labels[linked]} is now linked to your account.`);
  try {
    await render();
  } catch (refusal) {
    complain(refusal.message);
  }
}

start();
