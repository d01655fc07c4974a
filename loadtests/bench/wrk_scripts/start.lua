-- inicio_pagoV2 with a unique id_pago per request (fixture F1 body): a durable write each time.
-- wrk ... -s start.lua <url> -- <tag>
-- id_pago = <tag><thread id>-<counter>; give every wrk run its own tag (max 30 characters in all).
-- Checks each answer (a numeric inicio_pagoV2Result) and reports, through common.lua, how many requests were
-- sent and how many answers were wrong:  BENCH sent=<n> bad=<n>

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
local common = dofile(here .. "common.lua")
common.check_answers("inicio_pagoV2Result>%d+</", false)

local PATH = "/ws_inicio_pagov2/Zpagos.asmx"
local HEADERS = {
   ["Content-Type"] = "text/xml; charset=utf-8",
   ["SOAPAction"] = '"http://www.zonapagos.com/inicio_pagoV2"',
}
local BEFORE = '<?xml version="1.0" encoding="UTF-8"?>'
   .. '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
   .. '<inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_tienda>1001</id_tienda><clave>clave-inicio</clave>'
   .. '<total_con_iva>20000</total_con_iva><valor_iva>0</valor_iva><id_pago>'
local AFTER = '</id_pago><descripcion_pago>Pago liquidacion</descripcion_pago>'
   .. '<email>pagador@ejemplo.com.co</email><id_cliente>900794694</id_cliente><tipo_id>3</tipo_id>'
   .. '<nombre_cliente>Cristina</nombre_cliente><apellido_cliente>Vargas</apellido_cliente>'
   .. '<telefono_cliente>3001234567</telefono_cliente><info_opcional1>0</info_opcional1>'
   .. '<info_opcional2>0</info_opcional2><info_opcional3>0</info_opcional3>'
   .. '<codigo_servicio_principal>2701</codigo_servicio_principal>'
   .. '<lista_codigos_servicio_multicredito><string>0</string></lista_codigos_servicio_multicredito>'
   .. '<lista_valores_iva><double>0</double></lista_valores_iva>'
   .. '<total_codigos_servicio>0</total_codigos_servicio></inicio_pagoV2></soap:Body></soap:Envelope>'

common.unique_ids(PATH, HEADERS, BEFORE, AFTER)
