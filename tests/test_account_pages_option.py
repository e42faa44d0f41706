"""account_pages=no bakes none of the pages: no package, no tests, no dependency, no landing."""

import re
import tomllib

from .conftest import bake, text_files


def test_without_account_pages_nothing_of_them_is_baked(cookies):
    # Without email too, whose messages are Jinja2 templates as well.
    project = bake(cookies, account_pages=False, email="none")

    package = project / "accounts_service"
    assert not (package / "pages").exists()
    assert not (project / "tests" / "pages").exists()
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert not any(name.lower().startswith("jinja2") for name in pyproject["project"]["dependencies"])
    assert "browser" not in pyproject["project"]["optional-dependencies"]
    assert "frontend_url: str | None = None" in (package / "settings.py").read_text()
    for path in text_files(project):
        assert not re.search(r"account_pages|account_refresh|playwright", path.read_text(), re.IGNORECASE), path


def test_with_account_pages_the_app_lands_provider_logins_on_them(cookies):
    project = bake(cookies)

    package = project / "accounts_service"
    assert (package / "pages" / "templates" / "account.html").exists()
    assert 'frontend_url: str | None = "/account/"' in (package / "settings.py").read_text()
    assert "add_account_pages(app, settings)" in (package / "main.py").read_text()


def test_without_mfa_the_pages_hold_nothing_of_it_but_includes_that_find_no_file(cookies):
    project = bake(cookies, mfa="none")

    # Copied unrendered, base.html and account.html include the option's parts if they are there.
    includes = re.compile(r'{% include "(second_factor|account_mfa)\.html" ignore missing %}')
    pages = [*text_files(project / "accounts_service" / "pages"), *text_files(project / "tests" / "pages")]
    assert pages
    for path in pages:
        text = includes.sub("", path.read_text())
        assert not re.search(r"mfa|second.factor|two-factor|\botp\b", text, re.IGNORECASE), path
