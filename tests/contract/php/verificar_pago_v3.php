<?php
// The legacy PHP parameter set: all six, the ByRef ones as public clients send them
// (`res_pagos_v3 => array("0")`, `int_error => "0"`, `str_error => ""`); str_id_clave is the `clave`.
require __DIR__ . '/common.php';
zp_call('verificar_pago_v3', [
    'str_id_pago' => '',
    'int_id_tienda' => 1001,
    'str_id_clave' => 'clave-inicio',
    'res_pagos_v3' => ['0'],
    'int_error' => '0',
    'str_error' => '',
], $argv);
