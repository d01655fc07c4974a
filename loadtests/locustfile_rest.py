"""Load test of the REST generation (Apis_CicloPago): merchants' backends posting JSON.

    locust -f loadtests/locustfile_rest.py --headless -u 10 -r 10 --run-time 30s --host http://127.0.0.1:8000

RestMerchantUser (loadtests/users/rest_merchant.py): InicioPago → forced approval for a share → VerificacionPago.
A file of its own so the SOAP mix of loadtests/locustfile.py (its weights and the runs that count on every class
being present) stays as it is; the same gates apply (--max-error-ratio, --max-p95-ms).
"""
from __future__ import annotations

import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parent.parent)
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

from loadtests import gates  # noqa: E402,F401  (its event listeners register on import)
from loadtests.gates import gate_failures  # noqa: E402,F401
from loadtests.users.rest_merchant import RestMerchantUser  # noqa: E402,F401

__all__ = ["RestMerchantUser", "gate_failures"]
