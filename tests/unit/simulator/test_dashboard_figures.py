"""The dashboard's figures and charts: counts by state over time, requests per second and latency
percentiles by operation, errors; escaped SVG. And what a refresh costs on a full journal (10,000 entries)
and 2,000 payments in SQLite, printed (run with -s), never asserted."""
from __future__ import annotations

import time
from datetime import timedelta

from adapters.storage.journal_sqlite import SqliteJournal, connect_journal
from adapters.storage.sqlite import SqliteStore
from domain.shared.payment_states import PaymentState
from ports.gateway_store import PaymentSummary
from ports.sim_state import JournalEntry, JournalMetric
from simulator.dashboard import JOURNAL_READ, PAYMENTS_READ
from simulator.dashboard_figures import (MAX_BUCKETS, operation_figures, payments_over_time, recent_errors,
                                         state_totals, traffic)
from simulator.dashboard_svg import bars_chart, latency_chart, payments_chart, rate_chart, traffic_chart
from tests.conftest import T0
from tests.contract.test_gateway_repositories_contract import payment, with_merchants

APPROVED, PENDING, REJECTED = PaymentState.APPROVED, PaymentState.PENDING_START, PaymentState.REJECTED


def summary(n: int, minutes: float, state: PaymentState, merchant: int = 1001) -> PaymentSummary:
    return PaymentSummary(42750000 + n, merchant, T0 + timedelta(minutes=minutes), state)


def metric(n: int, seconds_ago: float, operation: str = "verificar_pago_v4", ms: float = 1.0,
           status: int = 200) -> JournalMetric:
    return JournalMetric(n, (T0 - timedelta(seconds=seconds_ago)).isoformat(), operation, status, ms)


def test_payments_fall_in_at_most_twelve_slices_up_to_now_with_every_payment_counted_once():
    summaries = [summary(1, 0, APPROVED), summary(2, 0.5, APPROVED), summary(3, 7, REJECTED), summary(4, 55, PENDING)]
    width, buckets = payments_over_time(summaries, T0 + timedelta(minutes=58))
    assert width == 300 and 1 < len(buckets) <= MAX_BUCKETS
    assert sum(sum(b.counts.values()) for b in buckets) == 4
    assert buckets[0].counts[APPROVED] == 2 and buckets == sorted(buckets, key=lambda b: b.start)
    assert any(not b.counts for b in buckets)  # quiet slices are drawn as such
    assert state_totals(summaries) == [(APPROVED, 2), (PENDING, 1), (REJECTED, 1)]
    assert payments_over_time([], T0) == (10, [])


def test_requests_per_second_count_the_last_minute_and_latency_takes_nearest_rank_percentiles():
    metrics = [metric(n, seconds_ago=n, ms=float(n)) for n in range(1, 101)]  # 1..100 ms, one a second
    metrics += [metric(200 + n, seconds_ago=5, operation="inicio_pagoV2", ms=3.0) for n in range(3)]
    verify, start = operation_figures(metrics, T0)
    assert (verify.operation, verify.requests, verify.p50_ms, verify.p95_ms, verify.max_ms) == (
        "verificar_pago_v4", 100, 50.0, 95.0, 100.0)
    assert verify.per_second == round(60 / 60, 3) and start.per_second == round(3 / 60, 3)
    points = traffic(metrics, T0)
    assert len(points) == 30 and sum(v for _, v in points) * 10 == 103 - 0  # every request of the last 300 s


def test_recent_errors_are_http_errors_and_cut_connections_newest_first():
    metrics = [metric(5, 1, status=500), metric(4, 2), metric(3, 3, status=0), metric(2, 4, status=404)]
    assert [m.id for m in recent_errors(metrics)] == [5, 3, 2]


def test_charts_have_titles_descriptions_and_escape_what_requests_named():
    svg = bars_chart("x", "Título", [("<script>alert(1)</script>", 2.0, "2")], "/s")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<title" in svg and "<desc" in svg
    chart = payments_chart(*payments_over_time([summary(1, 0, APPROVED)], T0), [(APPROVED, 1)])
    assert 'role="img"' in chart and "1 Pago aprobado: 1" in chart and 'class="barra estado-1"' in chart
    assert "Sin solicitudes" in rate_chart([]) and "Aún no hay pagos" in payments_chart(10, [], [])


def test_the_dashboard_counts_requests_answered_not_the_simulators_own_deliveries(tmp_path):
    journal = SqliteJournal(connect_journal(tmp_path / "diario.sqlite3"), capacity=100)
    journal.append([JournalEntry(T0.isoformat(), "soap", "verificar_pago_v4", "POST", "/x", 200, 2.0, "127.0.0.1",
                                 "", ""),
                    JournalEntry(T0.isoformat(), "saliente", "NotificarPagos", "POST", "http://comercio/x", 500, 900.0,
                                 "", "", "")])
    assert [m.operation for m in journal.metrics(10)] == ["verificar_pago_v4"]
    assert journal.metrics(10, "NotificarPagos") == []
    assert len(journal.query(channel="saliente")) == 1  # still in the journal


def test_what_a_refresh_costs_on_a_full_journal_and_two_thousand_payments(tmp_path):
    journal = SqliteJournal(connect_journal(tmp_path / "diario.sqlite3"), capacity=10_000)
    operations = ("verificar_pago_v4", "inicio_pagoV2", "/t_demo/pago.asp", "getTransactionInformation")
    journal.append([JournalEntry((T0 - timedelta(milliseconds=30 * n)).isoformat(), "soap", operations[n % 4],
                                 "POST", "/x", 500 if n % 97 == 0 else 200, 1.0 + n % 13, "127.0.0.1",
                                 "<x>" * 200, "<y>" * 300) for n in range(10_000)])
    store = SqliteStore(tmp_path / "pagos.sqlite3")
    with_merchants(store)
    with store.transaction():
        for n in range(2_000):
            store.payments.add(payment(42750000 + n, f"R-{n}", at=T0 - timedelta(seconds=n)))
    rounds, started = 20, time.perf_counter()
    for _ in range(rounds):
        metrics = journal.metrics(JOURNAL_READ)
    read_journal = (time.perf_counter() - started) / rounds
    started = time.perf_counter()
    for _ in range(rounds):
        summaries = store.payments.summaries(PAYMENTS_READ)
    read_payments = (time.perf_counter() - started) / rounds
    started = time.perf_counter()
    for _ in range(rounds):
        figures = operation_figures(metrics, T0)
        width, buckets = payments_over_time(summaries, T0)
        charts = [payments_chart(width, buckets, state_totals(summaries)), rate_chart(figures),
                  latency_chart(figures), traffic_chart(traffic(metrics, T0))]
    compute = (time.perf_counter() - started) / rounds
    print(f"\ndashboard refresh, journal of 10,000 entries ({JOURNAL_READ:,} read) and 2,000 payments "
          f"({PAYMENTS_READ:,} read): "
          f"journal read {read_journal * 1000:.1f} ms, payments read {read_payments * 1000:.1f} ms, "
          f"figures and SVG {compute * 1000:.1f} ms, total {(read_journal + read_payments + compute) * 1000:.1f} ms "
          f"per refresh (one event-loop turn; at most one a second whatever the viewers: at most "
          f"{(read_journal + read_payments + compute) * 100:.1f} % of one core)")
    assert len(metrics) == JOURNAL_READ and len(summaries) == PAYMENTS_READ
    assert sum(f.requests for f in figures) == JOURNAL_READ
    assert all(chart.startswith("<svg") for chart in charts)
    store.close()
    journal.close()
