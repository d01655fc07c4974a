<?php
// A recurring charge on a token (tipo_identificador 1), every parameter present, ByRef outputs empty.
require __DIR__ . '/common.php';
zp_call('ZPagoAPTC', [
    'id_comercio' => 1001, 'usuario' => 'usuario-v4', 'clave' => 'clave-v4',
    'tipo_identificador' => 1, 'identificador' => '', 'id_pago' => 0, 'total_con_iva' => 50000, 'valor_iva' => 0,
    'numero_cuotas' => 1, 'descripcion_pago' => 'Suscripcion mensual', 'direccion_ip_cliente' => '127.0.0.1',
    'lista_info_adicional_codigo' => '', 'lista_info_adicional_valor' => '',
    'estado_transaccion' => 0, 'detalle_estado' => '', 'no_pago' => 0, 'detalle_error' => '',
    'lista_info_retorno_codigo' => '', 'lista_info_retorno_valor' => '',
], $argv);
