"""Demo data present on every fresh database (and kept on restarts): README documents it."""
from __future__ import annotations

from domain.gateway.merchant import Merchant
from domain.shared.secrets import SecretHash
from ports.store import SimulatorStore

DEMO_MERCHANT_ID = 1001
DEMO_START_PASSWORD = "clave-inicio"
DEMO_VERIFY_USER = "usuario-v4"
DEMO_VERIFY_PASSWORD = "clave-v4"
DEMO_SERVICE_CODE = "2701"
DEMO_ROUTE = "t_demo"
DEMO_SUPPORT_PHONE = "(601) 555 0101"
DEMO_SUPPORT_EMAIL = "soporte@comercio-demo.test"


def demo_merchant(salt: str) -> Merchant:
    return Merchant(
        id=DEMO_MERCHANT_ID,
        name="BANCO COOPERATIVO COOPCENTRAL",
        nit="890203088-9",
        start_password=SecretHash.of(DEMO_START_PASSWORD, salt),
        verify_user=DEMO_VERIFY_USER,
        verify_password=SecretHash.of(DEMO_VERIFY_PASSWORD, salt),
        service_code=DEMO_SERVICE_CODE,
        route=DEMO_ROUTE,
        # root-relative: the portal beside the simulator, whatever host and port it runs on
        return_url="/recaudo/retorno",
        support_phone=DEMO_SUPPORT_PHONE,
        support_email=DEMO_SUPPORT_EMAIL,
    )


def seed_demo_data(store: SimulatorStore) -> None:
    """Create the demo merchant if it is missing; never touch existing payments or merchants."""
    with store.transaction():
        if store.merchants.get(DEMO_MERCHANT_ID) is None:
            store.merchants.add(demo_merchant(store.ids.random_digits(16)))
