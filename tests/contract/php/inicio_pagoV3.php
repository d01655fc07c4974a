<?php
// V2's parameters plus V3's own; the attachment names empty and the list null, as a merchant without them.
require __DIR__ . '/common.php';
zp_call('inicio_pagoV3', zp_inicio_defaults() + [
    'archivo_adjunto_nombre_original' => '',
    'archivo_adjunto_nombre_guardado' => '',
    'lista_info_opcional' => null,
], $argv);
