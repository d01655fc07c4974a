"""Benchmark of the simulator's SOAP hot paths with wrk, against WireMock and a bare aiohttp ceiling (issues 8, 15).

    .venv/bin/python -m loadtests.bench --duration 10 --rounds 3

On this machine: seeds payments through the real SOAP endpoint, then measures with wrk (every server
pinned to one core, wrk to another; 2 s of warm-up before every measurement), in interleaved rounds
(every row once per round, in the same order; each printed figure is the median of its rounds):

- ceiling (verify bytes): a bare aiohttp app answering the exact bytes the simulator returned for a
  verificar_pago_v4 of a seeded payment; the Python ceiling for verify;
- WireMock 3.13 (loadtests/bench/wiremock.py): the standard HTTP/SOAP mock, one stub answering the same
  verify bytes (and one the start bytes), JIT warmed up once, pinned to the simulator's core: the peer
  the simulator's server CPU per request is compared with (issue 15's targets);
- verificar_pago_v4 (fast engine): real lookups, rotating over the seeded references;
- bare verify (loadtests/bench/bare.py): parse, one indexed SELECT, a template, nothing else; the floor
  of any stateful verify, to tell what the simulator's own work costs from what a lookup costs;
- bare start (bare.py --mode start): parse, one INSERT committed in WAL mode, a template: the floor of a
  durable start;
- verificar_pago_v4 (spyne engine): the same through spyne's pipeline, first round only, for comparison;
- ceiling (start bytes), WireMock (start stub) and inicio_pagoV2 (fast engine): a durable write per
  request, a unique id_pago;
- 2 simulator processes (`--workers 2`, one per core, wrk sharing the second) against one process.

Correctness: every answer is checked by the Lua scripts (none wrong, no non-2xx, no socket error),
and after each inicio_pagoV2 run the SQLite file must hold exactly one new payment per request wrk
sent (and at least one per request wrk counted as completed).
Exit code: 0 measured and correct, 1 a correctness check failed (or, with --enforce-targets, a target
was missed), 2 the set-up failed (no wrk, a server did not start).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path

from loadtests.bench.report import Row, WrkResult, parse_wrk, table
from loadtests.soap_bodies import (
    START_PATH, START_SOAP_ACTION, VERIFY_PATH, VERIFY_SOAP_ACTION, inicio_pago_v2, verificar_pago_v4,
)
from loadtests.bench.wiremock import WireMock, WireMockUnavailable, ensure_wiremock, stop_process
from simulator.process import SimulatorProcess, free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "wrk_scripts"
MERCHANT = dict(id_tienda=1001, clave="clave-inicio")
VERIFY_CREDENTIALS = dict(int_id_comercio=1001, str_usr_comercio="usuario-v4", str_pwd_Comercio="clave-v4")
# issue 15: against WireMock 3.13 answering the same bytes, one core each (server CPU per request)
TARGET_VERIFY_CPU_VS_WIREMOCK = 0.8
TARGET_START_CPU_VS_WIREMOCK = 1.2
TARGET_WORKERS_SCALE = 1.7  # --workers 2 on 2 cores against one process, req/s
WM_VERIFY = "WireMock 3.13 (verify stub)"
WM_START = "WireMock 3.13 (start stub)"
SIM_VERIFY = "verificar_pago_v4 (fast)"
SIM_START = "inicio_pagoV2 (fast)"
SIM_WORKERS = "verificar_pago_v4 (fast), 2 processes"
SIM_REST_VERIFY = "REST VerificacionPago"
SIM_REST_START = "REST InicioPago"
SPYNE_VERIFY = "verificar_pago_v4 (spyne)"
BARE_VERIFY = "bare verify (parse, SELECT, template)"
BARE_START = "bare start (parse, INSERT, template)"


class SetupError(RuntimeError):
    pass


# -- set-up -----------------------------------------------------------------------------------
def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SetupError("wrk is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y wrk`) "
                         "and run the benchmark again.")
    print("wrk is missing: installing it with apt-get (running as root)…", flush=True)
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(install, env=env, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        raise SetupError("`apt-get install -y wrk` did not install wrk; install it by hand and run again.")
    return found


SERVER_NICE = -15  # with --priority: the server keeps its core when other processes land on it
WRK_FIFO = 1  # with --priority: wrk runs SCHED_FIFO, so it answers at once instead of waiting for a time slice


def place(pid: int, cpu: int | None, priority: bool) -> None:
    """Pin every thread of a server to one CPU (`taskset -a -p -c <cpu> <pid>`) and, with priority,
    renice them (`renice -n -15`)."""
    tasks = [int(t) for t in os.listdir(f"/proc/{pid}/task")] if os.path.isdir(f"/proc/{pid}/task") else [pid]
    for tid in tasks:
        try:
            if cpu is not None:
                os.sched_setaffinity(tid, {cpu})
            if priority:
                os.setpriority(os.PRIO_PROCESS, tid, SERVER_NICE)
        except ProcessLookupError:
            pass


def descendants(pid: int) -> list[int]:
    """The process and all its descendants (a `--workers` master and its workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SetupError(f"{proc.args} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_sim/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise SetupError(f"{url} did not become healthy in {timeout} s")


class Ceiling:
    """`python -m loadtests.bench.ceiling` in its own process (or, with `module`, another reference server)."""

    def __init__(self, body_file: Path | None, content_type: str, log: Path, module: str = "loadtests.bench.ceiling",
                 args: list[str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "ab")
        args = args if args is not None else ["--body-file", str(body_file), "--content-type", content_type]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, "--port", str(self.port), *args],
            cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        stop_process(self.proc, self._log)


def post(conn: http.client.HTTPConnection, path: str, body: str, soap_action: str) -> tuple[int, bytes, str]:
    conn.request("POST", path, body.encode("utf-8"),
                 {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": soap_action})
    response = conn.getresponse()
    return response.status, response.read(), response.getheader("Content-Type", "")


def reference(i: int) -> str:
    return f"bench{i:06d}"


def seed(url: str, count: int) -> tuple[bytes, str]:
    """`count` payments through inicio_pagoV2; even ones approved at once (magic ,01: the verify answer
    then carries the PSE trace), odd ones pending. Returns the last start answer and its content type."""
    conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
    answer, ctype = b"", ""
    for i in range(count):
        body = inicio_pago_v2(**MERCHANT, total_con_iva="20000.01" if i % 2 == 0 else "20000", valor_iva="0",
                              id_pago=reference(i))
        status, answer, ctype = post(conn, START_PATH, body, START_SOAP_ACTION)
        if status != 200 or not re.search(rb"<inicio_pagoV2Result>\d+</inicio_pagoV2Result>", answer):
            raise SetupError(f"seeding payment {i} failed: HTTP {status} {answer[:300]!r}")
    conn.close()
    return answer, ctype


def verify_once(url: str, ref: str) -> tuple[bytes, str]:
    conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
    status, answer, ctype = post(conn, VERIFY_PATH, verificar_pago_v4(**VERIFY_CREDENTIALS, str_id_pago=ref),
                                 VERIFY_SOAP_ACTION)
    conn.close()
    if status != 200 or b"int_error>0</" not in answer:
        raise SetupError(f"verificar_pago_v4 of {ref} failed: HTTP {status} {answer[:300]!r}")
    return answer, ctype


TICK = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds all CPUs spent on anything but idle and iowait since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / TICK  # user…steal, minus idle and iowait


def process_seconds(pid: int) -> float:
    """CPU seconds (user + system, all threads) a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def payment_count(db: Path, like: str | None = None) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        if like is None:
            return conn.execute("SELECT COUNT(*) FROM payments").fetchone()[0]
        return conn.execute("SELECT COUNT(*) FROM payments WHERE reference LIKE ?", (like,)).fetchone()[0]


# -- measuring --------------------------------------------------------------------------------
class Bench:
    def __init__(self, args: argparse.Namespace, wrk: str, work: Path):
        self.args = args
        self.wrk = wrk
        self.work = work
        self.failures: list[str] = []
        self.noisy: list[str] = []
        self.commands: list[str] = []

    def run_wrk(self, url: str, script: str, script_args: list[str], duration: int,
                server_pids: list[int] | None = None) -> WrkResult:
        a = self.args
        cmd = [self.wrk, f"-t{a.threads}", f"-c{a.connections}", f"-d{duration}s", "--latency",
               "-s", str(SCRIPTS / script), url, "--", *script_args]
        shown = (("" if a.client_cpu is None else f"taskset -c {a.client_cpu} ")
                 + (f"chrt -f {WRK_FIFO} " if a.priority else "") + " ".join(cmd))
        self.commands.append(shown)
        cpu, priority = a.client_cpu, a.priority

        def prepare() -> None:  # in the wrk child, before exec
            if cpu is not None:
                os.sched_setaffinity(0, {cpu})
            if priority:
                os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(WRK_FIFO))
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        pids = server_pids or []
        busy, server, t0 = busy_seconds(), sum(map(process_seconds, pids)), time.monotonic()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60,
                              preexec_fn=prepare)
        elapsed = time.monotonic() - t0
        server = sum(map(process_seconds, pids)) - server
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wrk_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        if done.returncode != 0:
            raise SetupError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
        if a.verbose:
            print(f"$ {shown}\n{done.stdout}", flush=True)
        result = parse_wrk(done.stdout)
        if pids:
            result.server_cpu = server / elapsed
            result.other_cpu = max(0.0, (busy_seconds() - busy - server - wrk_cpu) / elapsed)
            result.server_us_per_request = server / max(result.requests, 1) * 1e6
        return result

    def check(self, name: str, result: WrkResult) -> None:
        problems = []
        if result.non_2xx:
            problems.append(f"{result.non_2xx} non-2xx/3xx responses")
        if result.errors:
            problems.append(f"socket errors {result.socket_errors}")
        if result.extras.get("bad", 0):
            problems.append(f"{result.extras['bad']} wrong answers")
        if result.requests == 0:
            problems.append("no request completed")
        if problems:
            self.failures.append(f"{name}: " + ", ".join(problems))

    def measure(self, name: str, url: str, server_pid: int | list[int], script: str, script_args: list[str],
                warmup_args: list[str] | None = None, on_run=None) -> WrkResult:
        """2 s (--warmup) of warm-up, then --duration s measured; both checked."""
        print(f"  {name}: warm-up {self.args.warmup} s, then {self.args.duration} s…", flush=True)
        if self.args.warmup > 0:
            warm = self.run_wrk(url, script, warmup_args or script_args, self.args.warmup)
            self.check(f"{name} (warm-up)", warm)
            if on_run:
                on_run(f"{name} (warm-up)", warm, (warmup_args or script_args)[0])
        pids = server_pid if isinstance(server_pid, list) else [server_pid]
        result = self.run_wrk(url, script, script_args, self.args.duration, pids)
        self.check(name, result)
        if on_run:
            on_run(name, result, script_args[0])
        if result.server_cpu is not None and len(pids) == 1 and result.server_cpu < 0.9:
            self.noisy.append(f"{name}: the server used {result.server_cpu:.0%} of its core: it was not the "
                              "bottleneck (other processes, wrk, or the server waiting on I/O)")
        if not self.args.priority and result.other_cpu is not None and result.other_cpu > 0.25:
            self.noisy.append(f"{name}: other processes used {result.other_cpu:.2f} cores during the run")
        print(f"    {result.rps:,.0f} req/s, p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
              f"server CPU {result.server_cpu or 0:.0%} ({result.server_us_per_request or 0:.0f} µs/request), "
              f"other load {result.other_cpu or 0:.2f} cores", flush=True)
        return result


def median_result(results: list[WrkResult]) -> WrkResult:
    """One row out of interleaved rounds: the median of every figure (each taken on its own), the errors summed."""
    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None
    extras: dict[str, int] = {}
    for r in results:
        for key, value in r.extras.items():
            extras[key] = extras.get(key, 0) + value
    sockets: dict[str, int] = {}
    for r in results:
        for key, value in r.socket_errors.items():
            sockets[key] = sockets.get(key, 0) + value
    return WrkResult(
        requests=int(med([r.requests for r in results])), duration_s=med([r.duration_s for r in results]),
        rps=med([r.rps for r in results]),
        percentiles_ms={p: med([r.percentiles_ms.get(p) for r in results]) for p in results[0].percentiles_ms},
        non_2xx=sum(r.non_2xx for r in results), socket_errors=sockets, extras=extras,
        server_cpu=med([r.server_cpu for r in results]), other_cpu=med([r.other_cpu for r in results]),
        server_us_per_request=med([r.server_us_per_request for r in results]),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per scenario (10)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved rounds; every row is the median of its rounds (3)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each measurement (2)")
    parser.add_argument("--wiremock-warmup", type=int, default=10,
                        help="seconds of load on each WireMock stub after it starts, for the JIT (10)")
    parser.add_argument("--payments", type=int, default=2000, help="payments seeded for verify (2000)")
    parser.add_argument("--server-cpu", type=int, default=0, help="CPU the server is pinned to (0)")
    parser.add_argument("--client-cpu", type=int, default=1, help="CPU wrk is pinned to (1)")
    parser.add_argument("--no-priority", dest="priority", action="store_false",
                        help="do not run wrk SCHED_FIFO and the servers at nice -15 (done by default as root)")
    parser.add_argument("--no-spyne", action="store_true", help="skip the spyne comparison")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare verify and bare start rows")
    parser.add_argument("--no-wiremock", action="store_true", help="skip the WireMock rows")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--work-dir", type=Path, help="keep the database, logs and bodies here")
    parser.add_argument("--enforce-targets", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every wrk command and output")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if args.priority and os.geteuid() != 0:
        args.priority = False
        print("note: not root, so wrk and the servers run at normal priority; on a busy machine wrk then waits "
              "for time slices and the figures drop", file=sys.stderr)

    try:
        wrk = ensure_wrk()
    except SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    wiremock_note = ""
    java_jar: tuple[str, Path] | None = None
    if args.no_wiremock:
        wiremock_note = "skipped (--no-wiremock)"
    else:
        try:
            java_jar = ensure_wiremock()
        except WireMockUnavailable as error:
            wiremock_note = f"skipped: {error}"
            print(f"warning: WireMock row {wiremock_note}", file=sys.stderr)
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2 or args.server_cpu not in cpus or args.client_cpu not in cpus:
        print(f"warning: CPUs {cpus}: cannot pin the server to {args.server_cpu} and wrk to {args.client_cpu}; "
              "running unpinned, the figures are not comparable with pinned runs", file=sys.stderr)
        args.server_cpu = args.client_cpu = None
    else:
        os.sched_setaffinity(0, {args.client_cpu})  # this process (and the seeding client) stays off the server CPU

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="pasarela-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.sqlite3"
    for stale in (db, db.with_suffix(".sqlite3-wal"), db.with_suffix(".sqlite3-shm")):
        stale.unlink(missing_ok=True)
    started = time.monotonic()
    bench = Bench(args, wrk, work)
    serve_help = subprocess.run([sys.executable, "-m", "simulator.cli", "serve", "--help"],
                                capture_output=True, text=True).stdout
    print(machine_line(wrk), flush=True)
    print(f"work dir: {work}", flush=True)

    measured: dict[str, list[WrkResult]] = {}  # scenario → one result per round
    worker_ratios: list[float] = []
    sim: SimulatorProcess | None = None
    ceiling: Ceiling | None = None
    wiremock: WireMock | None = None
    spyne_note = workers_note = ""
    try:
        # 1. the simulator (fast engine), seeded through its SOAP endpoint
        sim = SimulatorProcess(db).start()
        place(sim.proc.pid, args.server_cpu, args.priority)
        t0 = time.monotonic()
        start_answer, start_ctype = seed(sim.url, args.payments)
        print(f"seeded {args.payments} payments through inicio_pagoV2 in {time.monotonic() - t0:.1f} s", flush=True)
        verify_answer, verify_ctype = verify_once(sim.url, reference(0))
        refs = work / "references.txt"
        refs.write_text("".join(reference(i) + "\n" for i in range(args.payments)))
        seeded = payment_count(db)
        if seeded != args.payments:
            bench.failures.append(f"seeding: {seeded} payments in the database, {args.payments} expected")
        (work / "verify_answer.xml").write_bytes(verify_answer)
        (work / "start_answer.xml").write_bytes(start_answer)

        # 2. WireMock, stubbed with the very bytes the simulator answered, warmed up (JIT) once
        if java_jar is not None:
            wiremock = WireMock(*java_jar, free_port(), work / "wiremock.log", args.server_cpu,
                                SERVER_NICE if args.priority else None)
            wiremock.wait_ready()
            wiremock.stub(VERIFY_PATH, verify_answer, verify_ctype)
            wiremock.stub(START_PATH, start_answer, start_ctype)
            status, got, _ = wiremock.answer(VERIFY_PATH, verificar_pago_v4(**VERIFY_CREDENTIALS,
                                                                            str_id_pago=reference(0)).encode(),
                                             VERIFY_SOAP_ACTION)
            if status != 200 or got != verify_answer:
                raise SetupError(f"WireMock's stub does not answer the simulator's verify bytes: {status} {got[:200]!r}")
            place(wiremock.proc.pid, args.server_cpu, args.priority)
            if args.wiremock_warmup > 0:
                print(f"  WireMock: JIT warm-up {args.wiremock_warmup} s per stub…", flush=True)
                for script, script_args in (("verify.lua", [str(refs)]), ("start.lua", ["ww"])):
                    warm = bench.run_wrk(wiremock.url, script, script_args, args.wiremock_warmup)
                    warm.socket_errors.pop("timeout", None)  # a cold JVM may let a few wait past wrk's 2 s
                    bench.check("WireMock (JIT warm-up)", warm)

        def keep(name: str, result: WrkResult) -> WrkResult:
            measured.setdefault(name, []).append(result)
            return result

        def reference_run(name: str, server: Ceiling, script: str, script_args: list[str],
                          warm_args: list[str] | None = None) -> WrkResult:
            """Measure a reference server (the ceiling, a bare path) placed like the simulator, then stop it."""
            nonlocal ceiling
            ceiling = server
            wait_healthy(ceiling.url, ceiling.proc)
            place(ceiling.proc.pid, args.server_cpu, args.priority)
            result = bench.measure(name, ceiling.url, ceiling.proc.pid, script, script_args, warm_args)
            ceiling.stop()
            ceiling = None
            return keep(name, result)

        def ceiling_run(key: str, ctype: str, script: str, script_args: list[str],
                        warm_args: list[str] | None = None) -> WrkResult:
            return reference_run(f"ceiling ({key} bytes)",
                                 Ceiling(work / f"{key}_answer.xml", ctype, work / f"ceiling-{key}.log"),
                                 script, script_args, warm_args)

        def check_writes(name: str, result: WrkResult, tag: str) -> None:
            """Every request wrk completed is a durable payment; nothing beyond what wrk sent."""
            time.sleep(0.3)  # let the server finish what wrk left in flight when it stopped
            sent = result.extras.get("sent", -1)
            written = payment_count(db, f"{tag}%")
            total = payment_count(db)
            expected = check_writes.total + written
            check_writes.total = total
            print(f"    {name}: wrk completed {result.requests}, sent {sent} (in flight at the stop: "
                  f"{sent - result.requests}); new payments with id_pago {tag}…: {written}; "
                  f"payments in the file: {total}", flush=True)
            if not result.requests <= written <= sent or total != expected:
                bench.failures.append(f"{name}: {written} new payments (file total {total}, expected {expected}) "
                                      f"for {result.requests} completed / {sent} sent requests")
            if not result.requests <= sent <= result.requests + args.connections * args.threads:
                bench.failures.append(f"{name}: wrk completed {result.requests} of {sent} sent")
        check_writes.total = seeded

        for rnd in range(1, args.rounds + 1):
            print(f"round {rnd} of {args.rounds}", flush=True)
            tag = f"{rnd:02d}"[-2:]
            if sim is None:
                sim = SimulatorProcess(db).start()
                place(sim.proc.pid, args.server_cpu, args.priority)
                verify_once(sim.url, reference(0))
            # verify: the ceiling, WireMock, the simulator (A/B back to back), the bare path
            ceiling_run("verify", verify_ctype, "verify.lua", [str(refs)])
            if wiremock is not None:
                keep(WM_VERIFY, bench.measure(WM_VERIFY, wiremock.url, wiremock.proc.pid, "verify.lua", [str(refs)]))
            one = keep(SIM_VERIFY, bench.measure(SIM_VERIFY, sim.url, sim.proc.pid, "verify.lua", [str(refs)]))
            keep(SIM_REST_VERIFY, bench.measure(SIM_REST_VERIFY, sim.url, sim.proc.pid, "rest_verify.lua",
                                                [str(refs)]))
            if not args.no_bare:
                reference_run(BARE_VERIFY, Ceiling(None, "", work / "bare-verify.log", "loadtests.bench.bare",
                                                   ["--db", str(db)]), "verify.lua", [str(refs)])
            # start: the ceiling, WireMock, the simulator, the bare path
            ceiling_run("start", start_ctype, "start.lua", [f"c{tag}"], [f"d{tag}"])
            if wiremock is not None:
                keep(WM_START, bench.measure(WM_START, wiremock.url, wiremock.proc.pid, "start.lua", [f"w{tag}"]))
            keep(SIM_START, bench.measure(SIM_START, sim.url, sim.proc.pid, "start.lua", [f"s{tag}m"], [f"s{tag}w"],
                                          check_writes))
            keep(SIM_REST_START, bench.measure(SIM_REST_START, sim.url, sim.proc.pid, "rest_start.lua", [f"r{tag}m"],
                                               [f"r{tag}w"], check_writes))
            if not args.no_bare:
                bare_db = work / "bare-start.sqlite3"
                for stale in (bare_db, Path(f"{bare_db}-wal"), Path(f"{bare_db}-shm")):
                    stale.unlink(missing_ok=True)
                reference_run(BARE_START, Ceiling(None, "", work / "bare-start.log", "loadtests.bench.bare",
                                                  ["--db", str(bare_db), "--mode", "start"]),
                              "start.lua", [f"b{tag}m"], [f"b{tag}w"])
            sim.stop()
            sim = None

            # the same database behind spyne (verify only, informational: first round only)
            if args.no_spyne:
                spyne_note = "skipped (--no-spyne)"
            elif "--soap-engine" not in serve_help:
                spyne_note = "not supported (no --soap-engine)"
            elif rnd == 1:
                spyne_note = "informational (first round only)"
                sim = SimulatorProcess(db, extra_args=["--soap-engine", "spyne"]).start()
                place(sim.proc.pid, args.server_cpu, args.priority)
                verify_once(sim.url, reference(0))
                keep(SPYNE_VERIFY, bench.measure(SPYNE_VERIFY, sim.url, sim.proc.pid, "verify.lua", [str(refs)]))
                sim.stop()
                sim = None

            # two simulator processes (verify) on the two cores, against one process of the same round
            if "--workers" not in serve_help:
                workers_note = "not supported yet"
            elif args.server_cpu is None:
                workers_note = "skipped: needs 2 CPUs"
            else:
                sim = SimulatorProcess(db, extra_args=["--workers", "2"]).start()
                deadline = time.monotonic() + 10
                while True:
                    workers = [pid for pid in descendants(sim.proc.pid) if pid != sim.proc.pid]
                    if len(workers) >= 2 or time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
                place(sim.proc.pid, args.client_cpu, args.priority)
                for i, pid in enumerate(workers):
                    place(pid, (args.server_cpu, args.client_cpu)[i % 2], args.priority)
                two = keep(SIM_WORKERS, bench.measure(SIM_WORKERS, sim.url, workers or [sim.proc.pid], "verify.lua",
                                                      [str(refs)]))
                sim.stop()
                sim = None
                if one.rps:
                    worker_ratios.append(two.rps / one.rps)
                workers_note = (f"workers on CPUs {args.server_cpu} and {args.client_cpu}, wrk shares CPU "
                                f"{args.client_cpu}")
    except (SetupError, WireMockUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if sim is not None:
            sim.stop()
            sim.kill()
        if ceiling is not None:
            ceiling.stop()
        if wiremock is not None:
            wiremock.stop()

    med = {name: median_result(results) for name, results in measured.items()}
    wm_verify, wm_start = med.get(WM_VERIFY), med.get(WM_START)
    worker_ratio = statistics.median(worker_ratios) if worker_ratios else None
    rows = [
        Row("ceiling: aiohttp, fixed verify bytes", med["ceiling (verify bytes)"]),
        Row("WireMock 3.13: stub, verify bytes", wm_verify, med["ceiling (verify bytes)"], peer=wm_verify,
            note="the peer" if wm_verify else f"WireMock {wiremock_note}"),
        Row(SIM_VERIFY, med[SIM_VERIFY], med["ceiling (verify bytes)"], peer=wm_verify,
            target_peer_cpu=TARGET_VERIFY_CPU_VS_WIREMOCK),
        Row(SIM_REST_VERIFY, med.get(SIM_REST_VERIFY), med["ceiling (verify bytes)"], peer=wm_verify,
            note="JSON (§8b), same payments, same process as the row above"),
        Row("bare verify: parse, SELECT, template", med.get(BARE_VERIFY), med["ceiling (verify bytes)"],
            peer=wm_verify, note="informational: no credentials, journal, rules" if BARE_VERIFY in med else "skipped"),
        Row(SPYNE_VERIFY, med.get(SPYNE_VERIFY), med["ceiling (verify bytes)"], peer=wm_verify, note=spyne_note),
        Row("ceiling: aiohttp, fixed start bytes", med["ceiling (start bytes)"]),
        Row("WireMock 3.13: stub, start bytes", wm_start, med["ceiling (start bytes)"], peer=wm_start,
            note="the peer" if wm_start else f"WireMock {wiremock_note}"),
        Row(SIM_START, med[SIM_START], med["ceiling (start bytes)"], peer=wm_start,
            target_peer_cpu=TARGET_START_CPU_VS_WIREMOCK),
        Row(SIM_REST_START, med.get(SIM_REST_START), med["ceiling (start bytes)"], peer=wm_start,
            note="JSON (§8a): start and a rut, same process as the row above"),
        Row("bare start: parse, INSERT, template", med.get(BARE_START), med["ceiling (start bytes)"], peer=wm_start,
            note="informational: one committed INSERT" if BARE_START in med else "skipped"),
        Row(SIM_WORKERS, med.get(SIM_WORKERS), med["ceiling (verify bytes)"] if SIM_WORKERS in med else None,
            peer=wm_verify, scale=worker_ratio, target_scale=TARGET_WORKERS_SCALE if worker_ratio else None,
            note=workers_note),
    ]
    print()
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency, warm-up {args.warmup} s; "
          f"server on CPU {args.server_cpu}, wrk on CPU {args.client_cpu}; "
          + (f"wrk SCHED_FIFO {WRK_FIFO}, servers nice {SERVER_NICE}; " if args.priority else "normal priority; ")
          + f"{args.payments} seeded payments; median of {args.rounds} interleaved rounds")
    print(table(rows))
    print()
    print("per round (CPU µs/request; req/s):")
    for name, results in measured.items():
        print(f"  {name:40s} " + "  ".join(f"{r.server_us_per_request or 0:5.0f} µs {r.rps:7,.0f}/s" for r in results))
    for sim_name, peer_name in ((SIM_VERIFY, WM_VERIFY), (SIM_START, WM_START), (SIM_REST_VERIFY, SIM_VERIFY),
                                (SIM_REST_START, SIM_START)):
        if sim_name in measured and peer_name in measured:
            ratios = [a.server_us_per_request / b.server_us_per_request
                      for a, b in zip(measured[sim_name], measured[peer_name])
                      if a.server_us_per_request and b.server_us_per_request]
            if ratios:
                print(f"  {sim_name} ÷ {peer_name}, CPU per request, per round: "
                      + ", ".join(f"{r:.2f}" for r in ratios) + f" (median {statistics.median(ratios):.2f})")
    if worker_ratios:
        print(f"  2 processes ÷ 1 process, req/s, per round: " + ", ".join(f"{r:.2f}" for r in worker_ratios)
              + f" (median {worker_ratio:.2f})")
    print()
    missed = [f"{row.scenario}: {name}" for row in rows for name, ok in row.verdicts if not ok]
    if bench.failures:
        print("CORRECTNESS FAILED:\n  " + "\n  ".join(bench.failures))
    else:
        print("correctness: every answer checked, 0 non-2xx, 0 socket errors, "
              "one durable payment per inicio_pagoV2 sent")
    print("targets missed: " + ("; ".join(missed) if missed else "none"))
    if bench.noisy:
        print("WARNING: the server was not saturated in some runs; those figures are lower than it can do:\n  "
              + "\n  ".join(bench.noisy))
    print(f"total time {time.monotonic() - started:.0f} s")

    if args.json:
        args.json.write_text(json.dumps({
            "machine": machine_info(wrk), "duration_s": args.duration, "connections": args.connections,
            "threads": args.threads, "warmup_s": args.warmup, "priority": args.priority, "payments": args.payments,
            "rounds": args.rounds,
            "rows": [{"scenario": r.scenario, "ratio": r.ratio, "cpu_vs_peer": r.peer_cpu_ratio, "note": r.note,
                      "targets": [{"target": n, "met": ok} for n, ok in r.verdicts],
                      "wrk": asdict(r.result) if r.result else None} for r in rows],
            "per_round": {name: [asdict(r) for r in results] for name, results in measured.items()},
            "workers_scale_per_round": worker_ratios,
            "failures": bench.failures, "noise": bench.noisy, "commands": bench.commands,
        }, indent=2, ensure_ascii=False))
    if bench.failures:
        return 1
    return 1 if (missed and args.enforce_targets) else 0


def machine_info(wrk: str) -> dict[str, str]:
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    version = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout.splitlines()
    return {"nproc": str(os.cpu_count()), "cpu": model or platform.processor(), "python": platform.python_version(),
            "wrk": version[0] if version else "?", "kernel": platform.release()}


def machine_line(wrk: str) -> str:
    m = machine_info(wrk)
    return f"machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}, {m['wrk']}"


if __name__ == "__main__":
    sys.exit(main())
