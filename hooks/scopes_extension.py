"""Jinja filter that gives the templates `scopes` as an ordered dict however it was answered.

`scopes` is JSON text by default so that every way of answering replaces it whole: the
prompt and the command line hand over text, while a config file or `extra_context` may
hand over a mapping. cookiecutter loads this module from the template's own folder
(`_extensions` in cookiecutter.json).
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


class ScopesExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["scope_map"] = scope_map
