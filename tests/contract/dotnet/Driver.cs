// A merchant's .NET program written against the proxies mono's `wsdl` tool generates from the simulator's WSDLs
// (tests/contract/test_dotnet_proxies.py generates them, compiles them with this file and runs it).
// Each proxy lives in the namespace the test gives `wsdl -n:`: Soap11.<Service> (binding {Service}Soap) and
// Soap12.<Service> (binding {Service}Soap12). The proxies call the URL of the WSDL's soap:address.
//
//   mono driver.exe <command> [arguments]       prints one JSON object on stdout
//
//   inicio <id_pago V2> <id_pago V3> <id_pago V4>     start a payment with each version (SOAP 1.1 proxy)
//   verificar <id_pago> <unknown id_pago>            verificar_pago_v4, verificar_pago_v3, ds_verificar_pago and
//                                                    ds_verificar_pago_v2 of a reference; V3 and the DataSet of an
//                                                    unknown one; ds_verificar_pago_v2 with a wrong key
//   tokens <id_pago of the Tokentc_crear charge> <id_pago (int) of the ZPagoAPTC charge>
//   ach <soliciteDate yyyy-MM-dd> <ticketId>         getBankList, create, information, finalize, confirm (the bank)
//   soap12 <id_pago>                                 inicio_pagoV2 through the Soap12 proxy, then one call of every
//                                                    other service through its Soap12 proxy
using System;
using System.Collections;
using System.Collections.Specialized;
using System.Data;
using System.Globalization;

