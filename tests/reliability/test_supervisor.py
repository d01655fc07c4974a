"""Issue 14, item 5: `pasarela serve --workers N` is supervised. A worker killed with SIGKILL is replaced and
the new one serves; the workers leave when the supervisor is killed with SIGKILL; a second start on a served
port fails with exit 1 instead of stacking SO_REUSEPORT listeners; workers that keep dying stop the
supervisor with exit 1; the control token never appears on a worker's command line. Real processes on
loopback (Linux /proc)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from simulator.process import SimulatorProcess, free_port
from simulator.supervisor import CRASH_LIMIT, CrashLoop

pytestmark = [pytest.mark.wire, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")]
TOKEN = "token-de-control-7Qz"


def alive(pid: int) -> bool:
    """Running (a zombie nobody reaped yet counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def workers_when(master: int, count: int, other_than: set[int] | None = None):
    """A condition for wait_for: the master's live children, read once, when there are `count` of them (and they
    are not `other_than`). Read once: between two reads a killed worker may turn into a zombie."""
    def condition() -> set[int] | None:
        now = children(master)
        return now if len(now) == count and now != other_than else None
    return condition


def replaced_after(master: int, workers: set[int], victim: int):
    """A condition for wait_for: the master's live children, read once, when one of them is new and the victim
    is gone."""
    def condition() -> set[int] | None:
        now = children(master)
        return now if len(now - workers) == 1 and victim not in now else None
    return condition


def wait_for(condition, timeout: float, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return condition()


def health_pid(url: str) -> int | None:
    try:
        with urllib.request.urlopen(f"{url}/_sim/health", timeout=2) as response:  # a new connection each time
            return json.loads(response.read())["pid"]
    except OSError:
        return None


def listeners(port: int) -> int:
    """Sockets listening on `port` (IPv4 and IPv6), from /proc/net/tcp*."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            next(lines)
            for line in lines:
                local, state = line.split()[1], line.split()[3]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                    count += 1
    return count


def serving(tmp_path: Path, name: str, *args: str, port: int | None = None) -> SimulatorProcess:
    return SimulatorProcess(tmp_path / f"{name}.sqlite3", port=port, extra_args=["--workers", "2", *args]).start()


def finish(sim: SimulatorProcess, *seen: set[int] | None) -> None:
    """After a test, even a failed one: the supervisor stopped and no worker it started left running."""
    workers = set(children(sim.proc.pid)) if sim.proc.poll() is None else set()
    sim.stop()
    sim.kill()
    for pid in workers.union(*(s for s in seen if s)):
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_worker_killed_with_sigkill_is_replaced_and_the_new_one_serves(tmp_path):
    sim = serving(tmp_path, "reemplazo")
    replaced = []
    try:
        master = sim.proc.pid
        workers = wait_for(workers_when(master, 2), 10)
        assert workers and len(workers) == 2, sim.output(since_start=True)[-3000:]
        for round_ in range(3):  # under the crash-loop limit (5 within 30 s)
            victim = sorted(workers)[round_ % 2]
            killed_at = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            now = wait_for(replaced_after(master, workers, victim), 30)
            assert now, f"worker {victim} was not replaced: {sim.output(since_start=True)[-2000:]}"
            new = (now - workers).pop()
            seen = wait_for(lambda: health_pid(sim.url) == new, 15, every=0.01)
            assert seen, f"the new worker {new} never answered /_sim/health"
            replaced.append((victim, new, time.monotonic() - killed_at))
            workers = now
        log = sim.output(since_start=True)
        assert all(f"el proceso de trabajo {new} reemplaza al {victim}" in log for victim, new, _ in replaced), log
        assert all(health_pid(sim.url) in workers for _ in range(20))  # only live workers answer
        assert sim.stop() == 0
    finally:
        finish(sim)
    print(f"\n{len(replaced)} workers killed with SIGKILL, {len(replaced)} replaced; serving again after "
          + ", ".join(f"{seconds:.2f} s" for _, _, seconds in replaced))


def test_the_control_token_reaches_the_workers_but_never_their_command_line(tmp_path):
    sim = serving(tmp_path, "token", "--control-token", TOKEN)
    try:
        master = sim.proc.pid
        first = wait_for(workers_when(master, 2), 10)
        assert first and len(first) == 2
        os.kill(sorted(first)[0], signal.SIGKILL)  # a replacement gets it the same way
        workers = wait_for(workers_when(master, 2, other_than=first), 30)
        assert workers and len(workers) == 2, (first, workers, sim.output(since_start=True)[-3000:])
        wait_for(lambda: health_pid(sim.url) is not None, 10)
        for pid in workers:
            assert TOKEN not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(), pid
            assert f"PASARELA_CONTROL_TOKEN={TOKEN}".encode() in Path(f"/proc/{pid}/environ").read_bytes()
        statuses = set()
        for _ in range(20):  # new connections: both workers answer, and both ask for the token
            request = urllib.request.Request(f"{sim.url}/_sim/clock")
            try:
                urllib.request.urlopen(request, timeout=5)
                statuses.add(200)
            except urllib.error.HTTPError as error:
                statuses.add(error.code)
            request.add_header("Authorization", f"Bearer {TOKEN}")
            with urllib.request.urlopen(request, timeout=5) as response:
                assert response.status == 200
        assert statuses == {401}
        assert sim.stop() == 0
    finally:
        finish(sim)


def test_the_workers_leave_when_the_supervisor_is_killed_with_sigkill_and_the_port_is_free_again(tmp_path):
    port = free_port()
    sim = serving(tmp_path, "huerfanos", port=port)
    master = sim.proc.pid
    workers = wait_for(workers_when(master, 2), 10)
    try:
        assert workers and len(workers) == 2
        os.kill(master, signal.SIGKILL)
        sim.proc.wait()
        killed_at = time.monotonic()
        gone = wait_for(lambda: not any(alive(pid) for pid in workers), 5)
        gone_after = time.monotonic() - killed_at
        assert gone, f"workers still running 5 s after the supervisor died: {[p for p in workers if alive(p)]}"
        assert wait_for(lambda: listeners(port) == 0, 5)
    finally:
        finish(sim, workers)
    again = serving(tmp_path, "huerfanos", port=port)  # the same port and database start again
    try:
        assert health_pid(again.url) in children(again.proc.pid)
        assert again.stop() == 0
    finally:
        finish(again)
    print(f"\nsupervisor killed with SIGKILL: both workers gone after {gone_after:.2f} s, port free")


def test_a_second_start_on_a_served_port_fails_with_one_line_and_exit_1(tmp_path):
    sim = serving(tmp_path, "primero")
    try:
        assert listeners(sim.port) == 2
        for args in (["--workers", "2"], ["--workers", "3"], []):
            # its own process group: if it did start (and stack listeners), the test ends all of it
            second = subprocess.Popen(
                [sys.executable, "-m", "simulator.cli", "serve", "--host", "127.0.0.1", "--port", str(sim.port),
                 "--db", str(tmp_path / "segundo.sqlite3"), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, start_new_session=True)
            try:
                out, err = second.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(second.pid, signal.SIGKILL)
                out, err = second.communicate()
            lines = [line for line in (out + err).splitlines() if line.strip()]
            assert second.returncode == 1, (args, out, err)
            assert len(lines) == 1 and lines[0].startswith("no fue posible iniciar el simulador:") \
                and str(sim.port) in lines[0], (args, lines)
            assert listeners(sim.port) == 2  # nothing stacked beside the first one's workers
        assert health_pid(sim.url) in children(sim.proc.pid)
        assert sim.stop() == 0
    finally:
        finish(sim)


def test_workers_that_keep_dying_stop_the_supervisor_with_exit_1(tmp_path):
    sim = serving(tmp_path, "bucle")
    master = sim.proc.pid
    killed: set[int] = set()
    started = time.monotonic()
    try:
        while sim.proc.poll() is None and time.monotonic() - started < 30:
            for pid in children(master) - killed:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
            time.sleep(0.02)
        code = sim.proc.wait(10)
        log = sim.output(since_start=True)
    finally:
        finish(sim, killed)
    assert code == 1, log[-2000:]
    assert f"terminan una y otra vez ({CRASH_LIMIT} veces en 30 s)" in log
    assert len(killed) >= CRASH_LIMIT and not any(alive(pid) for pid in killed)
    assert wait_for(lambda: listeners(sim.port) == 0, 5)
    print(f"\ncrash loop: {len(killed)} workers killed in {time.monotonic() - started:.1f} s, supervisor exit {code}")


def test_the_back_off_doubles_and_five_ends_within_thirty_seconds_are_a_crash_loop():
    loop = CrashLoop()
    assert [loop.ended(t) for t in (0.0, 1.0, 2.0, 3.0)] == [0.1, 0.2, 0.4, 0.8]
    assert loop.ended(4.0) is None
    spaced = CrashLoop()
    assert all(spaced.ended(t * 31.0) == 0.1 for t in range(10))  # one end every 31 s is never a loop
