<?php
require __DIR__ . '/common.php';
zp_call('inicio_pagoV2', zp_inicio_defaults(), $argv);
