"""`make demo`: the FAKE providers on loopback, and the service pointed at them, in development.

python -m fake_providers.demo serves the service on 127.0.0.1:$PORT (8000 by default) and the
fakes on the next ports.
"""

import os

import uvicorn

from .servers import FAKES, serving_fakes
{% if cookiecutter.account_pages %}
STEPS = """
In a browser, open {service}/account/
  1. Sign in with the password account above (or sign up).
  2. Link {labels}: each one opens a FAKE sign-in page; name anyone (the suggested
     Ada Lovelace will do) and press "Sign in as this person".
  3. Log out, then "Continue with" one of them: you are back in the same account,
     since the fake remembers who signed in there (until "Sign out of this fake" at {homes}).
"""
{%- else %}
STEPS = """
In a browser, open {service}/docs
  1. "Authorize" with the password account above, the scopes ticked.
  2. Try POST /auth/<provider>/link for {names}, and open the authorization_url it answers in
     this browser. A FAKE sign-in page asks who you are; name anyone (the suggested Ada Lovelace
     will do) and press "Sign in as this person". The account is linked.
  3. Open {service}/auth/<provider>/login: the same account logs in, since the fake remembers
     who signed in there (until "Sign out of this fake" at {homes}).
"""
{%- endif %}


def main() -> None:
    port = int(os.environ.get("PORT", "8000"))
    ports = {name: port + offset for offset, name in enumerate(FAKES, start=1)}
    with serving_fakes(ports) as environment:
        # Set before the app reads its settings: they win over .env.
        os.environ.update(environment)
        service = f"http://127.0.0.1:{port}"
        labels = " and ".join(fake.provider.label for fake in FAKES.values())
        homes = ", ".join(f"{fake.provider.url}/" for fake in FAKES.values())
        print(f"FAKE {labels} (for development only) answer at {homes}")
        names = " or ".join(FAKES)
        print(STEPS.format(service=service, labels=labels, names=names, homes=homes))
        print("Stop with Ctrl-C.", flush=True)
        uvicorn.run({{ (cookiecutter.package_name ~ ".main:create_app") | pystr }}, factory=True, host="127.0.0.1", port=port)


if __name__ == "__main__":
    main()
