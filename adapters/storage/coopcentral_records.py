"""Rows and JSON of the Red Coopcentral's records (tables of migration m0008_coopcentral).

A visit is kept as JSON; its security code only as the salted hash (domain/shared/otp.py).
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any, cast

from adapters.storage.recaudo_codec import document_json, read_document
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.network.account import AccountType, DeclineReason, NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkDebit, NetworkEntity
from domain.network.payment import CancelCause, NetworkVisit, VisitStep
from domain.shared.otp import OtpChallenge, OtpPolicy, OtpStatus
from domain.shared.secrets import SecretHash

ENTITY_COLUMNS = ("code", "name", "nit", "active")
ASSOCIATE_COLUMNS = ("document_type", "document_number", "full_name", "mobile", "email")
MEMBERSHIP_COLUMNS = ("entity_code", "document_type", "document_number", "portal_user", "password_hash",
                      "last_access_at", "last_access_ip")
ACCOUNT_COLUMNS = ("number", "entity_code", "document_type", "document_number", "type", "balance", "available",
                   "daily_limit", "max_debits_per_day", "debited_today", "debits_today", "activity_day", "active")
DEBIT_COLUMNS = ("cus", "account_number", "amount", "at", "transaction_number")


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _read_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _document(type_code: str, number: str) -> IdentityDocument:
    return IdentityDocument(DocumentType.from_code(type_code), number)


def entity_row(entity: NetworkEntity) -> tuple[object, ...]:
    return entity.code, entity.name, entity.nit, int(entity.active)


def entity_from_row(row: tuple[Any, ...]) -> NetworkEntity:
    return NetworkEntity(row[0], row[1], row[2], bool(row[3]))


def associate_row(associate: NetworkAssociate) -> tuple[object, ...]:
    return (associate.document.type.code, associate.document.number, associate.full_name, associate.mobile,
            associate.email)


def associate_from_row(row: tuple[Any, ...]) -> NetworkAssociate:
    return NetworkAssociate(_document(row[0], row[1]), row[2], row[3], row[4])


def membership_row(membership: Membership) -> tuple[object, ...]:
    return (membership.entity_code, membership.document.type.code, membership.document.number,
            membership.portal_user, membership.password.encode(), _time(membership.last_access_at),
            membership.last_access_ip)


def membership_from_row(row: tuple[Any, ...]) -> Membership:
    return Membership(row[0], _document(row[1], row[2]), row[3], SecretHash.decode(row[4]), _read_time(row[5]),
                      row[6])


def account_row(account: NetworkAccount) -> tuple[object, ...]:
    return (account.number, account.entity_code, account.owner.type.code, account.owner.number, account.type.code,
            str(account.balance.amount), str(account.available.amount), str(account.daily_limit.amount),
            account.max_debits_per_day, str(account.debited_today.amount), account.debits_today,
            account.activity_day.isoformat() if account.activity_day else None, int(account.active))


def account_from_row(row: tuple[Any, ...]) -> NetworkAccount:
    return NetworkAccount(
        number=row[0], entity_code=row[1], owner=_document(row[2], row[3]), type=AccountType.from_code(row[4]),
        balance=Money.of(row[5]), available=Money.of(row[6]), daily_limit=Money.of(row[7]),
        max_debits_per_day=row[8], debited_today=Money.of(row[9]), debits_today=row[10],
        activity_day=date.fromisoformat(row[11]) if row[11] else None, active=bool(row[12]),
    )


def debit_row(debit: NetworkDebit) -> tuple[object, ...]:
    return debit.cus, debit.account_number, str(debit.amount.amount), _time(debit.at), debit.transaction_number


def debit_from_row(row: tuple[Any, ...]) -> NetworkDebit:
    # `at` is NOT NULL
    return NetworkDebit(row[0], row[1], Money.of(row[2]), cast(datetime, _read_time(row[3])), row[4])


def _otp_json(otp: OtpChallenge | None) -> dict[str, Any] | None:
    if otp is None:
        return None
    policy = otp.policy
    return {"document": document_json(otp.document), "hash": otp.code_hash.encode(),
            "issued_at": _time(otp.issued_at), "wrong": otp.wrong_attempts, "resends": otp.resends,
            "status": otp.status.value,
            "policy": [policy.validity.total_seconds(), policy.resend_after.total_seconds(),
                       policy.max_wrong_attempts, policy.length, policy.max_resends, policy.salt_length]}


def _read_otp(visit_id: str, data: dict[str, Any] | None) -> OtpChallenge | None:
    if data is None:
        return None
    validity, resend_after, wrong, length, resends, salt = data["policy"]
    policy = OtpPolicy(timedelta(seconds=validity), timedelta(seconds=resend_after), wrong, length, resends, salt)
    return OtpChallenge(visit_id, read_document(data["document"]), policy, SecretHash.decode(data["hash"]),
                        cast(datetime, _read_time(data["issued_at"])),  # a stored challenge was issued
                        data["wrong"], data["resends"], OtpStatus(data["status"]))


def visit_to_json(visit: NetworkVisit) -> str:
    return json.dumps({
        "id": visit.id, "cus": visit.cus, "document": document_json(visit.document), "ip": visit.ip,
        "started_at": _time(visit.started_at), "step": visit.step.value, "entity": visit.entity_code,
        "user": visit.portal_user, "login_failures": visit.login_failures,
        "previous_access": [_time(visit.previous_access_at), visit.previous_access_ip],
        "declined": {number: reason.slug for number, reason in visit.declined.items()},
        "account": visit.account_number, "otp": _otp_json(visit.otp), "transaction": visit.transaction_number,
        "paid_at": _time(visit.paid_at), "cancel": visit.cancel_cause.slug if visit.cancel_cause else None,
    }, ensure_ascii=False)


def visit_from_json(text: str) -> NetworkVisit:
    data = json.loads(text)
    return NetworkVisit(
        id=data["id"], cus=data["cus"], document=read_document(data["document"]), ip=data["ip"],
        started_at=cast(datetime, _read_time(data["started_at"])),  # every stored visit has started
        step=VisitStep(data["step"]), entity_code=data["entity"],
        portal_user=data["user"], login_failures=data["login_failures"],
        previous_access_at=_read_time(data["previous_access"][0]), previous_access_ip=data["previous_access"][1],
        declined={number: DeclineReason.from_slug(slug) for number, slug in data["declined"].items()},
        account_number=data["account"], otp=_read_otp(data["id"], data["otp"]),
        transaction_number=data["transaction"], paid_at=_read_time(data["paid_at"]),
        cancel_cause=CancelCause.from_slug(data["cancel"]) if data["cancel"] else None,
    )
