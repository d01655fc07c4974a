"""Cached reads of merchants, the clock offset and fault rules are never stale across connections."""
from __future__ import annotations

import time
from dataclasses import replace

from adapters.clock import StoredOffsetClock
from adapters.storage.sim_state import SqliteFaultRules
from adapters.storage.sqlite import SqliteStore
from ports.sim_state import FaultRule
from domain.gateway.usecases.start import start_payment
from simulator.zonapagos.seed import seed_demo_data
from tests.unit.simulator.test_gateway_use_cases import COMMAND


def two_processes_views(tmp_path):
    first, second = SqliteStore(tmp_path / "f.sqlite3"), SqliteStore(tmp_path / "f.sqlite3")
    seed_demo_data(first)
    return first, second


def test_a_merchant_changed_by_another_connection_is_seen_by_the_next_request(tmp_path):
    first, second = two_processes_views(tmp_path)
    assert second.merchants.get(1001).compact_separators is False
    with first.transaction():
        first.merchants.add(replace(first.merchants.get(1001), compact_separators=True))
    second.freshness.renew()  # what the server does when a request arrives
    assert second.merchants.get(1001).compact_separators is True


def test_without_a_request_another_connection_s_change_is_seen_after_the_window(tmp_path):
    first, second = two_processes_views(tmp_path)
    assert second.merchants.get(1001).compact_separators is False
    with first.transaction():
        first.merchants.add(replace(first.merchants.get(1001), compact_separators=True))
    time.sleep(0.006)  # the window is 5 ms: what background tasks may miss, at most
    assert second.merchants.get(1001).compact_separators is True


def test_a_local_write_is_seen_at_once(tmp_path):
    first, _ = two_processes_views(tmp_path)
    first.merchants.get(1001)
    with first.transaction():
        first.merchants.add(replace(first.merchants.get(1001), enabled=False))
    assert first.merchants.get(1001).enabled is False


def test_the_clock_offset_and_fault_rules_follow_other_connections(tmp_path):
    first, second = two_processes_views(tmp_path)
    clock_a, clock_b = StoredOffsetClock(first.conn), StoredOffsetClock(second.conn, freshness=second.freshness)
    rules_b = SqliteFaultRules(second.conn, second.freshness)
    before = rules_b.version()
    clock_a.advance(3600)
    SqliteFaultRules(first.conn).add(FaultRule(0, "*", "http_500"))
    second.freshness.renew()
    assert (clock_b.now() - clock_a.now()).total_seconds() < 1
    assert rules_b.version() > before and len(rules_b.list()) == 1


def test_a_payment_start_keeps_the_caches_and_a_cached_table_write_still_reloads_them(tmp_path, clock):
    """Writes to payments, attempts and sequences are set aside; every other local write counts."""
    first, _ = two_processes_views(tmp_path)
    loads = []
    load_all = first.merchants._all._load
    first.merchants._all._load = lambda: loads.append(1) or load_all()
    first.merchants.get(COMMAND.merchant_id)
    token = first.freshness.token()
    start_payment(COMMAND, first, clock)  # what inicio_pagoV2 writes: a payment, its attempt, two sequences
    first.freshness.renew()  # the next request
    assert first.freshness.token() == token
    first.merchants.get(COMMAND.merchant_id)
    assert len(loads) == 1  # no reload after the start
    with first.transaction():
        first.merchants.add(replace(first.merchants.get(1001), enabled=False))
    assert first.merchants.get(1001).enabled is False and len(loads) == 2
    first.conn.execute("UPDATE merchants SET enabled = 1 WHERE id = 1001")  # a write that says nothing: counted
    assert first.merchants.get(1001).enabled is True and len(loads) == 3
