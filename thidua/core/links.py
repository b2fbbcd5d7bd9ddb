"""Links to one page per unit for many units at once: the route reversed once, each code set into it.

An indicator measures a thousand units in one call and gives each a link to its evidence; ``reverse`` for each
of them was a noticeable part of opening an evaluation round. ``code_link(name)`` returns a function that gives
``reverse(name, args=[code])`` for every code, reversing the route once: a code of letters, digits, "-" and "_"
(what a slug is, and what ``reverse`` leaves as it is) is set into the reversed path; any other code goes through
``reverse`` itself, so the link is always the one ``reverse`` would give, or its error.
"""

import re
from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = "0placeholder0code0"
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


def code_link(name: str) -> Callable[[str], str]:
    """``link(code)`` == ``reverse(name, args=[code])``, for a route whose one argument is a slug or str."""
    prefix, found, suffix = reverse(name, args=[_PLACEHOLDER]).partition(_PLACEHOLDER)
    if not found or _PLACEHOLDER in suffix:
        return lambda code: reverse(name, args=[code])

    def link(code: str) -> str:
        if _PLAIN.fullmatch(code):
            return prefix + code + suffix
        return reverse(name, args=[code])

    return link
