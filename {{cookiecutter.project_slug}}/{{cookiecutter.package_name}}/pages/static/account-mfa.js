import { api, element, onSubmit, when } from "./common.js";

// The account page's "Two-factor sign-in" section (account_mfa.html): an authenticator app set up,
// its recovery codes made again, and the app removed. Its actions go through the page's act(),
// which has the person sign in again first when the service asks for a recent sign-in.
const byId = (id) => document.getElementById(id);
const setUpButton = byId("totp-set-up");
const removeButton = byId("totp-remove");
const newCodesButton = byId("recovery-codes-new");
const setUpForm = byId("totp-set-up-form");
const codes = byId("recovery-codes");

// The QR code the service drew of its own otpauth URI, parsed as a page's inline SVG is and taken
// in as an element: no markup of the answer's is ever written into the page.
function qrCode(svg) {
  const drawn = new DOMParser().parseFromString(svg, "text/html").body.firstElementChild;
  if (!(drawn instanceof SVGSVGElement)) return element("p", "The QR code could not be shown: type the key instead.");
  const adopted = document.adoptNode(drawn);
  adopted.setAttribute("role", "img");
  adopted.setAttribute("aria-label", "QR code to scan with your authenticator app");
  return adopted;
}

function leaveSetUp() {
  setUpForm.hidden = true;
  setUpForm.reset();
  // The secret stays on the page no longer than it is needed.
  byId("totp-qr-code").replaceChildren();
  byId("totp-secret").textContent = "";
  byId("totp-uri").removeAttribute("href");
}

// Shown once, until the person has kept them; none hides them.
function showCodes(made) {
  byId("recovery-code-list").replaceChildren(...made.map((code) => element("li", code)));
  codes.hidden = made.length === 0;
}

function remainingCodes(count) {
  if (count === 0) return "No recovery code left: make new ones, or losing the app locks you out.";
  return count === 1 ? "1 recovery code left." : `${count} recovery codes left.`;
}

// Wires the section's controls to `act` (account.js); gives what fills the section in.
export function secondFactorSection(act) {
  setUpButton.addEventListener("click", () =>
    act(async () => {
      const setUp = await api("POST", "/users/me/mfa/totp");
      byId("totp-qr-code").replaceChildren(qrCode(setUp.qr_code_svg));
      byId("totp-secret").textContent = setUp.secret;
      byId("totp-uri").href = setUp.otpauth_uri;
      setUpButton.hidden = true;
      setUpForm.hidden = false;
      byId("totp-first-code").focus();
      return false;
    }),
  );

  byId("totp-set-up-cancel").addEventListener("click", () => {
    leaveSetUp();
    setUpButton.hidden = false;
  });

  onSubmit(setUpForm, (form) =>
    act(async () => {
      const confirmed = await api("POST", "/users/me/mfa/totp/confirm", { code: form.code.value.replace(/\s/g, "") });
      leaveSetUp();
      showCodes(confirmed.recovery_codes);
    }, "Two-factor sign-in is on: signing in asks for a code from your authenticator app too."),
  );

  newCodesButton.addEventListener("click", () =>
    act(async () => {
      showCodes((await api("POST", "/users/me/mfa/recovery-codes")).recovery_codes);
    }, "New recovery codes are made: the old ones no longer work."),
  );

  removeButton.addEventListener("click", () =>
    act(async () => {
      await api("DELETE", "/users/me/mfa/totp");
      showCodes([]);
    }, "The authenticator app is removed, and its recovery codes with it: signing in asks for no code."),
  );

  byId("recovery-codes-kept").addEventListener("click", () => showCodes([]));

  return async function showSecondFactors() {
    const factors = await api("GET", "/users/me/mfa");
    const app = factors.totp;
    const used = app && app.last_used_at ? `, last used ${when(app.last_used_at)}` : "";
    byId("mfa-summary").textContent = app
      ? `An authenticator app is set up (since ${when(app.created_at)}${used}): signing in asks for one of its codes.`
      : "Off: signing in asks for no code. With an authenticator app set up, it asks for a code from the app too.";
    byId("recovery-codes-remaining").textContent = remainingCodes(factors.recovery_codes_remaining);
    byId("recovery-codes-remaining").hidden = !app;
    setUpButton.hidden = Boolean(app) || !setUpForm.hidden;
    newCodesButton.hidden = !app;
    removeButton.hidden = !app;
  };
}
