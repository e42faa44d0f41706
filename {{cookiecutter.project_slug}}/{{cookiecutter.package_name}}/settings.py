"""Configuration read from the environment and from the project's `.env` file (or the file ENV_FILE names)."""

import os
{%- if cookiecutter.email != "none" %}
from email.utils import formataddr
{%- endif %}
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Literal, TypeVar
{%- if cookiecutter.email != "none" and cookiecutter.social_login != "none" %}
from urllib.parse import urlsplit
{%- endif %}

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
{%- if cookiecutter.mfa != "none" %}

from .scopes import unknown_scopes
{%- endif %}

PROJECT_ROOT = Path(__file__).resolve().parent.parent

MIN_SECRET_KEY_BYTES = 32
PLACEHOLDER_SECRET_KEYS = {"change-me", "changeme", "change_me", "secret", "your-secret-key", "xxx"}


class StorageSettings(BaseSettings):
    """Where accounts are stored, how passwords are hashed and how logs are written: all that
    aerich and the command line need, and nothing secret, so that neither asks for SECRET_KEY."""

    # The file of settings is chosen when they are loaded (load_settings), not here.
    model_config = SettingsConfigDict(extra="ignore")

    # Kept out of repr(): the URL may hold the database password.
    database_url: str = Field(default={{ cookiecutter.__database_url | pystr }}, repr=False)
    bcrypt_rounds: int = Field(default=12, ge=4, le=31)
    # Outside development, logs are JSON lines (see logs.py) and the origins this service trusts
    # must be HTTPS{% if cookiecutter.social_login != "none" %}, and the session cookie that binds a social login to its browser is
    # sent over HTTPS only{% endif %}.
    environment: Literal["production", "development"] = "production"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("database_url")
    @classmethod
    def resolve_sqlite_path(cls, url: str) -> str:
        """A relative SQLite path means the project folder, whatever the working directory."""
        prefix = "sqlite://"
        path = url.removeprefix(prefix)
        if url.startswith(prefix) and path != ":memory:" and not Path(path).is_absolute():
            return f"{prefix}{PROJECT_ROOT / path}"
        return url

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, level: str) -> str:
        return level.upper() if isinstance(level, str) else level


