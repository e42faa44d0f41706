import { onSubmit, post, say } from "./common.js";

onSubmit(document.getElementById("forgot-password-form"), async (form) => {
  // The same answer whatever the address: it says nothing of who has an account.
  const { detail } = await post("/auth/forgot-password", { email: form.email.value });
  form.reset();
  say(`${detail}.`);
});
