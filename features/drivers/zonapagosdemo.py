"""The `zonapagosdemo` target: the project's clients against the vendor's test host.

Credentials come from the environment only; without them the scenario is skipped before anything is
sent. The vendor's host has no control API (no forced outcomes, no clock), and the seed's token
services are not public, so steps needing those skip with a reason.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from features.drivers.wire import WireDriver

DEMO_HOST = "https://www.zonapagosdemo.com"
VARIABLES = ("ZONAPAGOSDEMO_ID_COMERCIO", "ZONAPAGOSDEMO_CLAVE", "ZONAPAGOSDEMO_USUARIO", "ZONAPAGOSDEMO_CLAVE_V4")


def missing_credentials() -> list[str]:
    return [name for name in VARIABLES if not os.environ.get(name)]


@dataclass
class ZonaPagosDemoDriver(WireDriver):
    vendor_host = True

    def force_state(self, identifier: str, state: int, method: str = "") -> None:
        pytest.skip("el host de pruebas del proveedor no permite forzar resultados (no tiene API de control)")

    def advance_clock(self, seconds: int) -> None:
        pytest.skip("el reloj del host de pruebas del proveedor no se puede mover")

    def tokenize_with_flags(self, *args, **kwargs):
        pytest.skip("los servicios SOAP de tokenización del instructivo no están publicados en el host de pruebas")

    tokenize = charge = tokenize_with_flags


def demo_driver() -> ZonaPagosDemoDriver:
    """The driver for the vendor's test host, or a skip naming the missing variables (nothing is sent)."""
    missing = missing_credentials()
    if missing:
        pytest.skip(f"zonapagosdemo: faltan las credenciales {', '.join(missing)}")
    env = os.environ
    return ZonaPagosDemoDriver(DEMO_HOST, merchant=dict(
        merchant_id=int(env["ZONAPAGOSDEMO_ID_COMERCIO"]), start_password=env["ZONAPAGOSDEMO_CLAVE"],
        verify_user=env["ZONAPAGOSDEMO_USUARIO"], verify_password=env["ZONAPAGOSDEMO_CLAVE_V4"],
        route=env.get("ZONAPAGOSDEMO_RUTA", "t_ruta"), service_code=env.get("ZONAPAGOSDEMO_CODIGO_SERVICIO", "2701")))
