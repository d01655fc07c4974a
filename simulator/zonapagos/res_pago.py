"""`str_res_pago` of verificar_pago_v4: the format lives in the domain (domain/gateway/res_pago.py), where the
verification read model is written with each state change; kept here for the operations that import it."""
from __future__ import annotations

from domain.gateway.res_pago import DATE_FORMAT, attempt_fields, encode_attempts

__all__ = ["DATE_FORMAT", "attempt_fields", "encode_attempts"]
