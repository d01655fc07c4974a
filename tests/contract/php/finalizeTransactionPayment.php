<?php
// The merchant closes a CUS it read as final.
require __DIR__ . '/common.php';
ach_call('finalizeTransactionPayment', 'finalizeTransactionPaymentInformation', [
    'entityCode' => ACH_NIT,
    'trazabilityCode' => '',
], $argv);
