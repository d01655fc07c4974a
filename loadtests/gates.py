"""Pass/fail gates of a run, applied when Locust quits (exit code 1 and a `GATE FAILED: …` line on stderr).

  --max-error-ratio R  (LOCUST_MAX_ERROR_RATIO, default 0.0): failed requests / all requests must be <= R.
  --max-p95-ms MS      (LOCUST_MAX_P95_MS, default 0 = off): 95th percentile of all requests must be <= MS.

In distributed mode only the master applies them: a worker's statistics are reported to the master and reset.
"""
from __future__ import annotations

import sys

import gevent
import locust.stats
from locust import events
from locust.runners import WorkerRunner


@events.init_command_line_parser.add_listener
def _add_gate_options(parser) -> None:
    parser.add_argument("--max-error-ratio", type=float, default=0.0, env_var="LOCUST_MAX_ERROR_RATIO",
                        help="fail the run (exit 1) when failed/all requests exceeds this ratio (default 0.0)")
    parser.add_argument("--max-p95-ms", type=float, default=0.0, env_var="LOCUST_MAX_P95_MS",
                        help="fail the run (exit 1) when the 95th percentile of all requests exceeds this, "
                             "in ms (default 0 = off)")


def gate_failures(environment) -> list[str]:
    """Why the run fails its gates (empty: it passes)."""
    options = environment.parsed_options
    max_error_ratio = getattr(options, "max_error_ratio", 0.0) if options else 0.0
    max_p95_ms = getattr(options, "max_p95_ms", 0.0) if options else 0.0
    total = environment.stats.total
    reasons = []
    if total.num_requests == 0:
        reasons.append("no request was made")
        return reasons
    if total.fail_ratio > max_error_ratio:
        reasons.append(f"error ratio {total.fail_ratio:.4f} ({total.num_failures}/{total.num_requests}) "
                       f"exceeds --max-error-ratio {max_error_ratio}")
    if max_p95_ms > 0:
        p95 = total.get_response_time_percentile(0.95)
        if p95 > max_p95_ms:
            reasons.append(f"p95 {p95} ms exceeds --max-p95-ms {max_p95_ms}")
    return reasons


@events.quitting.add_listener
def _apply_gates(environment, **_kwargs) -> None:
    if isinstance(environment.runner, WorkerRunner):
        return  # a worker's stats go to the master: the master applies the gates
    options = environment.parsed_options
    if options is not None and getattr(options, "csv_prefix", None):
        # Locust rewrites the --csv files every CSV_STATS_INTERVAL_SEC and not again at exit, so they can
        # miss the last second (locust#1806, #2299). The users are stopped by now: let the writer run once
        # more so the CSV holds the same final figures as the summary and the HTML report.
        gevent.sleep(locust.stats.CSV_STATS_INTERVAL_SEC + 0.2)
    reasons = gate_failures(environment)
    if reasons:
        for reason in reasons:
            print(f"GATE FAILED: {reason}", file=sys.stderr, flush=True)
        environment.process_exit_code = 1
        return
    total = environment.stats.total
    runner = environment.runner
    if total.num_failures and not (runner is not None and runner.exceptions):
        # Locust itself exits 1 on any failure; the failures are within the tolerated ratio here.
        print(f"gate passed: {total.num_failures} failures tolerated by --max-error-ratio", file=sys.stderr,
              flush=True)
        environment.process_exit_code = 0
