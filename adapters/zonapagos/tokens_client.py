"""The card-token client: implements the CardGateway port over the seed's SOAP token services.

Tokentc_crear (`/tokenizaciontc/tokentc.asmx`) tokenizes a card, optionally charging it first; ZPagoAPTC
(`/ws_pagoaptc/PagoAPTC.asmx`) charges it again by token or by the first charge's `no_pago`. Both take the
merchant's verification user and password. The spec's rule for charges: a `-1` answer or a transport
error is settled by verifying the `id_pago` with verificar_pago_v4 (a read, safe to repeat), never by
sending the charge again, which could charge the payer twice.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Any, cast

import aiohttp

from adapters.zonapagos.client import ZonaPagosClient, ZonaPagosConfig
from adapters.zonapagos.soap import SoapCaller
from domain.shared.payment_states import PaymentState
from ports.payment_gateway import (
    ChargeAmounts, ChargeOutcome, ChargeStatus, GatewayRejected, GatewayUnreachable, RecurringChargeRequest,
    TokenizationOutcome, TokenizationPolicy, TokenizeRequest, VerificationResult,
)

TOKENTC_PATH = "/tokenizaciontc/tokentc.asmx"
TOKENTC_NS = "http://www.zonapagos.com/tokenizaciontc"
APTC_PATH = "/ws_pagoaptc/PagoAPTC.asmx"
APTC_NS = "http://www.zonapagos.com/ws_pagoaptc"

# generar_pago, ban_tokenizar
POLICY_FLAGS = {
    TokenizationPolicy.TOKENIZE_ONLY: (0, 0),
    TokenizationPolicy.CHARGE_THEN_TOKENIZE_IF_APPROVED: (1, 1),
    TokenizationPolicy.CHARGE_AND_ALWAYS_TOKENIZE: (1, 2),
}
STATUS_BY_CODE = {1: ChargeStatus.APPROVED, 2: ChargeStatus.REJECTED, 3: ChargeStatus.PENDING,
                  -1: ChargeStatus.INDETERMINATE}


@dataclass(frozen=True)
class CardTokensConfig:
    base_url: str
    merchant_id: int
    user: str  # the merchant's verification user: the token services and verificar_pago_v4 share it
    password: str
    timeout_seconds: float = 15.0
    settle_attempts: int = 3  # verification tries when verification itself gets no answer
    settle_delay_seconds: float = 1.0


def _int(answer: dict[str, str], name: str) -> int:
    try:
        return int(answer.get(name, "").strip())
    except ValueError:
        raise GatewayUnreachable(f"respuesta ilegible: {name}={answer.get(name)!r}") from None


def _return_list(answer: dict[str, str]) -> dict[str, str]:
    codes = answer.get("lista_info_retorno_codigo", "")
    values = answer.get("lista_info_retorno_valor", "")
    return dict(zip(codes.split("|"), values.split("|"))) if codes else {}


def _pipes(pairs: tuple[tuple[str, str], ...]) -> tuple[str | None, str | None]:
    if not pairs:
        return None, None
    return "|".join(code for code, _ in pairs), "|".join(value for _, value in pairs)


def _charge_params(charge: ChargeAmounts) -> list[tuple[str, Any]]:
    return [("total_con_iva", charge.total.plain()), ("valor_iva", charge.vat.plain()), ("id_pago", charge.reference)]


def charge_outcome(answer: dict[str, str], reference: str, result: int) -> ChargeOutcome:
    """The charge part of an answer; a -1 result is INDETERMINATE whatever estado_transaccion says."""
    code = _int(answer, "estado_transaccion")
    status = ChargeStatus.INDETERMINATE if result == -1 else STATUS_BY_CODE.get(code)
    if status is None:
        raise GatewayUnreachable(f"estado_transaccion desconocido: {code}")
    returned = _return_list(answer)
    number = _int(answer, "no_pago")
    return ChargeOutcome(
        status=status, reference=returned.get("100", reference), detail=answer.get("detalle_estado", ""),
        payment_number=number or None, authorization=returned.get("101", ""), receipt=returned.get("102", ""),
        error=answer.get("detalle_error", ""),
    )


class CardTokensClient:
    def __init__(self, config: CardTokensConfig, session: aiohttp.ClientSession | None,
                 soap: SoapCaller | None = None):
        """`soap` replaces the HTTP caller (the acceptance suite's in-process target); else `session` is used."""
        self.config = config
        # without `soap` the caller passes a session
        self._soap = soap or SoapCaller(cast(aiohttp.ClientSession, session), config.timeout_seconds)
        self._verifier = ZonaPagosClient(ZonaPagosConfig(
            base_url=config.base_url, merchant_id=config.merchant_id, start_password="", verify_user=config.user,
            verify_password=config.password, route="", timeout_seconds=config.timeout_seconds), session, soap)

    def _url(self, path: str) -> str:
        return self.config.base_url.rstrip("/") + path

    def _credentials(self) -> list[tuple[str, Any]]:
        return [("id_comercio", self.config.merchant_id), ("usuario", self.config.user),
                ("clave", self.config.password)]

    # -- Tokentc_crear ----------------------------------------------------------------------------
    async def tokenize(self, request: TokenizeRequest) -> TokenizationOutcome:
        card, charge = request.card, request.charge
        if request.policy.charges and charge is None:
            raise ValueError("la política cobra: falta el cobro (ChargeAmounts)")
        generate, flag = POLICY_FLAGS[request.policy]
        payer = card.customer
        codes, values = _pipes(request.additional)
        params: list[tuple[str, Any]] = self._credentials() + [
            ("id_cliente", payer.document_number), ("tipo_id", payer.document_type or None),
            ("nombre_cliente", payer.first_names), ("apellido_cliente", payer.last_names),
            ("telefono_cliente", payer.phone), ("txtcampo1", card.optional_fields[0]),
            ("txtcampo2", card.optional_fields[1]), ("txtcampo3", card.optional_fields[2]), ("email", payer.email),
            ("tipo_tarjeta", card.card_type), ("numero_tarjeta", card.card_number),
            ("fecha_vencimiento", card.expiry), ("nombre_en_tarjeta", card.cardholder_name),
            ("direccion_ip_cliente", card.client_ip), ("generar_pago", generate), ("ban_tokenizar", flag),
        ]
        if request.policy.charges and charge is not None:
            params += _charge_params(charge) + [
                ("descripcion_pago", charge.description), ("codigo_seguridad", card.security_code),
                ("no_cuotas", charge.installments)]
        params += [("lista_info_adicional_codigo", codes), ("lista_info_adicional_valor", values)]
        answer = await self._soap.call(self._url(TOKENTC_PATH), TOKENTC_NS, "Tokentc_crear", params)
        result = _int(answer, "Tokentc_crearResult")
        if result == -1 and not request.policy.charges:
            raise GatewayRejected(answer.get("detalle_error") or "error sin detalle")
        generated = _int(answer, "estado_tokenizacion") == 1
        return TokenizationOutcome(
            token=(answer.get("token") or None) if generated else None,
            token_detail=answer.get("detalle_estado_token", ""),
            charge=charge_outcome(answer, charge.reference, result) if charge is not None and request.policy.charges
            else None,
        )

    async def tokenize_and_settle(self, request: TokenizeRequest) -> TokenizationOutcome:
        """Tokenize; a charge answered -1, or lost with the whole answer, is settled by verification."""
        try:
            outcome = await self.tokenize(request)
        except GatewayUnreachable:
            if not request.policy.charges or request.charge is None:
                raise
            charge = await self.settle(request.charge.reference)
            return TokenizationOutcome(None, "Respuesta perdida: el token, si se generó, no se conoce", charge)
        if outcome.charge is not None and outcome.charge.status is ChargeStatus.INDETERMINATE:
            settled = await self.settle(outcome.charge.reference)
            outcome = TokenizationOutcome(outcome.token, outcome.token_detail, _with_error(settled, outcome.charge))
        return outcome

    # -- ZPagoAPTC --------------------------------------------------------------------------------
    async def charge(self, request: RecurringChargeRequest) -> ChargeOutcome:
        charge = request.charge
        codes, values = _pipes(request.additional)
        params = self._credentials() + [
            ("tipo_identificador", 2 if request.by_initial_payment else 1), ("identificador", request.identifier),
            *_charge_params(charge), ("numero_cuotas", charge.installments),
            ("descripcion_pago", charge.description), ("direccion_ip_cliente", request.client_ip or None),
            ("lista_info_adicional_codigo", codes), ("lista_info_adicional_valor", values),
        ]
        answer = await self._soap.call(self._url(APTC_PATH), APTC_NS, "ZPagoAPTC", params)
        return charge_outcome(answer, charge.reference, _int(answer, "ZPagoAPTCResult"))

    async def charge_and_settle(self, request: RecurringChargeRequest) -> ChargeOutcome:
        try:
            outcome = await self.charge(request)
        except GatewayUnreachable:
            return await self.settle(request.charge.reference)
        if outcome.status is ChargeStatus.INDETERMINATE:
            return _with_error(await self.settle(request.charge.reference), outcome)
        return outcome

    # -- settling by verification -----------------------------------------------------------------
    async def _verify(self, reference: str) -> VerificationResult:
        """Verification, asked again (it only reads) while it gets no answer, up to `settle_attempts`."""
        for _ in range(max(self.config.settle_attempts, 1) - 1):
            try:
                return await self._verifier.verify(reference)
            except GatewayUnreachable:
                await asyncio.sleep(self.config.settle_delay_seconds)
        return await self._verifier.verify(reference)

    async def settle(self, reference: str) -> ChargeOutcome:
        latest = (await self._verify(reference)).latest
        if latest is None:
            return ChargeOutcome(ChargeStatus.NOT_CHARGED, reference, "No se encontró el pago", verified=True)
        if latest.state.is_approved:
            status = ChargeStatus.APPROVED
        elif latest.state.is_final:
            status = ChargeStatus.REJECTED
        else:
            status = ChargeStatus.PENDING
        card = latest.card
        return ChargeOutcome(
            status=status, reference=reference, detail=latest.state.label, payment_number=latest.number,
            authorization=card.approval_code if card else "", receipt=card.receipt_number if card else "",
            state=PaymentState(latest.state), verified=True,
        )


def _with_error(settled: ChargeOutcome, answered: ChargeOutcome) -> ChargeOutcome:
    """The verified outcome, keeping the -1 answer's detalle_error for the record."""
    return replace(settled, error=answered.error)
