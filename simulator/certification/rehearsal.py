"""The guided rehearsal behind `pasarela certificar`: against a running simulator (its control API over HTTP),
walk the §15 scenarios, forcing each outcome and moving the simulated clock, while the merchant's own code
runs each of its steps (one run of the merchant's command per step, told which by environment variables);
then ask for the grading and summarise it.

The merchant's command is run with PASARELA_URL (the simulator), PASARELA_COMERCIO, PASARELA_ESCENARIO (a code of
scenarios.py) and PASARELA_PASO (`inicio`: start a payment as the checkout does; `retorno`: the payer came back,
handle the return; `sonda`: one run of the status poller; `reintento`: the payer tries again after a rejection)
and PASARELA_ENSAYO (the same for every step of one rehearsal, new for the next: a key for the merchant's state).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simulator.certification.scenarios import SCENARIOS, Scenario, Step


JOURNAL_SETTLE_SECONDS = 0.5


class RehearsalError(Exception):
    """The rehearsal could not go on (the simulator unreachable, the merchant unknown...): a Spanish message."""


@dataclass
class RehearsalSettings:
    url: str
    merchant_id: int
    command: list[str] = field(default_factory=list)  # empty: only grade what the journal holds since `since`
    token: str | None = None
    pages: bool = False  # fetch the merchant's result pages (pagina_resultado)
    step_timeout: float = 60.0
    scenarios: tuple[Scenario, ...] = SCENARIOS
    since: int | None = None  # journal entry id; None: the newest one when the rehearsal starts


def why(error: Exception) -> str:
    """A failed connection's reason in a few Spanish words (urllib's is English: `<urlopen error [Errno 111]...>`)."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, ConnectionRefusedError):
        return "conexión rechazada (¿está en marcha? ./dev serve)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no respondió a tiempo"
    if isinstance(reason, socket.gaierror):
        return "no se encontró el servidor"
    if isinstance(reason, ConnectionError):
        return "la conexión se cortó"
    if isinstance(reason, ValueError):
        return "respondió algo que no es JSON"
    number = getattr(reason, "errno", None)
    return f"error de red{f' (errno {number})' if number else ''}"


