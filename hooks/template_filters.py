"""Jinja filters for the template, loaded by cookiecutter from `_extensions` in cookiecutter.json.

- `scope_map`: `scopes` as an ordered dict however it was answered. It is JSON text by
  default so that every way of answering replaces it whole: the prompt and the command line
  hand over text, while a config file or `extra_context` may hand over a mapping.
- `pystr`: any answer as a Python string literal, quoted the way `ruff format` would quote
  it, so that a name with quotes or backslashes makes valid, already formatted code.
- `tomlstr`: any answer as a TOML basic string.
"""

import json

from jinja2.ext import Extension


def scope_map(value):
    """Return the scopes as a dict, or the value untouched when it is not a JSON object.

    The pre-generation hook refuses anything that is not a dict, naming the value.
    """
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def pystr(value):
    text = str(value)
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = "".join(
        f"\\x{ord(char):02x}" if ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    )
    return f"{quote}{escaped}{quote}"


def tomlstr(value):
    # JSON's escapes are TOML's, except that TOML wants DEL escaped too.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


class TemplateFilters(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["scope_map"] = scope_map
        environment.filters["pystr"] = pystr
        environment.filters["tomlstr"] = tomlstr
