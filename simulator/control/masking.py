"""Masking for what the simulator keeps about requests: card numbers, CVVs and passwords never leave
the request that carried them (the journal stores masked bodies only)."""
from __future__ import annotations

import re

from domain.gateway.cards import luhn_is_valid

# Elements and form fields whose whole value is secret.
SECRET_NAMES = (
    "clave", "str_pwd_Comercio", "str_id_clave", "codigo_seguridad", "cvv", "password", "contrasena",
    "numero_tarjeta", "card_number", "respuesta_seguridad",
)
# Values that are references, not cards: long digit runs there are ids a user must be able to read.
REFERENCE_NAMES = ("id_pago", "str_id_pago", "identificador", "str_identificador", "token", "no_pago", "ticketId",
                   "trazabilityCode", "str_ticketID")


def _element_pattern(names: tuple[str, ...]) -> re.Pattern:
    """An XML element's text, whatever its prefix."""
    return re.compile(r"(<(?:[\w.-]+:)?(?:" + "|".join(names) + r")(?:\s[^>]*)?>)([^<]*)(</)", re.IGNORECASE)


def _field_pattern(names: tuple[str, ...]) -> re.Pattern:
    """A form field's value (kept apart from the XML pattern: an alternative tried at every position is slow)."""
    return re.compile(r"((?:^|[&?])(?:" + "|".join(names) + r")=)([^&]*)", re.IGNORECASE)


# Patterns per secret name: each runs only when its name occurs in the text in that shape.
_SECRETS = [(name.lower(), _element_pattern((name,)), _field_pattern((name,))) for name in SECRET_NAMES]
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


def _hide_element(match: re.Match) -> str:
    return f"{match.group(1)}****{match.group(3)}"


def _hide_field(match: re.Match) -> str:
    return f"{match.group(1)}****"


def _mask_pan(match: re.Match) -> str:
    digits = match.group(0)
    return "*" * (len(digits) - 4) + digits[-4:] if luhn_is_valid(digits) else digits


def mask_response(text: str) -> str:
    """Answers carry no secret fields (the simulator never echoes passwords, CVVs or card numbers it
    was sent in those fields), so only the card-number net runs on them: a merchant may still have put a
    card number in free text that an answer repeats (a description in str_res_pago)."""
    if not text or not has_long_digit_run(text):
        return text
    return mask(text)


def mask(text: str) -> str:
    """Secret fields become `****`; a Luhn-valid 13–19 digit run keeps only its last four digits, except
    inside reference fields (id_pago, identificador, token…), where long digit runs are ids.

    Cheap when there is nothing to hide: each pattern runs only if a substring test says it can match.
    """
    if not text:
        return text
    lowered = text.lower()
    is_xml = "<" in text
    for name, element, field in _SECRETS:
        if name in lowered:
            text = element.sub(_hide_element, text) if is_xml else text
            text = field.sub(_hide_field, text) if f"{name}=" in lowered else text
    if not has_long_digit_run(text):
        return text
    kept: list[str] = []

    def keep(match: re.Match) -> str:  # set references aside so the card net below cannot touch them
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _REFERENCE_ELEMENT.sub(keep, text) if is_xml else text
    if any(f"{name.lower()}=" in lowered for name in REFERENCE_NAMES):
        text = _REFERENCE_FIELD.sub(keep, text)
    text = _DIGITS.sub(_mask_pan, text)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text) if kept else text
