// node's `soap` package as a merchant's Node.js backend uses it: a client created at run time from each simulator
// WSDL (`soap.createClientAsync(<asmx>?wsdl)`), then `client.<operation>Async({...})` with the parameters a merchant
// sends. Run by tests/contract/test_node_soap.py; prints one JSON object.
//
//   node zonapagos.js <base url> inicio <id_pago V2> <id_pago V3> <id_pago V4>
//   node zonapagos.js <base url> verificar <id_pago>        verificar_pago_v4, verificar_pago_v3, ds_verificar_pago(_v2)
//   node zonapagos.js <base url> tokens <id_pago> <id_pago (int) of the ZPagoAPTC charge>
//   node zonapagos.js <base url> soap12 <id_pago>           inicio_pagoV2 through the ZPagosSoap12 port
//   node zonapagos.js <base url> ach                         ACH's getBankList, with the messageHeader
//   node zonapagos.js <base url> ach-pago <ticketId> <soliciteDate> [currency]
//        ACH's payment in order: createTransactionPayment, getTransactionInformation (PENDING),
//        finalizeTransactionPayment (too early), confirmTransactionPayment (the bank, OK), getTransactionInformation,
//        finalizeTransactionPayment; with a currency other than COP only the create call
'use strict';

const soap = require('soap');

const MERCHANT = { id: 1001, clave: 'clave-inicio', usuario: 'usuario-v4', claveV4: 'clave-v4' };
const PATHS = {
  inicio: '/ws_inicio_pagov2/Zpagos.asmx',
  verificarV4: '/WsVerificarPagoV4/VerificarPagos.asmx',
  verificarV3: '/ws_verificar_pagos/Service.asmx',
  tokentc: '/tokenizaciontc/tokentc.asmx',
  pagoaptc: '/ws_pagoaptc/PagoAPTC.asmx',
  ach: '/PSEWebServices3/MainServices.asmx',
};

async function client(base, service, options = {}) {
  return soap.createClientAsync(`${base}${PATHS[service]}?wsdl`, { disableCache: true, ...options });
}

// What a call gave back: the result object, and the request node-soap sent (to see what went on the wire).
async function call(soapClient, operation, args) {
  const [result] = await soapClient[`${operation}Async`](args);
  return { result, request: soapClient.lastRequest };
}

// ACH's MainServices (pse.md §1): every body and header element in the eanucc namespace; the optional messageHeader
// carries the dummy GLNs real clients send. An AmountType is simpleContent with an attribute: node-soap's
// `attributes` and `$value` (it writes the attribute as given, unprefixed, whatever the WSDL's form="qualified").
const ACH = { nit: '8902030889', ean: 'http://www.uc-council.org/smp/schemas/eanucc', bank: '1022' };

function amount(value, currency = 'COP') {
  return { attributes: { currencyISOcode: currency }, $value: value };
}

async function achClient(base) {
  const ach = await client(base, 'ach');
  ach.addSoapHeader({ messageHeader: { to: { gln: 123456 }, from: { gln: 654321 } } }, '', 'ean', ACH.ean);
  return ach;
}

// inicio_pagoV2's merchant fields (the multi-credit lists left out, total_codigos_servicio present: a value type).
function startArgs(idPago) {
  return {
    id_tienda: MERCHANT.id, clave: MERCHANT.clave, total_con_iva: 119000, valor_iva: 19000, id_pago: idPago,
    descripcion_pago: 'Pedido node', email: 'cristina.vargas@ejemplo.com.co', id_cliente: '52123456', tipo_id: '1',
    nombre_cliente: 'Cristina', apellido_cliente: 'Vargas', telefono_cliente: '3001234567', info_opcional1: 'opcion1',
    info_opcional2: 'opcion2', info_opcional3: 'opcion3', codigo_servicio_principal: '2701', total_codigos_servicio: 0,
  };
}

