"""Use case: a merchant starts a payment through the REST generation (`Apis_CicloPago/api/InicioPago`).

The same start as inicio_pagoV2 (domain/gateway/usecases/start.py: credentials, amounts, magic values, one
payment per reference, the first attempt 888) in the order zonapagos-ws.md §8a documents — credentials, code 50
when the merchant collects by PSE, the `str_id_pago` format, amount above zero, IVA not above the total — plus
the page settings of `AdicionalesConfiguracion` and the rut that opens the page. With code 200 = "1" the start
is a card registration (tokenization): the amounts may be omitted.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.gateway.payment import Payment, check_characters
from domain.gateway.payment_settings import (
    TOKENIZATION, Item, PaymentSettings, configured, required_service_code, settings_from,
)
from domain.gateway.rut import new_rut
from domain.gateway.usecases.start import StartPayment, authenticated_merchant, check_service_code, record_start
from domain.shared.errors import DomainError
from domain.shared.money import Money
from ports.clock import Clock
from ports.gateway_store import GatewayStore


@dataclass(frozen=True)
class RestStart:
    start: StartPayment  # with `user`: the REST start opens with the merchant's user and password
    configuration: tuple[Item, ...] = ()
    additional: tuple[Item, ...] = ()
    extra_optional: tuple[str, str] = ("", "")  # str_opcional4, str_opcional5


def check_reference(reference: str) -> None:
    """`str_id_pago`: none of ACH's forbidden characters and no leading zero (D-ZP)."""
    check_characters("id_pago", reference)
    if reference.startswith("0"):
        raise DomainError("El campo id_pago no puede empezar por cero", "id_pago")


def start_rest_payment(command: RestStart, store: GatewayStore, clock: Clock) -> Payment:
    """Check the REST start in its documented order and record it with its page settings and rut."""
    start = command.start
    merchant = authenticated_merchant(start, store)
    service_code = required_service_code(command.configuration, merchant.service_code)
    check_reference(start.reference)
    tokenization = configured(command.configuration, TOKENIZATION) == "1"
    if tokenization and start.total is None and start.vat is None:
        total, vat = Money.zero(), Money.zero()  # a card registration without a first amount (D-TOK)
        # the other rules of the terms, with a stand-in amount
        Payment.checked_terms(Decimal(1), Decimal(0), start.reference, start.description, start.payer)
    else:
        total, vat = Payment.checked_terms(start.total, start.vat, start.reference, start.description, start.payer)
    service_code = check_service_code(service_code or start.service_code, merchant)
    settings_from(command.configuration, command.additional, "x")  # refuse a bad 104 or fee before recording

    def settings_for(identifier: int) -> PaymentSettings:  # the rut needs the new payment's identifier
        return settings_from(command.configuration, command.additional, new_rut(identifier, store.ids),
                             command.extra_optional)

    return record_start(start, merchant, total, vat, service_code, store, clock, settings_for)
