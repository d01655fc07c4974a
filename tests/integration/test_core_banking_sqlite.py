"""The SQLite core banking and the portal's records on a real file: seeding, idempotent crediting
(also under concurrent processes' connections), the reference counter, claims and the sonda's lease."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest

from adapters.clock import BOGOTA
from adapters.core_banking.seed import (
    DISABLED_ENTITY_ASSOCIATE, NICK, NICK_APORTES_8768, NICK_CREDIT_7626, NICK_INACTIVE, NICK_SAVINGS_7756,
    NO_PRODUCTS, seed_cooperative,
)
from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.storage.recaudo_sqlite import SqlitePortalPayments, SqliteRecaudoSessions, SqliteSondaLock
from adapters.storage.sqlite import connect
from domain.recaudo.entity import Entity
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState
from domain.recaudo.portal_payment import PaidLine, PortalPayment
from domain.recaudo.session import PayerDetails, RecaudoSession
from domain.shared.identity import DocumentType, IdentityDocument

AT = datetime(2026, 11, 23, 10, 0, tzinfo=BOGOTA)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "coop.sqlite3"
    conn = connect(path)
    seed_cooperative(SqliteCoreBanking(conn), seed=2026, today=date(2026, 11, 23))
    conn.close()
    return path


@pytest.fixture
def core(db):
    conn = connect(db)
    yield SqliteCoreBanking(conn)
    conn.close()


def test_the_seed_has_the_associate_of_the_instruction_with_his_products(core):
    nick = core.find_associate(NICK)
    assert nick.full_name == "NICK RIVERA CAMINERO" and nick.mobile == "3107126048"
    assert nick.entity == Entity("BANCO COOPERATIVO COOPCENTRAL", "890203088-9")
    assert [p.masked_name for p in nick.active_products()] == [
        "Ahorros a la Vista(****7756)", "Ahorros a la Vista(****6764)", "Cupo de Crédito(****7626)",
        "Aportes Sociales(****8768)"]
    credit = nick.product(*NICK_CREDIT_7626)
    assert (credit.minimum_due, credit.full_due, credit.due_date) == (
        Money.of("1800"), Money.of("1500000"), date(2026, 12, 15))
    assert nick.product(*NICK_APORTES_8768).minimum_due == Money.of("1500")
    assert not nick.product(*NICK_INACTIVE).active
    assert core.find_associate(NO_PRODUCTS).products == ()
    assert not core.find_associate(DISABLED_ENTITY_ASSOCIATE).entity.collection_enabled


def test_generated_associates_are_valid_and_reproducible(tmp_path, core):
    count = core._conn.execute("SELECT COUNT(*) FROM coop_associates").fetchone()[0]
    assert count >= 25
    rows = core._conn.execute("SELECT document_type, document_number, mobile, email FROM coop_associates").fetchall()
    for kind, number, mobile, email in rows:
        associate = core.find_associate(IdentityDocument(DocumentType.from_code(kind), number))
        assert associate is not None  # every stored row builds a valid domain associate
        assert mobile is None or (len(mobile) == 10 and mobile.startswith("3"))
    other = connect(tmp_path / "other.sqlite3")
    seed_cooperative(SqliteCoreBanking(other), seed=2026, today=date(2026, 11, 23))
    again = other.execute("SELECT document_type, document_number, mobile, email FROM coop_associates").fetchall()
    assert sorted(again) == sorted(rows)


def test_seeding_twice_changes_nothing(db, core):
    core.credit("25", NICK, NICK_SAVINGS_7756, Money.of("1000"), AT)
    seed_cooperative(core, seed=99, today=date(2027, 1, 1))
    assert core.balances(NICK, NICK_SAVINGS_7756).balance == Money.of("351000")


def test_crediting_a_payment_to_a_product_happens_once(core):
    assert core.credit("25", NICK, NICK_CREDIT_7626, Money.of("1800"), AT) is True
    assert core.credit("25", NICK, NICK_CREDIT_7626, Money.of("1800"), AT) is False
    after = core.balances(NICK, NICK_CREDIT_7626)
    assert (after.balance, after.minimum_due, after.full_due) == (Money.of("1498200"), Money.zero(),
                                                                   Money.of("1498200"))
    assert core.find_associate(NICK).product(*NICK_CREDIT_7626).minimum_due == Money.zero()
    assert core.credit("26", NICK, NICK_CREDIT_7626, Money.of("1000"), AT) is True  # another payment credits


def test_an_inactive_product_never_receives_money(core):
    before = core.balances(NICK, NICK_INACTIVE)
    assert core.credit("25", NICK, NICK_INACTIVE, Money.of("5000"), AT) is False
    assert core.balances(NICK, NICK_INACTIVE) == before
    assert core.credits("25") == [(*NICK_INACTIVE, Money.of("5000"), False)]  # kept in suspense


def test_concurrent_credits_of_one_payment_from_many_connections_apply_once(db):
    before = SqliteCoreBanking(connect(db)).balances(NICK, NICK_SAVINGS_7756).balance
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def credit() -> None:
        conn = connect(db)  # a connection per thread, as separate processes would have
        barrier.wait()
        results.append(SqliteCoreBanking(conn).credit("77", NICK, NICK_SAVINGS_7756, Money.of("50000"), AT))
        conn.close()

    threads = [threading.Thread(target=credit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    core = SqliteCoreBanking(connect(db))
    assert core.balances(NICK, NICK_SAVINGS_7756).balance == before + Money.of("50000")
    assert len(core.credits("77")) == 1


def _payment(reference: str, session_id: str = "s1") -> PortalPayment:
    payer = PayerDetails(NICK, "NICK", "RIVERA CAMINERO", "nick.rivera@example.com", "3107126048", True)
    return PortalPayment(reference, session_id, NICK, (PaidLine("AV", "100207756", "Ahorros", Money.of("5")),),
                         Money.of("5"), "Prueba", payer, AT)


def test_references_are_unique_across_connections_and_a_reference_is_claimed_once(db):
    first, second = SqlitePortalPayments(connect(db)), SqlitePortalPayments(connect(db))
    numbers = [first.next_reference_number(), second.next_reference_number(), first.next_reference_number()]
    assert numbers == [10000025, 10000026, 10000027]  # issue 18: 8 digits, no leading zero
    assert first.claim(_payment("00000025")) is True
    assert second.claim(_payment("00000025", "s2")) is False
    assert second.get("25").session_id == "s1"  # found with or without the leading zeros


def test_payments_round_trip_and_are_listed_for_the_sonda_and_the_associate(db):
    payments = SqlitePortalPayments(connect(db))
    payment = _payment("00000025")
    payments.claim(payment)
    assert payments.open_payments() == []  # not started yet
    payment.mark_started("42750001", "http://x/t_demo/pago.asp?identificador=42750001")
    payments.save(payment)
    assert [p.reference for p in payments.open_payments()] == ["00000025"]
    payment.record_attempt(1, PaymentState.APPROVED, 29, "1468001", "BANCO UNION COLOMBIANO")
    payments.save(payment)
    assert payments.open_payments() == [] and [p.reference for p in payments.uncredited()] == ["00000025"]
    assert payments.get("00000025") == payment
    assert [p.reference for p in payments.of_associate(NICK)] == ["00000025"]
    payments.release("00000025")
    assert payments.get("25") is None


def test_sessions_round_trip_with_their_otp_and_selection(db, core):
    from adapters.storage.memory import MemoryIds
    from domain.recaudo.products import PaymentChoice

    sessions = SqliteRecaudoSessions(connect(db))
    session = RecaudoSession.identify("visit-1", core.find_associate(NICK), AT)
    sessions.add(session)
    code = session.send_otp(MemoryIds(1), AT)
    session.verify_otp(code, AT + timedelta(seconds=5))
    session.choose_products([(NICK_CREDIT_7626, PaymentChoice.minimum()),
                             (NICK_SAVINGS_7756, PaymentChoice.free(Money.of("50000")))])
    sessions.save(session)
    loaded = sessions.get("visit-1")
    assert loaded == session
    assert loaded.total() == Money.of("51800")
    assert sessions.get("nobody") is None


def test_the_sonda_lease_has_one_holder_until_it_expires(db):
    now = [1000.0]
    a, b = SqliteSondaLock(connect(db), lambda: now[0]), SqliteSondaLock(connect(db), lambda: now[0])
    assert a.acquire("a", timedelta(minutes=2)) and a.acquire("a", timedelta(minutes=2))  # renewing is fine
    assert not b.acquire("b", timedelta(minutes=2))
    now[0] += 121
    assert b.acquire("b", timedelta(minutes=2))
    b.release("b")
    assert a.acquire("a", timedelta(minutes=2))
