"""Reading `wrk --latency` output into numbers, and printing the benchmark table."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_TIME_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}  # → milliseconds
_TIME = r"([\d.]+)(us|ms|s|m|h)"


class WrkOutputError(ValueError):
    """The text is not what `wrk --latency` prints (wrk failed, or another version)."""


def to_ms(value: str, unit: str) -> float:
    return float(value) * _TIME_UNITS[unit]


@dataclass
class WrkResult:
    requests: int  # completed requests ("N requests in Xs")
    duration_s: float
    rps: float  # "Requests/sec"
    percentiles_ms: dict[int, float]  # 50, 75, 90, 99
    non_2xx: int = 0  # "Non-2xx or 3xx responses"
    socket_errors: dict[str, int] = field(default_factory=dict)  # connect, read, write, timeout
    extras: dict[str, int] = field(default_factory=dict)  # "BENCH k=v" lines of our Lua done()
    server_cpu: float | None = None  # cores the server process used during the run (1.0 = saturated)
    other_cpu: float | None = None  # cores used by anything else than the server and wrk (noise)
    server_us_per_request: float | None = None  # server CPU time per completed request

    @property
    def p50_ms(self) -> float:
        return self.percentiles_ms[50]

    @property
    def p99_ms(self) -> float:
        return self.percentiles_ms[99]

    @property
    def errors(self) -> int:
        return sum(self.socket_errors.values())


def parse_wrk(text: str) -> WrkResult:
    """The numbers of one `wrk --latency` run. Raises WrkOutputError when a figure is missing."""
    total = re.search(r"^\s*(\d+) requests in " + _TIME, text, re.MULTILINE)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.MULTILINE)
    if total is None or rps is None:
        raise WrkOutputError(f"no request count in wrk's output:\n{text}")
    percentiles = {
        int(p): to_ms(v, u)
        for p, v, u in re.findall(r"^\s+(\d+)%\s+" + _TIME + r"\s*$", text, re.MULTILINE)
    }
    if 50 not in percentiles or 99 not in percentiles:
        raise WrkOutputError(f"no latency distribution in wrk's output (run it with --latency):\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    socket_errors = dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()))) if sockets else {}
    extras: dict[str, int] = {}
    for line in re.findall(r"^BENCH (.*)$", text, re.MULTILINE):
        extras.update({k: int(v) for k, v in re.findall(r"(\w+)=(-?\d+)", line)})
    return WrkResult(
        requests=int(total.group(1)), duration_s=to_ms(total.group(2), total.group(3)) / 1e3,
        rps=float(rps.group(1)), percentiles_ms=percentiles, non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=socket_errors, extras=extras,
    )


@dataclass
class Row:
    scenario: str
    result: WrkResult | None  # None: not measured (note says why)
    ceiling: WrkResult | None = None
    peer: WrkResult | None = None  # WireMock answering the same bytes: the per-core comparison (issue 15)
    target_peer_cpu: float | None = None  # CPU per request ≤ this × the peer's
    scale: float | None = None  # req/s against one process (the --workers row)
    target_scale: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.result is None or self.ceiling is None or not self.ceiling.rps:
            return None
        return self.result.rps / self.ceiling.rps

    @property
    def peer_cpu_ratio(self) -> float | None:
        """This row's server CPU per request ÷ the peer's (WireMock's)."""
        if (self.result is None or self.peer is None or not self.peer.server_us_per_request
                or self.result.server_us_per_request is None):
            return None
        return self.result.server_us_per_request / self.peer.server_us_per_request

    @property
    def verdicts(self) -> list[tuple[str, bool]]:
        checks: list[tuple[str, bool]] = []
        if self.target_peer_cpu is not None and self.peer_cpu_ratio is not None:
            checks.append((f"CPU ≤ {self.target_peer_cpu:g} × WireMock", self.peer_cpu_ratio <= self.target_peer_cpu))
        if self.target_scale is not None and self.scale is not None:
            checks.append((f"≥ {self.target_scale:g} × 1 process", self.scale >= self.target_scale))
        return checks

    @property
    def target_text(self) -> str:
        parts = [f"{name} {'OK' if ok else 'MISSED'}" for name, ok in self.verdicts]
        if self.scale is not None:
            parts.insert(0, f"×{self.scale:.2f} the req/s of 1 process")
        if self.note and (parts or not self.verdicts):
            parts.append(self.note)
        return ", ".join(parts)


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} µs" if value < 1 else f"{value:.2f} ms"


def table(rows: list[Row]) -> str:
    """A plain-text (and Markdown-compatible) table: scenario, req/s, p50, p99, ratios, CPU, targets."""
    header = ("scenario", "req/s", "p50", "p99", "ratio to ceiling", "server CPU", "CPU/request", "CPU ÷ WireMock",
              "target")
    lines = []
    for row in rows:
        r = row.result
        lines.append((
            row.scenario,
            f"{r.rps:,.0f}" if r else "—",
            _ms(r.p50_ms) if r else "—",
            _ms(r.p99_ms) if r else "—",
            f"{row.ratio:.2f}" if row.ratio is not None else ("1.00" if r and row.ceiling is None and
                                                               row.scenario.startswith("ceiling") else "—"),
            f"{r.server_cpu:.0%}" if r and r.server_cpu is not None else "—",
            f"{r.server_us_per_request:.0f} µs" if r and r.server_us_per_request is not None else "—",
            f"{row.peer_cpu_ratio:.2f}" if row.peer_cpu_ratio is not None else "—",
            row.target_text,
        ))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    right = {1, 2, 3, 4, 5, 6, 7}

    def fmt(cells) -> str:
        return "| " + " | ".join(c.rjust(w) if i in right else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return "\n".join([fmt(header), sep, *(fmt(line) for line in lines)])
