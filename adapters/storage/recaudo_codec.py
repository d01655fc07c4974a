"""JSON forms of the recaudo portal's records (sessions and payments), for the SQLite adapter.

A session keeps a snapshot of the associate as identified (entity and products), so its selection is
rebuilt exactly as it was chosen even if the core's figures change later (an approved payment lowers a
due). The OTP keeps only the salted hash of its code.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any, cast

from domain.recaudo.associate import Associate
from domain.recaudo.entity import Entity
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.shared.otp import OtpChallenge, OtpPolicy, OtpStatus
from domain.shared.payment_states import PaymentState
from domain.recaudo.portal_payment import PaidLine, PortalPayment
from domain.recaudo.products import ChoiceKind, PaymentChoice, Product, Selection, product_type
from domain.recaudo.session import PayerDetails, RecaudoSession, SessionState
from domain.shared.secrets import SecretHash
from domain.recaudo.sonda import StopReason


def _money(value: Money | None) -> str | None:
    return None if value is None else str(value.amount)


def _read_money(text: str | None) -> Money | None:
    return None if text is None else Money.of(text)


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _read_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def document_json(document: IdentityDocument) -> list[str]:
    return [document.type.code, document.number]


def read_document(data: list[str]) -> IdentityDocument:
    return IdentityDocument(DocumentType.from_code(data[0]), data[1])


def product_json(product: Product) -> dict[str, Any]:
    return {"type": product.product_type.code, "number": product.number, "active": product.active,
            "minimum_due": _money(product.minimum_due), "full_due": _money(product.full_due),
            "due_date": product.due_date.isoformat() if product.due_date else None,
            "max_deposit": _money(product.max_deposit)}


def read_product(owner: IdentityDocument, data: dict[str, Any]) -> Product:
    return Product(owner, product_type(data["type"]), data["number"], bool(data["active"]),
                   Money.of(data["minimum_due"]), Money.of(data["full_due"]),
                   date.fromisoformat(data["due_date"]) if data["due_date"] else None,
                   _read_money(data["max_deposit"]))


def associate_json(associate: Associate) -> dict[str, Any]:
    entity = associate.entity
    return {"document": document_json(associate.document), "full_name": associate.full_name,
            "first_names": associate.first_names, "last_names": associate.last_names,
            "mobile": associate.mobile, "email": associate.email,
            "entity": {"name": entity.name, "nit": entity.nit, "enabled": entity.collection_enabled},
            "products": [product_json(p) for p in associate.products]}


def read_associate(data: dict[str, Any]) -> Associate:
    document = read_document(data["document"])
    entity = Entity(data["entity"]["name"], data["entity"]["nit"], bool(data["entity"]["enabled"]))
    return Associate(document, data["full_name"], entity, data["mobile"], data["email"],
                     tuple(read_product(document, p) for p in data["products"]), data["first_names"],
                     data["last_names"])


def _policy_json(policy: OtpPolicy) -> dict[str, Any]:
    return {"validity": policy.validity.total_seconds(), "resend_after": policy.resend_after.total_seconds(),
            "max_wrong_attempts": policy.max_wrong_attempts, "length": policy.length,
            "max_resends": policy.max_resends, "salt_length": policy.salt_length}


def _read_policy(data: dict[str, Any]) -> OtpPolicy:
    return OtpPolicy(timedelta(seconds=data["validity"]), timedelta(seconds=data["resend_after"]),
                     data["max_wrong_attempts"], data["length"], data["max_resends"], data["salt_length"])


def _otp_json(otp: OtpChallenge | None) -> dict[str, Any] | None:
    if otp is None:
        return None
    return {"document": document_json(otp.document), "policy": _policy_json(otp.policy),
            "hash": otp.code_hash.encode(), "issued_at": _time(otp.issued_at), "wrong": otp.wrong_attempts,
            "resends": otp.resends, "status": otp.status.value}


def _read_otp(session_id: str, data: dict[str, Any] | None) -> OtpChallenge | None:
    if data is None:
        return None
    return OtpChallenge(session_id, read_document(data["document"]), _read_policy(data["policy"]),
                        SecretHash.decode(data["hash"]),
                        cast(datetime, _read_time(data["issued_at"])),  # a stored challenge was issued
                        data["wrong"], data["resends"], OtpStatus(data["status"]))


def _selection_json(selection: Selection | None) -> list[dict[str, Any]] | None:
    if selection is None:
        return None
    return [{"type": line.product.product_type.code, "number": line.product.number,
             "kind": line.choice.kind.name, "amount": _money(line.choice.amount)} for line in selection.lines]


def _read_selection(associate: Associate, data: list[dict[str, Any]] | None) -> Selection | None:
    if data is None:
        return None
    return Selection.of(
        (associate.product(line["type"], line["number"]),
         PaymentChoice(ChoiceKind[line["kind"]], _read_money(line["amount"])))
        for line in data)


def payer_json(payer: PayerDetails | None) -> dict[str, Any] | None:
    if payer is None:
        return None
    return {"document": document_json(payer.document), "first_names": payer.first_names,
            "last_names": payer.last_names, "email": payer.email, "mobile": payer.mobile,
            "is_associate": payer.is_associate}


def read_payer(data: dict[str, Any] | None) -> PayerDetails | None:
    if data is None:
        return None
    return PayerDetails(read_document(data["document"]), data["first_names"], data["last_names"], data["email"],
                        data["mobile"], bool(data["is_associate"]))


def session_to_json(session: RecaudoSession) -> str:
    return json.dumps({
        "id": session.session_id, "state": session.state.name, "created_at": _time(session.created_at),
        "associate": associate_json(session.associate), "otp": _otp_json(session.otp),
        "selection": _selection_json(session.selection), "payer": payer_json(session.payer),
        "reference": session.reference, "description": session.description,
        "terms_accepted": session.terms_accepted, "payment_started_at": _time(session.payment_started_at),
        "gateway_identifier": session.gateway_identifier,
        "last_payment_state": int(session.last_payment_state) if session.last_payment_state else None,
    }, ensure_ascii=False)


def session_from_json(text: str) -> RecaudoSession:
    data = json.loads(text)
    associate = read_associate(data["associate"])
    return RecaudoSession(
        session_id=data["id"], associate=associate,
        created_at=cast(datetime, _read_time(data["created_at"])),  # always written (session_to_json)
        state=SessionState[data["state"]], otp=_read_otp(data["id"], data["otp"]),
        selection=_read_selection(associate, data["selection"]), payer=read_payer(data["payer"]),
        reference=data["reference"], description=data["description"], terms_accepted=data["terms_accepted"],
        payment_started_at=_read_time(data["payment_started_at"]), gateway_identifier=data["gateway_identifier"],
        last_payment_state=PaymentState(data["last_payment_state"]) if data["last_payment_state"] else None,
    )


def payment_to_json(payment: PortalPayment) -> str:
    return json.dumps({
        "reference": payment.reference, "session_id": payment.session_id,
        "associate": document_json(payment.associate),
        "lines": [{"type": l.type_code, "number": l.number, "label": l.label, "amount": _money(l.amount)}
                  for l in payment.lines],
        "total": _money(payment.total), "description": payment.description, "payer": payer_json(payment.payer),
        "created_at": _time(payment.created_at), "identifier": payment.identifier,
        "payment_url": payment.payment_url, "started": payment.started, "uncertain": payment.uncertain,
        "not_created": payment.not_created, "state": int(payment.state) if payment.state else None,
        "method": payment.method, "cus": payment.cus, "bank_name": payment.bank_name,
        "attempt_number": payment.attempt_number, "last_polled_at": _time(payment.last_polled_at),
        "polls": payment.polls, "stop_reason": payment.stop_reason.value if payment.stop_reason else None,
        "credited_at": _time(payment.credited_at),
    }, ensure_ascii=False)


def payment_from_json(text: str) -> PortalPayment:
    data = json.loads(text)
    return PortalPayment(
        reference=data["reference"], session_id=data["session_id"], associate=read_document(data["associate"]),
        lines=tuple(PaidLine(l["type"], l["number"], l["label"], Money.of(l["amount"])) for l in data["lines"]),
        total=Money.of(data["total"]), description=data["description"],
        payer=cast(PayerDetails, read_payer(data["payer"])),  # a portal payment always has its payer
        created_at=cast(datetime, _read_time(data["created_at"])),  # always written (payment_to_json)
        identifier=data["identifier"], payment_url=data["payment_url"],
        started=data["started"], uncertain=data["uncertain"], not_created=data["not_created"],
        state=PaymentState(data["state"]) if data["state"] else None, method=data["method"], cus=data["cus"],
        bank_name=data["bank_name"], attempt_number=data["attempt_number"],
        last_polled_at=_read_time(data["last_polled_at"]), polls=data["polls"],
        stop_reason=StopReason(data["stop_reason"]) if data["stop_reason"] else None,
        credited_at=_read_time(data["credited_at"]),
    )
