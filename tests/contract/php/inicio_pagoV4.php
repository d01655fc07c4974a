<?php
// V2's parameters plus V4's own; lista_respuesta is ByRef, so a PHP caller passes it (null).
require __DIR__ . '/common.php';
zp_call('inicio_pagoV4', zp_inicio_defaults() + [
    'lista_info_opcional_codigo' => '',
    'lista_info_opcional_valor' => '',
    'lista_respuesta' => null,
], $argv);
