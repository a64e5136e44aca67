"""ORCID iDs: the format and the ISO 7064 11,2 check digit."""

import re

from django.core.exceptions import ValidationError

ORCID_FORMAT = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def orcid_check_digit(digits: str) -> str:
    """The check character of an ORCID's first 15 digits (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_orcid(value: str) -> None:
    if not ORCID_FORMAT.match(value):
        raise ValidationError(
            "Enter an ORCID iD as four groups of four characters, "
            "e.g. 0000-0002-1825-0097.",
            code="invalid_orcid",
        )
    digits = value.replace("-", "")
    if orcid_check_digit(digits[:-1]) != digits[-1]:
        raise ValidationError(
            "This ORCID iD's last character does not match the others; "
            "check it for a typo.",
            code="orcid_checksum",
        )
