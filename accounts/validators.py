"""A breached-password check that works offline.

`breached-passwords.txt.gz` lists passwords seen in public breach corpora and
password-spraying lists, with Vietnamese favourites (see docs/security.md for
how to extend it). The check also catches the usual disguises: case, leading
or trailing digits and symbols, and leetspeak.
"""

import gzip
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIST_PATH = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})


@cache
def _breached():
    with gzip.open(LIST_PATH, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def _variants(password):
    lowered = password.lower()
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
    yield lowered
    yield core
    yield lowered.translate(LEET)
    yield core.translate(LEET)
    yield re.sub(r"[\W_]+", "", lowered)


class BreachedPasswordValidator:
    """Refuse passwords on the bundled breach list, also when lightly disguised."""

    def validate(self, password, user=None):
        breached = _breached()
        for variant in _variants(password):
            if len(variant) >= 4 and variant in breached:
                raise ValidationError(
                    _("This password appears in lists of leaked passwords. Choose another one."),
                    code="password_breached",
                )

    def get_help_text(self):
        return _("Your password must not be one that has leaked in known data breaches.")