class Settings(StorageSettings):
    secret_key: SecretStr = SecretStr("")
    access_token_minutes: int = Field(default={{ cookiecutter.access_token_minutes | int }}, gt=0)
    refresh_token_days: int = Field(default={{ cookiecutter.refresh_token_days | int }}, gt=0)
    # No refresh carries a login (a session) further than this from its start.
    session_max_days: int = Field(default=90, gt=0, le=3650)
    # Changing the password, the email, linked accounts or other sessions, and deleting the
    # account, need a login this recent (RFC 9470 step-up).
    reauth_minutes: int = Field(default=5, gt=0, le=24 * 60)
    # Security events (GET /users/me/events) older than this are removed.
    event_retention_days: int = Field(default=365, ge=1, le=36500)
{%- if cookiecutter.jwt_algorithm != "HS256" %}
    # The key that signs access tokens, and the public keys of retired ones, which still verify
    # the tokens they signed until those expire (see "Keys" in the README). Relative paths are
    # relative to the project folder.
    jwt_private_key_file: Path = Path("keys/jwt-private.pem")
    jwt_previous_public_key_files: Annotated[list[Path], NoDecode] = []
{%- endif %}
    jwt_issuer: str = {{ cookiecutter.project_slug | pystr }}
    jwt_audience: str = {{ cookiecutter.project_slug | pystr }}
    # Comma-separated in the environment: CORS_ORIGINS=https://app.example.com,https://admin.example.com
    cors_origins: Annotated[list[str], NoDecode] = []
    # Password logins one client address may get wrong in a window: for one username, and in all.
    login_attempts_per_account: int = Field(default=5, ge=1)
    login_attempts_per_address: int = Field(default=20, ge=1)
    login_attempt_window_seconds: int = Field(default=60, ge=1)
    # Wrong passwords for one username from all addresses together, before its password logins
    # wait (see "Limits to know" in the README).
    account_lockout_failures: int = Field(default=20, ge=1)
    account_lockout_window_minutes: int = Field(default=15, ge=1)
    # Wrong passwords sent with one device token (a client that signed in to the account before,
    # which the account's lockout does not hold back), before that token's password logins wait.
    device_lockout_failures: int = Field(default=10, ge=1)
    device_lockout_window_minutes: int = Field(default=15, ge=1)
    # Correct logins to one account, and refreshes of one session, in an hour: far more than anyone makes.
    logins_per_account_per_hour: int = Field(default=100, ge=1)
    refreshes_per_session_per_hour: int = Field(default=200, ge=1)
{%- if cookiecutter.allow_signup %}
    signups_per_address_per_hour: int = Field(default=20, ge=1)
{%- endif %}
    # Proxies whose X-Forwarded-For is believed: TRUSTED_PROXIES=10.0.0.0/8,192.0.2.7
    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = []
    # Prometheus metrics on GET /metrics (see "Metrics" in the README), answered only to the
    # client addresses in METRICS_ALLOWED (this host alone by default), 404 to everyone else.
    metrics_enabled: bool = False
    metrics_allowed: Annotated[list[IPv4Network | IPv6Network], NoDecode] = [
        ip_network("127.0.0.0/8"),
        ip_network("::1"),
    ]
{%- if cookiecutter.social_login != "none" %}

    # Social login. Outside development (ENVIRONMENT) the session cookie that binds a login
    # to its browser is sent over HTTPS only.
    social_logins_per_address_per_hour: int = Field(default=60, ge=1)
    # Where a browser lands after a social login, with a one-time code for POST /auth/token in
    # the URL fragment (a path means a page of this service); unset, the callback answers JSON.
    # Its origin and CORS_ORIGINS may be named by `next`.
{%- if cookiecutter.account_pages %}
    # The account pages' own landing (pages/routes.py) unless set otherwise; empty for JSON.
    frontend_url: str | None = "/account/"
{%- else %}
    frontend_url: str | None = None
{%- endif %}
    # Off by default: see "Linking accounts by email" in the README before turning it on.
    link_accounts_by_verified_email: bool = False
    provider_timeout_seconds: float = Field(default=10, gt=0)
{%- endif %}
{%- if cookiecutter.email != "none" %}

    # Email (see "Email" in the README). Without SMTP_HOST, in development only, messages go to
    # the log; elsewhere the app refuses to start (mail/__init__.py).
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    # implicit: TLS from the first byte (port 465); starttls: upgraded after connecting (587); none: plain.
    smtp_tls: Literal["implicit", "starttls", "none"] = "starttls"
    smtp_timeout_seconds: float = Field(default=10, gt=0)
    # Quoted as RFC 5322 needs, whatever characters the name holds.
    email_from: str = formataddr(
        ({{ cookiecutter.project_name | pystr }}, "no-reply@localhost"),
    )
    # The origin the links in messages start with (the pages are under /account/, see mail/links.py);
    # unset, {% if cookiecutter.social_login != "none" %}FRONTEND_URL's origin when it is an absolute URL, or {% endif %}in development this service on port 8000
    # (elsewhere the app then refuses to start).
    email_link_base: str | None = None
    email_verification_hours: int = Field(default=48, gt=0)
    password_reset_minutes: int = Field(default=30, gt=0, le=24 * 60)
    # Per client address and per account (or address asked about), each an hour.
    email_requests_per_address_per_hour: int = Field(default=20, ge=1)
    email_requests_per_account_per_hour: int = Field(default=5, ge=1)
    email_retention_days: int = Field(default=30, ge=1)
    # A message SMTP did not take is tried again after this, then twice as long each time (an hour at most).
    email_retry_seconds: float = Field(default=30, gt=0)
    email_max_attempts: int = Field(default=8, ge=1)
{%- endif %}
{%- if cookiecutter.mfa != "none" %}

    # A second factor (see "Two-factor sign-in" in the README). The key that seals TOTP secrets at
    # rest; unset, one derived from SECRET_KEY, so that changing SECRET_KEY then loses every TOTP.
    mfa_secret_key: SecretStr | None = None
    # How long the mfa_token of a login waiting for its factor lasts, and how many wrong codes it takes.
    mfa_token_seconds: int = Field(default=300, ge=30, le=3600)
    mfa_token_failures: int = Field(default=5, ge=1)
    # Wrong TOTP codes for one account, from all its waiting logins, before its TOTP codes wait:
    # recovery codes{% if cookiecutter.mfa == "totp_and_passkeys" %} and passkeys{% endif %} are never held back by it.
    mfa_code_failures: int = Field(default=10, ge=1)
    mfa_code_window_minutes: int = Field(default=15, ge=1)
    # Scopes whose routes need a login that used a second factor, comma-separated:
    # MFA_REQUIRED_SCOPES=users:write. Any other token gets an RFC 9470 step-up challenge there.
    mfa_required_scopes: Annotated[list[str], NoDecode] = []
{%- if cookiecutter.email != "none" %}
    # Off by default, as in django-allauth: whoever signs up with someone else's address must not
    # be able to lock its owner out with a factor of their own.
    mfa_allow_unverified_email: bool = False
{%- endif %}
{%- endif %}
{%- if "google" in cookiecutter.social_login %}
    google_client_id: str = ""
    google_client_secret: SecretStr = SecretStr("")
    google_server_metadata_url: str = "https://accounts.google.com/.well-known/openid-configuration"
{%- endif %}
{%- if "github" in cookiecutter.social_login %}
    github_client_id: str = ""
    github_client_secret: SecretStr = SecretStr("")
    # Point these at a GitHub Enterprise host to use it instead.
    github_authorize_url: str = "https://github.com/login/oauth/authorize"
    github_token_url: str = "https://github.com/login/oauth/access_token"
    github_api_base_url: str = "https://api.github.com/"
{%- endif %}

    @field_validator("secret_key"{% if cookiecutter.mfa != "none" %}, "mfa_secret_key"{% endif %})
    @classmethod
    def refuse_weak_secret_key(cls, key: SecretStr{% if cookiecutter.mfa != "none" %} | None{% endif %}) -> SecretStr{% if cookiecutter.mfa != "none" %} | None{% endif %}:
{%- if cookiecutter.mfa != "none" %}
        if key is None:
            return None
{%- endif %}
        value = key.get_secret_value()
        if not value:
            raise ValueError("is not set; make one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'")
        if value.strip().lower() in PLACEHOLDER_SECRET_KEYS:
            raise ValueError("is a placeholder; replace it with a random value")
        if len(value.encode()) < MIN_SECRET_KEY_BYTES:
            raise ValueError(f"must be at least {MIN_SECRET_KEY_BYTES} bytes long")
        return key
{% if cookiecutter.jwt_algorithm != "HS256" %}
    @field_validator("jwt_previous_public_key_files", mode="before")
    @classmethod
    def split_paths(cls, paths: str | list) -> list:
        return _comma_list(paths)

    @field_validator("jwt_private_key_file", "jwt_previous_public_key_files")
    @classmethod
    def resolve_key_paths(cls, paths: Path | list[Path]) -> Path | list[Path]:
        if isinstance(paths, list):
            return [PROJECT_ROOT / path for path in paths]
        return PROJECT_ROOT / paths
{% endif %}
    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_origins(cls, origins: str | list[str]) -> list[str]:
        return _comma_list(origins)

    @field_validator("cors_origins")
    @classmethod
    def refuse_untrusted_origins(cls, origins: list[str], info: ValidationInfo) -> list[str]:
        if "*" in origins:
            raise ValueError("must name each origin: * would let every site call this API from its visitors' browsers")
        for origin in origins:
            _require_https(origin, info)
        return origins

