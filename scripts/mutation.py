"""`make mutation`: how many small deliberate bugs in a default bake's security code its tests catch.

Each module is mutated by mutmut in a bake of its own (under mutation/, git-ignored), running
only the test files that cover it: mutmut then runs, for each mutant, just the tests that
call the mutated function. Prints each module's score and the mutants that survived; the
docs/mutation-testing.md lists the survivors known to be equivalent (no test could tell them apart).
Arguments narrow it to some modules: `make mutation MODULES="throttling routes/token"`.
MUTATION_CHILDREN sets how many mutants are tried at once (one per core by default; more pays
for modules whose tests mostly wait, as the email sender's do).
"""

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
WORK = TEMPLATE / "mutation"
BIN = Path(sys.executable).parent
PACKAGE = "accounts_service"
TARGET = 0.9
# A mutant is caught when its tests fail, or hang past mutmut's timeout (a suite that never ends
# fails in CI too), as mutmut's own score counts them.
CAUGHT = ("killed", "timeout")

MAIL = [
    "tests/mail/test_taking_back.py",
    "tests/mail/test_password_reset.py",
    "tests/mail/test_verification.py",
    "tests/mail/test_notices.py",
    "tests/mail/test_outbox.py",
    "tests/mail/test_status.py",
    "tests/mail/test_link_base.py",
    "tests/mail/test_mail_logs.py",
    "tests/pages/test_email_pages.py",
]
MFA = ["tests/mfa/test_totp.py", "tests/mfa/test_step_up.py"]
SOCIAL = [
    "tests/social/test_social_login.py",
    "tests/social/test_google.py",
    "tests/social/test_github.py",
    "tests/social/test_reauthentication.py",
    "tests/social/test_social_guards.py",
    "tests/social/test_code_exchange.py",
]
# Each security-critical module, and the test files that exercise it; a module that later work
# adds goes here too.
MODULES = {
    "security": [
        "tests/test_guarded_routes.py",
        "tests/test_users.py",
        "tests/test_logout.py",
        "tests/test_reauthentication.py",
        "tests/test_sessions.py",
        "tests/test_logs.py",
    ],
    "tokens": [
        "tests/test_guarded_routes.py",
        "tests/test_token.py",
        "tests/test_refresh_tokens.py",
        "tests/test_sessions.py",
        "tests/test_reauthentication.py",
    ],
    "refresh_tokens": [
        "tests/test_refresh_tokens.py",
        "tests/test_logout.py",
        "tests/test_token.py",
        "tests/test_sessions.py",
        "tests/test_reauthentication.py",
        "tests/pages/test_browser_session.py",
    ],
    "passwords": [
        "tests/test_app.py",
        "tests/test_token.py",
        "tests/test_password_checks.py",
        "tests/test_users.py",
        "tests/test_signup.py",
        "tests/test_cli.py",
    ],
    "throttling": [
        "tests/test_throttling.py",
        "tests/test_guessing.py",
        "tests/test_device_tokens.py",
        "tests/test_success_limits.py",
        "tests/test_signup_limits.py",
        "tests/test_metrics.py",
        "tests/mail/test_password_reset.py",
        "tests/mail/test_verification.py",
    ],
    "routes/token": [
        "tests/test_token.py",
        "tests/test_device_tokens.py",
        "tests/test_success_limits.py",
        "tests/test_password_checks.py",
        "tests/test_refresh_tokens.py",
        "tests/test_throttling.py",
        "tests/test_sessions.py",
        "tests/social/test_code_exchange.py",
        "tests/social/test_reauthentication.py",
        "tests/test_events.py",
        "tests/pages/test_browser_session.py",
        "tests/test_logs.py",
        "tests/test_metrics.py",
    ],
    "routes/users": [
        "tests/test_users.py",
        "tests/test_logout.py",
        "tests/test_admin_guards.py",
        "tests/test_concurrent_changes.py",
        "tests/test_events.py",
        "tests/test_guessing.py",
        "tests/test_reauthentication.py",
        "tests/mail/test_notices.py",
        "tests/mail/test_verification.py",
    ],
    "social/states": SOCIAL,
    "social/accounts": [*SOCIAL, "tests/social/test_social_events.py", "tests/social/test_linking_by_email.py"],
    "social/routes": [*SOCIAL, "tests/social/test_social_events.py", "tests/social/test_social_logs.py"],
    "sessions": [
        "tests/test_sessions.py",
        "tests/test_logout.py",
        "tests/test_reauthentication.py",
        "tests/test_refresh_tokens.py",
    ],
    "lookups": [
        "tests/test_lookups.py",
        "tests/test_guarded_routes.py",
        "tests/test_sessions.py",
        "tests/test_logout.py",
        "tests/test_users.py",
    ],
    "routes/sessions": ["tests/test_sessions.py", "tests/test_reauthentication.py", "tests/test_events.py"],
    "admins": [
        "tests/test_users.py",
        "tests/test_admin_guards.py",
        "tests/test_concurrent_changes.py",
        "tests/test_events.py",
    ],
    "devices": ["tests/test_sessions.py", "tests/test_refresh_tokens.py"],
    "device_tokens": ["tests/test_device_tokens.py", "tests/pages/test_browser_session.py"],
    "grants": ["tests/test_token.py", "tests/test_discovery.py", "tests/social/test_code_exchange.py"],
    "social/codes": [*SOCIAL, "tests/social/test_social_events.py"],
    # Added by the email, account pages, audit trail and operations work.
    "events": ["tests/test_events.py", "tests/social/test_social_events.py", "tests/mail/test_notices.py"],
    "mail/tokens": MAIL,
    "mail/addresses": [
        *MAIL,
        "tests/social/test_linking_by_email.py",
        "tests/social/test_social_login.py",
        "tests/test_users.py",
        "tests/test_signup.py",
        "tests/test_admin_guards.py",
    ],
    "mail/outbox": MAIL,
    "mail/routes": [*MAIL, "tests/social/test_linking_by_email.py", "tests/test_events.py"],
    "pages/browser_session": [
        "tests/pages/test_browser_session.py",
        "tests/pages/test_email_pages.py",
        "tests/pages/test_mfa_pages.py",
    ],
    # Added by taking an account back.
    "routes/recovery": ["tests/mail/test_taking_back.py", "tests/social/test_linking_by_email.py"],
    "mail/messages": MAIL,
    "mail/notices": MAIL,
    "mail/status": MAIL,
    # Added by the second factor.
    "mfa/totp": MFA,
    "mfa/recovery_codes": MFA,
    "mfa/logins": [*MFA, "tests/social/test_second_factor.py", "tests/mail/test_second_factor.py"],
    "mfa/routes": MFA,
}


