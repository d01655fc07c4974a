"""Every certification rule, both ways: a record that meets it and one that breaks it, with the evidence."""
from __future__ import annotations

from domain.certification import (
    credentials, final_verification, payer_data, pending_block, polling_end, polling_frequency, result_page, retry,
)
from domain.certification.catalogue import RULES, grade, passed
from domain.certification.finding import Verdict
from domain.certification.record import Call, Request, ResultPage, Wire
from domain.shared.ach_notices import pending_notice
from domain.shared.payment_states import PaymentMethod
from tests.unit.certification.builders import MIN, SEC, T0, payment, record, start, verify


def test_every_rule_has_a_code_a_spanish_title_and_a_source():
    codes = [rule.code for rule in RULES]
    assert codes == ["datos_pagador", "sonda_frecuencia", "sonda_fin", "verificacion_final", "reintento",
                     "pendiente_bloqueo", "credenciales", "pagina_resultado"]
    assert all(rule.title and "§" in rule.source for rule in RULES)


# datos_pagador

def test_a_soap_start_with_document_and_vat_meets_payer_data():
    finding = payer_data.RULE.grade(record(start("A1")))
    assert finding.verdict is Verdict.MET


def test_a_soap_start_without_document_breaks_payer_data_naming_the_fields_and_the_entry():
    bad = start("A1", fields={"valor_iva": "0", "id_cliente": " "})
    finding = payer_data.RULE.grade(record(bad, payments=(payment("A1", payment_id=77),)))
    assert finding.verdict is Verdict.NOT_MET
    [evidence] = finding.evidence
    assert "id_cliente, tipo_id" in evidence.note and "valor_iva" not in evidence.note
    assert evidence.entries == (bad.entry_id,) and evidence.payments == (77,) and evidence.times == (T0,)


def test_a_rest_start_is_judged_by_the_rest_names():
    assert payer_data.RULE.grade(record(start("R1", wire=Wire.REST))).verdict is Verdict.MET
    soap_names_on_rest = start("R2", wire=Wire.REST, fields={"id_cliente": "1", "tipo_id": "1", "valor_iva": "0"})
    finding = payer_data.RULE.grade(record(soap_names_on_rest))
    assert finding.verdict is Verdict.NOT_MET
    assert "str_id_cliente, str_tipo_id, flt_valor_iva" in finding.evidence[0].note


def test_a_rest_card_registration_without_vat_is_not_judged_by_payer_data():
    register = Request(999_001, T0, Call.START, Wire.REST, 1001, "TOK1", {"str_id_cliente": "1", "str_tipo_id": "1"},
                       card_registration=True)
    assert payer_data.RULE.grade(record(register)).verdict is Verdict.NO_EVIDENCE
    payment_start = Request(999_002, T0, Call.START, Wire.REST, 1001, "P1", {"str_id_cliente": "1", "str_tipo_id": "1"})
    finding = payer_data.RULE.grade(record(register, payment_start))
    assert finding.verdict is Verdict.NOT_MET and [e.note for e in finding.evidence] == [
        "El inicio del id_pago P1 no envía flt_valor_iva"]


def test_refused_starts_and_no_starts_give_no_evidence_for_payer_data():
    assert payer_data.RULE.grade(record()).verdict is Verdict.NO_EVIDENCE
    refused = start("A1", fields={}, accepted=False, refused=True)
    assert payer_data.RULE.grade(record(refused)).verdict is Verdict.NO_EVIDENCE


# sonda_frecuencia

def test_polls_at_7_and_then_every_10_minutes_meet_the_sonda_schedule():
    pending = payment("P", (999, T0 + MIN))
    polls = [verify("P", T0 + MIN + 10 * SEC), verify("P", T0 + 7 * MIN), verify("P", T0 + 17 * MIN)]
    assert polling_frequency.RULE.grade(record(*polls, payments=(pending,))).verdict is Verdict.MET


def test_polling_a_pending_payment_every_few_seconds_breaks_the_sonda_schedule():
    pending = payment("P", (999, T0 + MIN), payment_id=5)
    polls = [verify("P", T0 + 7 * MIN + n * 5 * SEC) for n in range(4)]
    finding = polling_frequency.RULE.grade(record(*polls, payments=(pending,)))
    assert finding.verdict is Verdict.NOT_MET
    assert [e.entries for e in finding.evidence] == [(p.entry_id,) for p in polls[1:]]
    assert all(e.payments == (5,) and "5 s después de la consulta anterior" in e.note for e in finding.evidence)


