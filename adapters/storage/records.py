"""Mapping between domain objects and flat storage rows, shared by the storage adapters."""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.gateway.merchant import Merchant
from domain.shared.money import Money
from domain.shared.gateway_records import CardTrace, Payer, PseTrace
from domain.gateway.payment import Attempt, Payment, StateChange
from domain.gateway.payment_settings import Fee, PaymentSettings
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.shared.secrets import SecretHash

PAYMENT_COLUMNS = (
    "identifier", "merchant_id", "reference", "total", "vat", "description", "payer_document",
    "payer_document_type", "payer_first_names", "payer_last_names", "payer_phone", "payer_email",
    "optional1", "optional2", "optional3", "service_code", "created_at", "verifications", "settings",
)
ATTEMPT_COLUMNS = ("number", "identifier", "started_at", "state", "method", "pse", "card", "history", "amount")
MERCHANT_COLUMNS = (
    "id", "name", "nit", "start_password", "verify_user", "verify_password", "service_code", "route",
    "return_url", "compact_separators", "enabled", "support_phone", "support_email", "notification_url",
    "token_notification_url", "notification_password",
)


def payment_row(p: Payment) -> tuple[object, ...]:
    payer = p.payer
    return (
        p.identifier, p.merchant_id, p.reference, str(p.total.amount), str(p.vat.amount), p.description,
        payer.document_number, payer.document_type, payer.first_names, payer.last_names, payer.phone,
        payer.email, *p.optional_fields, p.service_code, p.created_at.isoformat(), p.verifications,
        settings_json(p.settings),
    )


def _fee_json(fee: Fee | None) -> list[object] | None:
    if fee is None:
        return None
    return [fee.percent, str(fee.rate), str(fee.minimum), str(fee.maximum), str(fee.fixed), str(fee.maximum_fixed),
            str(fee.vat_rate), fee.round_up]


def _fee_from(data: list[Any] | None) -> Fee | None:
    if data is None:
        return None
    percent, rate, minimum, maximum, fixed, maximum_fixed, vat_rate, round_up = data
    return Fee(bool(percent), Decimal(rate), Decimal(minimum), Decimal(maximum), Decimal(fixed),
               Decimal(maximum_fixed), Decimal(vat_rate), bool(round_up))


def settings_json(settings: PaymentSettings) -> str | None:
    """A REST start's page settings as JSON; None (NULL) for the defaults of a SOAP start."""
    if settings == PaymentSettings():
        return None
    return json.dumps({
        "rut": settings.rut, "pse": settings.pse_enabled, "card": settings.card_enabled,
        "terms": settings.terms_prechecked, "return_url": settings.return_url, "tokenization": settings.tokenization,
        "split": [settings.split, settings.split_cards, settings.split_pse],
        "pse_fee": _fee_json(settings.pse_fee), "card_fee": _fee_json(settings.card_fee),
        "extra_optional": list(settings.extra_optional),
        "configuration": [list(item) for item in settings.configuration],
        "additional": [list(item) for item in settings.additional],
    }, ensure_ascii=False)


def settings_from_json(text: str | None) -> PaymentSettings:
    if not text:
        return PaymentSettings()
    data = json.loads(text)
    campo4, campo5 = data["extra_optional"]
    split, split_cards, split_pse = data.get("split", (False, False, False))
    return PaymentSettings(
        rut=data["rut"], pse_enabled=data["pse"], card_enabled=data["card"], terms_prechecked=data["terms"],
        return_url=data["return_url"], tokenization=data["tokenization"], pse_fee=_fee_from(data["pse_fee"]),
        card_fee=_fee_from(data["card_fee"]), extra_optional=(campo4, campo5), split=bool(split),
        split_cards=bool(split_cards), split_pse=bool(split_pse),
        configuration=tuple((int(code), str(value)) for code, value in data["configuration"]),
        additional=tuple((int(code), str(value)) for code, value in data["additional"]),
    )


def attempt_row(identifier: int, a: Attempt) -> tuple[object, ...]:
    return (
        a.number, identifier, a.started_at.isoformat(), int(a.state),
        int(a.method) if a.method is not None else None,
        json.dumps(list(a.pse.__dict__.values())) if a.pse else None,
        json.dumps(list(a.card.__dict__.values())) if a.card else None,
        json.dumps([[int(c.state), c.at.isoformat(), c.reason] for c in a.history]),
        str(a.amount.amount) if a.amount is not None else None,
    )


def attempt_from_row(row: tuple[Any, ...]) -> Attempt:
    number, _identifier, started_at, state, method, pse, card, history, amount = row
    return Attempt(
        number=number,
        started_at=datetime.fromisoformat(started_at),
        state=PaymentState(state),
        method=PaymentMethod(method) if method is not None else None,
        pse=PseTrace(*json.loads(pse)) if pse else None,
        card=CardTrace(*json.loads(card)) if card else None,
        history=[StateChange(PaymentState(s), datetime.fromisoformat(at), r) for s, at, r in json.loads(history)],
        amount=Money(Decimal(amount)) if amount is not None else None,
    )


def payment_from_row(row: tuple[Any, ...], attempts: list[Attempt]) -> Payment:
    (identifier, merchant_id, reference, total, vat, description, doc, doc_type, first, last, phone, email,
     o1, o2, o3, service_code, created_at, verifications, settings) = row
    return Payment(
        identifier=identifier, merchant_id=merchant_id, reference=reference,
        total=Money(Decimal(total)), vat=Money(Decimal(vat)), description=description,
        payer=Payer(doc, doc_type, first, last, phone, email), optional_fields=(o1, o2, o3),
        service_code=service_code, created_at=datetime.fromisoformat(created_at), attempts=attempts,
        verifications=verifications, settings=settings_from_json(settings),
    )


def merchant_row(m: Merchant) -> tuple[object, ...]:
    return (
        m.id, m.name, m.nit, m.start_password.encode(), m.verify_user, m.verify_password.encode(),
        m.service_code, m.route, m.return_url, int(m.compact_separators), int(m.enabled), m.support_phone,
        m.support_email, m.notification_url, m.token_notification_url, m.notification_password,
    )


def merchant_from_row(row: tuple[Any, ...]) -> Merchant:
    (mid, name, nit, start_pw, user, verify_pw, service_code, route, return_url, compact, enabled, phone,
     email, notification_url, token_notification_url, notification_password) = row
    return Merchant(
        id=mid, name=name, nit=nit, start_password=SecretHash.decode(start_pw), verify_user=user,
        verify_password=SecretHash.decode(verify_pw), service_code=service_code, route=route,
        return_url=return_url, compact_separators=bool(compact), enabled=bool(enabled), support_phone=phone,
        support_email=email, notification_url=notification_url, token_notification_url=token_notification_url,
        notification_password=notification_password,
    )
