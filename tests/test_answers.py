"""Answers reach the baked project exactly as given, by every way cookiecutter takes them."""

import json
import subprocess
import tomllib

import pytest

from .conftest import PYTHON, TEMPLATE, bake, constant, registered_scopes, run

# Not the default: another order, new descriptions and an extra scope, so that a merge into
# the default would show.
CUSTOM_SCOPES = {
    "reports:read": "Read the monthly reports",
    "users:write": "Change anyone",
    "me": "Your own account",
    "users:read": "See everyone",
}
DEFAULT_SCOPES = {
    "me": "Read and change your own account",
    "users:read": "List and read every user",
    "users:write": "Grant or withdraw scopes and deactivate users",
}
# Every text answer at its oddest: quotes of both kinds, a backslash, a tab, a newline, braces,
# letters outside ASCII. tests/test_bakes.py runs a bake with these answers as its README says,
# its own tests included.
ODD_NAME = "O'Brien's \"Quoted\" \\ Service\twith a tab and a very long name indeed"
ODD_ANSWERS = {
    "project_name": ODD_NAME,
    "description": 'Say "hi",\nand don\'t \\ break {braces} é ✓',
    "author_name": 'Zoë "Z" O\'Hara',
    "scopes": DEFAULT_SCOPES
    | {"reports:read": "Read the reports, all of them: \"quoted\", 'single', \\ and ✓ too " * 3},
    "default_scopes": "me users:read reports:read",
}
ODD_PACKAGE = "o_brien_s_quoted_service_with"


