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
