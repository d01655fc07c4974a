"""ACH's use cases on the memory store and a fixed clock: the PseNetwork port, the payer's way through
PSE and the bank pages' decisions, the monitor, the control API's forcing, and the registration."""
from __future__ import annotations

from dataclasses import replace
import pytest

from adapters.storage.memory import MemoryStore

from domain.shared.errors import DomainError, IllegalTransition
from domain.shared.money import Money
from domain.shared.payment_states import PseState
from domain.ach.codes import AchCode
from domain.ach.payer import PersonKind, RegistrationForm
from domain.ach.transaction import BankConfirmation
from ports.pse import PseTransactionRequest
from simulator.control.notifications import StoredNotifier
from simulator.pse.network import AchNetwork
from domain.ach.usecases.payer_flow import BankAction, NotRegistered, bank_decides, go_to_bank
from domain.ach.policy import AchPolicy
from domain.ach.usecases.registration import FormProblems, delete, register, update
from simulator.pse.seed import DEMO_PAYER_EMAIL, DEMO_SECURITY_ANSWER, seed_pse_data
from domain.ach.usecases.transactions import confirm_transaction, finalize_transaction, force_state, load

NIT = "890203088-9"
POLICY = AchPolicy()


@pytest.fixture
def ach(simulated) -> AchNetwork:
    return simulated.ach  # on the seeded memory store of `memory_store`, with the default AchPolicy (POLICY)


def request(clock, **changes) -> PseTransactionRequest:
    base = PseTransactionRequest(
        bank_code="1022", entity_code=NIT, service_code="2701", amount=Money.of("20000"), vat=Money.of("0"),
        ticket_id="18092100031", entity_url="http://127.0.0.1:8000/t_demo/pago.asp?estado_pago=respuesta",
        user_type="0", references=("1033370434", "CC", "127.0.0.1"), solicit_date=clock.now(),
        description="Pago de prueba",
    )
    return replace(base, **changes)


def created(ach, clock, **changes):
    answer = ach.create_transaction(request(clock, **changes))
    assert answer.return_code == "SUCCESS"
    return answer, ach.store.pse.get_transaction(answer.cus)


# -- the PseNetwork port --------------------------------------------------------------------------

def test_bank_list_has_the_test_bank_and_coopcentral(ach):
    banks = {bank.code: bank.name for bank in ach.banks(NIT)}
    assert banks["1022"] == "BANCO UNION COLOMBIANO" and banks["1066"] == "BANCO COOPERATIVO COOPCENTRAL"


def test_create_gives_a_cus_the_pse_page_and_the_cycle(ach, clock):
    answer, t = created(ach, clock)
    assert answer.cus.isdigit() and answer.cycle == "4"
    assert answer.bank_url == f"/PSEUserRegister/StartTransaction.htm?enc={t.token}"
    assert t.state is PseState.PENDING and t.entity_name == "BANCO COOPERATIVO COOPCENTRAL"


def test_create_knows_the_merchants_as_entities(ach, clock, memory_store):
    assert ach.create_transaction(request(clock, entity_code="900378212-2")).return_code == \
        "FAIL_ENTITYNOTEXISTSORDISABLED"
    assert ach.create_transaction(request(clock, service_code="9999")).return_code == "FAIL_SERVICENOTEXISTS"
    assert ach.create_transaction(request(clock, bank_code="1000")).return_code == "FAIL_BANKNOTEXISTSORDISABLED"
    merchant = memory_store.merchants.get(1001)
    memory_store.merchants.add(replace(merchant, enabled=False))
    assert ach.create_transaction(request(clock)).return_code == "FAIL_ENTITYNOTEXISTSORDISABLED"


def test_a_refused_create_keeps_nothing(ach, clock, memory_store):
    assert ach.create_transaction(request(clock, amount=Money.of("20000.11"))).cus == ""
    assert memory_store.pse.list_transactions() == []


def test_information_reads_the_transaction_of_its_own_entity(ach, clock):
    answer, _ = created(ach, clock)
    info = ach.information("8902030889", answer.cus)
    assert info.return_code == "SUCCESS" and info.state is PseState.PENDING
    assert info.amount == Money.of("20000") and info.bank_name == "BANCO UNION COLOMBIANO"
    assert ach.information(NIT, "999").return_code == "FAIL_INVALIDTRAZABILITYCODE"
    assert ach.information("900378212-2", answer.cus).return_code == "FAIL_ACCESSDENIED"


