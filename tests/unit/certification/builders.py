"""Small builders of certification records: requests as the journal would give them, payment histories."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count

from domain.certification.record import Call, PaymentHistory, Rehearsal, Request, StateChange, Wire, payer_key
from domain.shared.payment_states import PaymentMethod, PaymentState

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)
MERCHANT = 1001
_ids = count(1)

SOAP_PAYER = {"id_cliente": "1020304050", "tipo_id": "1", "valor_iva": "0"}
REST_PAYER = {"str_id_cliente": "1020304050", "str_tipo_id": "1", "flt_valor_iva": "7983"}


def start(reference: str, at: datetime = T0, wire: Wire = Wire.SOAP, fields: dict | None = None,
          accepted: bool = True, refused: bool = False) -> Request:
    sent = dict(SOAP_PAYER if wire is Wire.SOAP else REST_PAYER) if fields is None else fields
    return Request(next(_ids), at, Call.START, wire, MERCHANT, reference, sent, accepted, refused)


def verify(reference: str, at: datetime, wire: Wire = Wire.SOAP, accepted: bool = True,
           refused: bool = False) -> Request:
    return Request(next(_ids), at, Call.VERIFY, wire, MERCHANT, reference, {}, accepted, refused)


def payment(reference: str, *changes: tuple[int, datetime], started: datetime = T0,
            method: PaymentMethod | None = PaymentMethod.PSE, payment_id: int | None = None,
            payer: str = payer_key("1", "1020304050"), order: str = "Pedido 1|50000",
            bank: str = "BANCO UNION COLOMBIANO", cus: str = "") -> PaymentHistory:
    history = (StateChange(PaymentState.PENDING_START, started),
               *(StateChange(PaymentState(state), at) for state, at in changes))
    return PaymentHistory(payment_id if payment_id is not None else next(_ids), reference, started, history,
                          payer, order, method, bank, cus)


def record(*requests: Request, payments: tuple[PaymentHistory, ...] = (), pages=None) -> Rehearsal:
    return Rehearsal(MERCHANT, tuple(sorted(requests, key=lambda r: (r.at, r.entry_id))), tuple(payments), pages,
                     "(601) 555 0101", "soporte@comercio.test")
