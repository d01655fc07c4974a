<?php
// Tokenize a card and charge it first (generar_pago 1, ban_tokenizar 1), every parameter present,
// the ByRef outputs passed empty as a PHP caller of a by-reference method does.
require __DIR__ . '/common.php';
zp_call('Tokentc_crear', [
    'id_comercio' => 1001, 'usuario' => 'usuario-v4', 'clave' => 'clave-v4',
    'id_cliente' => '52123456', 'tipo_id' => 1, 'nombre_cliente' => 'Cristina', 'apellido_cliente' => 'Vargas',
    'telefono_cliente' => '3001234567', 'txtcampo1' => '', 'txtcampo2' => '', 'txtcampo3' => '',
    'email' => 'cristina.vargas@ejemplo.com.co', 'tipo_tarjeta' => 1, 'numero_tarjeta' => '4111111111111111',
    'fecha_vencimiento' => '122030', 'nombre_en_tarjeta' => 'CRISTINA VARGAS', 'direccion_ip_cliente' => '127.0.0.1',
    'generar_pago' => 1, 'ban_tokenizar' => 1, 'total_con_iva' => 50000, 'valor_iva' => 0, 'id_pago' => '',
    'descripcion_pago' => 'Suscripcion mensual', 'codigo_seguridad' => '123', 'no_cuotas' => 1,
    'lista_info_adicional_codigo' => '', 'lista_info_adicional_valor' => '',
    'estado_tokenizacion' => 0, 'token' => '', 'detalle_estado_token' => '', 'estado_transaccion' => 0,
    'detalle_estado' => '', 'no_pago' => 0, 'detalle_error' => '', 'lista_info_retorno_codigo' => '',
    'lista_info_retorno_valor' => '',
], $argv);
