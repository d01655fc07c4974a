"""Tokentc_crear and ZPagoAPTC: decode the request, call the token use case, answer the ByRef outputs.

Errors answer in-band with `<op>Result = -1` and `detalle_error`. Tokentc_crear reports a parameter error as
`estado_transaccion = 2` (the seed's "rejected/parameter error"); ZPagoAPTC as `-1` (its "error"). A gateway
failure (`,05`) and an indeterminate charge (`,06`) say `estado_transaccion = -1`: the caller must verify.
"""
from __future__ import annotations

from typing import Any

from domain.shared.gateway_records import Payer
from ports.notifications import Notifier
from ports.clock import Clock
from ports.store import SimulatorStore
from domain.gateway.usecases.card_charge import INDETERMINATE_DETAIL, ChargeResult, TransactionState
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.start import GatewayUnavailable
from domain.gateway.usecases.tokens import (
    AdditionalInfo, ChargeToken, TokenizeCard, Tokenization, charge_token, tokenize_card,
)
from simulator.zonapagos.contracts.tokens import TOKENTC_CREAR, ZPAGO_APTC
from simulator.zonapagos.operations.common import Handler, guarded, text

MAX_DETAIL = 255
RETURN_REFERENCE, RETURN_AUTHORIZATION, RETURN_RECEIPT = "100", "101", "102"


def _detail(message: str) -> str:
    return message[:MAX_DETAIL]


def return_list(charge: ChargeResult | None) -> tuple[str, str]:
    """`lista_info_retorno_codigo` / `_valor`: 100 id_pago; 101 and 102 only for an approved charge."""
    if charge is None or charge.indeterminate:
        return "", ""
    pairs = [(RETURN_REFERENCE, charge.payment.reference)]
    card = charge.attempt.card
    if charge.state is TransactionState.APPROVED and card is not None:
        pairs += [(RETURN_AUTHORIZATION, card.approval_code), (RETURN_RECEIPT, card.receipt_number)]
    return "|".join(code for code, _ in pairs), "|".join(value for _, value in pairs)


def _charge_outputs(charge: ChargeResult | None) -> dict[str, Any]:
    if charge is None:
        return {"estado_transaccion": int(TransactionState.NOT_REQUESTED),
                "detalle_estado": "Sin cobro: solo tokenización", "no_pago": 0, "detalle_error": ""}
    if charge.indeterminate:
        return {"estado_transaccion": int(TransactionState.INDETERMINATE), "detalle_estado": "Indeterminado",
                "no_pago": 0, "detalle_error": INDETERMINATE_DETAIL}
    return {"estado_transaccion": int(charge.state), "detalle_estado": _detail(charge.detail),
            "no_pago": charge.attempt.number, "detalle_error": ""}


def _with_return_list(outputs: dict[str, Any], charge: ChargeResult | None) -> dict[str, Any]:
    codes, values = return_list(charge)
    return {**outputs, "lista_info_retorno_codigo": codes, "lista_info_retorno_valor": values}


# -- Tokentc_crear --------------------------------------------------------------------------------

def tokentc_error(message: str, state: TransactionState = TransactionState.REJECTED) -> dict[str, Any]:
    return {"Tokentc_crearResult": -1, "estado_tokenizacion": 2, "token": "",
            "detalle_estado_token": "Token no generado", "estado_transaccion": int(state),
            "detalle_estado": "Error" if state is TransactionState.INDETERMINATE else "Error en los parámetros",
            "no_pago": 0, "detalle_error": _detail(message), "lista_info_retorno_codigo": "",
            "lista_info_retorno_valor": ""}


def tokentc_indeterminate(message: str) -> dict[str, Any]:
    """A -1 the caller must settle by verification (estado_transaccion -1), not a parameter error."""
    return tokentc_error(message, TransactionState.INDETERMINATE)


