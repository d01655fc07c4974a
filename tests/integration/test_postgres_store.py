"""The PostgreSQL store against a real server: what several instances of one database share, in process.

Each "instance" is a store of its own (its own pool and caches) on one database, as two `pasarela serve`
processes would have (tests/wire/test_postgres_cluster.py runs those).
"""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from adapters.clock import StoredOffsetClock
from adapters.storage.leases import SqlLeases
from adapters.storage.migrations import MIGRATIONS, POSTGRES_MIGRATIONS, postgres_ddl
from adapters.storage.pg_connection import DatabaseUnavailable
from adapters.storage.pg_store import PostgresStore, connect_postgres, database_clock, wipe_postgres
from adapters.storage.sim_state import SqliteFaultRules
from domain.gateway.delivery import Delivery, DeliveryKind
from domain.gateway.usecases.start import start_payment
from ports.sim_state import FaultRule
from simulator.bootstrap import seed_world
from simulator.zonapagos.seed import DEMO_MERCHANT_ID
from tests.conftest import T0
from tests.postgres_server import needs_postgres
from tests.unit.simulator.test_gateway_use_cases import COMMAND

pytestmark = needs_postgres


@pytest.fixture
def database(postgres_server) -> str:
    return postgres_server.create_database("store")


@pytest.fixture
def two(database):
    """Two instances' stores on one database, seeded."""
    a, b = PostgresStore(database, max_size=2), PostgresStore(database, max_size=2)
    seed_world(a)
    yield a, b
    a.close()
    b.close()


def test_both_dialects_have_every_migration_under_the_same_names():
    assert [name for name, _ in POSTGRES_MIGRATIONS] == [name for name, _ in MIGRATIONS]
    assert postgres_ddl("id INTEGER PRIMARY KEY AUTOINCREMENT, p REAL, e TEXT COLLATE NOCASE") == (
        "id BIGSERIAL PRIMARY KEY, p DOUBLE PRECISION, e TEXT COLLATE pasarela_nocase")


def test_a_second_start_on_a_migrated_database_applies_nothing_and_keeps_the_data(database):
    store = PostgresStore(database, max_size=1)
    seed_world(store)
    store.close()
    again = PostgresStore(database, max_size=1)
    try:
        with again.conn.raw() as raw:
            applied = [row[0] for row in raw.execute("SELECT name FROM schema_migrations ORDER BY name")]
        assert applied == [name for name, _ in POSTGRES_MIGRATIONS]
        assert again.merchants.get(DEMO_MERCHANT_ID) is not None
    finally:
        again.close()


def test_a_database_from_before_m0015_keeps_its_attempts_and_keys_them_by_payment(database, clock, monkeypatch):
    import adapters.storage.pg_store as pg_store_module

    monkeypatch.setattr(pg_store_module, "POSTGRES_MIGRATIONS",
                        [m for m in POSTGRES_MIGRATIONS if not m[0].startswith("m0015")])
    old = PostgresStore(database, max_size=1)
    seed_world(old)
    started = start_payment(COMMAND, old, clock)
    old.close()
    monkeypatch.setattr(pg_store_module, "POSTGRES_MIGRATIONS", POSTGRES_MIGRATIONS)
    store = PostgresStore(database, max_size=1)
    try:
        assert store.payments.get(started.identifier) == started
        with store.conn.raw() as raw:
            key = raw.execute("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                              "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = 'attempts'::regclass "
                              "AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)").fetchall()
        assert [row[0] for row in key] == ["identifier", "number"]
    finally:
        store.close()


def test_a_merchants_notification_settings_are_the_other_instances_and_the_waiting_attempts_index_is_partial(two):
    a, b = two
    cached = b.merchants.get(DEMO_MERCHANT_ID)
    a.merchants.add(replace(cached, notification_url="http://127.0.0.1:9/n", notification_password="Clave-Notif1"))
    b.freshness.renew()
    seen = b.merchants.get(DEMO_MERCHANT_ID)
    assert (seen.notification_url, seen.notification_password) == ("http://127.0.0.1:9/n", "Clave-Notif1")
    with a.conn.raw() as raw:
        [definition] = raw.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'attempts_awaiting'").fetchone()
    assert "WHERE (state = ANY (ARRAY[(999)::bigint, (4001)::bigint]))" in definition, definition


def test_a_merchant_changed_by_one_instance_is_read_fresh_by_the_other(two):
    a, b = two
    cached = a.merchants.get(DEMO_MERCHANT_ID)  # A caches every merchant
    assert cached is not None
    b.merchants.add(replace(cached, name="OTRO NOMBRE"))
    a.freshness.renew()  # a request arrives at A
    assert a.merchants.get(DEMO_MERCHANT_ID).name == "OTRO NOMBRE"