# Lines left out of the count, marked for mutmut in the mutation bake alone (the generated project
# carries no mutmut pragma): every mutation of them is equivalent, so that no test could tell it
# from the original, or they run only at import, before mutmut switches a mutant in. docs/mutation-testing.md
# ("Mutation testing") says why for each; a line no longer in the code stops the run.
UNCOUNTED = {
    "tokens": [
        # The text of an exception that ends in a fixed 401 answer.
        "raise InvalidTokenError(str(error)) from error",
        'raise InvalidTokenError("not an access token")',
        'raise InvalidTokenError("malformed sid or auth_time")',
        # The cache of verified tokens: a miss verifies the token again, to the same result.
        "access = verified.get(key)",
        "verified[key] = access",
        "if len(verified) > VERIFIED_TOKENS_KEPT:",
        "verified.popitem(last=False)",
    ],
    # Any length of 16 bytes or more does the same job.
    "refresh_tokens": ["nonce = secrets.token_urlsafe(16)"],
    "device_tokens": ["nonce = secrets.token_urlsafe(16)"],
    "passwords": [
        # Linux, where the tests run, raises neither.
        "with contextlib.suppress(OSError, AttributeError):",
        # Without a dummy hash passlib checks against one of its own, at the same cost; any
        # length of random password does.
        "self._dummy_hash = self._context.hash(secrets.token_urlsafe(32))",
        "self._context.verify(password, self._dummy_hash)",
    ],
    "routes/token": ["def form_body(required: list[str], properties: dict[str, dict]) -> dict:"],
    # Any length of 16 bytes or more does the same job.
    "mail/tokens": ["token = secrets.token_urlsafe(32)"],
    # Never reached in the bake measured, which opens accounts (the sign-up-off bake tests it).
    "social/routes": ["except accounts.SignupClosed:"],
    "lookups": [
        # Each lookup is made at import, before mutmut switches a mutant in.
        "def __init__(self, query: Callable[..., QuerySet[Row]]) -> None:",
        # The SQL kept per dialect: a process that uses one database, as every test's does, finds
        # it under any one key.
        "dialect = connection.capabilities.dialect",
    ],
}


