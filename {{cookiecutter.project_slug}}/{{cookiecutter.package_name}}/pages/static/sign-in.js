import { onSubmit, openSession{% if cookiecutter.email != "none" %}, say, takeFragment{% endif %} } from "./common.js";
{%- if cookiecutter.email != "none" %}

// Where a password reset sends the browser (reset-password.js).
if (takeFragment().has("password-reset")) say("Your password is changed: sign in with it.");
{%- endif %}

onSubmit(document.getElementById("sign-in-form"), async (form) => {
  await openSession({ grant_type: "password", username: form.username.value, password: form.password.value });
  location.assign("/account/");
});
