"""WireMock 3.13 as the benchmark's peer: the standard HTTP/SOAP mock answering the simulator's bytes (issue 15).

    python -m loadtests.bench.wiremock --port P --stub PATH=FILE[:CONTENT_TYPE] …   # WireMock alone, stubbed

Set-up (`ensure_wiremock`): Java from Debian (`default-jre-headless`, installed with apt-get when `java` is
missing and we run as root; otherwise the row is skipped with the reason), and the standalone jar the npm
package `wiremock@3.13.2` ships, installed once with `npm install --no-audit --no-fund wiremock@3.13.2` into
`loadtests/bench/.wiremock/` (gitignored). WireMock runs with `--disable-request-logging --no-request-journal`;
each stub answers one POST path with exact bytes (the verify and start answers the simulator gave), sent
through WireMock's admin API (`POST /__admin/mappings`, body base64-encoded so it stays byte-exact).
The JVM is started already pinned (and reniced) like the simulator, so every thread it creates later
inherits the same core.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

WIREMOCK_VERSION = "3.13.2"
CACHE = Path(__file__).resolve().parent / ".wiremock"
JAR = CACHE / "node_modules" / "wiremock" / "build" / f"wiremock-standalone-{WIREMOCK_VERSION}.jar"
FLAGS = ["--disable-request-logging", "--no-request-journal", "--disable-banner"]


def stop_process(proc: subprocess.Popen, log: IO[bytes]) -> None:
    """SIGTERM, ten seconds to go, then SIGKILL; and the process's log file closed."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.close()


class WireMockUnavailable(RuntimeError):
    """Java or the jar could not be installed: the WireMock row is skipped with this reason."""


def _run_quiet(cmd: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def ensure_java() -> str:
    found = shutil.which("java")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise WireMockUnavailable("java is not installed and this is not root with apt-get "
                                  "(`sudo apt-get install -y default-jre-headless`)")
    print("java is missing: installing default-jre-headless with apt-get (running as root)…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "default-jre-headless"]
    if _run_quiet(install, env) != 0:
        _run_quiet(["apt-get", "update", "-q"], env)
        _run_quiet(install, env)
    found = shutil.which("java")
    if not found:
        raise WireMockUnavailable("`apt-get install -y default-jre-headless` did not install java")
    return found


def ensure_jar() -> Path:
    if JAR.is_file():
        return JAR
    npm = shutil.which("npm")
    if npm is None:
        raise WireMockUnavailable("npm is not installed: cannot fetch the wiremock@3.13.2 jar")
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"installing wiremock@{WIREMOCK_VERSION} (npm) into {CACHE}…", flush=True)
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", f"wiremock@{WIREMOCK_VERSION}"],
                          cwd=CACHE, capture_output=True, text=True)
    if done.returncode != 0 or not JAR.is_file():
        raise WireMockUnavailable(f"`npm install wiremock@{WIREMOCK_VERSION}` failed: {(done.stderr or done.stdout)[-400:]}")
    return JAR


def ensure_wiremock() -> tuple[str, Path]:
    """(java, jar), installing what is missing; raises WireMockUnavailable with the reason."""
    return ensure_java(), ensure_jar()


def stub_mapping(path: str, body: bytes, content_type: str) -> dict:
    return {"request": {"method": "POST", "urlPath": path},
            "response": {"status": 200, "base64Body": base64.b64encode(body).decode("ascii"),
                         "headers": {"Content-Type": content_type}}}


class WireMock:
    """A standalone WireMock on `port`, pinned to `cpu` (every JVM thread) and reniced with `nice`."""

    def __init__(self, java: str, jar: Path, port: int, log: Path, cpu: int | None = None, nice: int | None = None):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._log: IO[bytes] = open(log, "ab")
        self.command = [java, "-jar", str(jar), "--port", str(port), "--bind-address", "127.0.0.1", *FLAGS]

        def prepare() -> None:  # in the child before exec: threads the JVM creates inherit both
            if cpu is not None:
                os.sched_setaffinity(0, {cpu})
            if nice is not None:
                os.setpriority(os.PRIO_PROCESS, 0, nice)
        self.proc = subprocess.Popen(self.command, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=prepare)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise WireMockUnavailable(f"WireMock exited with {self.proc.returncode} (see its log)")
            try:
                with urllib.request.urlopen(f"{self.url}/__admin/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise WireMockUnavailable(f"WireMock did not answer /__admin/health in {timeout} s")

    def stub(self, path: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(f"{self.url}/__admin/mappings", method="POST",
                                         data=json.dumps(stub_mapping(path, body, content_type)).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 201:
                raise WireMockUnavailable(f"WireMock refused the stub for {path}: HTTP {response.status}")

    def answer(self, path: str, body: bytes, soap_action: str) -> tuple[int, bytes, str]:
        request = urllib.request.Request(f"{self.url}{path}", method="POST", data=body,
                                         headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": soap_action})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")

    def stop(self) -> None:
        stop_process(self.proc, self._log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.wiremock", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stub", action="append", default=[], metavar="PATH=FILE[:CONTENT_TYPE]")
    parser.add_argument("--log", type=Path, default=Path("wiremock.log"))
    args = parser.parse_args(argv)
    try:
        java, jar = ensure_wiremock()
        server = WireMock(java, jar, args.port, args.log)
        server.wait_ready()
        for spec in args.stub:
            path, _, rest = spec.partition("=")
            file, _, ctype = rest.partition(":")
            server.stub(path, Path(file).read_bytes(), ctype or "text/xml; charset=utf-8")
    except WireMockUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"WireMock {WIREMOCK_VERSION} on {server.url}; Ctrl-C stops it", flush=True)
    try:
        server.proc.wait()
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