def tokenize_command(inputs: dict[str, Any]) -> TokenizeCard:
    document_type = inputs["tipo_id"]
    return TokenizeCard(
        merchant_id=inputs["id_comercio"], user=inputs["usuario"] or "", password=inputs["clave"] or "",
        customer=Payer(
            document_number=text(inputs, "id_cliente"),
            document_type="" if document_type is None else str(document_type),
            first_names=text(inputs, "nombre_cliente"), last_names=text(inputs, "apellido_cliente"),
            phone=text(inputs, "telefono_cliente"), email=text(inputs, "email"),
        ),
        optional_fields=(text(inputs, "txtcampo1"), text(inputs, "txtcampo2"), text(inputs, "txtcampo3")),
        card_type=inputs["tipo_tarjeta"], card_number=text(inputs, "numero_tarjeta"),
        expiry=text(inputs, "fecha_vencimiento"), client_ip=text(inputs, "direccion_ip_cliente"),
        generate_payment=inputs["generar_pago"], tokenize_flag=inputs["ban_tokenizar"],
        security_code=text(inputs, "codigo_seguridad"), total=inputs["total_con_iva"], vat=inputs["valor_iva"],
        reference=text(inputs, "id_pago"), description=text(inputs, "descripcion_pago"),
        installments=inputs["no_cuotas"],
        additional=AdditionalInfo(text(inputs, "lista_info_adicional_codigo"),
                                  text(inputs, "lista_info_adicional_valor")),
    )


def tokenization_outputs(result: Tokenization) -> dict[str, Any]:
    charge = result.charge
    outputs = {
        "Tokentc_crearResult": -1 if charge is not None and charge.indeterminate else 1,
        "estado_tokenizacion": 1 if result.token is not None else 2,
        "token": result.token.value if result.token is not None else "",
        "detalle_estado_token": _detail(result.token_detail),
        **_charge_outputs(charge),
    }
    return _with_return_list(outputs, charge)


# -- ZPagoAPTC ------------------------------------------------------------------------------------

def aptc_error(message: str) -> dict[str, Any]:
    return {"ZPagoAPTCResult": -1, "estado_transaccion": int(TransactionState.INDETERMINATE),
            "detalle_estado": "Error", "no_pago": 0, "detalle_error": _detail(message),
            "lista_info_retorno_codigo": "", "lista_info_retorno_valor": ""}


def charge_command(inputs: dict[str, Any]) -> ChargeToken:
    return ChargeToken(
        merchant_id=inputs["id_comercio"], user=inputs["usuario"] or "", password=inputs["clave"] or "",
        identifier_type=inputs["tipo_identificador"], identifier=text(inputs, "identificador"),
        reference=inputs["id_pago"], total=inputs["total_con_iva"], vat=inputs["valor_iva"],
        installments=inputs["numero_cuotas"], description=text(inputs, "descripcion_pago"),
        client_ip=text(inputs, "direccion_ip_cliente"),
        additional=AdditionalInfo(text(inputs, "lista_info_adicional_codigo"),
                                  text(inputs, "lista_info_adicional_valor")),
    )


def charge_outputs(charge: ChargeResult) -> dict[str, Any]:
    outputs = {"ZPagoAPTCResult": -1 if charge.indeterminate else 1, **_charge_outputs(charge)}
    return _with_return_list(outputs, charge)


def handlers(store: SimulatorStore, clock: Clock, timeouts: WorldTimeouts,
             notifier: Notifier | None = None) -> dict[str, Handler]:
    def tokentc_crear(inputs: dict[str, Any]) -> dict[str, Any]:
        try:
            return tokenization_outputs(tokenize_card(tokenize_command(inputs), store, clock, notifier))
        except GatewayUnavailable as failure:
            return tokentc_error(failure.message, TransactionState.INDETERMINATE)

    def zpago_aptc(inputs: dict[str, Any]) -> dict[str, Any]:
        try:
            return charge_outputs(charge_token(charge_command(inputs), store, clock))
        except GatewayUnavailable as failure:
            return aptc_error(failure.message)

    tokentc = guarded(TOKENTC_CREAR, tokentc_crear, tokentc_error)
    tokentc.error_answer = tokentc_indeterminate  # type: ignore[attr-defined]  # fault injection's answer
    return {TOKENTC_CREAR.name: tokentc, ZPAGO_APTC.name: guarded(ZPAGO_APTC, zpago_aptc, aptc_error)}
