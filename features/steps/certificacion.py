"""Steps of the certification assistant's rules (domain/certification/), on the in-process target (tag
@solo_en_proceso): a merchant's requests and its payments' histories on a simulated timeline, then the grading."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count

import pytest
from pytest_bdd import given, parsers, then, when

from domain.certification.catalogue import grade
from domain.certification.record import Call, PaymentHistory, Rehearsal, Request, StateChange, Wire, payer_key
from domain.shared.payment_states import PaymentMethod, PaymentState

START = datetime(2026, 11, 23, 10, 0, 0, tzinfo=timezone(timedelta(hours=-5)))
MERCHANT = 1001
PAYER = {"id_cliente": "1020304050", "tipo_id": "1", "valor_iva": "0"}


@pytest.fixture
def certificacion() -> dict:
    return {"requests": [], "payments": {}, "ids": count(1)}


def _request(world: dict, call: Call, reference: str, at: datetime, fields: dict | None = None,
             accepted: bool = True, refused: bool = False) -> None:
    world["requests"].append(Request(next(world["ids"]), at, call, Wire.SOAP, MERCHANT, reference, fields or {},
                                     accepted, refused))


@given(parsers.re(r'un comercio que inicia el pago "(?P<reference>[^"]+)" (?P<how>con|sin) los datos del pagador$'))
def starts(certificacion, reference, how):
    _request(certificacion, Call.START, reference, START, PAYER if how == "con" else {"valor_iva": "0"})
    certificacion["payments"][reference] = [StateChange(PaymentState.PENDING_START, START)]


@given(parsers.re(r'el pago "(?P<reference>[^"]+)" queda en estado (?P<state>\d+) al minuto (?P<minute>\d+)$'))
def changes(certificacion, reference, state, minute):
    at = START + timedelta(minutes=int(minute))
    certificacion["payments"][reference].append(StateChange(PaymentState(int(state)), at))


@given(parsers.re(r'el comercio consulta el pago "(?P<reference>[^"]+)" a los minutos "(?P<minutes>[^"]+)"$'))
def verifies_at(certificacion, reference, minutes):
    for minute in minutes.split(","):
        _request(certificacion, Call.VERIFY, reference, START + timedelta(minutes=int(minute)))


@given(parsers.re(r'el comercio consulta el pago "(?P<reference>[^"]+)" cada (?P<seconds>\d+) segundos desde el '
                  r'minuto (?P<minute>\d+), (?P<times>\d+) veces$'))
def verifies_often(certificacion, reference, seconds, minute, times):
    first = START + timedelta(minutes=int(minute))
    for n in range(int(times)):
        _request(certificacion, Call.VERIFY, reference, first + n * timedelta(seconds=int(seconds)))


@given(parsers.re(r'el comercio vuelve a iniciar el pago "(?P<reference>[^"]+)" al minuto (?P<minute>\d+)$'))
def starts_again(certificacion, reference, minute):
    _request(certificacion, Call.START, reference, START + timedelta(minutes=int(minute)), PAYER, accepted=False)


@given(parsers.re(r"un comercio cuyas credenciales se rechazan (?P<times>\d+) veces seguidas$"))
def refused(certificacion, times):
    for n in range(int(times)):
        _request(certificacion, Call.START, f"C{n}", START + timedelta(seconds=n), PAYER, accepted=False, refused=True)


@when("el asistente califica al comercio", target_fixture="calificacion")
def grades(certificacion):
    payments = tuple(
        PaymentHistory(index, reference, history[0].at, tuple(history), payer_key("1", "1020304050"),
                       f"Pedido {reference}", PaymentMethod.PSE)
        for index, (reference, history) in enumerate(certificacion["payments"].items(), start=1))
    requests = tuple(sorted(certificacion["requests"], key=lambda r: (r.at, r.entry_id)))
    return {f.code: f for f in grade(Rehearsal(MERCHANT, requests, payments))}


@then(parsers.parse('ninguna regla queda en "{verdict}"'))
def no_rule_in(calificacion, verdict):
    assert [code for code, f in calificacion.items() if f.verdict.value == verdict] == []


@then(parsers.parse('la regla "{code}" queda en "{verdict}"'))
def rule_is(calificacion, code, verdict):
    assert calificacion[code].verdict.value == verdict, calificacion[code].evidence


@then(parsers.parse('las reglas en "{verdict}" son "{codes}"'))
def rules_in(calificacion, verdict, codes):
    found = {code for code, f in calificacion.items() if f.verdict.value == verdict}
    assert found == {code.strip() for code in codes.split(",")}


@then(parsers.parse('la evidencia de "{code}" nombra {polls:d} consultas del pago "{reference}"'))
def evidence_names(calificacion, code, polls, reference):
    evidence = calificacion[code].evidence
    assert len(evidence) == polls and all(reference in e.note and len(e.entries) == 1 for e in evidence)
