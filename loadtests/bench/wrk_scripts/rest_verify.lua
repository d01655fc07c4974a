-- REST VerificacionPago (zonapagos-ws.md §8b) against the seeded payments: the same references as verify.lua.
-- wrk ... -s rest_verify.lua <url> -- <references file>
-- Bodies built once in init(); an answer is good when it is a 200 with "int_error": 0.

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
dofile(here .. "common.lua").check_answers('"int_error": 0', true)

local PATH = "/Apis_CicloPago/api/VerificacionPago"
local HEADERS = {["Content-Type"] = "application/json"}
local BEFORE = '{"int_id_comercio": 1001, "str_usr_comercio": "usuario-v4", "str_pwd_Comercio": "clave-v4", '
   .. '"str_id_pago": "'
local AFTER = '", "int_no_pago": -1}'

local requests = {}
local count = 0
local position = 0

function init(args)
   local file = args[1] or error("rest_verify.lua needs the references file: -- <file>")
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
