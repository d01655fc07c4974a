"""The contract tables, one module per ASMX service. Add a service here to serve it."""
from __future__ import annotations

from simulator.soap.contract import Service
from simulator.zonapagos.contracts.inicio import START_SERVICE
from simulator.zonapagos.contracts.tokens import PAGO_APTC_SERVICE, TOKENTC_SERVICE
from simulator.zonapagos.contracts.verificar_v3 import VERIFY_V3_SERVICE
from simulator.zonapagos.contracts.verificar_v4 import VERIFY_V4_SERVICE

ALL_SERVICES: tuple[Service, ...] = (
    START_SERVICE, VERIFY_V4_SERVICE, VERIFY_V3_SERVICE, TOKENTC_SERVICE, PAGO_APTC_SERVICE,
)
