"""The seed's SOAP token services (shared/spec/README.md; zonapagos-ws.md §13, §16.1).

Tokentc_crear at /tokenizaciontc/tokentc.asmx and ZPagoAPTC at /ws_pagoaptc/PagoAPTC.asmx exist only in the
seed instruction, so element names, order and sizes are the seed's; the namespaces are the spec's choice.
`<op>Result` is 1 when the call ran (not the outcome) and -1 on error; the by-reference outputs follow it.
The ByRef parameters are also accepted as inputs (ignored), because PHP's SoapClient sends them.
`lista_info_adicional_*` (in) and `lista_info_retorno_*` (out) are pipe-separated strings, no trailing pipe.
"""
from __future__ import annotations

from simulator.soap.contract import Field, Kind, Operation, Secret, Service, double, integer, string

TOKENS_NAMESPACE = "http://www.zonapagos.com/tokenizaciontc"
PAGO_APTC_NAMESPACE = "http://www.zonapagos.com/ws_pagoaptc"


def _byref_inputs(outputs: tuple[Field, ...]) -> tuple[Field, ...]:
    """The ByRef outputs as optional inputs: no rule, no size, ints not required by the XSD."""
    return tuple(
        integer(f.name, xsd_required=False) if f.kind is Kind.INT else string(f.name) for f in outputs[1:]
    )


TOKENTC_CREAR_OUTPUTS: tuple[Field, ...] = (
    integer("Tokentc_crearResult"),
    integer("estado_tokenizacion"),  # 1 generated, 2 not generated
    string("token", 40),
    string("detalle_estado_token", 255),
    integer("estado_transaccion"),  # 0 no charge asked, 1 approved, 2 rejected/parameter error, 3 pending, -1 verify
    string("detalle_estado", 255),
    integer("no_pago"),
    string("detalle_error", 255),
    string("lista_info_retorno_codigo"),
    string("lista_info_retorno_valor"),
)

TOKENTC_CREAR = Operation(
    "Tokentc_crear",
    (
        integer("id_comercio", required=True),
        string("usuario", 40, required=True),
        string("clave", 20, required=True, secret=Secret.WHOLE),
        string("id_cliente", 30),
        integer("tipo_id"),
        string("nombre_cliente", 50),
        string("apellido_cliente", 50),
        string("telefono_cliente", 50),
        string("txtcampo1", 70),
        string("txtcampo2", 70),
        string("txtcampo3", 70),
        string("email", 60),
        integer("tipo_tarjeta", required=True),
        string("numero_tarjeta", 16, required=True, secret=Secret.LAST_FOUR),
        string("fecha_vencimiento", 6, required=True),
        string("nombre_en_tarjeta", 30),
        string("direccion_ip_cliente", 20, required=True),
        integer("generar_pago", required=True),
        integer("ban_tokenizar", required=True),
        # Required when generar_pago = 1 (checked by the use case, naming the field):
        double("total_con_iva"),
        double("valor_iva"),
        string("id_pago", 30),
        string("descripcion_pago", 70),
        string("codigo_seguridad", 4, secret=Secret.WHOLE),
        integer("no_cuotas"),
        string("lista_info_adicional_codigo"),
        string("lista_info_adicional_valor"),
    ) + _byref_inputs(TOKENTC_CREAR_OUTPUTS),
    TOKENTC_CREAR_OUTPUTS,
)

ZPAGO_APTC_OUTPUTS: tuple[Field, ...] = (
    integer("ZPagoAPTCResult"),
    integer("estado_transaccion"),  # 1 approved, 2 rejected, 3 pending, -1 error
    string("detalle_estado", 255),
    integer("no_pago"),
    string("detalle_error", 255),
    string("lista_info_retorno_codigo"),  # 100 id_pago, 101 authorization number, 102 receipt number
    string("lista_info_retorno_valor"),
)

ZPAGO_APTC = Operation(
    "ZPagoAPTC",
    (
        integer("id_comercio", required=True),
        string("usuario", 40, required=True),
        string("clave", 20, required=True, secret=Secret.WHOLE),
        integer("tipo_identificador", required=True),  # 1 token, 2 initial no_pago
        string("identificador", 40, required=True),
        integer("id_pago", required=True),
        double("total_con_iva", required=True),
        double("valor_iva", required=True),
        integer("numero_cuotas", required=True),
        string("descripcion_pago", 70, required=True),
        string("direccion_ip_cliente", 20),
        string("lista_info_adicional_codigo"),
        string("lista_info_adicional_valor"),
    ) + _byref_inputs(ZPAGO_APTC_OUTPUTS),
    ZPAGO_APTC_OUTPUTS,
)

TOKENTC_SERVICE = Service(
    key="tokentc",
    path="/tokenizaciontc/tokentc.asmx",
    namespace=TOKENS_NAMESPACE,
    service_name="TokenTC",
    operations=(TOKENTC_CREAR,),
)

PAGO_APTC_SERVICE = Service(
    key="pagoaptc",
    path="/ws_pagoaptc/PagoAPTC.asmx",
    namespace=PAGO_APTC_NAMESPACE,
    service_name="PagoAPTC",
    operations=(ZPAGO_APTC,),
)