def test_a_poll_before_7_minutes_breaks_the_schedule_but_the_return_check_does_not():
    pending = payment("P", (999, T0 + 2 * MIN))
    return_check = verify("P", T0 + 2 * MIN + 30 * SEC)
    early = verify("P", T0 + 3 * MIN)
    finding = polling_frequency.RULE.grade(record(return_check, early, payments=(pending,)))
    assert finding.verdict is Verdict.NOT_MET
    assert [e.entries for e in finding.evidence] == [(early.entry_id,)]
    assert "antes de 420 s" in finding.evidence[0].note


def test_in_person_payments_are_polled_hourly():
    pending = payment("P", (999, T0 + MIN), method=PaymentMethod.PDF)
    polls = [verify("P", T0 + 7 * MIN), verify("P", T0 + 20 * MIN)]
    assert polling_frequency.RULE.grade(record(*polls, payments=(pending,))).verdict is Verdict.NOT_MET
    polls = [verify("P", T0 + 7 * MIN), verify("P", T0 + 67 * MIN)]
    assert polling_frequency.RULE.grade(record(*polls, payments=(pending,))).verdict is Verdict.MET


def test_no_poll_of_a_pending_payment_is_no_evidence_for_the_schedule():
    approved = payment("A", (1, T0 + MIN))
    assert polling_frequency.RULE.grade(record(verify("A", T0 + 2 * MIN), payments=(approved,))).verdict \
        is Verdict.NO_EVIDENCE


# sonda_fin

def test_verifying_once_after_the_final_state_and_stopping_meets_polling_end():
    rejected = payment("R", (1000, T0 + 2 * MIN))
    finding = polling_end.RULE.grade(record(verify("R", T0 + 3 * MIN), verify("R", T0 + 4 * MIN),
                                            payments=(rejected,)))
    assert finding.verdict is Verdict.MET


def test_polling_on_after_the_final_state_breaks_polling_end():
    approved = payment("A", (1, T0 + 2 * MIN), payment_id=9)
    late = [verify("A", T0 + 17 * MIN), verify("A", T0 + 27 * MIN)]
    finding = polling_end.RULE.grade(record(verify("A", T0 + 3 * MIN), *late, payments=(approved,)))
    assert finding.verdict is Verdict.NOT_MET
    assert finding.evidence[0].entries == tuple(v.entry_id for v in late) and finding.evidence[0].payments == (9,)


# verificacion_final

def test_a_final_state_verified_after_it_happened_meets_final_verification():
    approved = payment("A", (1, T0 + 2 * MIN))
    assert final_verification.RULE.grade(record(verify("A", T0 + 2 * MIN), payments=(approved,))).verdict \
        is Verdict.MET


def test_an_approved_payment_never_verified_after_approval_breaks_final_verification():
    approved = payment("A", (1, T0 + 5 * MIN), payment_id=3)
    finding = final_verification.RULE.grade(record(verify("A", T0 + MIN), payments=(approved,)))
    assert finding.verdict is Verdict.NOT_MET
    assert finding.evidence[0].payments == (3,) and finding.evidence[0].times == (T0 + 5 * MIN,)


def test_a_refused_verification_does_not_count_as_learning_the_state():
    approved = payment("A", (1, T0 + MIN))
    refused = verify("A", T0 + 2 * MIN, accepted=False, refused=True)
    assert final_verification.RULE.grade(record(refused, payments=(approved,))).verdict is Verdict.NOT_MET


# reintento

def test_a_rejected_payment_retried_with_a_new_reference_meets_retry():
    rejected = payment("R1", (1000, T0 + 2 * MIN), payment_id=1)
    retried = payment("R1-R1", started=T0 + 3 * MIN, payment_id=2)
    second = start("R1-R1", at=T0 + 3 * MIN)
    finding = retry.RULE.grade(record(start("R1"), second, payments=(rejected, retried)))
    assert finding.verdict is Verdict.MET
    [evidence] = finding.evidence
    assert "R1-R1" in evidence.note and evidence.entries == (second.entry_id,) and evidence.payments == (1, 2)


def test_a_later_payment_of_another_order_is_no_retry():
    rejected = payment("R1", (1000, T0 + 2 * MIN))
    other = payment("O1", started=T0 + 3 * MIN, order="Pedido 2|1000")
    assert retry.RULE.grade(record(start("R1"), start("O1", at=T0 + 3 * MIN), payments=(rejected, other))).verdict \
        is Verdict.NO_EVIDENCE


def test_reusing_the_reference_of_a_rejected_payment_breaks_retry():
    rejected = payment("R1", (1000, T0 + 2 * MIN), payment_id=4)
    first, again = start("R1"), start("R1", at=T0 + 3 * MIN, accepted=False)
    finding = retry.RULE.grade(record(first, again, payments=(rejected,)))
    assert finding.verdict is Verdict.NOT_MET
    assert finding.evidence[0].entries == (first.entry_id, again.entry_id) and finding.evidence[0].payments == (4,)


