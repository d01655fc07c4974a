"""Load test of the ZonaPAGOS SOAP services of pasarela-sim, as a merchant's backend drives them.

Each MerchantUser iteration: inicio_pagoV2 (raw SOAP, fixture F1) → for a share of the payments, force
approval through the control API → verificar_pago_v4 (raw SOAP, fixture F2, int_no_pago -1) and check
the answer. Every request is checked with catch_response, so a wrong answer counts as a failure.

    locust -f loadtests/locustfile.py --headless -u 20 -r 10 --run-time 30s --host http://127.0.0.1:8000

Gates, checked when Locust quits (exit code 1 and a line on stderr saying why):
  --max-error-ratio R  (LOCUST_MAX_ERROR_RATIO, default 0.0): failed requests / all requests must be <= R.
  --max-p95-ms MS      (LOCUST_MAX_P95_MS, default 0 = off): 95th percentile of all requests must be <= MS.

Environment (demo merchant of simulator/seed.py by default): ZP_ID_COMERCIO, ZP_CLAVE_INICIO,
ZP_USUARIO_V4, ZP_CLAVE_V4, ZP_CODIGO_SERVICIO, ZP_APPROVE_RATIO (share of payments forced to
approved, default 0.5), ZP_LOG_PAYMENTS (optional file: a line "inicio <identificador> <id_pago>" per
started payment and "aprobado <identificador>" per forced approval, so a test can check that the
simulator lost none).
"""
from __future__ import annotations

import os
import random
import sys
import uuid
from typing import IO

import gevent
import locust.stats
from locust import FastHttpUser, between, events, task
from locust.runners import WorkerRunner
from lxml import etree

try:
    from loadtests.soap_bodies import (
        START_NS, START_PATH, START_SOAP_ACTION, VERIFY_NS, VERIFY_PATH, VERIFY_SOAP_ACTION,
        inicio_pago_v2, verificar_pago_v4,
    )
except ImportError:  # run from another directory: Locust puts the locustfile's own directory on sys.path
    from soap_bodies import (  # type: ignore[no-redef]
        START_NS, START_PATH, START_SOAP_ACTION, VERIFY_NS, VERIFY_PATH, VERIFY_SOAP_ACTION,
        inicio_pago_v2, verificar_pago_v4,
    )

ID_COMERCIO = int(os.environ.get("ZP_ID_COMERCIO", "1001"))
CLAVE_INICIO = os.environ.get("ZP_CLAVE_INICIO", "clave-inicio")
USUARIO_V4 = os.environ.get("ZP_USUARIO_V4", "usuario-v4")
CLAVE_V4 = os.environ.get("ZP_CLAVE_V4", "clave-v4")
CODIGO_SERVICIO = os.environ.get("ZP_CODIGO_SERVICIO", "2701")
APPROVE_RATIO = float(os.environ.get("ZP_APPROVE_RATIO", "0.5"))
LOG_PAYMENTS = os.environ.get("ZP_LOG_PAYMENTS", "")

# int_estado_pago codes ZonaPAGOS reports (zonapagos-ws.md §11).
LEGAL_STATES = frozenset({"1", "777", "888", "999", "1000", "1001", "4000", "4001", "4003"})
APPROVED = "1"

# Request names: the 'Name' column of the CSV/HTML reports.
NAME_INICIO = "inicio_pagoV2"
NAME_APPROVE = "/_sim/payments/[identificador]/outcome"
NAME_VERIFY = "verificar_pago_v4"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_log_file: IO[str] | None = None


def new_reference() -> str:
    """A unique numeric id_pago, 20 digits (≤ 30), never a leading zero."""
    return str(uuid.uuid4().int)[:20]


def new_amount() -> tuple[str, str]:
    """A realistic total in whole pesos with its 19 % IVA: no centavos, so no magic value is hit."""
    total = random.randint(2, 2_000) * 1_000 + random.choice((0, 500))
    vat = total * 19 // 119
    return str(total), str(vat)


def soap_value(body: bytes, namespace: str, element: str) -> str | None:
    """Text of the first `{namespace}element` in a SOAP answer ('' when empty), None when absent."""
    root = etree.fromstring(body, _PARSER)
    found = root.find(f".//{{{namespace}}}{element}")
    if found is None:
        return None
    return found.text or ""


def split_attempts(res_pago: str) -> list[list[str]]:
    """str_res_pago → attempts → fields; accepts the padded (`a | b | ; |`) and compact forms."""
    attempts = []
    for piece in res_pago.split(";"):
        fields = [f.strip() for f in piece.strip().strip("|").split("|")]
        if len(fields) >= 2:
            attempts.append(fields)
    return attempts


def _record(line: str) -> None:
    # Called right after Locust counted the request, with no gevent switch in between: a user killed at
    # the end of the run cannot leave a counted start unrecorded.
    if _log_file is not None:
        _log_file.write(line + "\n")
        _log_file.flush()


