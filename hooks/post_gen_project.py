"""Finish the bake: a `.env` for local development, the chosen database's migrations, no files of
options turned off, and what to type next."""

import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from textwrap import indent

PROJECT_SLUG = {{ cookiecutter.project_slug | pystr }}
PACKAGE_NAME = {{ cookiecutter.package_name | pystr }}
DATABASE = {{ cookiecutter.database | pystr }}
ALLOW_SIGNUP = {{ "True" if cookiecutter.allow_signup else "False" }}
SOCIAL_LOGIN = {{ cookiecutter.social_login | pystr }}
JWT_ALGORITHM = {{ cookiecutter.jwt_algorithm | pystr }}
EMAIL = {{ cookiecutter.email | pystr }}
ACCOUNT_PAGES = {{ "True" if cookiecutter.account_pages else "False" }}
MFA = {{ cookiecutter.mfa | pystr }}

PROJECT = Path.cwd()
SERVERS = {"postgres": "PostgreSQL on 127.0.0.1:5432", "mysql": "MySQL or MariaDB on 127.0.0.1:3306"}


def write_env_file() -> None:
    """Local development settings with a fresh 384-bit SECRET_KEY, readable by its owner alone (and
    git-ignored): `make run` then serves at once, with no SMTP server to set up."""
    env = PROJECT / ".env"
    env.write_text(
        "# Made by cookiecutter for this copy alone: keep it secret and out of version control.\n"
        "# For this machine alone, which the service then answers alone: readable logs, http:// allowed"
        + (", and\n# every email written to the log rather than sent." if EMAIL != "none" else ".")
        + "\n# A deployment sets ENVIRONMENT=production (the default) and what .env.example lists;\n"
        "# the tests read none of this file.\n"
        "ENVIRONMENT=development\n"
        f"SECRET_KEY={secrets.token_urlsafe(48)}\n"
    )
    env.chmod(0o600)


def keep_database_migrations() -> None:
    """Each app's aerich history for the chosen database: migrations/models/, social/, mail/ and mfa/."""
    migrations = PROJECT / "migrations"
    for app in (migrations / "by_database" / DATABASE).iterdir():
        app.rename(migrations / app.name)
    shutil.rmtree(migrations / "by_database")


def keep_signing_module() -> None:
    """HS256 signs with SECRET_KEY; RS256 and ES256 with a key pair, and publish its public half."""
    variants = PROJECT / "signing_by_algorithm"
    kind = "hmac" if JWT_ALGORITHM == "HS256" else "pem"
    (variants / f"{kind}.py").rename(PROJECT / PACKAGE_NAME / "signing.py")
    (variants / f"test_{kind}.py").rename(PROJECT / "tests" / "test_signatures.py")
    shutil.rmtree(variants)


def write_development_key() -> None:
    """A private key for this copy alone, git-ignored like .env; production makes its own."""
    keys = PROJECT / "keys"
    keys.mkdir(mode=0o700)
    algorithm = (
        ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
        if JWT_ALGORITHM == "ES256"
        else ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"]
    )
    key = keys / "jwt-private.pem"
    try:
        subprocess.run(["openssl", "genpkey", *algorithm, "-out", str(key)], check=True, capture_output=True)  # noqa: S603, S607
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"error: could not make the development key with openssl ({error}); install openssl and bake again")
    key.chmod(0o600)


def remove_signup_files() -> None:
    (PROJECT / PACKAGE_NAME / "routes" / "signup.py").unlink()
    (PROJECT / "tests" / "test_signup.py").unlink()
    (PROJECT / "tests" / "test_signup_limits.py").unlink()


def remove_social_login_files() -> None:
    shutil.rmtree(PROJECT / PACKAGE_NAME / "social")
    shutil.rmtree(PROJECT / "tests" / "social")
    shutil.rmtree(PROJECT / "fake_providers")
    shutil.rmtree(PROJECT / "migrations" / "social")


def remove_email_files() -> None:
    shutil.rmtree(PROJECT / PACKAGE_NAME / "mail")
    shutil.rmtree(PROJECT / "tests" / "mail")
    shutil.rmtree(PROJECT / "migrations" / "mail")


