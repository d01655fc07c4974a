"""The dashboard's figures, computed from two light reads: the newest payments' summaries (state, merchant,
start time) and the newest journal entries without their bodies. Plain functions over plain rows, so the
cost of a refresh is measured apart from HTTP (tests/unit/simulator/test_dashboard_figures.py prints it)."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.shared.payment_states import PaymentState
from ports.gateway_store import PaymentSummary
from ports.sim_state import JournalMetric

BUCKET_LADDER = (10, 30, 60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400)  # seconds
MAX_BUCKETS = 12
WINDOW_S = 60  # requests per second: over the last minute of the simulator's clock
TRAFFIC_SPAN_S, TRAFFIC_STEP_S = 300, 10  # the requests chart: five minutes in steps of ten seconds


@dataclass
class StateBucket:
    start: datetime
    counts: Counter[PaymentState] = field(default_factory=Counter)


@dataclass(frozen=True)
class OperationFigures:
    operation: str
    requests: int  # among the entries read
    per_second: float  # over the last WINDOW_S seconds
    p50_ms: float
    p95_ms: float
    max_ms: float


def state_totals(summaries: list[PaymentSummary]) -> list[tuple[PaymentState, int]]:
    """Each state present with its count, in the order of the state codes."""
    counts = Counter(s.state for s in summaries)
    return [(state, counts[state]) for state in PaymentState if counts[state]]


def payments_over_time(summaries: list[PaymentSummary], now: datetime) -> tuple[int, list[StateBucket]]:
    """The payments by state in at most MAX_BUCKETS equal slices of time from the oldest one to `now` (the
    width from BUCKET_LADDER that covers the span), oldest first, empty slices included."""
    if not summaries:
        return BUCKET_LADDER[0], []
    times = [s.created_at.timestamp() for s in summaries]
    first, last = min(times), max(max(times), now.timestamp())
    width = next((w for w in BUCKET_LADDER if math.floor(last / w) - math.floor(first / w) < MAX_BUCKETS),
                 BUCKET_LADDER[-1])
    origin = math.floor(first / width)
    zone = summaries[0].created_at.tzinfo
    buckets = [StateBucket(datetime.fromtimestamp((origin + i) * width, zone))
               for i in range(math.floor(last / width) - origin + 1)]
    for summary, at in zip(summaries, times):
        buckets[math.floor(at / width) - origin].counts[summary.state] += 1
    return width, buckets


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def operation_figures(metrics: list[JournalMetric], now: datetime) -> list[OperationFigures]:
    """Per operation: requests among the entries, requests per second over the last minute, latency
    percentiles (nearest rank); the busiest first."""
    durations: dict[str, list[float]] = defaultdict(list)
    recent: Counter[str] = Counter()
    since = (now - timedelta(seconds=WINDOW_S)).isoformat()
    for metric in metrics:
        durations[metric.operation].append(metric.duration_ms)
        if metric.at >= since:  # ISO 8601 in the simulator's one zone: text order is time order
            recent[metric.operation] += 1
    figures = []
    for operation, values in durations.items():
        values.sort()
        figures.append(OperationFigures(operation, len(values), round(recent[operation] / WINDOW_S, 3),
                                        _percentile(values, 0.5), _percentile(values, 0.95), values[-1]))
    return sorted(figures, key=lambda f: (-f.requests, f.operation))


def traffic(metrics: list[JournalMetric], now: datetime) -> list[tuple[datetime, float]]:
    """Requests per second in each TRAFFIC_STEP_S step of the last TRAFFIC_SPAN_S seconds, oldest first."""
    steps = TRAFFIC_SPAN_S // TRAFFIC_STEP_S
    start = now - timedelta(seconds=TRAFFIC_SPAN_S)
    counts = [0] * steps
    since = start.isoformat()
    for metric in metrics:
        if metric.at >= since:
            at = datetime.fromisoformat(metric.at)
            counts[min(steps - 1, int((at - start).total_seconds() // TRAFFIC_STEP_S))] += 1
    return [(start + timedelta(seconds=i * TRAFFIC_STEP_S), c / TRAFFIC_STEP_S) for i, c in enumerate(counts)]


def recent_errors(metrics: list[JournalMetric], count: int = 10) -> list[JournalMetric]:
    """The newest answers that were errors (HTTP 4xx/5xx) or cut (0)."""
    return [m for m in metrics if m.status >= 400 or m.status == 0][:count]
