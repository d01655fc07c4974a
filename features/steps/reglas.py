"""Steps of the domain's rules, run on the in-process target (tag @solo_en_proceso): the product table of
IOTCS-09, the sonda's schedule (zonapagos-ws.md §10) and ACH's fixed texts (pse.md §4)."""
from __future__ import annotations

from datetime import datetime, timedelta

from pytest_bdd import given, parsers, then, when

from domain.shared.ach_notices import approved_notice, pending_notice
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.recaudo.products import CHOICE_LABELS, PaymentChoice, Product, product_type
from domain.recaudo.sonda import StopReason, next_poll_at

START = datetime(2026, 11, 23, 10, 0, 0)
OWNER = IdentityDocument(DocumentType.CC, "1033370434")
CHOICES = {label: kind for kind, label in CHOICE_LABELS.items()}
METHODS = {"PSE": PaymentMethod.PSE, "tarjeta": PaymentMethod.CARD, "PDF": PaymentMethod.PDF, "ninguna": None}
STOPS = {StopReason.FINAL_STATE: "estado final", StopReason.ABANDONED: "abandonado",
         StopReason.AUTO_REJECTED: "rechazado automáticamente", StopReason.NEEDS_MANUAL_REVIEW: "revisión manual"}


# -- the product table (step 6) ---------------------------------------------------------------------

@given(parsers.re(r'un producto "(?P<code>[A-Z]{2})" (?P<status>activo|inactivo) con pago mínimo "(?P<minimum>[^"]+)" '
                  r'y pago total "(?P<full>[^"]+)"$'), target_fixture="regla")
def a_product(code, status, minimum, full):
    return {"product": Product(OWNER, product_type(code), "000012345678", status == "activo",
                               Money.parse(minimum), Money.parse(full))}


@when(parsers.re(r'el asociado elige la opción "(?P<choice>[^"]+)" con el valor "(?P<amount>[^"]*)"$'))
def choose(regla, choice, amount):
    try:
        kind = CHOICES[choice]
        chosen = PaymentChoice(kind, Money.parse(amount) if amount else None)
        regla["answer"] = regla["product"].amount_for(chosen).format()
    except DomainError as refused:
        regla["answer"] = refused.message


@then(parsers.parse('la regla del producto responde "{answer}"'))
def rule_answers(regla, answer):
    assert answer in regla["answer"], regla["answer"]


# -- the sonda's schedule -----------------------------------------------------------------------------

@given(parsers.re(r'un pago en estado (?P<state>\d+) con forma de pago "(?P<method>[^"]+)", iniciado hace '
                  r'(?P<age>\d+) minutos y consultado por última vez "(?P<last>[^"]+)"$'), target_fixture="sonda")
def a_payment(state, method, age, last):
    now = START + timedelta(minutes=int(age))
    last_polled = None if last == "nunca" else START + timedelta(minutes=int(last.split()[-2]))
    return {"decision": next_poll_at(START, last_polled, PaymentState(int(state)), METHODS[method], now)}


@then(parsers.parse('la sonda decide "{decision}"'))
def sonda_decides(sonda, decision):
    chosen = sonda["decision"]
    if chosen.stops:
        said = f"dejar de consultar: {STOPS[chosen.stop_reason]}"
    else:
        said = f"consultar a los {int((chosen.poll_at - START).total_seconds() // 60)} minutos del inicio"
    assert said == decision


# -- ACH's fixed texts --------------------------------------------------------------------------------

@given(parsers.parse('la entidad atiende en el teléfono "{phone}" y en el correo "{email}"'), target_fixture="ach")
def entity_contacts(phone, email):
    return {"phone": phone, "email": email}


@when(parsers.re(r'la referencia "(?P<reference>\d+)" queda en estado (?P<state>\d+)'
                 r'(?: con el CUS "(?P<cus>\d+)")?$'))
def reference_state(ach, reference, state, cus):
    state, cus = PaymentState(int(state)), cus or ""
    if state is PaymentState.APPROVED:
        ach["notice"] = approved_notice(reference, ach["phone"], ach["email"], cus)
    elif state in (PaymentState.PENDING_FINISH, PaymentState.REVIEW_PENDING):
        ach["notice"] = pending_notice(reference, ach["phone"], ach["email"], cus)
    else:
        ach["notice"] = ""


@then("el mensaje de ACH es:")
def ach_text(ach, docstring):
    assert ach["notice"] == " ".join(docstring.split())


@then("no hay mensaje de ACH")
def no_ach_text(ach):
    assert ach["notice"] == ""
