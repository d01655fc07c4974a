<?php
// The WooCommerce / PrestaShop parameter set (zonapagos-ws.md §18 F3): int_error and int_cantidad_pagos 0.
require __DIR__ . '/common.php';
zp_call('verificar_pago_v4', [
    'int_id_comercio' => 1001,
    'str_usr_comercio' => 'usuario-v4',
    'str_pwd_Comercio' => 'clave-v4',
    'str_id_pago' => '',
    'int_no_pago' => -1,
    'int_error' => 0,
    'int_cantidad_pagos' => 0,
], $argv);
