-- verificar_pago_v4 against seeded payments (fixture F2 body, as PY-BIA sends it).
-- wrk ... -s verify.lua <url> -- <references file>
-- Every request asks for the next reference of the file (one per line), round robin; each thread
-- starts at its own offset. The bodies are built once in init(), so wrk spends no CPU per request
-- on formatting. Checks each answer (int_error 0) and reports, in done(), how many requests were
-- sent and how many answers were wrong:  BENCH sent=<n> bad=<n>

local threads = {}
local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   table.insert(threads, thread)
   next_id = next_id + 1
end

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
sent = 0  -- globals: read back by done() through thread:get()
bad = 0

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

function response(status, headers, body)
   if status ~= 200 or not string.find(body, "int_error>0</", 1, true) then
      bad = bad + 1
   end
end

function done(summary, latency, reqs)
   local total_sent, total_bad = 0, 0
   for _, thread in ipairs(threads) do
      total_sent = total_sent + thread:get("sent")
      total_bad = total_bad + thread:get("bad")
   end
   -- wrk calls request() once on the first thread's state before the run, to check the script
   -- (script_verify_request); that request is never sent.
   io.write(string.format("BENCH sent=%d bad=%d\n", total_sent - 1, total_bad))
end
