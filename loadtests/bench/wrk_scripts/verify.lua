-- verificar_pago_v4 against seeded payments (fixture F2 body, as PY-BIA sends it).
-- wrk ... -s verify.lua <url> -- <references file>
-- Every request asks for the next reference of the file (one per line), round robin; each thread
-- starts at its own offset. The bodies are built once in init(), so wrk spends no CPU per request
-- on formatting. Checks each answer (int_error 0) and reports, through common.lua, how many requests were
-- sent and how many answers were wrong:  BENCH sent=<n> bad=<n>

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
dofile(here .. "common.lua").check_answers("int_error>0</", true)

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

local requests = {}
local count = 0
local position = 0

function init(args)
   local file = args[1] or error("verify.lua needs the references file: -- <file>")
   for reference in io.lines(file) do
      if reference ~= "" then
         count = count + 1
         requests[count] = wrk.format("POST", PATH, HEADERS, BEFORE .. reference .. AFTER)
      end
   end
   if count == 0 then error("no references in " .. file) end
   position = ((id or 1) - 1) * 997 % count
end

function request()
   position = position % count + 1
   sent = sent + 1
   return requests[position]
end
