"""Answers reach the baked project exactly as given, by every way cookiecutter takes them."""

import json
import subprocess
import tomllib

import pytest

from .conftest import PYTHON, TEMPLATE, bake, registered_scopes, run

# Not the default: another order, new descriptions, an extra scope and no default one missing,
# so that a merge into the default would show (in order or in content).
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


def cookiecutter_cli(*options: str, cwd, answers: tuple[str, ...] = (), input_text: str | None = None):
    return subprocess.run(  # noqa: S603
        [PYTHON, "-m", "cookiecutter", *options, str(TEMPLATE), *answers],
        cwd=cwd,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_default_scopes_arrive_as_declared(cookies):
    assert registered_scopes(bake(cookies)) == DEFAULT_SCOPES


def test_scopes_from_extra_context_replace_the_default_whole(cookies):
    assert list(registered_scopes(bake(cookies, scopes=CUSTOM_SCOPES)).items()) == list(CUSTOM_SCOPES.items())


def test_scopes_as_json_text_in_extra_context_replace_the_default_whole(cookies):
    project = bake(cookies, scopes=json.dumps(CUSTOM_SCOPES))

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

    completed = cookiecutter_cli("--no-input", f"--config-file={config}", f"--output-dir={tmp_path}", cwd=tmp_path)

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
        "allow_signup": "",
    }

    completed = cookiecutter_cli(
        f"--output-dir={tmp_path}", cwd=tmp_path, input_text="\n".join(answers.values()) + "\n"
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    project = tmp_path / "accounts_service"
    assert list(registered_scopes(project).items()) == list(CUSTOM_SCOPES.items())
    assert (
        'DEFAULT_SCOPES: tuple[str, ...] = ("me", "reports:read")'
        in (project / "accounts_service" / "scopes.py").read_text()
    )


def test_other_answers_reach_the_settings(cookies):
    project = bake(cookies, access_token_minutes="60", default_scopes="me users:read")

    package = project / "accounts_service"
    assert "access_token_minutes: int = Field(default=60, gt=0)" in (package / "settings.py").read_text()
    assert 'DEFAULT_SCOPES: tuple[str, ...] = ("me", "users:read")' in (package / "scopes.py").read_text()


def test_names_with_quotes_and_apostrophes_make_valid_python_and_toml(cookies):
    name = "O'Brien's \"Quoted\" \\ Service"
    project = bake(
        cookies,
        project_name=name,
        description='Say "hi" and don\'t \\ break',
        author_name='Zoë "Z" O\'Hara',
    )

    assert project.name == "o_brien_s_quoted_service"
    metadata = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert metadata["description"] == 'Say "hi" and don\'t \\ break'
    assert metadata["authors"][0]["name"] == 'Zoë "Z" O\'Hara'
    run(PYTHON, "-m", "ruff", "check", ".", cwd=project)
    run(PYTHON, "-m", "ruff", "format", "--check", ".", cwd=project)
    title = run(
        PYTHON, "-c", "from o_brien_s_quoted_service.main import create_app; print(create_app().title)", cwd=project
    )
    assert title.stdout.strip() == name
