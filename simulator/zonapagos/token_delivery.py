"""THE seam where a card token created by the tokenization page leaves the gateway (zonapagos-ws.md §12,
"Notificar Token"): `POST {merchant}/ApiToken/api/Notificar` with `int_id_comercio`, `str_usuario`,
`str_clave`, `str_id_cliente`, `str_token`.

The delivery itself (outbox, retries, the merchant's answers `int_cod_estado` 0/1/2/99) belongs to the
notifications work (branch notify-tokens). Until it is wired here, a created token is only logged (its last
four digits of the card, never the number) and can be read with VerificacionPago and the token services.
"""
from __future__ import annotations

import logging

from domain.gateway.card_token import CardToken
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from simulator.world import World

log = logging.getLogger("pasarela.tokens")


def token_created(world: World, merchant: Merchant, payment: Payment, token: CardToken) -> None:
    """Called once, after the token is stored, for each card registered on the tokenization page."""
    log.info("token creado para el comercio %s (id_pago %s, tarjeta *%s); entrega a %s/ApiToken/api/Notificar "
             "pendiente de conectar", merchant.id, payment.reference, token.last_four, "{comercio}")