def bake(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(
        [BIN / "cookiecutter", "--no-input", "--output-dir", str(folder), str(TEMPLATE)],
        check=True,
        capture_output=True,
    )
    project = folder / PACKAGE
    (project / ".env").unlink()  # as a fresh clone would be
    return project


def is_route(decorator: ast.expr) -> bool:
    """`@router.get(...)`, `@users_router.patch(...)` and the like."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and isinstance(decorator.func.value, ast.Name)
        and decorator.func.value.id.endswith("router")
    )


def register_routes_after(source: str) -> str:
    """The module with each route handler registered by a call after its definition instead of a
    decorator, in the same order: mutmut 3 leaves decorated functions alone, and the routes are
    where a request's checks are made."""
    lines = source.splitlines()
    handlers = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(map(is_route, node.decorator_list)):
            # Anything else would leave the handler decorated, unmeasured without a word.
            if not all(map(is_route, node.decorator_list)) or node.col_offset:
                raise SystemExit(f"{node.name}: a route handler with other decorators, or nested, is not measured")
            handlers.append(node)
    handlers.sort(key=lambda handler: handler.lineno)
    for handler in reversed(handlers):
        registration = handler.name
        for decorator in reversed(handler.decorator_list):
            registration = f"{ast.get_source_segment(source, decorator)}({registration})"
        lines[handler.end_lineno : handler.end_lineno] = [registration]
        del lines[handler.decorator_list[0].lineno - 1 : handler.decorator_list[-1].end_lineno]
    return "\n".join(lines) + "\n"


def configure(project: Path, module: str, tests: list[str]) -> None:
    """mutmut's settings in the bake's pyproject.toml: this module alone, these tests alone, its
    route handlers undecorated, its uncounted lines marked."""
    source = project / PACKAGE / f"{module}.py"
    lines = register_routes_after(source.read_text()).splitlines()
    for uncounted in UNCOUNTED.get(module, []):
        found = [number for number, line in enumerate(lines) if line.strip() == uncounted]
        if not found:
            raise SystemExit(
                f"{module}.py has no line {uncounted!r} any more: update UNCOUNTED and docs/mutation-testing.md"
            )
        # A function or an except clause is left out whole; any other line, alone.
        pragma = "# pragma: no mutate" + (" block" if uncounted.startswith(("def ", "except ")) else "")
        for number in found:
            lines[number] += f"  {pragma}"
    source.write_text("\n".join(lines) + "\n")
    with (project / "pyproject.toml").open("a") as pyproject:
        pyproject.write(
            "\n[tool.mutmut]\n"
            f'source_paths = ["{PACKAGE}"]\n'
            f'only_mutate = ["{PACKAGE}/{module}.py"]\n'
            f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
            # What the tests import from outside the package.
            'also_copy = ["migrations", "fake_providers"]\n'
            # Forked from a process that ran the tests, a worker inherits the bcrypt thread pool without its threads.
            'process_isolation = "forkserver"\n'
        )


def mutmut(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "mutmut", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"},
    )


def measure(module: str, tests: list[str]) -> tuple[int, int, list[str]]:
    """(caught, total, the survivors' diffs) for one module."""
    project = bake(WORK / module.replace("/", "."))
    configure(project, module, tests)
    run = mutmut(project, "run", "--max-children", os.environ.get("MUTATION_CHILDREN", str(os.cpu_count() or 2)))
    if run.returncode != 0:
        raise SystemExit(f"mutmut could not run {module}'s tests:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    stats = mutmut(project, "export-cicd-stats")
    if stats.returncode != 0 or not (project / "mutants" / "mutmut-cicd-stats.json").exists():
        raise SystemExit(f"mutmut found nothing to report for {module}:\n{stats.stdout}{stats.stderr}")
    counts = json.loads((project / "mutants" / "mutmut-cicd-stats.json").read_text())
    survivors = []
    for line in mutmut(project, "results").stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name and status not in CAUGHT:
            survivors.append(f"{status}: {mutmut(project, 'show', name).stdout.strip()}")
    return sum(counts[status] for status in CAUGHT), counts["total"], survivors


def main(chosen: list[str]) -> int:
    unknown = set(chosen) - set(MODULES)
    if unknown:
        raise SystemExit(f"unknown module(s): {' '.join(sorted(unknown))}; choose from: {' '.join(MODULES)}")
    below = []
    for module, tests in MODULES.items():
        if chosen and module not in chosen:
            continue
        caught, total, survivors = measure(module, tests)
        score = caught / total if total else 1.0
        print(f"{module}: {caught}/{total} mutants caught ({score:.0%})", flush=True)
        for survivor in survivors:
            print("    " + survivor.replace("\n", "\n    "), flush=True)
        if score < TARGET:
            below.append(module)
    if below:
        print(f"below {TARGET:.0%}: {' '.join(below)}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