class Control:
    """The simulator's control API (/_sim/), JSON in and out."""

    def __init__(self, url: str, token: str | None = None):
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            try:
                return error.code, json.loads(error.read() or b"null")
            except ValueError:
                return error.code, None
        except (OSError, ValueError) as error:
            raise RehearsalError(f"no fue posible hablar con el simulador en {self.url}: {why(error)}") from None

    def ok(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        status, answer = self.call(method, path, body)
        if status >= 400:
            detail = answer.get("detail") or answer.get("title") if isinstance(answer, dict) else ""
            raise RehearsalError(f"el simulador respondió {status} a {method} {path}: {detail}")
        return answer


class Walk:
    """One rehearsal: the scenarios' steps against the simulator, the merchant's steps through `run_step`."""

    def __init__(self, settings: RehearsalSettings, run_step: Callable[[Scenario, str], int | None],
                 say: Callable[[str], None] = print):
        self.settings = settings
        self.control = Control(settings.url, settings.token)
        self.run_step = run_step  # the step's exit code; None when it ran out of time (and was stopped)
        self.say = say
        self.payment_id: int | None = None
        self.failed_steps: list[str] = []  # Spanish: which scenario's step failed or timed out

    def _newest_payment(self) -> int | None:
        payments = self.control.ok("GET", "/_sim/payments")
        mine = [p["identificador"] for p in payments if p.get("id_comercio") == self.settings.merchant_id]
        return max(mine) if mine else None

    def _do(self, scenario: Scenario, step: Step) -> None:
        merchant = f"/_sim/merchants/{self.settings.merchant_id}"
        if step.kind == "programar":
            self.control.ok("POST", f"{merchant}/siguiente-resultado",
                            {"estado": step.state, "forma_pago": step.method})
        elif step.kind == "avanzar":
            self.control.ok("POST", "/_sim/clock/advance", {"segundos": step.seconds})
        elif step.kind == "deshabilitar":
            self.control.ok("PATCH", merchant, {"habilitado": False})
        elif step.kind == "habilitar":
            self.control.ok("PATCH", merchant, {"habilitado": True})
        elif step.kind == "forzar":
            if self.payment_id is None:
                self.say("    (el comercio no inició ningún pago: no hay estado que forzar)")
                return
            body: dict[str, Any] = {"estado": step.state}
            if step.method:
                body["forma_pago"] = step.method
            self.control.ok("POST", f"/_sim/payments/{self.payment_id}/outcome", body)
        else:
            before = self._newest_payment()
            code = self.run_step(scenario, step.merchant_step)
            where = f"escenario {scenario.code}, paso «{step.merchant_step}»"
            if code is None:
                failure = (f"{where}: no terminó en {self.settings.step_timeout:g} s (--tiempo-paso); se detuvo "
                           "con todos sus procesos")
            elif code != 0:
                failure = f"{where}: la orden del comercio falló (código de salida {code})"
            else:
                failure = ""
            if failure:
                self.failed_steps.append(failure)
                self.say(f"    {failure}")
            newest = self._newest_payment()
            if newest is not None and newest != before:
                self.payment_id = newest

    def scenario(self, scenario: Scenario) -> None:
        self.say(f"Escenario {scenario.code}: {scenario.title}")
        self.payment_id = None
        try:
            for step in scenario.steps:
                self.say(f"  · {step.text}")
                self._do(scenario, step)
        finally:
            if any(step.kind == "deshabilitar" for step in scenario.steps):
                self.control.call("PATCH", f"/_sim/merchants/{self.settings.merchant_id}", {"habilitado": True})
            self.control.call("DELETE", f"/_sim/merchants/{self.settings.merchant_id}/siguiente-resultado")

    def run(self) -> dict[str, Any]:
        """Walk every scenario (when there is a merchant command) and return the grading (the report's JSON)."""
        merchant = self.settings.merchant_id
        status, _ = self.control.call("GET", f"/_sim/merchants/{merchant}")
        if status == 404:
            raise RehearsalError(f"el comercio {merchant} no existe en el simulador")
        since = self.settings.since
        if since is None:
            newest = self.control.ok("GET", "/_sim/journal?limite=1")
            since = newest[0]["id"] if newest else 0
        if self.settings.command:
            for scenario in self.settings.scenarios:
                self.scenario(scenario)
            # With --workers, another process may hold the last requests for up to its journal writer's interval
            # (0.25 s); the process that grades writes its own first.
            time.sleep(JOURNAL_SETTLE_SECONDS)
        pages = "&paginas=1" if self.settings.pages else ""
        report: dict[str, Any] = self.control.ok(
            "GET", f"/_sim/certificacion?comercio={merchant}&desde={since}{pages}")
        return self.judge(report)

    def judge(self, report: dict[str, Any]) -> dict[str, Any]:
        """The rehearsal's own verdict over the simulator's grading (docs/decisions.md): with a merchant command,
        a failed or timed-out step, or a rule left without evidence, is not approved (nothing proved it); grading
        only the journal keeps the simulator's verdict (no rule `no_cumple`) and names what nothing proved."""
        unproven = [rule["codigo"] for rule in report["reglas"] if rule["resultado"] == "sin_evidencia"
                    and not (rule["codigo"] == "pagina_resultado" and not self.settings.pages)]
        report["sin_probar"] = unproven
        report["pasos_fallidos"] = list(self.failed_steps)
        if self.settings.command and (unproven or self.failed_steps):
            report["aprobada"] = False
        return report


def command_runner(settings: RehearsalSettings) -> Callable[[Scenario, str], int | None]:
    """Run the merchant's command once per step, with the step in its environment, in its own session (process
    group): when it runs out of time the whole group is killed (a `sh -c` and its children too) and the step's
    result is None."""
    rehearsal = uuid.uuid4().hex[:12]  # one per rehearsal: a merchant may key its state by it

    def run(scenario: Scenario, step: str) -> int | None:
        env = {**os.environ, "PASARELA_URL": settings.url.rstrip("/"), "PASARELA_COMERCIO": str(settings.merchant_id),
               "PASARELA_ESCENARIO": scenario.code, "PASARELA_PASO": step, "PASARELA_ENSAYO": rehearsal}
        try:
            process = subprocess.Popen(settings.command, env=env, start_new_session=True)
        except FileNotFoundError:
            raise RehearsalError(f"no se encontró la orden del comercio: {settings.command[0]}") from None
        except OSError as error:
            raise RehearsalError(f"no fue posible ejecutar la orden del comercio: {error.strerror or error}") from None
        try:
            return process.wait(timeout=settings.step_timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            _kill_group(process)  # a step's leftovers (its background children) never outlive it
    return run


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the step's process group (its own session: nothing else is in it)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if process.returncode is None:
        process.wait()


MARKS = {"cumple": "cumple       ", "no_cumple": "NO CUMPLE    ", "sin_evidencia": "sin evidencia"}


def summary(report: dict[str, Any]) -> list[str]:
    """The grading as lines for a terminal: one per rule, the evidence of what is not met under it."""
    lines = [f"Certificación del comercio {report['comercio']} (diario desde la entrada {report.get('desde', 0)}):"]
    for rule in report["reglas"]:
        lines.append(f"  {MARKS.get(rule['resultado'], rule['resultado'])}  {rule['codigo']}: {rule['titulo']}")
        if rule["resultado"] == "no_cumple":
            for evidence in rule["evidencia"]:
                entries = f" [entradas {', '.join(map(str, evidence['entradas']))}]" if evidence["entradas"] else ""
                lines.append(f"      - {evidence['nota']}{entries}")
    failed, unproven = report.get("pasos_fallidos", []), report.get("sin_probar", [])
    if failed:
        lines.append("Pasos del comercio que fallaron:")
        lines.extend(f"  - {failure}" for failure in failed)
    if unproven:
        lines.append(f"Sin probar (ninguna solicitud del comercio las puso a prueba): {', '.join(unproven)}")
    if report["aprobada"]:
        if unproven and not any(rule["resultado"] == "cumple" for rule in report["reglas"]):
            lines.append("APROBADA: ninguna regla incumplida, pero nada se probó: ninguna regla tiene evidencia")
        elif unproven:
            lines.append(f"APROBADA: ninguna regla incumplida, pero {len(unproven)} reglas quedaron sin probar")
        else:
            lines.append("APROBADA: ninguna regla incumplida")
        return lines
    reasons = []
    if any(rule["resultado"] == "no_cumple" for rule in report["reglas"]):
        reasons.append("hay reglas incumplidas")
    if failed:
        reasons.append(f"{len(failed)} pasos del comercio fallaron o no terminaron a tiempo")
    if unproven:
        reasons.append(f"{len(unproven)} reglas quedaron sin probar")
    lines.append(f"NO APROBADA: {'; '.join(reasons)}")
    return lines
