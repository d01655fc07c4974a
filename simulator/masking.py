"""Masking for what the simulator keeps about requests: card numbers, CVVs and passwords never leave
the request that carried them (the journal stores masked bodies only)."""
from __future__ import annotations

import re

from domain.cards import luhn_is_valid

# Elements and form fields whose whole value is secret.
SECRET_NAMES = (
    "clave", "str_pwd_Comercio", "str_id_clave", "codigo_seguridad", "cvv", "password", "contrasena",
    "numero_tarjeta", "card_number", "respuesta_seguridad",
)
_SECRET_ELEMENT = re.compile(
    r"(<(?:[\w.-]+:)?(?:" + "|".join(SECRET_NAMES) + r")(?:\s[^>]*)?>)([^<]*)(</)", re.IGNORECASE)
_SECRET_FIELD = re.compile(r"((?:^|&)(?:" + "|".join(SECRET_NAMES) + r")=)([^&]*)", re.IGNORECASE)
_DIGITS = re.compile(r"(?<!\d)\d{13,19}(?!\d)")
# Values that are references, not cards: long digit runs there are ids a user must be able to read.
REFERENCE_NAMES = ("id_pago", "str_id_pago", "identificador", "str_identificador", "token", "no_pago", "ticketId",
                   "trazabilityCode", "str_ticketID")
_REFERENCE = re.compile(
    r"(<(?:[\w.-]+:)?(?:" + "|".join(REFERENCE_NAMES) + r")(?:\s[^>]*)?>)([^<]*)(</)"
    r"|((?:^|[&?])(?:" + "|".join(REFERENCE_NAMES) + r")=)([^&]*)")


def _mask_pan(match: re.Match) -> str:
    digits = match.group(0)
    return "*" * (len(digits) - 4) + digits[-4:] if luhn_is_valid(digits) else digits


def mask(text: str) -> str:
    """Secret fields become `****`; a Luhn-valid 13–19 digit run keeps only its last four digits, except
    inside reference fields (id_pago, identificador, token…), where long digit runs are ids."""
    if not text:
        return text
    text = _SECRET_ELEMENT.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = _SECRET_FIELD.sub(lambda m: f"{m.group(1)}****", text)
    kept: list[str] = []

    def keep(match: re.Match) -> str:  # set references aside so the card net below cannot touch them
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _DIGITS.sub(_mask_pan, _REFERENCE.sub(keep, text))
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text) if kept else text
