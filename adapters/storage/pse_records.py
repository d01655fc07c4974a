"""Flat rows for ACH's data (PSE transactions, registered payers, messages), shared by both stores."""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.shared.payment_states import PseState
from domain.ach.payer import PersonKind, PsePayer
from domain.ach.transaction import PseStateChange, PseTransaction
from domain.shared.secrets import SecretHash
from ports.notifications import Message

TRANSACTION_COLUMNS = (
    "cus", "token", "entity_code", "entity_name", "service_code", "bank_code", "bank_name", "amount", "vat",
    "ticket_id", "entity_url", "user_type", "reference1", "reference2", "reference3", "description",
    "solicit_date", "created_at", "cycle", "state", "bank_process_date", "authorization_id", "finalized",
    "payer_email", "suggested_email", "held_outcome", "information_calls", "finalize_calls", "history",
)
PAYER_COLUMNS = (
    "email", "kind", "document_type", "document_number", "first_names", "last_names", "mobile", "address",
    "security_question", "security_answer", "news_opt_in", "registered_at", "updated_at",
)
MESSAGE_COLUMNS = ("id", "channel", "recipient", "subject", "body", "sent_at")


def transaction_row(t: PseTransaction) -> tuple[object, ...]:
    return (
        t.cus, t.token, t.entity_code, t.entity_name, t.service_code, t.bank_code, t.bank_name,
        str(t.amount.amount), str(t.vat.amount), t.ticket_id, t.entity_url, t.user_type, *t.references,
        t.description, t.solicit_date.isoformat(), t.created_at.isoformat(), t.cycle, t.state.value,
        t.bank_process_date.isoformat() if t.bank_process_date else None, t.authorization_id, int(t.finalized),
        t.payer_email, t.suggested_email, t.held_outcome.value if t.held_outcome else None, t.information_calls, t.finalize_calls,
        json.dumps([[c.state.value, c.at.isoformat(), c.reason] for c in t.history]),
    )


def transaction_from_row(row: tuple[Any, ...]) -> PseTransaction:
    (cus, token, entity_code, entity_name, service_code, bank_code, bank_name, amount, vat, ticket_id, entity_url,
     user_type, r1, r2, r3, description, solicit_date, created_at, cycle, state, bank_process_date,
     authorization_id, finalized, payer_email, suggested_email, held_outcome, information_calls, finalize_calls, history) = row
    return PseTransaction(
        cus=cus, token=token, entity_code=entity_code, entity_name=entity_name, service_code=service_code,
        bank_code=bank_code, bank_name=bank_name, amount=Money(Decimal(amount)), vat=Money(Decimal(vat)),
        ticket_id=ticket_id, entity_url=entity_url, user_type=user_type, references=(r1, r2, r3),
        description=description, solicit_date=datetime.fromisoformat(solicit_date),
        created_at=datetime.fromisoformat(created_at), cycle=cycle, state=PseState(state),
        bank_process_date=datetime.fromisoformat(bank_process_date) if bank_process_date else None,
        authorization_id=authorization_id, finalized=bool(finalized), payer_email=payer_email,
        suggested_email=suggested_email,
        held_outcome=PseState(held_outcome) if held_outcome else None, information_calls=information_calls,
        finalize_calls=finalize_calls,
        history=[PseStateChange(PseState(s), datetime.fromisoformat(at), r) for s, at, r in json.loads(history)],
    )


def payer_row(p: PsePayer) -> tuple[object, ...]:
    return (
        p.email, p.kind.slug, p.document.type.code, p.document.number, p.first_names, p.last_names, p.mobile,
        p.address, p.security_question, p.security_answer.encode(), int(p.news_opt_in),
        p.registered_at.isoformat(), p.updated_at.isoformat(),
    )


def payer_from_row(row: tuple[Any, ...]) -> PsePayer:
    (email, kind, doc_type, doc_number, first, last, mobile, address, question, answer, news, registered,
     updated) = row
    return PsePayer(
        kind=PersonKind.from_slug(kind), document=IdentityDocument(DocumentType.from_code(doc_type), doc_number),
        first_names=first, last_names=last, mobile=mobile, address=address, email=email,
        security_question=question, security_answer=SecretHash.decode(answer), news_opt_in=bool(news),
        registered_at=datetime.fromisoformat(registered), updated_at=datetime.fromisoformat(updated),
    )


def message_from_row(row: tuple[Any, ...]) -> Message:
    mid, channel, recipient, subject, body, sent_at = row
    return Message(mid, channel, recipient, subject, body, datetime.fromisoformat(sent_at))
