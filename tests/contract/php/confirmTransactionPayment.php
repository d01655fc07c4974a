<?php
// The bank's side: it reports the payer's outcome for a CUS (the values of the create call, its own dates and
// authorization). trazabilityCode, ticketId and the dates come as overrides.
require __DIR__ . '/common.php';
ach_call('confirmTransactionPayment', 'confirmTransactionPaymentInformation', [
    'trazabilityCode' => '',
    'financialInstitutionCode' => '1022',
    'entityCode' => ACH_NIT,
    'transactionValue' => ach_amount('150000.00'),
    'vatValue' => ach_amount('0.00'),
    'ticketId' => '',
    'soliciteDate' => '',
    'bankProcessDate' => '',
    'transactionState' => 'OK',
    'authorizationId' => '714841858',
], $argv);
