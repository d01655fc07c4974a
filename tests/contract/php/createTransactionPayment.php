<?php
// A merchant's payment request: the amounts as AmountType, three references (document, type, payer IP) as
// clients send them. ticketId and soliciteDate (the simulator clock's day) come as overrides.
require __DIR__ . '/common.php';
ach_call('createTransactionPayment', 'createTransactionPaymentInformation', [
    'financialInstitutionCode' => '1022',
    'entityCode' => ACH_NIT,
    'serviceCode' => '2701',
    'transactionValue' => ach_amount('150000.00'),
    'vatValue' => ach_amount('0.00'),
    'ticketId' => '',
    'entityurl' => 'https://comercio.example/retorno?pedido=1',
    'userType' => '0',
    'referenceNumber' => ['1033370434', 'CC', '127.0.0.1'],
    'soliciteDate' => '',
    'paymentDescription' => 'Pedido PHP - Tienda de prueba',
], $argv);
