"""Where the simulator's time goes under wrk load, by stage: py-spy samples × measured CPU per request.

    .venv/bin/python -m loadtests.bench.pyspy [--duration 10] [--connections 32] [--out DIR]

Needs py-spy (`.venv/bin/pip install py-spy`) and root (or ptrace rights). Starts `pasarela serve`
pinned like the benchmark, seeds payments, then for verificar_pago_v4 and inicio_pagoV2: one clean wrk
run measures the server's CPU time per request, a second run is sampled by py-spy (blocking mode, raw
collapsed stacks; a speedscope file too). Each sample goes to the stage of its deepest frame that
belongs to one (helpers such as Money or the dataclass __init__ count for their caller); samples in no
stage are aiohttp and asyncio. Stage share × CPU per request = µs per request spent in the stage.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtests.bench.__main__ import (
    SCRIPTS, WRK_FIFO, SetupError, ensure_wrk, place, process_seconds, reference, seed,
)
from loadtests.bench.report import parse_wrk
from simulator.process import SimulatorProcess

STAGES = (
    "aiohttp + asyncio (HTTP parsing, routing, response, event loop)",
    "parse (DOCTYPE guard, lxml, find Body)",
    "decode (codec: fields to Python values)",
    "credentials (merchant SELECT, Merchant object, HMAC)",
    "SQL (sqlite3 execute/fetch, BEGIN/COMMIT, sequences)",
    "domain objects (rows <-> Payment/Attempt, command)",
    "json history (loads/dumps)",
    "use case and glue (verify_payment/start_payment, guard, rules, clock)",
    "encode (str_res_pago, codec.encode, envelope)",
    "shared state reads (stored clock offset, fault rules version)",
    "request journal (record, mask, batched INSERT)",
)
AIOHTTP, PARSE, DECODE, CREDENTIALS, SQL, DOMAIN, JSON, USE_CASE, ENCODE, SHARED_STATE, JOURNAL = STAGES
_TRANSPARENT = re.compile(
    r"\((domain/(shared/money|gateway/payment|shared/payment_states|gateway/magic_values)\.py|enum\.py|<string>|dataclasses\.py|contextlib\.py)"
)
_IDLE = re.compile(r"^(Condition\.wait|Event\.wait|Lock\.acquire) ")
_USE_CASE = ("simulator/zonapagos/operations/", "adapters/clock.py", "domain/")


def frame_stage(frame: str) -> str | None:
    """The stage a frame belongs to; None: transparent or HTTP, ask its caller."""
    func, _, where = frame.partition(" (")
    if ("simulator/control/journal.py" in where or "simulator/control/masking.py" in where
            or "simulator/control/journal_view.py" in where or func.startswith("SqliteJournal")):
        return JOURNAL
    if func.startswith(("StoredOffsetClock", "SqliteFaultRules", "FaultInjector")):
        return SHARED_STATE
    if "json/" in where:
        return JSON
    if func == "parse_request" or func == "_decode_to_utf8":
        return PARSE
    if "soap/codec.py" in where:  # (it was "zonapagos/codec.py", a path that no longer existed: decode went to glue)
        return ENCODE if func.startswith(("encode", "_escape")) else DECODE
    if func in ("SoapRequest.namespace", "SoapRequest.name", "Service.operation"):
        return DECODE
    if "res_pago.py" in where or func in ("envelope", "fault_envelope"):
        return ENCODE
    if (func in ("SqliteMerchants.get", "merchant_from_row") or "accepts_" in func or "secrets.py" in where
            or "hmac.py" in where or func == "_same"):
        return CREDENTIALS
    if ("storage/records.py" in where or func.startswith("command_from") or func == "_money"
            or func == "build_view"):
        return DOMAIN
    if "storage/sqlite.py" in where:
        return SQL
    if _TRANSPARENT.search(frame):
        return None
    if func == "AsmxEndpoint.answer" or any(part in where for part in _USE_CASE):
        return USE_CASE
    return None  # aiohttp, asyncio, the middleware, AsmxEndpoint.handle: HTTP unless a deeper frame says otherwise


def classify(raw: Path) -> tuple[collections.Counter, int]:
    """Samples per stage in a py-spy `--format raw` file (collapsed stacks, root first)."""
    counts: collections.Counter = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, _, n = line.rpartition(" ")
        if _IDLE.search(stack.rsplit(";", 1)[-1]):
            continue  # a background thread asleep (the checkpointer's Event.wait): not CPU
        total += int(n)
        stage = next((s for s in map(frame_stage, reversed(stack.split(";"))) if s), AIOHTTP)
        counts[stage] += int(n)
    return counts, total


def print_stages(source: str, counts: collections.Counter, total: int, cpu_us: float) -> None:
    width = max(map(len, STAGES))
    print(f"{source}: {total} samples\n| {'stage'.ljust(width)} | share | µs/request |\n"
          f"|{'-' * (width + 2)}|------:|-----------:|")
    for stage in STAGES:
        share = counts[stage] / total if total else 0.0
        print(f"| {stage.ljust(width)} | {share:5.1%} | {share * cpu_us:10.0f} |")
    print(f"| {'total'.ljust(width)} | 100.0% | {cpu_us:10.0f} |")


def wrk_cmd(wrk: str, url: str, script: str, args: list[str], duration: int, connections: int) -> list[str]:
    return ["taskset", "-c", "1", "chrt", "-f", str(WRK_FIFO), wrk, "-t1", f"-c{connections}", f"-d{duration}s",
            "--latency", "-s", str(SCRIPTS / script), url, "--", *args]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.pyspy", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds sampled per scenario (10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--payments", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second (250)")
    parser.add_argument("--out", type=Path, help="keep the raw and speedscope profiles here")
    parser.add_argument("--classify", nargs=2, metavar=("RAW", "US_PER_REQUEST"),
                        help="only split an existing py-spy raw file, with the CPU µs per request measured for it")
    args = parser.parse_args(argv)
    if args.classify:
        print_stages(args.classify[0], *classify(Path(args.classify[0])), float(args.classify[1]))
        return 0
    pyspy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(pyspy).exists():
        print("error: py-spy is not installed: .venv/bin/pip install py-spy", file=sys.stderr)
        return 2
    if os.geteuid() != 0 or len(os.sched_getaffinity(0)) < 2:
        print("error: run as root on a machine with 2 CPUs (pinning, SCHED_FIFO, ptrace)", file=sys.stderr)
        return 2
    wrk = ensure_wrk()
    os.chdir(Path(__file__).resolve().parents[2])
    os.sched_setaffinity(0, {1})
    out = args.out or Path(tempfile.mkdtemp(prefix="pasarela-pyspy-"))
    out.mkdir(parents=True, exist_ok=True)
    db = out / "pyspy.sqlite3"
    for stale in out.glob("pyspy.sqlite3*"):
        stale.unlink()
    sim = SimulatorProcess(db).start()
    try:
        place(sim.proc.pid, 0, True)
        seed(sim.url, args.payments)
        refs = out / "references.txt"
        refs.write_text("".join(reference(i) + "\n" for i in range(args.payments)))
        for name, script, tags in (("verificar_pago_v4", "verify.lua", None), ("inicio_pagoV2", "start.lua", "p")):
            def script_args(suffix: str) -> list[str]:
                return [str(refs)] if tags is None else [f"{tags}{suffix}"]
            subprocess.run(wrk_cmd(wrk, sim.url, script, script_args("w"), 2, args.connections), capture_output=True)
            before = process_seconds(sim.proc.pid)
            clean = subprocess.run(wrk_cmd(wrk, sim.url, script, script_args("c"), args.duration, args.connections),
                                   capture_output=True, text=True)
            result = parse_wrk(clean.stdout)
            cpu_us = (process_seconds(sim.proc.pid) - before) / result.requests * 1e6
            loaded = subprocess.Popen(wrk_cmd(wrk, sim.url, script, script_args("s"), args.duration + 2,
                                              args.connections), stdout=subprocess.DEVNULL)
            time.sleep(1)
            raw = out / f"{name}.raw.txt"
            subprocess.run([pyspy, "record", "--pid", str(sim.proc.pid), "--duration", str(args.duration), "--rate",
                            str(args.rate), "--format", "raw", "-o", str(raw)], capture_output=True, check=True)
            loaded.wait()
            subprocess.run(wrk_cmd(wrk, sim.url, script, script_args("t"), 5, args.connections), capture_output=True)
            loaded = subprocess.Popen(wrk_cmd(wrk, sim.url, script, script_args("u"), 5, args.connections),
                                      stdout=subprocess.DEVNULL)
            time.sleep(1)
            subprocess.run([pyspy, "record", "--pid", str(sim.proc.pid), "--duration", "3", "--rate", str(args.rate),
                            "--format", "speedscope", "-o", str(out / f"{name}.speedscope.json")],
                           capture_output=True)
            loaded.wait()
            print(f"\n{name}: {result.rps:,.0f} req/s without py-spy, server CPU {cpu_us:.0f} µs/request")
            print_stages(str(raw), *classify(raw), cpu_us)
        print(f"\nprofiles in {out} (open *.speedscope.json at https://www.speedscope.app)")
    except (SetupError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        sim.stop()
        sim.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
