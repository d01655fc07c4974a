# language: es
@rest @solo_cable
Característica: La API REST de ZonaPAGOS responde como la documenta el proveedor (Apis_CicloPago, §8)
  Como integrador de un comercio que usa la API REST "Zonapay"
  Quiero que el simulador valide y responda como el servicio real
  Para que mi código maneje los mismos errores antes de salir a producción

  Esquema del escenario: Los errores de negocio llegan con HTTP 200, int_codigo 2 y el mensaje documentado
    Cuando el comercio inicia por REST un pago con <cambio>
    Entonces la respuesta HTTP es 200 con int_codigo 2, str_cod_error "<codigo>" y el mensaje "<mensaje>"

    Ejemplos:
      | cambio                          | codigo | mensaje                                          |
      | la clave "equivocada"           | 02     | Credenciales inválidas                           |
      | la configuración sin código 50  | 03     | Código 50 requerido                              |
      | el id_pago "0815"               | 04     | El campo str_id_pago no puede empezar por cero   |
      | el total "0"                    | 05     | El campo flt_total_con_iva debe ser mayor que cero |
      | el id_pago repetido             | 04     | str_id_pago ya existe                            |

  Escenario: Un cuerpo que no es JSON o que no se declara JSON no llega al negocio
    Cuando el comercio envía a InicioPago un cuerpo "{" como "application/json"
    Entonces la respuesta HTTP es 400
    Cuando el comercio envía a InicioPago un cuerpo "{}" como "text/plain"
    Entonces la respuesta HTTP es 415

  Escenario: La verificación REST de un pago recién iniciado dice 888 con el pago iniciado
    Cuando el comercio inicia por REST un pago con los datos del ejemplo oficial
    Y el comercio verifica por REST ese pago
    Entonces la verificación REST responde int_estado 1 con 1 intento en estado 888, pago terminado "200" y 21 campos
