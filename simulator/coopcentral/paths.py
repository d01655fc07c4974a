"""The Red Coopcentral's URLs in the simulated world (bank 1066's pages)."""
from __future__ import annotations

START = "/coopcentral/pse"  # step 4: document (?enc=<token> of the PSE transaction)
ENTITIES = "/coopcentral/pse/entidades"  # step 5
USER = "/coopcentral/portal/ingreso"  # step 6: user name
PASSWORD = "/coopcentral/portal/clave"  # step 6: bot check and password
RECOVER = "/coopcentral/portal/recuperar"  # "¿Olvidaste tu usuario/contraseña?"
ACCOUNTS = "/coopcentral/portal/cuentas"  # steps 7–8
CODE = "/coopcentral/portal/codigo"  # step 9
RECEIPT = "/coopcentral/portal/comprobante"  # step 10
ENDED = "/coopcentral/portal/fin"  # cancelled
CANCEL = "/coopcentral/portal/cancelar"
RETURN = "/coopcentral/portal/regresar"  # "Regresar al comercio"
CONTROL_ACCOUNTS = "/_sim/red-coopcentral/cuentas"


def start_url(token: str) -> str:
    return f"{START}?enc={token}"