def test_unknown_cus_for_finalize_and_confirm(memory_store, clock):
    assert finalize_transaction(NIT, "1", memory_store, clock, POLICY) is AchCode.FAIL_INVALIDTRAZABILITYCODE
    confirmation = BankConfirmation("1", "1022", NIT, Money.of("1"), Money.of("0"), "1", clock.now(), clock.now(),
                                    PseState.OK, "1")
    assert confirm_transaction(confirmation, memory_store, clock, POLICY).code is AchCode.FAIL_INVALIDTRAZABILITYCODE


def test_the_monitor_fails_an_abandoned_transaction_after_the_bank_time_and_keeps_it(ach, clock, memory_store):
    answer, _ = created(ach, clock)
    assert ach.finalize(NIT, answer.cus) == "FAIL_INVALIDSTATE"
    clock.advance(7 * 60)
    assert ach.information(NIT, answer.cus).state is PseState.FAILED
    assert memory_store.pse.get_transaction(answer.cus).state is PseState.FAILED
    assert ach.finalize(NIT, answer.cus) == "SUCCESS"


# -- the payer through PSE and the bank -----------------------------------------------------------

def test_ir_al_banco_needs_a_registered_email(ach, clock, memory_store):
    _, t = created(ach, clock)
    with pytest.raises(NotRegistered):
        go_to_bank(t.token, "nadie@example.com", memory_store, clock, POLICY)
    with pytest.raises(DomainError) as error:
        go_to_bank(t.token, "no-es-correo", memory_store, clock, POLICY)
    assert error.value.field == "email"
    assert go_to_bank(t.token, "NICK.Rivera@example.com", memory_store, clock, POLICY) == f"/banco/1022?enc={t.token}"
    assert memory_store.pse.get_transaction(t.cus).payer_email == DEMO_PAYER_EMAIL
    with pytest.raises(DomainError, match="no existe"):
        go_to_bank("nope", DEMO_PAYER_EMAIL, memory_store, clock, POLICY)


@pytest.mark.parametrize("action, state", [
    (BankAction.PAY, PseState.OK), (BankAction.CANCEL, PseState.NOT_AUTHORIZED),
])
def test_test_bank_buttons_confirm_through_ach(ach, clock, memory_store, action, state):
    answer, t = created(ach, clock)
    outcome = bank_decides(t, action, memory_store, clock, POLICY)
    assert outcome.code is AchCode.SUCCESS
    info = ach.information(NIT, answer.cus)
    assert info.state is state and bool(info.authorization_id) is (state is PseState.OK)
    assert bank_decides(t, action, memory_store, clock, POLICY).code is AchCode.FAIL_INVALIDSTATE


def test_debug_sonda_leaves_it_pending_until_the_clock_passes_the_bank_time(ach, clock, memory_store):
    answer, t = created(ach, clock)
    assert bank_decides(t, BankAction.DEBUG_SONDA, memory_store, clock, POLICY).code is AchCode.SUCCESS
    clock.advance(6 * 60)
    assert ach.information(NIT, answer.cus).state is PseState.PENDING
    clock.advance(60)
    assert ach.information(NIT, answer.cus).state is PseState.OK


def test_debug_sonda_can_be_forced_by_the_control_api(ach, clock, memory_store):
    answer, t = created(ach, clock)
    bank_decides(t, BankAction.DEBUG_SONDA, memory_store, clock, POLICY)
    forced = force_state(answer.cus, PseState.NOT_AUTHORIZED, memory_store, clock, POLICY)
    assert forced.state is PseState.NOT_AUTHORIZED
    assert ach.information(NIT, answer.cus).state is PseState.NOT_AUTHORIZED
    with pytest.raises(IllegalTransition):
        force_state(answer.cus, PseState.OK, memory_store, clock, POLICY)
    assert force_state("404", PseState.OK, memory_store, clock, POLICY) is None


