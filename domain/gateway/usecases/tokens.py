"""Use cases of the seed's token services: tokenize a card (Tokentc_crear), optionally charging it first,
and charge a tokenized card again (ZPagoAPTC) by its token or by the `no_pago` of its first charge.

Both services take the merchant's verification user and password (`usuario` / `clave`). The gateway keeps
a token with the last four digits, the brand and the expiry; the card number and the CVV are checked and
dropped.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import cast

from domain.gateway.card_outcomes import outcome_for_card
from domain.gateway.card_token import CardToken, token_value
from domain.gateway.cards import CardBrand, CardNumber, check_brand_matches, validate_cvv, validate_expiry
from domain.shared.errors import DomainError
from domain.gateway.merchant import Merchant
from domain.gateway.payment import check_document_type
from domain.shared.gateway_records import Payer
from ports.notifications import Notifier
from domain.gateway.charge_mail import charge_mail
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from domain.gateway.amounts import payment_amounts
from domain.gateway.usecases.card_charge import (
    CardCharge, ChargeResult, TransactionState, check_description, check_installments,
    record_charge, refuse_gateway_error_amount,
)

_DIGITS = re.compile(r"\d+", re.ASCII)


class ChargePolicy(Enum):
    """`generar_pago` × `ban_tokenizar`: whether to charge first and when to keep the token."""

    TOKENIZE_ONLY = "generar_pago distinto de 1, ban_tokenizar 0"
    CHARGE_THEN_TOKENIZE_IF_APPROVED = "generar_pago 1, ban_tokenizar 1"
    CHARGE_AND_ALWAYS_TOKENIZE = "generar_pago 1, ban_tokenizar 2"

    @property
    def charges(self) -> bool:
        return self is not ChargePolicy.TOKENIZE_ONLY


def charge_policy(generate_payment: int, tokenize_flag: int) -> ChargePolicy:
    """The seed's combination rule; any other pair is a parameter error naming `ban_tokenizar`."""
    if generate_payment == 1:
        if tokenize_flag == 1:
            return ChargePolicy.CHARGE_THEN_TOKENIZE_IF_APPROVED
        if tokenize_flag == 2:
            return ChargePolicy.CHARGE_AND_ALWAYS_TOKENIZE
        raise DomainError("El campo ban_tokenizar debe ser 1 o 2 cuando generar_pago es 1", "ban_tokenizar")
    if tokenize_flag != 0:
        raise DomainError("El campo ban_tokenizar debe ser 0 cuando generar_pago no es 1", "ban_tokenizar")
    return ChargePolicy.TOKENIZE_ONLY


@dataclass(frozen=True)
class AdditionalInfo:
    """`lista_info_adicional_codigo` / `_valor` as sent: pipe-separated, no trailing pipe."""

    codes: str = ""
    values: str = ""

    def pairs(self) -> list[tuple[str, str]]:
        """The (code, value) pairs; DomainError for a trailing pipe or lists of different lengths."""
        if not self.codes and not self.values:
            return []
        for name, text in (("lista_info_adicional_codigo", self.codes), ("lista_info_adicional_valor", self.values)):
            if text.endswith("|"):
                raise DomainError(f"El campo {name} no debe terminar en |", name)
        codes, values = self.codes.split("|"), self.values.split("|")
        if len(codes) != len(values) or not self.codes or not self.values:
            raise DomainError(
                "Los campos lista_info_adicional_codigo y lista_info_adicional_valor deben tener el mismo número "
                "de elementos", "lista_info_adicional_valor")
        if any(not code.strip() for code in codes):
            raise DomainError("El campo lista_info_adicional_codigo tiene un código vacío",
                              "lista_info_adicional_codigo")
        return list(zip(codes, values))


@dataclass(frozen=True)
class TokenizeCard:
    """A Tokentc_crear request, decoded. The card number and CVV are never shown in its repr."""

    merchant_id: int
    user: str
    password: str
    customer: Payer
    optional_fields: tuple[str, str, str]
    card_type: int
    card_number: str = field(repr=False)
    expiry: str = ""
    client_ip: str = ""
    generate_payment: int = 0
    tokenize_flag: int = 0
    security_code: str = field(default="", repr=False)
    total: Decimal | None = None
    vat: Decimal | None = None
    reference: str = ""
    description: str = ""
    installments: int | None = None
    additional: AdditionalInfo = AdditionalInfo()


@dataclass(frozen=True)
class Tokenization:
    token: CardToken | None
    token_detail: str  # detalle_estado_token
    charge: ChargeResult | None  # None when no charge was asked for


@dataclass(frozen=True)
class ChargeToken:
    """A ZPagoAPTC request, decoded: charge a token (type 1) or the card of an initial `no_pago` (type 2)."""

    merchant_id: int
    user: str
    password: str
    identifier_type: int
    identifier: str
    reference: int | None
    total: Decimal | None
    vat: Decimal | None
    installments: int | None
    description: str
    client_ip: str = ""
    additional: AdditionalInfo = AdditionalInfo()


def authenticate(merchant_id: int, user: str, password: str, store: GatewayStore) -> Merchant:
    """The token services open with the merchant's verification user and password."""
    merchant = store.merchants.get(merchant_id)
    if merchant is None or not merchant.accepts_verify_credentials(user, password):
        raise DomainError("Credenciales inválidas", "clave")
    return merchant


