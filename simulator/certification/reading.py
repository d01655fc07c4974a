"""The journal's decoded entries and the store's payments, as the certification context's records.

A journal entry keeps the decoded request re-serialised with its secrets masked (simulator/control/journal_view.py)
and the masked answer: a SOAP document or a REST JSON body. The call is known by the operation's name (SOAP)
or the path's last segment (REST `InicioPago`, `VerificacionPago`), whatever the spelling.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from lxml import etree

from domain.certification.record import (
    Call, PaymentHistory, Rehearsal, Request, ResultPage, StateChange, Wire, payer_key,
)
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from ports.gateway_store import GatewayStore
from ports.sim_state import Journal, JournalEntry

SOAP_CALLS = {"inicio_pagov2": Call.START, "inicio_pagov3": Call.START, "inicio_pagov4": Call.START,
              "verificar_pago_v4": Call.VERIFY, "verificar_pago_v3": Call.VERIFY,
              "ds_verificar_pago": Call.VERIFY, "ds_verificar_pago_v2": Call.VERIFY}
REST_CALLS = {"iniciopago": Call.START, "verificacionpago": Call.VERIFY}
MERCHANT_FIELDS = ("id_tienda", "int_id_comercio", "int_id_tienda")  # start and V4 / REST, V3
REFERENCE_FIELDS = ("id_pago", "str_id_pago")
REFUSED_CREDENTIALS = "credenciales inv"  # "Credenciales inválidas", every wire's text
MAX_ENTRIES = 50_000  # a rehearsal is a few hundred requests; a report reads at most this many

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def call_of(operation: str) -> tuple[Call, Wire] | None:
    """The certification's call for a journaled operation (a SOAP operation name or a REST path)."""
    name = operation.lower()
    if name in SOAP_CALLS:
        return SOAP_CALLS[name], Wire.SOAP
    last = name.rstrip("/").rsplit("/", 1)[-1]
    if last in REST_CALLS:
        return REST_CALLS[last], Wire.REST
    return None


def _local(tag: object) -> str:
    text = str(tag)
    return text[text.rfind("}") + 1:]


def soap_fields(text: str) -> dict[str, str]:
    """The leaf elements of a SOAP message by local name (the first of each name), text as sent."""
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    fields: dict[str, str] = {}
    for element in root.iter(etree.Element):
        if len(element) == 0:
            fields.setdefault(_local(element.tag), (element.text or ""))
    return fields


def rest_fields(text: str) -> dict[str, str]:
    """A REST JSON body flattened: every scalar property by name (InformacionPago's and the rest's)."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return {}
    fields: dict[str, str] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    walk(item)
                elif item is not None:
                    fields.setdefault(str(key), str(item))
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(data)
    return fields


CARD_REGISTRATION = (200, "1")  # AdicionalesConfiguracion: tokenization NC (zonapagos-ws.md §13)


def registers_card(text: str) -> bool:
    """True when a REST start's body asks for a card registration (AdicionalesConfiguracion 200 = "1")."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    items = next((value for key, value in data.items() if key.lower() == "adicionalesconfiguracion"), None) \
        if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict):
            code, value = item.get("int_codigo"), item.get("str_valor")
            if str(code).strip() == str(CARD_REGISTRATION[0]) and str(value).strip() == CARD_REGISTRATION[1]:
                return True
    return False


def _accepted(call: Call, wire: Wire, status: int, reply: Mapping[str, str]) -> bool:
    if status != 200:
        return False
    if wire is Wire.REST:
        return reply.get("int_codigo" if call is Call.START else "int_estado", "") == "1"
    result = next((value for name, value in reply.items() if name.endswith("Result")), None)
    if result is None:  # verificar_pago_v3 nests its result
        result = reply.get("codigo", "")
    return not result.strip().startswith("-1") if call is Call.START else result.strip() == "1"


def request_of(entry_id: int, entry: JournalEntry) -> Request | None:
    """The certification's view of one journal entry; None when it is no start or verification or names no
    merchant."""
    known = call_of(entry.operation)
    if known is None:
        return None
    call, wire = known
    read = rest_fields if wire is Wire.REST else soap_fields
    fields, answer = read(entry.request), read(entry.response)
    merchant = next((fields[name] for name in MERCHANT_FIELDS if name in fields), "")
    if not merchant.strip().isdigit():
        return None
    reference = next((fields[name] for name in REFERENCE_FIELDS if name in fields), "")
    try:
        at = datetime.fromisoformat(entry.at)
    except ValueError:
        return None
    refused = REFUSED_CREDENTIALS in entry.response.lower()
    card = wire is Wire.REST and call is Call.START and registers_card(entry.request)
    return Request(entry_id, at, call, wire, int(merchant), reference.strip(), fields,
                   accepted=not refused and _accepted(call, wire, entry.status, answer), credentials_refused=refused,
                   card_registration=card)


def merchant_requests(journal: Journal, merchant_id: int, after_id: int = 0) -> list[Request]:
    """The merchant's starts and verifications journaled after entry `after_id`, oldest first."""
    rows = journal.query(after_id=after_id, limit=MAX_ENTRIES)
    requests = [request_of(row_id, entry) for row_id, entry in rows]
    return sorted((r for r in requests if r is not None and r.merchant_id == merchant_id),
                  key=lambda r: (r.at, r.entry_id))


def history_of(payment: Payment) -> PaymentHistory:
    """A payment's states over time, across its attempts (a payer may try again on the gateway's page)."""
    changes = [StateChange(change.state, change.at) for attempt in payment.attempts for change in attempt.history]
    attempt = payment.current_attempt
    pse = attempt.pse
    return PaymentHistory(
        payment.identifier, payment.reference, payment.created_at, tuple(changes),
        payer_key(payment.payer.document_type, payment.payer.document_number),
        f"{payment.description}|{payment.total.amount}", attempt.method,
        pse.bank_name if pse is not None else "", pse.cus if pse is not None else "")


def payments_of(store: GatewayStore, merchant_id: int, requests: Iterable[Request]) -> list[PaymentHistory]:
    """The payments the merchant's accepted starts created, in the order they were started."""
    seen: dict[int, PaymentHistory] = {}
    for request in requests:
        if request.call is Call.START and request.accepted and request.reference:
            payment = store.payments.find_by_reference(merchant_id, request.reference)
            if payment is not None:
                seen.setdefault(payment.identifier, history_of(payment))
    return sorted(seen.values(), key=lambda p: (p.started_at, p.payment_id))


def rehearsal_of(merchant: Merchant, requests: list[Request], payments: list[PaymentHistory],
                 pages: list[ResultPage] | None = None) -> Rehearsal:
    return Rehearsal(merchant.id, tuple(requests), tuple(payments), tuple(pages) if pages is not None else None,
                     merchant.support_phone, merchant.support_email)
