"""The contract tables, one module per ASMX service. Add a service here to serve it."""
from __future__ import annotations

from simulator.zonapagos.contract import Service
from simulator.zonapagos.contracts.inicio import START_SERVICE
from simulator.zonapagos.contracts.verificar_v4 import VERIFY_V4_SERVICE

ALL_SERVICES: tuple[Service, ...] = (START_SERVICE, VERIFY_V4_SERVICE)
