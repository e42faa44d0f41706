"""The pages an emailed link opens, on EMAIL_LINK_BASE. The token rides in the fragment, which a
browser never sends to a server: it reaches no access log, and no Referer."""

from ..settings import Settings

VERIFY_EMAIL_PATH = "/account/verify-email"
RESET_PASSWORD_PATH = "/account/reset-password"
CANCEL_EMAIL_CHANGE_PATH = "/account/cancel-email-change"
UNDO_EMAIL_CHANGE_PATH = "/account/undo-email-change"


def link(settings: Settings, path: str, token: str) -> str:
    return f"{settings.link_base}{path}#token={token}"
