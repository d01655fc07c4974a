-- verificar_pago_v4 against seeded payments (fixture F2 body, as PY-BIA sends it).
-- wrk ... -s verify.lua <url> -- <references file>
-- Every request asks for the next reference of the file (one per line), round robin; each thread
-- starts at its own offset. The bodies are built once in init(), so wrk spends no CPU per request
-- on formatting. Checks each answer (int_error 0) and reports, through common.lua, how many requests were
-- sent and how many answers were wrong:  BENCH sent=<n> bad=<n>

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
local common = dofile(here .. "common.lua")
common.check_answers("int_error>0</", true)

local PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
local HEADERS = {
   ["Content-Type"] = "text/xml; charset=utf-8",
   ["SOAPAction"] = '"http://www.zonapagos.com/ws_verificar_pagosV4/verificar_pago_v4"',
}
local BEFORE = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
   .. '<verificar_pago_v4 xmlns="http://www.zonapagos.com/ws_verificar_pagosV4">'
   .. '<int_id_comercio>1001</int_id_comercio><str_usr_comercio>usuario-v4</str_usr_comercio>'
   .. '<str_pwd_Comercio>clave-v4</str_pwd_Comercio><str_id_pago>'
local AFTER = '</str_id_pago><int_no_pago>-1</int_no_pago></verificar_pago_v4></soap:Body></soap:Envelope>'

common.round_robin(PATH, HEADERS, BEFORE, AFTER)
