"""The wire driver's card-token half: the real CardTokensClient (and, for the seed's combination rule,
the real SOAP caller with raw flags) against a simulator process on loopback."""
from __future__ import annotations

import asyncio
import uuid
from typing import Any

import aiohttp

from adapters.zonapagos.soap import SoapCaller
from adapters.zonapagos.tokens_client import TOKENTC_NS, TOKENTC_PATH, CardTokensClient, CardTokensConfig
from domain.gateway.cards import detect_brand
from domain.shared.money import Money
from domain.shared.gateway_records import Payer
from ports.payment_gateway import (
    CardToTokenize, ChargeAmounts, ChargeOutcome, RecurringChargeRequest, TokenizationOutcome, TokenizationPolicy,
    TokenizeRequest,
)

CUSTOMER = Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "nick@example.com")


def card_type_of(number: str) -> int:
    """The `tipo_tarjeta` the number's brand has (scenarios name only the card number)."""
    brand = detect_brand(number)
    assert brand is not None, "un número de tarjeta de prueba con franquicia conocida"
    return brand.zonapagos_code


def new_reference() -> str:
    return str(100_000_000 + uuid.uuid4().int % 900_000_000)


class WireTokensDriver:
    url: str
    merchant: dict

    def _soap(self, session) -> SoapCaller:
        """How SOAP reaches the gateway: over HTTP here; the in-process driver answers without a socket."""
        return SoapCaller(session, 10)

    def _tokens_client_call(self, method: str, *args) -> Any:
        async def run():
            async with aiohttp.ClientSession() as session:
                config = CardTokensConfig(base_url=self.url, merchant_id=self.merchant["merchant_id"],
                                          user=self.merchant["verify_user"], password=self.merchant["verify_password"],
                                          timeout_seconds=10, settle_delay_seconds=0.1)
                return await getattr(CardTokensClient(config, session, self._soap(session)), method)(*args)
        return asyncio.run(run())

    def tokenize_with_flags(self, number: str, generate_payment: int, tokenize_flag: int) -> dict[str, str]:
        """One Tokentc_crear with the wire's own flags (any pair, valid or not): the answer's fields."""
        params = [
            ("id_comercio", self.merchant["merchant_id"]), ("usuario", self.merchant["verify_user"]),
            ("clave", self.merchant["verify_password"]), ("id_cliente", CUSTOMER.document_number),
            ("tipo_tarjeta", card_type_of(number)), ("numero_tarjeta", number), ("fecha_vencimiento", "122030"),
            ("direccion_ip_cliente", "10.20.30.40"), ("generar_pago", generate_payment),
            ("ban_tokenizar", tokenize_flag), ("total_con_iva", "20000"), ("valor_iva", "0"),
            ("id_pago", new_reference()), ("descripcion_pago", "Afiliación"),
            ("codigo_seguridad", "9264" if card_type_of(number) == 5 else "913"), ("no_cuotas", 1),
        ]

        async def run():
            async with aiohttp.ClientSession() as session:
                return await self._soap(session).call(self.url + TOKENTC_PATH, TOKENTC_NS, "Tokentc_crear", params)
        return asyncio.run(run())

    def tokenize(self, number: str, policy: TokenizationPolicy, total: str = "$20.000,00") -> TokenizationOutcome:
        card = CardToTokenize(customer=CUSTOMER, card_type=card_type_of(number), card_number=number,
                              expiry="122030", security_code="9264" if card_type_of(number) == 5 else "913",
                              client_ip="10.20.30.40")
        charge = ChargeAmounts(new_reference(), Money.parse(total), Money.zero(), "Afiliación") if policy.charges \
            else None
        return self._tokens_client_call("tokenize_and_settle", TokenizeRequest(card, policy, charge))

    def charge(self, identifier: str, total: str, by_initial_payment: bool = False) -> ChargeOutcome:
        """A recurring charge, settled by verification when its answer is -1 or lost."""
        request = RecurringChargeRequest(
            identifier, ChargeAmounts(new_reference(), Money.parse(total), Money.zero(), "Cuota mensual"),
            by_initial_payment=by_initial_payment)
        return self._tokens_client_call("charge_and_settle", request)
