<?php
// Shared by the contract scripts: a WSDL-mode SoapClient built the way merchant plugins build it,
// one __soapCall with the merchant's parameter set (JSON overrides merged in), and the outcome as JSON.
//   php <operation script>.php <wsdl_url> [json overrides]
// The override `"_only": [names]` keeps only those parameters (after the merge): the call then carries exactly
// what a merchant's code passes, and PHP itself decides what a missing one means for this WSDL.
// Prints {"ok": true, "result": ...} or {"ok": false, "fault": {...}}, plus the raw request and response.
//
// ACH's MainServices wraps its fields in one child element (`createTransactionPaymentInformation`): `$child` names it,
// and the defaults and overrides are that child's fields. `$header` is a SOAP header sent with the call
// (['namespace' => ..., 'name' => ..., 'data' => [...]]); the override `"_header"` replaces its data, null leaves it out.

function zp_call(string $operation, array $defaults, array $argv, ?string $child = null, ?array $header = null): void
{
    if (count($argv) < 2) {
        fwrite(STDERR, "uso: php {$argv[0]} <wsdl_url> [json]\n");
        exit(2);
    }
    $overrides = isset($argv[2]) ? json_decode($argv[2], true, 512, JSON_THROW_ON_ERROR) : [];
    $only = $overrides['_only'] ?? null;
    unset($overrides['_only']);
    if ($header !== null && array_key_exists('_header', $overrides)) {
        $header['data'] = $overrides['_header'];
    }
    unset($overrides['_header']);
    $params = array_merge($defaults, $overrides);
    if ($only !== null) {
        $params = array_intersect_key($params, array_flip($only));
    }
    $out = ['operation' => $operation, 'sent_parameters' => array_keys($params)];
    try {
        $client = new SoapClient($argv[1], ['trace' => 1, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
    } catch (SoapFault $fault) {  // the WSDL could not be loaded or read
        $out['ok'] = false;
        $out['fault'] = ['code' => $fault->faultcode, 'string' => $fault->getMessage()];
        echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
        return;
    }
    try {
        $headers = $header === null || $header['data'] === null
            ? null : [new SoapHeader($header['namespace'], $header['name'], $header['data'])];
        $out['result'] = $client->__soapCall($operation, [$child === null ? $params : [$child => $params]], null, $headers);
        $out['ok'] = true;
    } catch (SoapFault $fault) {
        $out['ok'] = false;
        $out['fault'] = ['code' => $fault->faultcode, 'string' => $fault->getMessage()];
    }
    $out['functions'] = $client->__getFunctions();
    $out['last_request'] = $client->__getLastRequest();
    $out['last_response'] = $client->__getLastResponse();
    echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
}

// inicio_pagoV2's 21 parameters as WooCommerce and PrestaShop send them: every one present, the
// multi-credit lists null (sent as xsi:nil), total_codigos_servicio 0, the total as the string
// WooCommerce's get_total() returns.
function zp_inicio_defaults(): array
{
    return [
        'id_tienda' => 1001,
        'clave' => 'clave-inicio',
        'total_con_iva' => '119000.00',
        'valor_iva' => '19000.00',
        'id_pago' => '',
        'descripcion_pago' => 'Pedido 1234 - Tienda de prueba',
        'email' => 'cristina.vargas@ejemplo.com.co',
        'id_cliente' => '52123456',
        'tipo_id' => '1',
        'nombre_cliente' => 'Cristina',
        'apellido_cliente' => 'Vargas',
        'telefono_cliente' => '3001234567',
        'info_opcional1' => 'opcion1',
        'info_opcional2' => 'opcion2',
        'info_opcional3' => 'opcion3',
        'codigo_servicio_principal' => '2701',
        'lista_codigos_servicio_multicredito' => null,
        'lista_nit_codigos_servicio_multicredito' => null,
        'lista_valores_con_iva' => null,
        'lista_valores_iva' => null,
        'total_codigos_servicio' => 0,
    ];
}

// ACH's MainServices (pse.md §1): every body and header element is in the eanucc namespace, and every operation takes
// the optional `messageHeader`, which real clients fill with dummy GLNs.
const ACH_EAN = 'http://www.uc-council.org/smp/schemas/eanucc';
const ACH_NIT = '8902030889';

function ach_call(string $operation, string $child, array $fields, array $argv): void
{
    $header = ['namespace' => ACH_EAN, 'name' => 'messageHeader',
               'data' => ['to' => ['gln' => 123456], 'from' => ['gln' => 654321]]];
    zp_call($operation, $fields, $argv, $child, $header);
}

// An AmountType (xs:decimal with the attribute currencyISOcode) as PHP writes a simpleContent with an attribute.
function ach_amount(string $value): array
{
    return ['_' => $value, 'currencyISOcode' => 'COP'];
}
