import { Refusal, onSubmit, openSession, sentence } from "./common.js";

onSubmit(document.getElementById("sign-up-form"), async (form) => {
  const account = { username: form.username.value, password: form.password.value };
  if (form.email.value) account.email = form.email.value;
  const answer = await fetch("/auth/register", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(account),
  });
  if (!answer.ok) throw new Refusal(sentence(answer.status, await answer.json().catch(() => ({}))), answer.status);
  await openSession({ grant_type: "password", username: account.username, password: account.password });
  location.assign("/account/");
});
