"""The card-number net: what the journal runs over every text it keeps, after secret fields were masked by
contract (simulator/control/journal_view.py). A Luhn-valid 13–19 digit run keeps only its last four digits,
except inside reference fields, whose long digit runs are ids a user must be able to read."""
from __future__ import annotations

import re

from domain.gateway.cards import luhn_is_valid

# Values that are references, not cards: long digit runs there are ids a user must be able to read.
REFERENCE_NAMES = ("id_pago", "str_id_pago", "identificador", "str_identificador", "token", "no_pago", "ticketId",
                   "trazabilityCode", "str_ticketID")


def _element_pattern(names: tuple[str, ...]) -> re.Pattern:
    """An XML element's text, whatever its prefix."""
    return re.compile(r"(<(?:[\w.-]+:)?(?:" + "|".join(names) + r")(?:\s[^>]*)?>)([^<]*)(</)", re.IGNORECASE)


def _field_pattern(names: tuple[str, ...]) -> re.Pattern:
    """A form field's value (kept apart from the XML pattern: an alternative tried at every position is slow)."""
    return re.compile(r"((?:^|[&?])(?:" + "|".join(names) + r")=)([^&]*)", re.IGNORECASE)


_REFERENCE_ELEMENT = _element_pattern(REFERENCE_NAMES)
_REFERENCE_FIELD = _field_pattern(REFERENCE_NAMES)
_DIGITS = re.compile(r"(?<!\d)\d{13,19}(?!\d)")
_LONG_RUN = re.compile(r"\d{13}")
_NINES = bytes.maketrans(b"012345678", b"999999999")


def has_long_digit_run(text: str) -> bool:
    """True when `text` holds 13 digits in a row, the shortest card number: the test every journal entry
    takes, so ASCII text (nearly all) is checked with a byte translation, ten times faster than the regex."""
    if text.isascii():
        return b"9999999999999" in text.encode("ascii").translate(_NINES)
    return _LONG_RUN.search(text) is not None


def _mask_pan(match: re.Match) -> str:
    digits = match.group(0)
    return "*" * (len(digits) - 4) + digits[-4:] if luhn_is_valid(digits) else digits


def mask_cards(text: str) -> str:
    """Every Luhn-valid 13–19 digit run keeps only its last four digits, except inside reference fields
    (id_pago, identificador, token…), where long digit runs are ids. Cheap when there is no long run."""
    if not text or not has_long_digit_run(text):
        return text
    kept: list[str] = []

    def keep(match: re.Match) -> str:  # set references aside so the card net below cannot touch them
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _REFERENCE_ELEMENT.sub(keep, text) if "<" in text else text
    lowered = text.lower()
    if any(f"{name.lower()}=" in lowered for name in REFERENCE_NAMES):
        text = _REFERENCE_FIELD.sub(keep, text)
    text = _DIGITS.sub(_mask_pan, text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text) if kept else text


def mask_response(text: str) -> str:
    """Answers carry no secret fields (the simulator never echoes passwords, CVVs or card numbers it was sent
    in those fields), so only the card-number net runs on them: a merchant may still have put a card number in
    free text that an answer repeats (a description in str_res_pago)."""
    return mask_cards(text)