const commands = {
  async inicio(base, v2, v3, v4) {
    const zpagos = await client(base, 'inicio');
    return {
      inicio_pagoV2: await call(zpagos, 'inicio_pagoV2', startArgs(v2)),
      inicio_pagoV3: await call(zpagos, 'inicio_pagoV3', { ...startArgs(v3), archivo_adjunto_nombre_original: 'factura.pdf' }),
      inicio_pagoV4: await call(zpagos, 'inicio_pagoV4', {
        ...startArgs(v4), lista_info_opcional_codigo: '1|2', lista_info_opcional_valor: 'x|y',
        lista_respuesta: { string: ['a', 'b'] },
      }),
    };
  },

  async verificar(base, idPago) {
    const v4 = await client(base, 'verificarV4');
    const v3 = await client(base, 'verificarV3');
    const ds = { id_pago: idPago, id_tienda: MERCHANT.id, id_clave: MERCHANT.clave };
    return {
      verificar_pago_v4: await call(v4, 'verificar_pago_v4', {
        int_id_comercio: MERCHANT.id, str_usr_comercio: MERCHANT.usuario, str_pwd_Comercio: MERCHANT.claveV4,
        str_id_pago: idPago, int_no_pago: -1, int_error: 0, int_cantidad_pagos: 0,
      }),
      verificar_pago_v3: await call(v3, 'verificar_pago_v3', {
        str_id_pago: idPago, int_id_tienda: MERCHANT.id, str_id_clave: MERCHANT.clave, int_error: 0,
      }),
      ds_verificar_pago: await call(v3, 'ds_verificar_pago', ds),
      ds_verificar_pago_v2: await call(v3, 'ds_verificar_pago_v2', ds),
    };
  },

  async tokens(base, idPago, idPagoAptc) {
    const tokentc = await client(base, 'tokentc');
    const created = await call(tokentc, 'Tokentc_crear', {
      id_comercio: MERCHANT.id, usuario: MERCHANT.usuario, clave: MERCHANT.claveV4, id_cliente: '52123456', tipo_id: 1,
      nombre_cliente: 'Cristina', apellido_cliente: 'Vargas', email: 'cristina.vargas@ejemplo.com.co', tipo_tarjeta: 1,
      numero_tarjeta: '4111111111111111', fecha_vencimiento: '122030', nombre_en_tarjeta: 'CRISTINA VARGAS',
      direccion_ip_cliente: '127.0.0.1', generar_pago: 1, ban_tokenizar: 1, total_con_iva: 50000, valor_iva: 0,
      id_pago: idPago, descripcion_pago: 'Suscripcion mensual', codigo_seguridad: '123', no_cuotas: 1,
      estado_tokenizacion: 0, estado_transaccion: 0, no_pago: 0,
    });
    const pagoaptc = await client(base, 'pagoaptc');
    const charged = await call(pagoaptc, 'ZPagoAPTC', {
      id_comercio: MERCHANT.id, usuario: MERCHANT.usuario, clave: MERCHANT.claveV4, tipo_identificador: 1,
      identificador: created.result.token, id_pago: Number(idPagoAptc), total_con_iva: 30000, valor_iva: 0,
      numero_cuotas: 1, descripcion_pago: 'Cuota node', direccion_ip_cliente: '127.0.0.1', estado_transaccion: 0,
      no_pago: 0,
    });
    return { Tokentc_crear: created, ZPagoAPTC: charged };
  },

  async soap12(base, idPago) {
    // node-soap writes a SOAP 1.2 envelope only when told to (forceSoap12Headers); the port is the ASMX one
    const zpagos = await client(base, 'inicio', { forceSoap12Headers: true });
    const port = zpagos.ZPagos.ZPagosSoap12;
    const [result] = await new Promise((resolve, reject) =>
      port.inicio_pagoV2(startArgs(idPago), (error, ...answer) => (error ? reject(error) : resolve(answer))));
    return { inicio_pagoV2: { result, request: zpagos.lastRequest } };
  },

  async ach(base) {
    const ach = await achClient(base);
    return { getBankList: await call(ach, 'getBankList', { getBankListInformation: { entityCode: ACH.nit } }) };
  },

  async 'ach-pago'(base, ticketId, soliciteDate, currency = 'COP') {
    const ach = await achClient(base);
    const created = await call(ach, 'createTransactionPayment', {
      createTransactionPaymentInformation: {
        financialInstitutionCode: ACH.bank, entityCode: ACH.nit, serviceCode: '2701',
        transactionValue: amount('150000.00', currency), vatValue: amount('0.00', currency), ticketId,
        entityurl: 'https://comercio.example/retorno?pedido=node', userType: '0',
        referenceNumber: ['1033370434', 'CC', '127.0.0.1'], soliciteDate, paymentDescription: 'Pedido node',
      },
    });
    const answer = { createTransactionPayment: created };
    const cus = created.result.createTransactionPaymentResponseInformation.trazabilityCode;
    if (currency !== 'COP') return answer;
    const byCus = { entityCode: ACH.nit, trazabilityCode: cus };
    answer.pending = await call(ach, 'getTransactionInformation', { getTransactionInformationBody: byCus });
    answer.early = await call(ach, 'finalizeTransactionPayment', { finalizeTransactionPaymentInformation: byCus });
    answer.confirmTransactionPayment = await call(ach, 'confirmTransactionPayment', {
      confirmTransactionPaymentInformation: {
        trazabilityCode: cus, financialInstitutionCode: ACH.bank, entityCode: ACH.nit,
        transactionValue: amount('150000.00'), vatValue: amount('0.00'), ticketId, soliciteDate,
        bankProcessDate: soliciteDate, transactionState: 'OK', authorizationId: '714841858',
      },
    });
    answer.getTransactionInformation = await call(ach, 'getTransactionInformation', { getTransactionInformationBody: byCus });
    answer.finalizeTransactionPayment = await call(ach, 'finalizeTransactionPayment', {
      finalizeTransactionPaymentInformation: byCus,
    });
    return answer;
  },
};

async function main() {
  const [base, command, ...args] = process.argv.slice(2);
  if (!base || !commands[command]) {
    process.stderr.write(`uso: node zonapagos.js <base url> <${Object.keys(commands).join('|')}> [argumentos]\n`);
    process.exit(2);
  }
  const answer = await commands[command](base, ...args);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n${error.body || ''}\n`);
  process.exit(1);
});
