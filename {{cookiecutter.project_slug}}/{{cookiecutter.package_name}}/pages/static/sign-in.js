import { onSubmit, openSession } from "./common.js";

onSubmit(document.getElementById("sign-in-form"), async (form) => {
  await openSession({ grant_type: "password", username: form.username.value, password: form.password.value });
  location.assign("/account/");
});
