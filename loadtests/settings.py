"""What the load test talks to and how its users behave, from the environment (defaults: the seed's demo data).

Read once at import, so the master and every worker take their own environment.
"""
from __future__ import annotations

import os


def _ratio(name: str, default: str) -> float:
    value = float(os.environ.get(name, default))
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, not {value}")
    return value


# The merchant (demo merchant 1001 of simulator/zonapagos/seed.py).
ID_COMERCIO = int(os.environ.get("ZP_ID_COMERCIO", "1001"))
CLAVE_INICIO = os.environ.get("ZP_CLAVE_INICIO", "clave-inicio")
USUARIO_V4 = os.environ.get("ZP_USUARIO_V4", "usuario-v4")
CLAVE_V4 = os.environ.get("ZP_CLAVE_V4", "clave-v4")
CODIGO_SERVICIO = os.environ.get("ZP_CODIGO_SERVICIO", "2701")
T_RUTA = os.environ.get("ZP_T_RUTA", "t_demo")

# MerchantUser: share of its payments forced to approved through the control API.
APPROVE_RATIO = _ratio("ZP_APPROVE_RATIO", "0.5")

# PayerUser: the registered PSE payer, and how walks end. The rest press "Pay".
PSE_EMAIL = os.environ.get("ZP_PSE_EMAIL", "nick.rivera@example.com")
CANCEL_RATIO = _ratio("ZP_CANCEL_RATIO", "0.15")  # press "Cancel" at the bank
ABANDON_RATIO = _ratio("ZP_ABANDON_RATIO", "0.05")  # close the browser on PSE's e-mail page

# SondaUser: how many pending payments one pass polls, and how often one payment is polled at most.
SONDA_BATCH = int(os.environ.get("ZP_SONDA_BATCH", "10"))
SONDA_MAX_POLLS = int(os.environ.get("ZP_SONDA_MAX_POLLS", "3"))

# Optional file: one line per started, forced, paid or charged payment (loadtests/payment_log.py).
LOG_PAYMENTS = os.environ.get("ZP_LOG_PAYMENTS", "")
