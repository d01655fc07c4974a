-- REST InicioPago (zonapagos-ws.md §8a, the F4 example's fields) with a unique str_id_pago per request: a
-- durable write each time. wrk ... -s rest_start.lua <url> -- <tag>
-- str_id_pago = <tag><thread id>-<counter>; an answer is good when it is a 200 with "int_codigo": 1.

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
local common = dofile(here .. "common.lua")
common.check_answers('"int_codigo": 1', true)

local PATH = "/Apis_CicloPago/api/InicioPago"
local HEADERS = {["Content-Type"] = "application/json"}
local BEFORE = '{"InformacionPago": {"flt_total_con_iva": 20000, "flt_valor_iva": 0, "str_id_pago": "'
local AFTER = '", "str_descripcion_pago": "Pago liquidacion", "str_email": "pagador@ejemplo.com.co", '
   .. '"str_id_cliente": "900794694", "str_tipo_id": "3", "str_nombre_cliente": "Cristina", '
   .. '"str_apellido_cliente": "Vargas", "str_telefono_cliente": "3001234567"}, '
   .. '"InformacionSeguridad": {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "clave-v4", '
   .. '"int_modalidad": -1}, "AdicionalesPago": [], '
   .. '"AdicionalesConfiguracion": [{"int_codigo": 50, "str_valor": "2701"}]}'

common.unique_ids(PATH, HEADERS, BEFORE, AFTER)