def test_a_refused_duplicate_start_of_a_payment_never_rejected_is_no_reuse():
    pending = payment("R2", payment_id=5)
    approved = payment("R3", (1, T0 + MIN), payment_id=6)
    record_ = record(start("R2"), start("R2", at=T0 + 2 * MIN, accepted=False),
                     start("R3"), start("R3", at=T0 + 2 * MIN, accepted=False), payments=(pending, approved))
    assert retry.RULE.grade(record_).verdict is Verdict.NO_EVIDENCE


def test_a_duplicate_start_before_the_rejection_is_no_reuse_but_one_after_it_is():
    rejected = payment("R4", (1001, T0 + 5 * MIN), payment_id=7)
    first, early, late = start("R4"), start("R4", at=T0 + MIN, accepted=False), start("R4", at=T0 + 6 * MIN,
                                                                                         accepted=False)
    finding = retry.RULE.grade(record(first, early, late, payments=(rejected,)))
    assert finding.verdict is Verdict.NOT_MET
    [evidence] = finding.evidence
    assert evidence.entries == (first.entry_id, late.entry_id)
    assert "rechazado (1001)" in evidence.note and "duplicado" in evidence.note


# pendiente_bloqueo

def test_a_new_payment_of_the_same_order_after_the_pending_one_ended_meets_the_block():
    pending = payment("P1", (999, T0 + MIN), (1000, T0 + 20 * MIN))
    later = payment("P2", started=T0 + 21 * MIN)
    assert pending_block.RULE.grade(record(payments=(pending, later))).verdict is Verdict.MET


def test_a_new_payment_of_the_same_order_while_one_is_pending_breaks_the_block():
    pending = payment("P1", (999, T0 + MIN), payment_id=1)
    second = payment("P2", started=T0 + 3 * MIN, payment_id=2)
    other_order = payment("P3", started=T0 + 4 * MIN, order="Pedido 2|1000")
    first_start = start("P2", at=T0 + 3 * MIN)
    finding = pending_block.RULE.grade(record(first_start, payments=(pending, second, other_order)))
    assert finding.verdict is Verdict.NOT_MET
    [evidence] = finding.evidence
    assert evidence.payments == (1, 2) and evidence.entries == (first_start.entry_id,)


# credenciales

def test_one_refused_authentication_then_stopping_meets_credentials():
    finding = credentials.RULE.grade(record(start("C", accepted=False, refused=True), start("D", at=T0 + MIN)))
    assert finding.verdict is Verdict.MET


def test_a_run_of_refused_authentications_breaks_credentials():
    run = [verify("C", T0 + n * SEC, accepted=False, refused=True) for n in range(3)]
    finding = credentials.RULE.grade(record(*run))
    assert finding.verdict is Verdict.NOT_MET
    assert finding.evidence[0].entries == tuple(r.entry_id for r in run)


# pagina_resultado

def _pending_pse():
    return payment("P", (999, T0 + MIN), payment_id=8, cus="123456", bank="BANCO UNION COLOMBIANO")


def test_a_pending_pse_page_with_state_bank_cus_and_achs_message_meets_the_result_page():
    notice = pending_notice("P", "(601) 555 0101", "soporte@comercio.test", "123456")
    page = ResultPage(8, "P", 200, f"Estado: Pendiente\nBanco: BANCO UNION COLOMBIANO CUS 123456\n{notice}")
    assert result_page.RULE.grade(record(payments=(_pending_pse(),), pages=(page,))).verdict is Verdict.MET


def test_a_pending_page_without_achs_message_breaks_the_result_page():
    page = ResultPage(8, "P", 200, "Estado: Pendiente. Banco: BANCO UNION COLOMBIANO. CUS 123456")
    finding = result_page.RULE.grade(record(payments=(_pending_pse(),), pages=(page,)))
    assert finding.verdict is Verdict.NOT_MET
    assert "mensaje de pago pendiente" in finding.evidence[0].note and finding.evidence[0].payments == (8,)


def test_the_result_page_is_no_evidence_when_the_run_did_not_fetch_pages():
    assert result_page.RULE.grade(record(payments=(_pending_pse(),))).verdict is Verdict.NO_EVIDENCE


def test_a_rehearsal_passes_unless_a_rule_is_not_met():
    approved = payment("A", (1, T0 + MIN))
    good = grade(record(start("A"), verify("A", T0 + 2 * MIN), payments=(approved,)))
    assert passed(good)
    assert not passed(grade(record(start("A"), payments=(approved,))))
