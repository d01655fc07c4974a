"""Running the Locust load test as child processes and checking what it left behind.

Locust runs as a child process (`python -m locust`): importing it here would monkey-patch the test process
with gevent. So the request names and log lines below repeat the ones set in loadtests/.
"""
from __future__ import annotations

import csv
import http.client
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.wire.soap_helpers import VERIFY_PATH, Answer, attempts_of, verify_body

REPO = Path(__file__).resolve().parents[2]
LOCUSTFILE = REPO / "loadtests" / "locustfile.py"
NAME_INICIO = "inicio_pagoV2"  # the name= of the start request (loadtests/merchant_backend.py)
# One request name of each user class (loadtests/users/*.py): a class ran when its row is in the stats.
NAME_OF_CLASS = {"MerchantUser": "/_sim/payments/[identificador]/outcome", "PayerUser": "/banco/1022",
                 "TokenUser": "ZPagoAPTC", "SondaUser": "verificar_pago_v4 (sonda)"}
LEGAL_STATES = {1, 777, 888, 999, 1000, 1001, 4000, 4001, 4003}
FINAL_STATES = {1, 777, 1000, 1001, 4000, 4003}
BANK_OUTCOME = {"pay": 1, "cancel": 1000}  # the test bank's buttons → the gateway's final state
PSE, CARD = 29, 32  # forma_pago


def hermetic_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The caller's environment without its ZP_* / LOCUST_* settings, plus `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZP_", "LOCUST_"))}
    return {**clean, **(env or {})}


def stats_rows(csv_prefix: Path) -> dict[str, dict[str, str]]:
    """`<prefix>_stats.csv` by request name (a name used with two methods keeps the last row)."""
    with open(f"{csv_prefix}_stats.csv", newline="") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def explain(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"


class Control:
    """The control API and verificar_pago_v4 over one keep-alive connection (hundreds of requests)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)

    def get(self, path: str) -> tuple[int, object]:
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read())

    def verify(self, reference: str) -> list[list[str]]:
        """verificar_pago_v4 of the demo merchant → the attempts' fields. Like the merchant's own check, it also
        settles a PSE attempt that ACH already decided."""
        self.connection.request("POST", VERIFY_PATH, verify_body(reference).encode(),
                                {"Content-Type": "text/xml; charset=utf-8"})
        response = self.connection.getresponse()
        answer = Answer(response.status, response.getheader("Content-Type", ""), response.read())
        assert answer.status == 200 and answer.value("verificar_pago_v4Result") == "1", answer.body[:500]
        return attempts_of(answer)

    def close(self) -> None:
        self.connection.close()


@dataclass
class PaymentLog:
    """The lines of ZP_LOG_PAYMENTS (loadtests/payment_log.py)."""

    started: dict[int, str] = field(default_factory=dict)  # identificador → id_pago
    approved: set[int] = field(default_factory=set)  # forced to 1 through the control API
    at_bank: dict[int, str] = field(default_factory=dict)  # identificador → "pay" / "cancel"
    returned: dict[int, int] = field(default_factory=dict)  # identificador → state read at the merchant's return
    card_charges: list[str] = field(default_factory=list)  # id_pago of approved Tokentc_crear / ZPagoAPTC charges
    lines: int = 0

    @classmethod
    def read(cls, path: Path) -> PaymentLog:
        log = cls()
        for line in path.read_text().splitlines():
            kind, first, *rest = line.split()
            log.lines += 1
            if kind == "inicio":
                assert int(first) not in log.started, f"identificador {first} handed out twice"
                log.started[int(first)] = rest[0]
            elif kind == "aprobado":
                log.approved.add(int(first))
            elif kind == "banco":
                log.at_bank[int(first)] = rest[0]
            elif kind == "retorno":
                log.returned[int(first)] = int(rest[0])
            elif kind in ("token", "cobro"):
                log.card_charges.append(first)
            else:
                raise AssertionError(f"unknown line in the payment log: {line!r}")
        return log