def test_generic_banks_approve_or_reject_and_refuse_the_test_buttons(ach, clock, memory_store):
    _, t = created(ach, clock, bank_code="1051")
    with pytest.raises(DomainError):
        bank_decides(t, BankAction.PAY, memory_store, clock, POLICY)
    assert bank_decides(t, BankAction.REJECT, memory_store, clock, POLICY).transaction.state is PseState.NOT_AUTHORIZED
    _, other = created(ach, clock, bank_code="1007", ticket_id="2")
    assert bank_decides(other, BankAction.APPROVE, memory_store, clock, POLICY).transaction.state is PseState.OK


def test_a_bank_too_late_gets_a_timeout(ach, clock, memory_store):
    _, t = created(ach, clock)
    clock.advance(8 * 60)
    assert bank_decides(t, BankAction.PAY, memory_store, clock, POLICY).code is AchCode.FAIL_TIMEOUT
    assert load(memory_store, t.cus, clock, POLICY).state is PseState.FAILED


def test_a_failed_unit_of_work_restores_ach_data(clock):
    store = MemoryStore()  # empty: the seed below is what the failed unit of work tried to write
    with pytest.raises(RuntimeError):
        with store.transaction():
            seed_pse_data(store)
            store.notifications.add("email", "a@b.co", "x", "y", clock.now())
            raise RuntimeError("boom")
    assert store.pse.get_payer(DEMO_PAYER_EMAIL) is None
    assert store.notifications.recent() == []


# -- registration ---------------------------------------------------------------------------------

FORM = RegistrationForm(
    kind=PersonKind.NATURAL, document_type="CE", document_number="E12345", first_names="Ana",
    last_names="Gómez", mobile="3001234567", address="Carrera 7 # 1-2", email="ana@example.com",
    email_confirmation="ana@example.com", security_question="mascota", security_answer="Firulais",
    terms_accepted=True,
)


@pytest.fixture
def notifier(memory_store, clock) -> StoredNotifier:
    return StoredNotifier(memory_store, clock)


def test_register_update_and_delete_each_send_an_email(memory_store, clock, notifier):
    register(FORM, memory_store, clock, notifier)
    assert memory_store.pse.get_payer("ana@example.com").first_names == "Ana"
    with pytest.raises(FormProblems) as twice:
        register(FORM, memory_store, clock, notifier)
    assert "ya está registrado" in twice.value.problems["email"]
    clock.advance(60)
    update(replace(FORM, address="Calle 1 # 2-3"), memory_store, clock, notifier)
    assert memory_store.pse.get_payer("ana@example.com").address == "Calle 1 # 2-3"
    delete(PersonKind.NATURAL, "ana@example.com", "mascota", " firulais ", memory_store, notifier)
    assert memory_store.pse.get_payer("ana@example.com") is None
    subjects = [m.subject for m in memory_store.notifications.messages_for("ANA@example.com")]
    assert subjects == ["PSE - Eliminación de su registro", "PSE - Actualización de sus datos",
                        "PSE - Confirmación de su registro"]


def test_update_and_delete_need_the_security_answer_and_the_same_person_kind(memory_store, clock, notifier):
    seed_pse_data(memory_store)
    with pytest.raises(FormProblems) as wrong:
        delete(PersonKind.NATURAL, DEMO_PAYER_EMAIL, "colegio", "otro colegio", memory_store, notifier)
    assert "no coinciden" in wrong.value.problems["respuesta"]
    with pytest.raises(FormProblems) as kind:
        delete(PersonKind.LEGAL, DEMO_PAYER_EMAIL, "colegio", DEMO_SECURITY_ANSWER, memory_store, notifier)
    assert "persona natural" in kind.value.problems["email"]
    with pytest.raises(FormProblems) as unknown:
        update(FORM, memory_store, clock, notifier)
    assert "no está registrado" in unknown.value.problems["email"]
    assert memory_store.notifications.recent() == []


def test_an_invalid_registration_reports_its_fields_and_sends_nothing(memory_store, clock, notifier):
    with pytest.raises(FormProblems) as error:
        register(replace(FORM, mobile="12", terms_accepted=False), memory_store, clock, notifier)
    assert set(error.value.problems) == {"celular", "terminos"}
    assert memory_store.notifications.recent() == []
