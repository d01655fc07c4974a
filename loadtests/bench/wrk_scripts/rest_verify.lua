-- REST VerificacionPago (zonapagos-ws.md §8b) against the seeded payments: the same references as verify.lua.
-- wrk ... -s rest_verify.lua <url> -- <references file>
-- Bodies built once in init(); an answer is good when it is a 200 with "int_error": 0.

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
local common = dofile(here .. "common.lua")
common.check_answers('"int_error": 0', true)

local PATH = "/Apis_CicloPago/api/VerificacionPago"
local HEADERS = {["Content-Type"] = "application/json"}
local BEFORE = '{"int_id_comercio": 1001, "str_usr_comercio": "usuario-v4", "str_pwd_Comercio": "clave-v4", '
   .. '"str_id_pago": "'
local AFTER = '", "int_no_pago": -1}'

common.round_robin(PATH, HEADERS, BEFORE, AFTER)
