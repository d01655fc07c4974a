"""Steps of verificar_pago_v4 (I-IDI-007): every state code, and the PSE and card extras of an attempt."""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from domain.shared.payment_states import PaymentState

METHODS = {"PSE": "pse", "tarjeta": "tarjeta"}


@when(parsers.parse("el simulador fuerza el estado {state:d} con {method}"))
def force_with_method(driver, context, state, method):
    driver.force_state(context["answer"].identifier, state, METHODS[method])


@then(parsers.parse('la verificación dice estado {state:d} "{label}" con forma de pago {method:d}'))
def state_label_method(driver, context, state, label, method):
    result = driver.verify(context["reference"])
    context["verification"] = result
    latest = result.latest
    assert (latest.state, latest.state.label, latest.method) == (PaymentState(state), label, method), latest


@then("el intento trae los datos de PSE: ticket, código de servicio, banco, CUS y ciclo")
def pse_extras(context):
    pse = context["verification"].latest.pse
    assert pse is not None and context["verification"].latest.card is None
    assert pse.ticket_id.isdigit() and pse.service_code == "2701" and pse.bank_code == "1022"
    assert pse.bank_name == "BANCO UNION COLOMBIANO" and pse.cus.isdigit() and pse.cycle.isdigit()


@then(parsers.parse('el intento trae los datos de tarjeta: ticket, últimos cuatro "{last_four}", franquicia '
                    '"{franchise}"{codes}'))
def card_extras(context, last_four, franchise, codes):
    card = context["verification"].latest.card
    assert card is not None and context["verification"].latest.pse is None
    assert card.ticket_id.isdigit() and card.last_four == last_four and card.franchise == franchise
    if codes.strip() == "con códigos de aprobación y de recibo":
        assert len(card.approval_code) == 6 and card.receipt_number.isdigit(), card
    else:
        assert (card.approval_code, card.receipt_number) == ("", ""), card


@then(parsers.parse('la verificación de "{reference}" no encuentra pagos'))
def nothing_found(driver, reference):
    assert driver.verify(reference).attempts == []

