// What every page shares: the login, held as an access token in this module's memory only (the
// refresh token is in an HttpOnly cookie no script can read), and calls whose refusals become
// sentences on the page.
{%- if cookiecutter.mfa != "none" %}

import { askSecondFactor } from "./second-factor.js";
{%- endif %}

const SESSION_URL = document.body.dataset.sessionUrl;
const PAGES_HEADER = document.body.dataset.pagesHeader;
const SESSION_HEADERS = { "Content-Type": "application/json", [PAGES_HEADER]: "1" };

let accessToken = null;

// A page restored by Back (from the back-forward cache) shows what it held before: after a log
// out, an account. Loaded again, it asks the server, which knows better.
addEventListener("pageshow", (event) => {
  if (event.persisted) location.reload();
});

export class Refusal extends Error {
  constructor(message, status, { reauthenticate = false } = {}) {
    super(message);
    this.status = status;
    // The action needs a recent sign-in (WWW-Authenticate: error="insufficient_user_authentication").
    this.reauthenticate = reauthenticate;
  }
}

// What went wrong, in words: the service's refusal, or no answer at all.
export function inWords(error) {
  return error instanceof Refusal ? error.message : "The service could not be reached: try again.";
}

async function readBody(answer) {
  const text = await answer.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

const FIELD_NAMES = { username: "Username", password: "Password", email: "Email", current_password: "Current password" };

// The API's answer said as a sentence: its own description when it has one, never the JSON.
export function sentence(status, data) {
  if (typeof data.error_description === "string") return data.error_description;
  if (typeof data.detail === "string") return data.detail;
  if (Array.isArray(data.detail) && data.detail.length > 0) {
    const problem = data.detail[0];
    const field = Array.isArray(problem.loc) ? problem.loc[problem.loc.length - 1] : "";
    const message = String(problem.msg || "is not valid").replace(/^Value error, /, "");
    return `${FIELD_NAMES[field] || "A field"}: ${message}.`;
  }
  if (status === 429) return "Too many attempts: wait a little and try again.";
  if (status >= 500) return "The service could not do this just now: try again shortly.";
  return "That did not work: try again.";
}

// Every change of the refresh cookie waits its turn among this site's tabs: a refresh token is
// spent at each use, and one sent after another request has replaced it would end the session,
// as a stolen copy would.
function inTurn(work) {
  return navigator.locks ? navigator.locks.request("account-session", work) : work();
}

// Sign in (a password, or a provider login's code) or go on signed in (the refresh cookie).
{%- if cookiecutter.mfa != "none" %}
// A sign-in to an account with a second factor ends once the person has given it.
export async function openSession(body) {
  const secondStep = await inTurn(async () => {
{%- else %}
export function openSession(body) {
  return inTurn(async () => {
{%- endif %}
    const answer = await fetch(SESSION_URL, { method: "POST", headers: SESSION_HEADERS, body: JSON.stringify(body) });
    const data = await readBody(answer);
    if (!answer.ok) {
      accessToken = null;
{%- if cookiecutter.mfa != "none" %}
      // The first step of two is done: the second needs the person.
      if (data.error === "mfa_required") return data;
{%- endif %}
      throw new Refusal(sentence(answer.status, data), answer.status);
    }
    // The server's word for a browser that holds no refresh cookie: signed out, which is no
    // refusal (a browser would log one as an error at every signed-out visit), and no session.
    if (answer.status === 204) {
      accessToken = null;
      throw new Refusal("You are not signed in", answer.status);
    }
    accessToken = data.access_token;
  });
{%- if cookiecutter.mfa != "none" %}
  // Asked once the turn is over: no other tab waits on its refresh while the person finds the code.
  if (secondStep) await askSecondFactor(secondStep, body);
{%- endif %}
}

export function resume() {
  return openSession({ grant_type: "refresh_token" });
}

export function closeSession() {
  accessToken = null;
  return inTurn(() => fetch(SESSION_URL, { method: "DELETE", headers: SESSION_HEADERS }));
}

// A call to the JSON API with the access token; an expired token is renewed once.
export async function api(method, path, json) {
  for (let attempt = 0; ; attempt += 1) {
    const headers = { Authorization: `Bearer ${accessToken}` };
    if (json !== undefined) headers["Content-Type"] = "application/json";
    const body = json === undefined ? undefined : JSON.stringify(json);
    const answer = await fetch(path, { method, headers, body });
    const challenge = answer.headers.get("WWW-Authenticate") || "";
    if (answer.status === 401 && challenge.includes('error="insufficient_user_authentication"')) {
      throw new Refusal("This needs a recent sign-in.", 401, { reauthenticate: true });
    }
    if (answer.status === 401 && attempt === 0) {
      await resume();
      continue;
    }
    const data = await readBody(answer);
    if (!answer.ok) throw new Refusal(sentence(answer.status, data), answer.status);
    return data;
  }
}

// A call to the JSON API that needs no login: its answer, or its refusal in words.
export async function post(path, json) {
  const answer = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(json),
  });
  const data = await readBody(answer);
  if (!answer.ok) throw new Refusal(sentence(answer.status, data), answer.status);
  return data;
}

// What a link brought in its fragment (which no server sees), taken out of the address bar at
// once: out of the history, and out of sight of whoever looks at the screen.
export function takeFragment() {
  const landed = new URLSearchParams(location.hash.slice(1));
  if (location.hash) history.replaceState(null, "", location.pathname);
  return landed;
}

// An element holding `text` as text, never as HTML.
export function element(tag, text, attributes = {}) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

export const when = (iso) => new Date(iso).toLocaleString();

const statusLine = document.getElementById("status");
const errorLine = document.getElementById("error");

export function say(message) {
  errorLine.hidden = true;
  statusLine.textContent = message;
}

export function complain(message) {
  statusLine.textContent = "";
  errorLine.textContent = message;
  errorLine.hidden = false;
}

// Runs `action` on the form's submission, with its button disabled meanwhile.
// The form's button comes disabled, so that nothing is sent before this script takes over
// (the browser itself would put the fields in a URL).
export function onSubmit(form, action) {
  const button = form.querySelector("button[type=submit]");
  button.disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await action(form);
    } catch (refusal) {
      complain(inWords(refusal));
    } finally {
      button.disabled = false;
    }
  });
}
