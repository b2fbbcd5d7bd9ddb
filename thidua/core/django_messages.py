"""Messages that Django itself shows, listed here so that makemessages keeps our Vietnamese for them.

Django 5.2 changed the password-length message (%d instead of %(min_length)d) and its own Vietnamese catalogue has
only the old one, so a district officer setting a short password would read English.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
