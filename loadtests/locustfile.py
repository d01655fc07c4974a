"""Load test of pasarela-sim: the merchants, payers, sondas and subscription merchants that drive a gateway.

    locust -f loadtests/locustfile.py --headless -u 20 -r 10 --run-time 30s --host http://127.0.0.1:8000

Users (one module each under loadtests/users/; weights and why in loadtests/README.md):
  PayerUser (4)     walks the payment page → PSE → bank 1022 → receipt → the merchant's return, over HTTP
  MerchantUser (3)  inicio_pagoV2 → (forced approval for a share) → verificar_pago_v4
  TokenUser (2)     Tokentc_crear (charge + tokenize 4111…) and recurring ZPagoAPTC charges by token
  SondaUser (1)     polls verificar_pago_v4 for the merchant's payments still pending, every 0.5–2 s
Name classes after the options to run only those: `locust -f loadtests/locustfile.py ... PayerUser SondaUser`.

Gates (loadtests/gates.py): --max-error-ratio R, --max-p95-ms MS; the master applies them in distributed mode.
Environment: loadtests/settings.py (ZP_*); ZP_LOG_PAYMENTS=<file> logs every payment (loadtests/payment_log.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

# Locust puts only this file's directory on sys.path; the modules import each other as `loadtests.…`.
_REPO = str(Path(__file__).resolve().parent.parent)
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

from loadtests import gates, payment_log  # noqa: E402,F401  (their event listeners register on import)
from loadtests.gates import gate_failures  # noqa: E402,F401
from loadtests.users import MerchantUser, PayerUser, SondaUser, TokenUser  # noqa: E402,F401

__all__ = ["MerchantUser", "PayerUser", "SondaUser", "TokenUser", "gate_failures"]
