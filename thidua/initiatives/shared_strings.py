"""Strings of shared modules that this app's pages show to users.

The foundation ships no Vietnamese catalog yet (reported), so upload refusals and the progress cells that the
``reform_models`` indicator fills would reach Vietnamese users in English. Listing them here puts them in this
app's catalog; drop this module once the shared catalog exists. Never imported: makemessages reads it.
"""

from django.utils.translation import gettext_noop

SHARED_STRINGS = [
    gettext_noop("The file is empty."),
    gettext_noop("The file is %(size)s; the limit is %(limit)s."),
    gettext_noop("The file's content is not an accepted type (%(accepted)s), whatever its name says."),
    gettext_noop("no data yet"),
    gettext_noop("not applicable"),
    gettext_noop("not registered"),
    gettext_noop("Approved reform models"),
]
