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
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.shared.secrets import SecretHash

PAYMENT_COLUMNS = (
    "identifier", "merchant_id", "reference", "total", "vat", "description", "payer_document",
    "payer_document_type", "payer_first_names", "payer_last_names", "payer_phone", "payer_email",
    "optional1", "optional2", "optional3", "service_code", "created_at", "verifications",
)
ATTEMPT_COLUMNS = ("number", "identifier", "started_at", "state", "method", "pse", "card", "history")
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
    )


def attempt_row(identifier: int, a: Attempt) -> tuple[object, ...]:
    return (
        a.number, identifier, a.started_at.isoformat(), int(a.state),
        int(a.method) if a.method is not None else None,
        json.dumps(list(a.pse.__dict__.values())) if a.pse else None,
        json.dumps(list(a.card.__dict__.values())) if a.card else None,
        json.dumps([[int(c.state), c.at.isoformat(), c.reason] for c in a.history]),
    )


def attempt_from_row(row: tuple[Any, ...]) -> Attempt:
    number, _identifier, started_at, state, method, pse, card, history = row
    return Attempt(
        number=number,
        started_at=datetime.fromisoformat(started_at),
        state=PaymentState(state),
        method=PaymentMethod(method) if method is not None else None,
        pse=PseTrace(*json.loads(pse)) if pse else None,
        card=CardTrace(*json.loads(card)) if card else None,
        history=[StateChange(PaymentState(s), datetime.fromisoformat(at), r) for s, at, r in json.loads(history)],
    )


def payment_from_row(row: tuple[Any, ...], attempts: list[Attempt]) -> Payment:
    (identifier, merchant_id, reference, total, vat, description, doc, doc_type, first, last, phone, email,
     o1, o2, o3, service_code, created_at, verifications) = row
    return Payment(
        identifier=identifier, merchant_id=merchant_id, reference=reference,
        total=Money(Decimal(total)), vat=Money(Decimal(vat)), description=description,
        payer=Payer(doc, doc_type, first, last, phone, email), optional_fields=(o1, o2, o3),
        service_code=service_code, created_at=datetime.fromisoformat(created_at), attempts=attempts,
        verifications=verifications,
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
