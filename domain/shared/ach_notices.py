"""ACH Colombia's fixed texts that block paying a reference twice (pse.md §4, "Anexo 1.3").

They are mandated strings, not prose: only the placeholders (reference, phone, e-mail, CUS) change.
The CUS clause is for PSE only; a card held in review (4001) gets the text without it.
"""
from __future__ import annotations

_CONTACT = (
    "Si desea mayor información sobre el estado actual de su operación puede comunicarse a nuestras líneas de "
    "atención al cliente {phone} o enviar un correo electrónico a {email}"
)


def _contact(phone: str, email: str) -> str:
    # An entity configured without contacts still gets a readable sentence.
    return _CONTACT.format(phone=phone or "de la entidad", email=email or "la entidad")


def _with_cus(text: str, cus: str) -> str:
    return f"{text} y preguntar por el estado de la transacción: {cus}" if cus else f"{text}."


def pending_notice(reference: str, phone: str, email: str, cus: str = "") -> str:
    """The pending text: with the CUS for PSE (999), without it for a card in review (4001)."""
    return _with_cus(
        f"En este momento su #{reference} presenta un proceso de pago cuya transacción se encuentra PENDIENTE de "
        "recibir confirmación por parte de su entidad financiera, por favor espere unos minutos y vuelva a "
        "consultar más tarde para verificar si su pago fue confirmado de forma exitosa. " + _contact(phone, email),
        cus,
    )


def approved_notice(reference: str, phone: str, email: str, cus: str = "") -> str:
    """The text that refuses paying again a reference whose payment is already approved."""
    return _with_cus(
        f"En este momento su #{reference} ha finalizado su proceso de pago y cuya transacción se encuentra "
        "APROBADA en su entidad financiera. " + _contact(phone, email),
        cus,
    )