def test_the_clock_offset_and_fault_rules_written_by_one_instance_are_the_others(two):
    a, b = two
    clock_a = StoredOffsetClock(a.conn, freshness=a.freshness)
    clock_b = StoredOffsetClock(b.conn, freshness=b.freshness)
    faults_a, faults_b = SqliteFaultRules(a.conn, a.freshness), SqliteFaultRules(b.conn, b.freshness)
    version = faults_a.version()
    clock_b.advance(3600)
    rule = faults_b.add(FaultRule(0, "verificar_pago_v4", "fault", remaining=1))
    a.freshness.renew()
    assert abs((clock_a.now() - clock_b.now()).total_seconds()) < 1
    assert faults_a.version() > version and [r.id for r in faults_a.list()] == [rule.id]
    assert faults_a.take(rule.id) and not faults_b.take(rule.id)  # the one hit is used once, cluster-wide


def test_sequences_give_each_instance_distinct_numbers(two):
    a, b = two
    numbers = []
    for _ in range(20):
        for store in (a, b):
            with store.transaction():
                numbers.append(store.ids.next_number("payment"))
    assert len(set(numbers)) == 40 and numbers == sorted(numbers)


def test_a_lease_is_held_by_one_instance_and_taken_over_when_its_holder_dies(database):
    first, second = connect_postgres(database, 1), connect_postgres(database, 1)
    try:
        lease = timedelta(seconds=1)
        a, b = SqlLeases(first, database_clock(first)), SqlLeases(second, database_clock(second))
        assert a.acquire("notificaciones", "A", lease)
        assert not b.acquire("notificaciones", "B", lease)
        assert b.acquire("sonda", "B", lease)  # another job's lease is its own
        first.close()  # A dies holding the lease: nothing releases it
        assert not b.acquire("notificaciones", "B", lease)
        time.sleep(1.1)
        assert b.acquire("notificaciones", "B", lease)
    finally:
        second.close()



def queued(store: PostgresStore, *ids: int) -> None:
    with store.transaction():
        for delivery_id in ids:
            store.deliveries.add(Delivery(
                id=delivery_id, key=f"pago:{delivery_id}:1", kind=DeliveryKind.PAYMENT, merchant_id=DEMO_MERCHANT_ID,
                url="http://127.0.0.1:9/n", reference=f"R-{delivery_id}", payload={"IdPago": f"R-{delivery_id}",
                "ValorTotalPagado": Decimal("1.5")}, created_at=T0, next_at=T0))


def waiting_on_a_lock(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as db:
        return bool(db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND wait_event_type = 'Lock'").fetchone()[0])


def test_a_claim_that_waited_on_another_instances_claim_of_the_same_deliveries_takes_none_of_them(two, database):
    """The claim statement is safe by itself (outside the unit of work's cluster lock too): B's UPDATE waits on
    the rows A's uncommitted claim locked and, once A commits, finds them claimed."""
    a, b = two
    queued(a, 1, 2)
    taken: list = []
    with a.transaction():
        mine = a.deliveries.claim_due(T0, "A", timedelta(seconds=40), 10)
        other = threading.Thread(target=lambda: taken.extend(b.deliveries.claim_due(T0, "B", timedelta(seconds=40), 10)))
        other.start()
        deadline = time.monotonic() + 10
        while not waiting_on_a_lock(database) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert waiting_on_a_lock(database)
    other.join(10)
    assert [d.id for d in mine] == [1, 2] and taken == []


def test_a_dead_instances_claims_are_taken_over_once_they_run_out_on_the_database_clock(two):
    a, b = two
    queued(a, 1)
    with a.transaction():
        assert [d.id for d in a.deliveries.claim_due(T0, "A", timedelta(seconds=1), 10)] == [1]
    a.close()  # A dies mid-post: nothing finishes or releases its claim
    with b.transaction():
        assert b.deliveries.claim_due(T0, "B", timedelta(seconds=40), 10) == []
    time.sleep(1.1)
    with b.transaction():
        [taken] = b.deliveries.claim_due(T0, "B", timedelta(seconds=40), 10)
    assert taken.id == 1 and taken.attempts == []


def test_the_database_clock_is_the_servers_wall_time(database):
    conn = connect_postgres(database, 1)
    try:
        assert abs(database_clock(conn)() - time.time()) < 5
    finally:
        conn.close()


def test_a_reset_empties_the_data_and_keeps_the_secrets_that_sign_pages(two):
    a, _ = two
    with a.transaction():
        secret = a.pse.page_secret("1" * 64)
    emptied = wipe_postgres(a.conn)
    assert "payments" in emptied and "sim_secrets" not in emptied and "schema_migrations" not in emptied
    assert a.merchants.list() == []
    with a.transaction():
        assert a.pse.page_secret("2" * 64) == secret


def test_a_database_that_does_not_exist_is_unavailable(postgres_server, tmp_path: Path):
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        PostgresStore(postgres_server.url("no_such_database"))
