<?php
// ds_verificar_pago_v2: the three parameters a merchant sends (id_tienda is a value type: required by the WSDL);
// the answer is Respuesta{codigo, descripcion, ds_verificar_pago}, the last a .NET DataSet (schema + diffgram).
require __DIR__ . '/common.php';
zp_call('ds_verificar_pago_v2', [
    'id_pago' => '',
    'id_tienda' => 1001,
    'id_clave' => 'clave-inicio',
], $argv);