{%- if cookiecutter.mfa != "none" %}

    @field_validator("mfa_required_scopes", mode="before")
    @classmethod
    def split_scopes(cls, scopes: str | list[str]) -> list[str]:
        return _comma_list(scopes)

    @field_validator("mfa_required_scopes")
    @classmethod
    def refuse_unknown_scopes(cls, scopes: list[str]) -> list[str]:
        if unknown := unknown_scopes(scopes):
            raise ValueError(f"names scopes this service does not have: {', '.join(unknown)}")
        if "me" in scopes:
            # Setting up a factor needs "me": no one could.
            raise ValueError("cannot name me: setting up a second factor needs it")
        return scopes
{%- endif %}

    @field_validator("trusted_proxies", "metrics_allowed", mode="before")
    @classmethod
    def read_networks(cls, networks: str | list) -> list:
        # A single address is a network of one; "10.0.0.1/8" means 10.0.0.0/8.
        try:
            return [
                ip_network(network, strict=False) if isinstance(network, str) else network
                for network in _comma_list(networks)
            ]
        except ValueError as error:
            raise ValueError(f"must be addresses or networks ({error})") from None
{%- if cookiecutter.social_login != "none" %}

    @field_validator("frontend_url")
    @classmethod
    def require_absolute_url(cls, url: str | None, info: ValidationInfo) -> str | None:
        if url and url.startswith("/") and not url.startswith("//"):
            return url  # a page of this service, on whatever origin it is reached at
        if url and not url.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http(s) URL, or a path on this service")
        if url:
            _require_https(url, info)
        return url or None

    @field_validator(
{%- if "google" in cookiecutter.social_login %}
        "google_server_metadata_url",
{%- endif %}
{%- if "github" in cookiecutter.social_login %}
        "github_authorize_url",
        "github_token_url",
        "github_api_base_url",
{%- endif %}
    )
    @classmethod
    def require_https_provider(cls, url: str, info: ValidationInfo) -> str:
        # Codes, tokens and client secrets travel to these; the fake providers (make demo) answer
        # over plain HTTP, and are thereby refused outside development.
        _require_https(url, info)
        return url
{%- endif %}

