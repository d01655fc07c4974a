"""The run's payment log (`ZP_LOG_PAYMENTS`): a line per payment event, so a test can check afterwards that the
simulator lost none and left none in an illegal state.

Lines (space-separated):
  inicio <identificador> <id_pago>      a start Locust counted as successful (MerchantUser, PayerUser)
  aprobado <identificador>              a forced approval (MerchantUser)
  banco <identificador> <pay|cancel>    the bank accepted the payer's button and sent the browser back
  retorno <identificador> <estado>      the walk reached the merchant's return with this final state
  token <id_pago>                       an approved Tokentc_crear charge
  cobro <id_pago>                       an approved ZPagoAPTC charge

Each line is written right after Locust counted the request, with no gevent switch in between: a user killed at
the end of the run cannot leave a counted request unrecorded. Several worker processes may append to one file
(one small O_APPEND write per line).
"""
from __future__ import annotations

from typing import IO

from locust import events

from loadtests import settings

_log_file: IO[str] | None = None


def record(*fields: object) -> None:
    if _log_file is not None:
        _log_file.write(" ".join(str(f) for f in fields) + "\n")
        _log_file.flush()


@events.init.add_listener
def _open(environment, **_kwargs) -> None:
    global _log_file
    if settings.LOG_PAYMENTS and _log_file is None:
        _log_file = open(settings.LOG_PAYMENTS, "a", encoding="utf-8")


@events.quitting.add_listener
def _close(environment, **_kwargs) -> None:
    global _log_file
    if _log_file is not None:
        _log_file.close()
        _log_file = None