def remove_mfa_files() -> None:
    """The option's package, tests and migrations, and its tests beside other options' (gone with them, or not)."""
    shutil.rmtree(PROJECT / PACKAGE_NAME / "mfa")
    shutil.rmtree(PROJECT / "tests" / "mfa")
    shutil.rmtree(PROJECT / "migrations" / "mfa")
    for beside in ("social", "mail"):
        (PROJECT / "tests" / beside / "test_second_factor.py").unlink(missing_ok=True)


def remove_email_social_login_tests() -> None:
    """Linking by email as email confirmation changes it: tests of the two options together."""
    (PROJECT / "tests" / "social" / "test_linking_by_email.py").unlink()


def remove_provider_files(provider: str) -> None:
    (PROJECT / PACKAGE_NAME / "social" / f"{provider}.py").unlink()
    (PROJECT / "fake_providers" / f"{provider}.py").unlink()
    (PROJECT / "tests" / "social" / f"test_{provider}.py").unlink()


def remove_email_pages_files() -> None:
    """The pages emailed links open, and the one that asks for a reset link."""
    pages = PROJECT / PACKAGE_NAME / "pages"
    (pages / "email_pages.py").unlink()
    for template in ("verify_email", "forgot_password", "reset_password", "cancel_email_change", "undo_email_change"):
        (pages / "templates" / f"{template}.html").unlink()
    for script in ("verify-email", "forgot-password", "new-password-by-link", "cancel-email-change"):
        (pages / "static" / f"{script}.js").unlink()
    (PROJECT / "tests" / "pages" / "test_email_pages.py").unlink()


def remove_mfa_pages_files() -> None:
    """The second step of a sign-in, and the account page's section on the second factor."""
    pages = PROJECT / PACKAGE_NAME / "pages"
    for template in ("second_factor", "account_mfa"):
        (pages / "templates" / f"{template}.html").unlink()
    for script in ("second-factor", "account-mfa"):
        (pages / "static" / f"{script}.js").unlink()
    for test in ("test_mfa_pages", "test_mfa_in_browser"):
        (PROJECT / "tests" / "pages" / f"{test}.py").unlink()


def remove_account_pages_files() -> None:
    shutil.rmtree(PROJECT / PACKAGE_NAME / "pages")
    shutil.rmtree(PROJECT / "tests" / "pages")


def print_next_steps() -> None:
    """The shell blocks of the README's "First five minutes" (which the template's tests run as written)."""
    section = (PROJECT / "README.md").read_text().split("\n## First five minutes\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    setup, calls = (indent(block, "  ") for block in blocks)
    pages = "http://127.0.0.1:8000/account/ (the account pages), " if ACCOUNT_PAGES else ""
    server = f" ({SERVERS[DATABASE]} must answer, or DATABASE_URL in .env name another)" if DATABASE in SERVERS else ""
    print(
        f"\nBaked {PROJECT_SLUG}/. Its README begins with these first five minutes{server}:\n"
        f"  cd {PROJECT_SLUG}\n{setup}"
        f"Then, in another terminal in {PROJECT_SLUG}/, an account, a token, and /users/me with it:\n{calls}"
        f"Then open {pages}http://127.0.0.1:8000/docs (the API), and run the tests with make test."
    )


def main() -> None:
    write_env_file()
    keep_database_migrations()
    keep_signing_module()
    if JWT_ALGORITHM != "HS256":
        write_development_key()
    if not ALLOW_SIGNUP:
        remove_signup_files()
    if EMAIL == "none":
        remove_email_files()
        if SOCIAL_LOGIN != "none":
            remove_email_social_login_tests()
    if SOCIAL_LOGIN == "none":
        remove_social_login_files()
    elif SOCIAL_LOGIN == "google":
        remove_provider_files("github")
    elif SOCIAL_LOGIN == "github":
        remove_provider_files("google")
    if MFA == "none":
        remove_mfa_files()
    if not ACCOUNT_PAGES:
        remove_account_pages_files()
    else:
        if EMAIL == "none":
            remove_email_pages_files()
        if MFA == "none":
            remove_mfa_pages_files()
    print_next_steps()


if __name__ == "__main__":
    main()
