<?php
// The merchant (or its sonda) asks for a CUS's state.
require __DIR__ . '/common.php';
ach_call('getTransactionInformation', 'getTransactionInformationBody', [
    'entityCode' => ACH_NIT,
    'trazabilityCode' => '',
], $argv);
