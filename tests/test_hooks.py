"""The hooks: refusals before generation, secrets and clean-up after it."""

import re
import stat
import subprocess
from textwrap import indent

import pytest
from cookiecutter.environment import StrictEnvironment
from cookiecutter.exceptions import FailedHookException
from cookiecutter.generate import generate_context
from cookiecutter.main import cookiecutter
from cookiecutter.prompt import prompt_for_config

from .conftest import PYTHON, TEMPLATE, bake, first_five_minutes, run


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"project_slug": "my-service"}, "project_slug 'my-service' is not a lowercase Python identifier"),
        ({"project_slug": "9lives"}, "project_slug '9lives' is not a lowercase Python identifier"),
        ({"project_name": "Class"}, "project_slug 'class' is a Python keyword"),
        ({"project_slug": "json"}, "project_slug 'json' is the name of a standard library module"),
        ({"package_name": "Service"}, "package_name 'Service' is not a lowercase Python identifier"),
        ({"package_name": "match"}, "package_name 'match' is a Python keyword"),
        ({"package_name": "asyncio"}, "package_name 'asyncio' is the name of a standard library module"),
        ({"scopes": "not json"}, "scopes 'not json' is not a JSON object"),
        ({"scopes": "[]"}, "scopes [] is not a JSON object"),
        ({"scopes": {"me": "", "users:read": "", "users:write": "", "read all": "x"}}, "scope name 'read all'"),
        ({"scopes": {"me": "", "users:read": "", "users:write": "", 'say"hi': "x"}}, "scope name 'say\"hi'"),
        ({"scopes": {"me": "", "users:read": "", "users:write": "", "a\\b": "x"}}, "scope name 'a\\\\b'"),
        ({"scopes": {"me": "", "users:read": "", "users:write": "", "tab\t": "x"}}, "scope name 'tab\\t'"),
        ({"scopes": '{"me": "", "users:read": "", "users:write": 3}'}, "scope 'users:write' has description 3"),
        ({"scopes": {"me": "", "users:read": ""}}, "scopes lacks users:write"),
        ({"default_scopes": "me admin"}, "default_scopes names 'admin', which is not in scopes"),
        ({"package_name": "a" * 31}, f"package_name '{'a' * 31}' is longer than 30 characters"),
        ({"package_name": "fastapi"}, "package_name 'fastapi' is taken by a folder or a dependency"),
        ({"package_name": "tests"}, "package_name 'tests' is taken by a folder or a dependency"),
        ({"project_name": "Migrations"}, "project_slug 'migrations' is taken by a folder or a dependency"),
        ({"author_email": "not an email"}, "author_email 'not an email' is not an email address"),
        ({"author_email": "a@b"}, "author_email 'a@b' is not an email address"),
        ({"scopes": {"me": "", "users:read": "", "users:write": "", "a,b": "x"}}, "scope name 'a,b' has a comma"),
        ({"scopes": {"me": "", "users:read": "", "users:write": "", "s" * 101: "x"}}, "is longer than 100 characters"),
        ({"default_scopes": "me,users:read"}, "default_scopes 'me,users:read' must be separated by spaces"),
        ({"default_scopes": "me me"}, "default_scopes 'me me' names a scope twice"),
        ({"default_scopes": "me users:write"}, "default_scopes names 'users:write': every new user would be an admin"),
        ({"access_token_minutes": "0"}, "access_token_minutes '0' is not a whole number of minutes"),
        ({"access_token_minutes": "ten"}, "access_token_minutes 'ten' is not a whole number of minutes"),
        ({"access_token_minutes": "015"}, "access_token_minutes '015' is not a whole number of minutes"),
        ({"access_token_minutes": " 5"}, "access_token_minutes ' 5' is not a whole number of minutes"),
        ({"access_token_minutes": "\u0661\u0665"}, "is not a whole number of minutes from 1 to 1440"),
        ({"access_token_minutes": "1441"}, "access_token_minutes '1441' is not a whole number of minutes"),
        ({"access_token_minutes": "9" * 5000}, "is not a whole number of minutes from 1 to 1440"),
        ({"refresh_token_days": "0"}, "refresh_token_days '0' is not a whole number of days from 1 to 365"),
        ({"refresh_token_days": "366"}, "refresh_token_days '366' is not a whole number of days from 1 to 365"),
        ({"refresh_token_days": "30.5"}, "refresh_token_days '30.5' is not a whole number of days"),
        ({"project_name": "Keys"}, "project_slug 'keys' is taken by a folder or a dependency"),
    ],
)
def test_bad_answers_are_refused_with_one_line_and_no_folder(tmp_path, capfd, answers, message):
    with pytest.raises(FailedHookException):
        cookiecutter(str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(tmp_path), default_config=True)

    # What the hook printed; cookiecutter's own report of the failure goes to its logger.
    hook_output = capfd.readouterr().err.splitlines()
    assert len(hook_output) == 1
    assert hook_output[0].startswith("error: ")
    assert message in hook_output[0]
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_exits_1_with_the_message_and_leaves_nothing(tmp_path):
    completed = subprocess.run(  # noqa: S603
        [
            *(PYTHON, "-m", "cookiecutter", "--default-config", "--no-input", f"--output-dir={tmp_path}"),
            *(str(TEMPLATE), "project_slug=import"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 1
    # The hook's line comes first; cookiecutter follows it with its own report and traceback.
    assert completed.stderr.splitlines()[0] == "error: project_slug 'import' is a Python keyword"
    assert list(tmp_path.iterdir()) == []


def test_each_bake_gets_its_own_secret_key_in_a_private_env_file(cookies):
    first, second = bake(cookies), bake(cookies)

    keys = []
    for project in (first, second):
        env = project / ".env"
        key = re.search(r"^SECRET_KEY=(\S+)$", env.read_text(), re.MULTILINE).group(1)
        assert len(key) >= 43  # token_urlsafe(48): 384 random bits
        assert stat.S_IMODE(env.stat().st_mode) == 0o600
        example = (project / ".env.example").read_text()
        assert key not in example
        assert "\nSECRET_KEY=change-me\n" in example
        assert ".env" in (project / ".gitignore").read_text().splitlines()
        keys.append(key)
    assert keys[0] != keys[1]


@pytest.mark.parametrize(
    ("database", "dialect_marker"), [("sqlite", "AUTOINCREMENT"), ("postgres", "SERIAL"), ("mysql", "AUTO_INCREMENT")]
)
def test_only_the_chosen_databases_migrations_are_kept(cookies, database, dialect_marker):
    project = bake(cookies, database=database)

    shipped = TEMPLATE / "{{cookiecutter.project_slug}}" / "migrations" / "by_database" / database
    kept = {app.name: sorted(path.name for path in app.iterdir()) for app in (project / "migrations").iterdir()}
    assert kept == {app.name: sorted(path.name for path in app.iterdir()) for app in shipped.iterdir()}
    # One history per app, each begun by the migration that creates its tables, in this dialect.
    first = {app: (project / "migrations" / app / names[0]) for app, names in kept.items()}
    assert {app: path.name.split("_", 2)[2] for app, path in first.items()} == {
        "models": "init.py",
        "social": "social_login.py",
        "mail": "email.py",
        "mfa": "mfa.py",
    }
    assert all(dialect_marker in path.read_text() for path in first.values())


@pytest.mark.parametrize(
    ("social_login", "kept"),
    [
        ("none", set()),
        ("google", {"google.py"}),
        ("github", {"github.py"}),
        ("google_and_github", {"google.py", "github.py"}),
    ],
)
def test_only_the_chosen_providers_files_are_kept(cookies, social_login, kept):
    project = bake(cookies, social_login=social_login)

    package, tests = project / "accounts_service" / "social", project / "tests" / "social"
    fakes = project / "fake_providers"
    assert {path.name for path in package.glob("g*.py")} == kept
    assert {path.name for path in tests.glob("test_g*.py")} == {f"test_{name}" for name in kept}
    assert {path.name for path in fakes.glob("g*.py")} == kept
    assert package.exists() is tests.exists() is fakes.exists() is bool(kept)


def test_the_hooks_as_rendered_pass_ruff(tmp_path):
    """The hook scripts are Jinja templates, so ruff sees them only once rendered."""
    context = generate_context(
        context_file=str(TEMPLATE / "cookiecutter.json"), extra_context={"project_name": 'It\'s "odd"'}
    )
    context["cookiecutter"] = prompt_for_config(context, no_input=True)
    environment = StrictEnvironment(context=context, keep_trailing_newline=True)
    for hook in ("pre_gen_project.py", "post_gen_project.py"):
        source = (TEMPLATE / "hooks" / hook).read_text()
        (tmp_path / hook).write_text(environment.from_string(source).render(**context))

    config = f"--config={TEMPLATE / 'pyproject.toml'}"
    run(PYTHON, "-m", "ruff", "check", "--no-cache", config, ".", cwd=tmp_path)
    run(PYTHON, "-m", "ruff", "format", "--check", "--no-cache", config, ".", cwd=tmp_path)


@pytest.mark.parametrize(("algorithm", "marker"), [("RS256", "BEGIN PRIVATE KEY"), ("ES256", "BEGIN PRIVATE KEY")])
def test_an_asymmetric_bake_gets_a_private_development_key_kept_out_of_git(cookies, algorithm, marker):
    project = bake(cookies, jwt_algorithm=algorithm)

    key = project / "keys" / "jwt-private.pem"
    assert marker in key.read_text()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert "keys/" in (project / ".gitignore").read_text().splitlines()


def test_without_openssl_an_asymmetric_bake_is_refused_before_any_file_is_written(tmp_path):
    # A PATH with the Python that runs cookiecutter, and no openssl.
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "python").symlink_to(PYTHON)

    completed = subprocess.run(  # noqa: S603
        [
            PYTHON,
            "-m",
            "cookiecutter",
            "--default-config",
            "--no-input",
            f"--output-dir={tmp_path}",
            str(TEMPLATE),
            "jwt_algorithm=RS256",
        ],
        env={"PATH": str(bin_folder), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 1
    assert "error: jwt_algorithm RS256 needs openssl to make the development key" in completed.stderr
    assert list(tmp_path.glob("accounts_service*")) == []


def test_the_bake_prints_its_readme_s_first_five_minutes(tmp_path):
    completed = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "cookiecutter", "--default-config", "--no-input", f"--output-dir={tmp_path}", str(TEMPLATE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    # The commands test_bakes.py runs exactly as the README writes them.
    setup, calls = first_five_minutes(tmp_path / "accounts_service")
    assert "\n  cd accounts_service\n" + indent(setup, "  ") in completed.stdout
    assert indent(calls, "  ") in completed.stdout
    assert [line.split("#")[0].split() for line in setup.splitlines()] == [
        ["make", "install", "migrate"],
        ["make", "run"],
    ]
    assert "http://127.0.0.1:8000/account/" in completed.stdout
    assert "http://127.0.0.1:8000/docs" in completed.stdout