{%- if cookiecutter.email != "none" %}

    @field_validator("email_link_base")
    @classmethod
    def require_link_origin(cls, url: str | None, info: ValidationInfo) -> str | None:
        if url and not url.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http(s) URL")
        if url:
            _require_https(url, info)
        return url.rstrip("/") if url else None

    @property
    def link_base(self) -> str | None:
{%- if cookiecutter.social_login != "none" %}
        """Where the links in messages point: EMAIL_LINK_BASE, else FRONTEND_URL's origin when it is an
        absolute URL (a path names no origin), else this service in development."""
        if self.email_link_base:
            return self.email_link_base
        if self.frontend_url and not self.frontend_url.startswith("/"):
            return _origin(self.frontend_url)
{%- else %}
        """Where the links in messages point: EMAIL_LINK_BASE, else this service in development."""
        if self.email_link_base:
            return self.email_link_base
{%- endif %}
        if self.environment == "development":
            return "http://127.0.0.1:8000"
        return None
{%- endif %}


def _require_https(url: str, info: ValidationInfo) -> None:
    # A page served over plain HTTP can be changed on its way: outside development, it is not trusted.
    if url.lower().startswith("http://") and info.data.get("environment", "production") != "development":
        raise ValueError("must use https:// (http:// is allowed only with ENVIRONMENT=development)")
{%- if cookiecutter.email != "none" and cookiecutter.social_login != "none" %}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
{%- endif %}


def _comma_list(value: str | list) -> list:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class ConfigurationError(SystemExit):
    """Stops the process with a message that names each bad setting and never its value."""


AnySettings = TypeVar("AnySettings", bound=StorageSettings)


def env_file() -> Path | None:
    """`.env` in the project folder; another file, relative to it, when ENV_FILE names one; none when
    ENV_FILE is empty (as the tests and benchmarks run: the environment alone counts)."""
    name = os.environ.get("ENV_FILE")
    if name is None:
        return PROJECT_ROOT / ".env"  # read when it is there: a deployment may have none
    if not name:
        return None
    # Named on purpose: a mistyped name must not start the service on the defaults.
    if not (PROJECT_ROOT / name).is_file():
        raise ConfigurationError(f"Configuration error: ENV_FILE names {PROJECT_ROOT / name}, which is not a file")
    return PROJECT_ROOT / name


def load_settings(kind: type[AnySettings] = Settings, **overrides) -> AnySettings:
    try:
        return kind(**{"_env_file": env_file()} | overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']).upper()} {problem['msg'].removeprefix('Value error, ')}".strip()
            for problem in error.errors()
        )
        raise ConfigurationError(f"Configuration error: {problems}") from None