def check_client_ip(text: str, required: bool) -> None:
    if not text and not required:
        return
    try:
        ipaddress.ip_address(text)
    except ValueError:
        raise DomainError("El campo direccion_ip_cliente no es una dirección IP válida",
                          "direccion_ip_cliente") from None


def _required_for_charge(command: TokenizeCard) -> None:
    for name, value in (("total_con_iva", command.total), ("valor_iva", command.vat), ("id_pago", command.reference),
                        ("descripcion_pago", command.description), ("codigo_seguridad", command.security_code),
                        ("no_cuotas", command.installments)):
        if value is None or value == "":
            raise DomainError(f"El campo {name} es obligatorio cuando generar_pago es 1", name)


def tokenize_card(command: TokenizeCard, store: GatewayStore, clock: Clock,
                  notifier: Notifier | None = None) -> Tokenization:
    """Tokentc_crear: check everything, charge first when asked, keep the token as the policy says. A charge
    made for a payer whose `email` was given is e-mailed to them as a receipt (`notifier`)."""
    merchant = authenticate(command.merchant_id, command.user, command.password, store)
    policy = charge_policy(command.generate_payment, command.tokenize_flag)
    if policy.charges:
        _required_for_charge(command)
    check_document_type(command.customer.document_type)
    brand = CardBrand.from_zonapagos(command.card_type)
    number = CardNumber(command.card_number)
    check_brand_matches(number, command.card_type)
    now = clock.now()
    expiry = validate_expiry(command.expiry, now.date())
    if policy.charges or command.security_code:
        validate_cvv(command.security_code, brand)
    check_client_ip(command.client_ip, required=True)
    charge = None
    if policy.charges:
        total, vat = payment_amounts(command.total, command.vat)
        if not _DIGITS.fullmatch(command.reference):
            raise DomainError("El campo id_pago solo admite dígitos", "id_pago")
        charge = CardCharge(
            merchant=merchant, reference=command.reference, total=total, vat=vat,
            description=check_description(command.description), payer=command.customer,
            optional_fields=command.optional_fields, last_four=number.last_four, brand=brand,
            issuer_outcome=outcome_for_card(number),
        )
        check_installments(command.installments, "no_cuotas")
    command.additional.pairs()
    if charge is not None:
        refuse_gateway_error_amount(charge.total)

    with store.transaction():
        result = record_charge(charge, store, now) if charge is not None else None
        if charge is not None and result is not None and notifier is not None and command.customer.email.strip():
            notifier.send("email", command.customer.email.strip(), *charge_mail(charge, result, now))
        approved = result is not None and result.state is TransactionState.APPROVED
        if policy is ChargePolicy.CHARGE_THEN_TOKENIZE_IF_APPROVED and not approved:
            return Tokenization(None, "Token no generado: el cobro no fue aprobado", result)
        token = CardToken(
            value=token_value(store.ids.random_digits(10), store.ids.next_number("token")),
            merchant_id=merchant.id, customer_id=command.customer.document_number, last_four=number.last_four,
            brand=brand, expiry=expiry, created_at=now,
            # approved implies a result
            initial_payment_number=cast(ChargeResult, result).attempt.number if approved else None,
            issuer_outcome=outcome_for_card(number),
        )
        store.tokens.add(token)
    return Tokenization(token, "Token generado", result)


def _find_token(command: ChargeToken, merchant: Merchant, store: GatewayStore) -> CardToken:
    unknown = DomainError(
        f"El identificador {command.identifier} no corresponde a una tarjeta tokenizada de este comercio",
        "identificador")
    if command.identifier_type == 1:
        token = store.tokens.get(command.identifier)
        if token is None or not token.belongs_to(merchant.id):
            raise unknown
        return token
    if command.identifier_type == 2:
        if not _DIGITS.fullmatch(command.identifier) or len(command.identifier) > 12:
            raise DomainError("El campo identificador debe ser el no_pago inicial (hasta 12 dígitos) cuando "
                              "tipo_identificador es 2", "identificador")
        token = store.tokens.find_by_initial_payment(merchant.id, int(command.identifier))
        if token is None:
            raise unknown
        return token
    raise DomainError("El campo tipo_identificador debe ser 1 (token) o 2 (no_pago inicial)", "tipo_identificador")


def charge_token(command: ChargeToken, store: GatewayStore, clock: Clock) -> ChargeResult:
    """ZPagoAPTC: a recurring charge to a tokenized card of the merchant."""
    merchant = authenticate(command.merchant_id, command.user, command.password, store)
    token = _find_token(command, merchant, store)
    now = clock.now()
    if token.is_expired(now.date()):
        raise DomainError("La tarjeta asociada al identificador está vencida", "identificador")
    if command.reference is None or command.reference <= 0:
        raise DomainError("El campo id_pago debe ser un número mayor que cero", "id_pago")
    total, vat = payment_amounts(command.total, command.vat)
    check_installments(command.installments, "numero_cuotas")
    charge = CardCharge(
        merchant=merchant, reference=str(command.reference), total=total, vat=vat,
        description=check_description(command.description), payer=Payer(document_number=token.customer_id),
        optional_fields=("", "", ""), last_four=token.last_four, brand=token.brand,
        issuer_outcome=token.issuer_outcome,
    )
    check_client_ip(command.client_ip, required=False)
    command.additional.pairs()
    refuse_gateway_error_amount(total)
    with store.transaction():
        return record_charge(charge, store, now)