class MerchantUser(FastHttpUser):
    wait_time = between(0.01, 0.1)

    @task
    def pay(self) -> None:
        reference = new_reference()
        identificador = self.start_payment(reference)
        if identificador is None:
            return
        _record(f"inicio {identificador} {reference}")
        expected = None
        if random.random() < APPROVE_RATIO and self.force_approval(identificador):
            _record(f"aprobado {identificador}")
            expected = APPROVED
        self.verify_payment(reference, expected_state=expected)

    def start_payment(self, reference: str) -> str | None:
        total, vat = new_amount()
        body = inicio_pago_v2(
            id_tienda=ID_COMERCIO, clave=CLAVE_INICIO, total_con_iva=total, valor_iva=vat, id_pago=reference,
            codigo_servicio_principal=CODIGO_SERVICIO,
        )
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": START_SOAP_ACTION}
        with self.client.post(START_PATH, data=body.encode(), headers=headers, name=NAME_INICIO,
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            try:
                result = soap_value(response.content, START_NS, "inicio_pagoV2Result")
            except etree.XMLSyntaxError as error:
                response.failure(f"not XML: {error}")
                return None
            if result is None:
                response.failure("no inicio_pagoV2Result in the answer")
                return None
            if result.startswith("-1") or not result.isdigit():
                response.failure(f"inicio_pagoV2Result {result[:120]!r}")
                return None
            response.success()
            return result

    def force_approval(self, identificador: str) -> bool:
        with self.client.post(f"/_sim/payments/{identificador}/outcome", json={"estado": 1}, name=NAME_APPROVE,
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {(response.text or '')[:200]}")
                return False
            try:
                attempts = response.json()["intentos"]
                state = attempts[-1]["estado"]
            except (ValueError, KeyError, IndexError, TypeError) as error:
                response.failure(f"unexpected control answer: {error!r}")
                return False
            if state != 1:
                response.failure(f"forced approval left the attempt in {state}")
                return False
            response.success()
            return True

    def verify_payment(self, reference: str, expected_state: str | None) -> None:
        body = verificar_pago_v4(
            int_id_comercio=ID_COMERCIO, str_usr_comercio=USUARIO_V4, str_pwd_Comercio=CLAVE_V4,
            str_id_pago=reference, int_no_pago=-1,
        )
        headers = {"Content-Type": "text/xml", "SOAPAction": VERIFY_SOAP_ACTION}
        with self.client.post(VERIFY_PATH, data=body.encode(), headers=headers, name=NAME_VERIFY,
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            try:
                result = soap_value(response.content, VERIFY_NS, "verificar_pago_v4Result")
                error = soap_value(response.content, VERIFY_NS, "int_error")
                detail = soap_value(response.content, VERIFY_NS, "str_detalle")
                res_pago = soap_value(response.content, VERIFY_NS, "str_res_pago") or ""
            except etree.XMLSyntaxError as exc:
                response.failure(f"not XML: {exc}")
                return
            if result != "1":
                response.failure(f"verificar_pago_v4Result {result!r}, str_detalle {detail!r}")
                return
            if error != "0":
                response.failure(f"int_error {error!r}, str_detalle {detail!r}")
                return
            attempts = split_attempts(res_pago)
            if not attempts:
                response.failure(f"no attempt in str_res_pago {res_pago[:200]!r}")
                return
            states = [fields[1] for fields in attempts]
            illegal = [s for s in states if s not in LEGAL_STATES]
            if illegal:
                response.failure(f"illegal int_estado_pago {illegal} in {res_pago[:200]!r}")
                return
            if expected_state is not None and states[-1] != expected_state:
                response.failure(f"state {states[-1]} after forcing {expected_state}")
                return
            response.success()


# --- gates --------------------------------------------------------------------------------------------


@events.init_command_line_parser.add_listener
def _add_gate_options(parser) -> None:
    parser.add_argument("--max-error-ratio", type=float, default=0.0, env_var="LOCUST_MAX_ERROR_RATIO",
                        help="fail the run (exit 1) when failed/all requests exceeds this ratio (default 0.0)")
    parser.add_argument("--max-p95-ms", type=float, default=0.0, env_var="LOCUST_MAX_P95_MS",
                        help="fail the run (exit 1) when the 95th percentile of all requests exceeds this, "
                             "in ms (default 0 = off)")


@events.init.add_listener
def _open_payment_log(environment, **_kwargs) -> None:
    global _log_file
    if LOG_PAYMENTS and _log_file is None:
        _log_file = open(LOG_PAYMENTS, "a", encoding="utf-8")


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
    global _log_file
    if _log_file is not None:
        _log_file.close()
        _log_file = None
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
