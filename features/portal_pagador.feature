# language: es
@portal
Característica: Información del pagador (instructivo IOTCS-09, paso 7)
  Como asociado de la cooperativa, o quien deposita por él
  Quiero que el pagador sea el asociado o la persona que de verdad paga
  Para que la pasarela y PSE reciban los datos de quien debita su cuenta

  Antecedentes:
    Dado el asociado con cédula "1033370434" entró al portal con su código de seguridad
    Y eligió para "Ahorros a la Vista(****7756)" la opción "Valor a depositar" con el valor "$10.000,00"

  Escenario: Por defecto el asociado es el pagador
    Cuando deja al asociado como pagador
    Entonces el detalle del pago muestra como pagador "NICK RIVERA CAMINERO · Cédula de ciudadanía 1033370434"

  Escenario: Un depositante diferente al asociado
    Cuando marca "¿Depositante diferente al asociado?" con cédula de ciudadanía "52123456", nombres "Ana María", apellidos "Gómez Ruiz", correo "ana.gomez@example.com" y celular "3001234567"
    Entonces el detalle del pago muestra como pagador "Ana María Gómez Ruiz · Cédula de ciudadanía 52123456"

  Esquema del escenario: Cada dato del depositante se valida
    Cuando marca "¿Depositante diferente al asociado?" con cédula de ciudadanía "<numero>", nombres "<nombres>", apellidos "<apellidos>", correo "<correo>" y celular "<celular>"
    Entonces el portal rechaza el depositante explicando "<mensaje>"

    Ejemplos:
      | numero   | nombres   | apellidos | correo                | celular    | mensaje                                                              |
      | 1.234    | Ana María | Gómez     | ana.gomez@example.com | 3001234567 | El número de documento para Cédula de ciudadanía debe tener entre 3 y 10 dígitos |
      | 52123456 |           | Gómez     | ana.gomez@example.com | 3001234567 | Los nombres del pagador son obligatorios                             |
      | 52123456 | Ana María | Gómez3    | ana.gomez@example.com | 3001234567 | Los apellidos del pagador solo pueden tener letras                   |
      | 52123456 | Ana María | Gómez     | ana@                  | 3001234567 | El correo electrónico no es válido                                   |
      | 52123456 | Ana María | Gómez     | ana.gomez@example.com | 12345      | El número de celular debe tener 10 dígitos y empezar por 3           |
