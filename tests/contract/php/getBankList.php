<?php
// ACH's bank list for the merchant's NIT, with the messageHeader real clients send.
require __DIR__ . '/common.php';
ach_call('getBankList', 'getBankListInformation', ['entityCode' => ACH_NIT], $argv);
