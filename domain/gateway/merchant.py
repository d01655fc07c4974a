"""A merchant (comercio) of the gateway and its per-merchant settings."""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from domain.shared.secrets import SecretHash


@dataclass(frozen=True)
class Merchant:
    """A ZonaPAGOS merchant: credentials per service and the settings the wire depends on."""

    id: int  # id_tienda / int_id_comercio
    name: str
    nit: str
    start_password: SecretHash  # `clave` of inicio_pagoV2
    verify_user: str  # `str_usr_comercio` of verificar_pago_v4 (and token services' `usuario`)
    verify_password: SecretHash  # `str_pwd_Comercio`
    service_code: str  # PSE service code (codigo_servicio_principal)
    route: str  # t_ruta: the path segment of its payment page
    return_url: str
    compact_separators: bool = False  # str_res_pago `a|b|;|` instead of `a | b | ; |`
    enabled: bool = True
    support_phone: str = ""  # shown in ACH's mandated pending message
    support_email: str = ""
    # Where the gateway posts its notifications (zonapagos-ws.md §12); empty: none is queued.
    notification_url: str = ""  # NotificarPagos (payments)
    token_notification_url: str = ""  # ApiToken/api/Notificar (card tokens)
    notification_password: str = ""  # the shared `Password` / `str_clave` the bodies carry (kept readable)

    def accepts_start_password(self, password: str) -> bool:
        return self.enabled and self.start_password.matches(password)

    def accepts_verify_credentials(self, user: str, password: str) -> bool:
        user_ok = _same(user, self.verify_user)
        password_ok = self.verify_password.matches(password)
        return self.enabled and user_ok and password_ok


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))
