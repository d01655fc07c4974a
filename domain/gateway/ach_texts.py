"""ACH Colombia's fixed texts that a PSE merchant page must show word for word (pse.md §4, Anexos 1.2 y 1.3).

They are mandated strings, not prose: only the placeholders (reference, phone, e-mail, CUS) change. The
Anexo 1.3 texts live in domain/shared/ach_notices.py (the recaudo portal shows them too); the gateway is the
merchant towards ACH, so here the contacts are the merchant's.
"""
from __future__ import annotations

from domain.shared.ach_notices import approved_notice, pending_notice
from domain.gateway.merchant import Merchant

BANK_LIST_UNAVAILABLE = "No se pudo obtener la lista de Entidades Financieras, por favor intente más tarde"

# A merchant configured without contacts still gets a readable sentence.
NO_PHONE, NO_EMAIL = "del comercio", "la dirección del comercio"


def pending_message(reference: str, merchant: Merchant, cus: str = "") -> str:
    """The pending text (Anexo 1.3): with the CUS for PSE (999), without it for a card in review (4001)."""
    return pending_notice(reference, merchant.support_phone or NO_PHONE, merchant.support_email or NO_EMAIL, cus)


def approved_message(reference: str, merchant: Merchant, cus: str = "") -> str:
    """The text that blocks paying again a reference whose payment is already approved (Anexo 1.3)."""
    return approved_notice(reference, merchant.support_phone or NO_PHONE, merchant.support_email or NO_EMAIL, cus)


def create_failure_message(return_code: str, merchant: Merchant) -> str:
    """What the payer reads when createTransactionPayment does not answer SUCCESS (Anexo 1.2)."""
    phone, email = merchant.support_phone or NO_PHONE, merchant.support_email or "del comercio"
    if return_code == "FAIL_EXCEEDEDLIMIT":
        return (
            "El monto de la transacción excede los límites establecidos en PSE para la empresa, por favor "
            f"comuníquese con nuestras líneas de atención al cliente al teléfono {phone} o al correo "
            f"electrónico {email}."
        )
    if return_code == "FAIL_BANKUNREACHEABLE":
        return (
            "La entidad financiera no puede ser contactada para iniciar la transacción, por favor seleccione otra "
            "o intente más tarde."
        )
    return (
        "No se pudo crear la transacción, por favor intente más tarde o comuníquese con nuestras líneas de "
        f"atención al cliente al teléfono {phone} o al correo electrónico {email}."
    )
