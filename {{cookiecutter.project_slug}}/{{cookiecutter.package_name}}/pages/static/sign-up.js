import { onSubmit, openSession, post } from "./common.js";

onSubmit(document.getElementById("sign-up-form"), async (form) => {
  const account = { username: form.username.value, password: form.password.value };
  if (form.email.value) account.email = form.email.value;
  await post("/auth/register", account);
  await openSession({ grant_type: "password", username: account.username, password: account.password });
  location.assign("/account/");
});