def cookiecutter_cli(*options: str, cwd, answers: tuple[str, ...] = (), input_text: str | None = None):
    # --default-config: the person running the tests may have a ~/.cookiecutterrc of their own.
    return subprocess.run(  # noqa: S603
        [PYTHON, "-m", "cookiecutter", "--default-config", *options, str(TEMPLATE), *answers],
        cwd=cwd,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def default_scopes(project) -> tuple[str, ...]:
    return constant(project / "accounts_service" / "scopes.py", "DEFAULT_SCOPES")


def test_every_prompt_shows_a_label_of_its_own(tmp_path):
    context = json.loads((TEMPLATE / "cookiecutter.json").read_text())
    questions = [name for name in context if not name.startswith("_")]

    completed = cookiecutter_cli(f"--output-dir={tmp_path}", cwd=tmp_path, input_text="\n" * len(questions))

    assert completed.returncode == 0, completed.stderr
    shown = " ".join(completed.stdout.split())  # as the terminal wrapped it, unwrapped
    for number, name in enumerate(questions, 1):
        label = context["__prompts__"][name]
        label = label["__prompt__"] if isinstance(label, dict) else label
        assert label != name
        assert f"[{number}/{len(questions)}] {' '.join(label.split())}" in shown


def test_default_scopes_arrive_as_declared(cookies):
    project = bake(cookies)

    assert list(registered_scopes(project).items()) == list(DEFAULT_SCOPES.items())
    assert default_scopes(project) == ("me",)


@pytest.mark.parametrize("as_text", [False, True], ids=["dict", "json-text"])
def test_scopes_from_extra_context_replace_the_default_whole(cookies, as_text):
    project = bake(cookies, scopes=json.dumps(CUSTOM_SCOPES) if as_text else CUSTOM_SCOPES)

    assert list(registered_scopes(project).items()) == list(CUSTOM_SCOPES.items())


def test_scopes_from_the_command_line_replace_the_default_whole(tmp_path):
    completed = cookiecutter_cli(
        "--no-input", f"--output-dir={tmp_path}", answers=(f"scopes={json.dumps(CUSTOM_SCOPES)}",), cwd=tmp_path
    )

    assert completed.returncode == 0, completed.stderr
    assert list(registered_scopes(tmp_path / "accounts_service").items()) == list(CUSTOM_SCOPES.items())


@pytest.mark.parametrize("as_text", [False, True], ids=["yaml-mapping", "json-text"])
def test_scopes_from_a_config_file_replace_the_default_whole(tmp_path, as_text):
    value = json.dumps(json.dumps(CUSTOM_SCOPES)) if as_text else json.dumps(CUSTOM_SCOPES)
    config = tmp_path / "config.yaml"
    config.write_text(f"default_context:\n  scopes: {value}\n")  # JSON is YAML

    completed = subprocess.run(  # noqa: S603
        [
            PYTHON,
            "-m",
            "cookiecutter",
            "--no-input",
            f"--config-file={config}",
            f"--output-dir={tmp_path}",
            str(TEMPLATE),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert list(registered_scopes(tmp_path / "accounts_service").items()) == list(CUSTOM_SCOPES.items())


def test_scopes_typed_at_the_prompt_replace_the_default_whole(tmp_path):
    answers = {
        "project_name": "",
        "project_slug": "",
        "package_name": "",
        "description": "",
        "author_name": "",
        "author_email": "",
        "database": "",
        "scopes": json.dumps(CUSTOM_SCOPES),
        "default_scopes": "me reports:read",
        "access_token_minutes": "",
        "refresh_token_days": "",
        "allow_signup": "",
        "social_login": "",
        "jwt_algorithm": "",
        "email": "",
        "account_pages": "",
        "mfa": "",
    }

    completed = cookiecutter_cli(
        f"--output-dir={tmp_path}", cwd=tmp_path, input_text="\n".join(answers.values()) + "\n"
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    project = tmp_path / "accounts_service"
    assert list(registered_scopes(project).items()) == list(CUSTOM_SCOPES.items())
    assert default_scopes(project) == ("me", "reports:read")


def test_other_answers_reach_the_settings(cookies):
    project = bake(cookies, access_token_minutes="60", refresh_token_days="7", default_scopes="me users:read")

    # What the baked service runs with when nothing in its environment says otherwise.
    shown = run(
        PYTHON,
        "-c",
        "from accounts_service.settings import Settings; settings = Settings(_env_file=None, secret_key='s' * 48); "
        "print(settings.access_token_minutes, settings.refresh_token_days)",
        cwd=project,
    )
    assert shown.stdout.split() == ["60", "7"]
    assert "# ACCESS_TOKEN_MINUTES=60" in (project / ".env.example").read_text()
    assert "# REFRESH_TOKEN_DAYS=7" in (project / ".env.example").read_text()
    assert default_scopes(project) == ("me", "users:read")


def test_odd_answers_make_a_project_that_lints_and_builds(cookies, tmp_path):
    project = bake(cookies, **ODD_ANSWERS, social_login="github")

    assert project.name == ODD_PACKAGE
    metadata = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert metadata["description"] == ODD_ANSWERS["description"]
    assert metadata["authors"][0]["name"] == ODD_ANSWERS["author_name"]
    package = project / ODD_PACKAGE
    assert list(constant(package / "scopes.py", "SCOPES").items()) == list(ODD_ANSWERS["scopes"].items())
    run(PYTHON, "-m", "ruff", "check", ".", cwd=project)
    run(PYTHON, "-m", "ruff", "format", "--check", ".", cwd=project)
    # In development, where the email option needs no SMTP server to start.
    shown = run(
        PYTHON,
        "-c",
        "from email.utils import parseaddr; from o_brien_s_quoted_service_with.main import create_app; "
        "app = create_app(); print(repr((app.title, app.description, parseaddr(app.state.settings.email_from))))",
        cwd=project,
        env={"ENVIRONMENT": "development"},
    )
    assert shown.stdout.strip() == repr((ODD_NAME, ODD_ANSWERS["description"], (ODD_NAME, "no-reply@localhost")))
    run(PYTHON, "-m", "pip", "wheel", "--no-deps", "--quiet", f"--wheel-dir={tmp_path}", ".", cwd=project)
    assert [wheel.name for wheel in tmp_path.glob("*.whl")] == ["o_brien_s_quoted_service_with-0.1.0-py3-none-any.whl"]