namespace Driver
{
    public static class Program
    {
        // The demo merchant (README, "The demo merchant")
        const int Tienda = 1001;
        const string ClaveInicio = "clave-inicio";
        const string Usuario = "usuario-v4";
        const string ClaveV4 = "clave-v4";
        const string Nit = "8902030889";

        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("uso: mono driver.exe <comando> [argumentos]");
                return 2;
            }
            try
            {
                object answer = Run(args);
                Console.WriteLine(Json.Write(answer));
                return 0;
            }
            catch (Exception error)
            {
                Console.Error.WriteLine(error.ToString());
                return 1;
            }
        }

        static object Run(string[] args)
        {
            switch (args[0])
            {
                case "inicio":
                    return Obj("inicio_pagoV2", Inicio("inicio_pagoV2", args[1]), "inicio_pagoV3", Inicio("inicio_pagoV3", args[2]),
                               "inicio_pagoV4", Inicio("inicio_pagoV4", args[3]));
                case "verificar":
                    return Obj("verificar_pago_v4", VerificarV4(args[1]), "verificar_pago_v3", VerificarV3(args[1]),
                               "ds_verificar_pago", DataSetVerification("ds_verificar_pago", args[1], ClaveInicio),
                               "ds_verificar_pago_v2", DataSetVerification("ds_verificar_pago_v2", args[1], ClaveInicio),
                               "verificar_pago_v3_unknown", VerificarV3(args[2]),
                               "ds_verificar_pago_unknown", DataSetVerification("ds_verificar_pago", args[2], ClaveInicio),
                               "ds_verificar_pago_v2_wrong_key", DataSetVerification("ds_verificar_pago_v2", args[1], "mala"));
                case "tokens": return Tokens(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "ach": return Ach(DateTime.ParseExact(args[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), args[2]);
                case "soap12": return EverySoap12Proxy(args[1]);
                default: throw new ArgumentException("comando desconocido: " + args[0]);
            }
        }

        static OrderedDictionary Obj(params object[] pairs)
        {
            var o = new OrderedDictionary();
            for (int i = 0; i < pairs.Length; i += 2) o.Add(pairs[i], pairs[i + 1]);
            return o;
        }

        // -- inicio_pagoV2 / V3 / V4: the merchant's fields; the multi-credit lists left null ---------------------------

        static object Inicio(string operation, string idPago)
        {
            var zpagos = new Soap11.Inicio.ZPagos();
            string result;
            string[] listaRespuesta = null;
            switch (operation)
            {
                case "inicio_pagoV2":
                    result = zpagos.inicio_pagoV2(Tienda, ClaveInicio, 119000.0, 19000.0, idPago, "Pedido .NET",
                        "cristina.vargas@ejemplo.com.co", "52123456", "1", "Cristina", "Vargas", "3001234567", "opcion1",
                        "opcion2", "opcion3", "2701", null, null, null, null, 0);
                    break;
                case "inicio_pagoV3":
                    result = zpagos.inicio_pagoV3(Tienda, ClaveInicio, 119000.0, 19000.0, idPago, "Pedido .NET",
                        "cristina.vargas@ejemplo.com.co", "52123456", "1", "Cristina", "Vargas", "3001234567", "opcion1",
                        "opcion2", "opcion3", "2701", null, null, null, null, 0, "factura.pdf", "2026/11/factura-1.pdf",
                        new string[] { "uno", "dos" });
                    break;
                case "inicio_pagoV4":
                    listaRespuesta = new string[] { "a", "b" };
                    result = zpagos.inicio_pagoV4(Tienda, ClaveInicio, 119000.0, 19000.0, idPago, "Pedido .NET",
                        "cristina.vargas@ejemplo.com.co", "52123456", "1", "Cristina", "Vargas", "3001234567", "opcion1",
                        "opcion2", "opcion3", "2701", null, null, null, null, 0, "1|2", "x|y", ref listaRespuesta);
                    break;
                default: throw new ArgumentException("operación desconocida: " + operation);
            }
            return Obj("result", result, "lista_respuesta", listaRespuesta, "protocol", zpagos.SoapVersion.ToString());
        }

        // -- verificar_pago_v4 ---------------------------------------------------------------------------------------------

        static object VerificarV4(string idPago)
        {
            var proxy = new Soap11.VerificarV4.VerificarPagos();
            int error = 0, cantidad = 0;
            string detalle = null, resPago = null;
            int result = proxy.verificar_pago_v4(Tienda, Usuario, ClaveV4, idPago, -1, ref error, ref detalle,
                                                 ref cantidad, ref resPago);
            return Obj("result", result, "int_error", error, "str_detalle", detalle, "int_cantidad_pagos", cantidad,
                       "str_res_pago", resPago);
        }

        // -- verificar_pago_v3: the structured pagos_v3 records ----------------------------------------------------------

        static object VerificarV3(string idPago)
        {
            var proxy = new Soap11.VerificarV3.Service();
            Soap11.VerificarV3.pagos_v3[] pagos = null;
            int error = 0;
            string strError = null;
            int result = proxy.verificar_pago_v3(idPago, Tienda, ClaveInicio, ref pagos, ref error, ref strError);
            var records = new ArrayList();
            if (pagos != null)
            {
                foreach (var p in pagos)
                {
                    records.Add(Obj("str_id_pago", p.str_id_pago, "int_estado_pago", p.int_estado_pago,
                        "int_id_forma_pago", p.int_id_forma_pago, "dbl_valor_pagado", p.dbl_valor_pagado,
                        "str_ticketID", p.str_ticketID, "str_id_clave", p.str_id_clave, "str_id_cliente", p.str_id_cliente,
                        "str_franquicia", p.str_franquicia, "int_cod_aprobacion", p.int_cod_aprobacion,
                        "int_codigo_servico", p.int_codigo_servico, "int_codigo_banco", p.int_codigo_banco,
                        "str_nombre_banco", p.str_nombre_banco, "str_codigo_transaccion", p.str_codigo_transaccion,
                        "int_ciclo_transaccion", p.int_ciclo_transaccion, "str_campo1", p.str_campo1,
                        "str_campo2", p.str_campo2, "str_campo3", p.str_campo3, "dat_fecha", p.dat_fecha));
                }
            }
            return Obj("result", result, "int_error", error, "str_error", strError,
                       "res_pagos_v3", pagos == null ? null : records);
        }

        // -- ds_verificar_pago / ds_verificar_pago_v2: Respuesta with a System.Data.DataSet --------------------------------

        static object DataSetVerification(string operation, string idPago, string clave)
        {
            var proxy = new Soap11.VerificarV3.Service();
            Soap11.VerificarV3.Respuesta answer = operation == "ds_verificar_pago"
                ? proxy.ds_verificar_pago(idPago, Tienda, clave)
                : proxy.ds_verificar_pago_v2(idPago, Tienda, clave);
            DataSet ds = answer.ds_verificar_pago;
            var tables = new ArrayList();
            if (ds != null)
            {
                foreach (DataTable table in ds.Tables)
                {
                    var columns = new OrderedDictionary();
                    foreach (DataColumn column in table.Columns) columns.Add(column.ColumnName, column.DataType.FullName);
                    var rows = new ArrayList();
                    foreach (DataRow row in table.Rows)
                    {
                        var values = new OrderedDictionary();
                        foreach (DataColumn column in table.Columns) values.Add(column.ColumnName, row[column]);
                        rows.Add(values);
                    }
                    tables.Add(Obj("name", table.TableName, "columns", columns, "rows", rows));
                }
            }
            return Obj("codigo", answer.codigo, "descripcion", answer.descripcion,
                       "dataset", ds == null ? null : ds.DataSetName,
                       "rows_count", ds == null || ds.Tables.Count == 0 ? -1 : ds.Tables[0].Rows.Count,
                       "first_row", ds == null || ds.Tables.Count == 0 || ds.Tables[0].Rows.Count == 0 ? null : Obj(
                           "str_id_pago", ds.Tables[0].Rows[0]["str_id_pago"],
                           "int_estado_pago", ds.Tables[0].Rows[0]["int_estado_pago"]),
                       "tables", tables);
        }

        // -- Tokentc_crear, then ZPagoAPTC with the token -----------------------------------------------------------------

        static object Tokens(string idPagoCrear, int idPagoAptc)
        {
            var tokentc = new Soap11.TokenTC.TokenTC();
            int estadoTokenizacion = 0, estadoTransaccion = 0, noPago = 0;
            string token = null, detalleToken = null, detalleEstado = null, detalleError = null, codigos = null, valores = null;
            int created = tokentc.Tokentc_crear(Tienda, Usuario, ClaveV4, "52123456", 1, "Cristina", "Vargas",
                "3001234567", "", "", "", "cristina.vargas@ejemplo.com.co", 1, "4111111111111111", "122030",
                "CRISTINA VARGAS", "127.0.0.1", 1, 1, 50000.0, 0.0, idPagoCrear, "Suscripcion mensual", "123", 1, null, null,
                ref estadoTokenizacion, ref token, ref detalleToken, ref estadoTransaccion, ref detalleEstado, ref noPago,
                ref detalleError, ref codigos, ref valores);
            var crear = Obj("result", created, "estado_tokenizacion", estadoTokenizacion, "token", token,
                "detalle_estado_token", detalleToken, "estado_transaccion", estadoTransaccion, "detalle_estado", detalleEstado,
                "no_pago", noPago, "detalle_error", detalleError, "lista_info_retorno_codigo", codigos,
                "lista_info_retorno_valor", valores);

            var aptc = new Soap11.PagoAPTC.PagoAPTC();
            int estado = 0, noPagoAptc = 0;
            string detalle = null, errorAptc = null, codigosAptc = null, valoresAptc = null;
            int charged = aptc.ZPagoAPTC(Tienda, Usuario, ClaveV4, 1, token, idPagoAptc, 30000.0, 0.0, 1, "Cuota .NET",
                "127.0.0.1", null, null, ref estado, ref detalle, ref noPagoAptc, ref errorAptc, ref codigosAptc,
                ref valoresAptc);
            var cobro = Obj("result", charged, "estado_transaccion", estado, "detalle_estado", detalle, "no_pago", noPagoAptc,
                "detalle_error", errorAptc, "lista_info_retorno_codigo", codigosAptc, "lista_info_retorno_valor", valoresAptc);
            return Obj("Tokentc_crear", crear, "ZPagoAPTC", cobro);
        }

        // -- ACH MainServices: bank list, create, information, confirm (the bank), finalize --------------------------------

        static Soap11.Ach.AmountType Cop(decimal value)
        {
            return new Soap11.Ach.AmountType { currencyISOcode = "COP", Value = value };
        }

        static object Ach(DateTime today, string ticket)
        {
            var ach = new Soap11.Ach.MainServicesImpl();
            ach.messageHeader = new Soap11.Ach.MessageHeaderType
            {
                to = new Soap11.Ach.PartyIdentificationType { Item = "123456" },
                from = new Soap11.Ach.PartyIdentificationType { Item = "654321" },
            };
            var banks = new ArrayList();
            foreach (var bank in ach.getBankList(new Soap11.Ach.getbankListInformationType { entityCode = Nit }))
                banks.Add(Obj("code", bank.financialInstitutionCode, "name", bank.financialInstitutionName));

            var created = ach.createTransactionPayment(new Soap11.Ach.createTransactionPaymentInformationType
            {
                financialInstitutionCode = "1022", entityCode = Nit, serviceCode = "2701",
                transactionValue = Cop(150000m), vatValue = Cop(0m), ticketId = ticket,
                entityurl = "https://comercio.example/retorno", userType = Soap11.Ach.userTypeListType.Item0,
                referenceNumber = new string[] { "1033370434", "CC", "127.0.0.1" }, soliciteDate = today,
                paymentDescription = "Pago con un proxy .NET",
            });
            string cus = created.trazabilityCode;
            var query = new Soap11.Ach.getTransactionInformationBodyType { entityCode = Nit, trazabilityCode = cus };
            var pending = ach.getTransactionInformation(query);
            var finalize = new Soap11.Ach.finalizeTransactionPaymentInformationType { entityCode = Nit, trazabilityCode = cus };
            var early = ach.finalizeTransactionPayment(finalize);
            var confirmed = ach.confirmTransactionPayment(new Soap11.Ach.confirmTransactionPaymentInformationType
            {
                trazabilityCode = cus, financialInstitutionCode = "1022", entityCode = Nit,
                transactionValue = Cop(150000m), vatValue = Cop(0m), ticketId = ticket,
                soliciteDate = today, soliciteDateSpecified = true, bankProcessDate = today, bankProcessDateSpecified = true,
                transactionState = Soap11.Ach.transactionStateCodeList.OK, transactionStateSpecified = true,
                authorizationId = "714841858",
            });
            var info = ach.getTransactionInformation(query);
            var final = ach.finalizeTransactionPayment(finalize);
            return Obj(
                "getBankList", banks,
                "createTransactionPayment", Obj("returnCode", created.returnCode, "trazabilityCode", cus,
                    "bankurl", created.bankurl, "transactionCycle", created.transactionCycle),
                "getTransactionInformation_pending", Information(pending),
                "finalizeTransactionPayment_pending", Obj("returnCode", early.returnCode),
                "confirmTransactionPayment", Obj("returnCode", confirmed.returnCode,
                    "transactionState", confirmed.transactionStateSpecified ? (object)confirmed.transactionState : null),
                "getTransactionInformation", Information(info),
                "finalizeTransactionPayment", Obj("returnCode", final.returnCode, "trazabilityCode", final.trazabilityCode));
        }

        static object Information(Soap11.Ach.getTransactionInformationResponseBodyType info)
        {
            return Obj("returnCode", info.returnCode, "trazabilityCode", info.trazabilityCode, "ticketId", info.ticketId,
                "entityCode", info.entityCode, "transactionValue", info.transactionValue == null ? null : (object)info.transactionValue.Value,
                "currency", info.transactionValue == null ? null : info.transactionValue.currencyISOcode,
                "transactionState", info.transactionState,
                "soliciteDate", info.soliciteDateSpecified ? (object)info.soliciteDate.ToString("yyyy-MM-dd") : null,
                "bankProcessDate", info.bankProcessDateSpecified ? (object)info.bankProcessDate.ToString("yyyy-MM-dd") : null);
        }

        // -- every Soap12 proxy: a real start read back through the DataSet; the rest with a wrong password (in-band -1) -----

        static object EverySoap12Proxy(string idPago)
        {
            var answers = new OrderedDictionary();
            var zpagos = new Soap12.Inicio.ZPagos();
            answers.Add("protocol", zpagos.SoapVersion.ToString());
            answers.Add("inicio_pagoV2", zpagos.inicio_pagoV2(Tienda, ClaveInicio, 20000.0, 0.0, idPago, "Pedido .NET SOAP 1.2",
                "cristina.vargas@ejemplo.com.co", "52123456", "1", "Cristina", "Vargas", "3001234567", null, null, null,
                "2701", null, null, null, null, 0));

            var v4 = new Soap12.VerificarV4.VerificarPagos();
            int error = 0, cantidad = 0;
            string detalle = null, resPago = null;
            int r4 = v4.verificar_pago_v4(Tienda, Usuario, "mala", "1", -1, ref error, ref detalle, ref cantidad, ref resPago);
            answers.Add("verificar_pago_v4", Obj("result", r4, "str_detalle", detalle));

            var v3 = new Soap12.VerificarV3.Service();
            Soap12.VerificarV3.pagos_v3[] pagos = null;
            string strError = null;
            int r3 = v3.verificar_pago_v3("1", Tienda, "mala", ref pagos, ref error, ref strError);
            answers.Add("verificar_pago_v3", Obj("result", r3, "int_error", error, "str_error", strError));
            var ds = v3.ds_verificar_pago_v2(idPago, Tienda, ClaveInicio);
            answers.Add("ds_verificar_pago_v2", Obj("codigo", ds.codigo, "descripcion", ds.descripcion,
                "rows", ds.ds_verificar_pago == null || ds.ds_verificar_pago.Tables.Count == 0 ? 0 : ds.ds_verificar_pago.Tables[0].Rows.Count));

            var tokentc = new Soap12.TokenTC.TokenTC();
            int et = 0, etr = 0, np = 0;
            string tok = null, d1 = null, d2 = null, d3 = null, c1 = null, c2 = null;
            int rt = tokentc.Tokentc_crear(Tienda, Usuario, "mala", null, 1, null, null, null, null, null, null, null, 1,
                "4111111111111111", "122030", null, "127.0.0.1", 0, 0, 0.0, 0.0, null, null, null, 1, null, null,
                ref et, ref tok, ref d1, ref etr, ref d2, ref np, ref d3, ref c1, ref c2);
            answers.Add("Tokentc_crear", Obj("result", rt, "detalle_error", d3));

            var aptc = new Soap12.PagoAPTC.PagoAPTC();
            int ea = 0, npa = 0;
            string da = null, dea = null, ca = null, va = null;
            int ra = aptc.ZPagoAPTC(Tienda, Usuario, "mala", 1, "x", 1, 1.0, 0.0, 1, null, null, null, null,
                ref ea, ref da, ref npa, ref dea, ref ca, ref va);
            answers.Add("ZPagoAPTC", Obj("result", ra, "detalle_error", dea));

            var ach = new Soap12.Ach.MainServicesImpl();
            var banks = ach.getBankList(new Soap12.Ach.getbankListInformationType { entityCode = Nit });
            answers.Add("getBankList", banks.Length);
            return answers;
        }
    }
}
