# language: es
@tokenizacion @servicio
Característica: Tokenizar una tarjeta y cobrarla de nuevo (Tokentc_crear y ZPagoAPTC, instructivo I-IDI-007)
  Como integrador de un comercio con cobros recurrentes
  Quiero registrar la tarjeta del pagador una vez y cobrarla después con su token
  Para no volver a pedir ni guardar los datos de la tarjeta

  Antecedentes:
    Dado el comercio de demostración 1001 en el simulador

  Esquema del escenario: generar_pago y ban_tokenizar deciden si se cobra primero y si se guarda el token
    Cuando el comercio tokeniza la tarjeta "<tarjeta>" con generar_pago <generar_pago> y ban_tokenizar <ban_tokenizar>
    Entonces el servicio responde <resultado> con estado_tokenizacion <estado_tokenizacion> y estado_transaccion <estado_transaccion>
    Y el token generado es "<token>"

    Ejemplos: Combinaciones válidas
      | generar_pago | ban_tokenizar | tarjeta          | resultado | estado_tokenizacion | estado_transaccion | token |
      | 1            | 1             | 4111111111111111 | 1         | 1                   | 1                  | sí    |
      | 1            | 1             | 4000000000000002 | 1         | 2                   | 2                  | no    |
      | 1            | 1             | 4000000000009995 | 1         | 2                   | 2                  | no    |
      | 1            | 2             | 5555555555554444 | 1         | 1                   | 1                  | sí    |
      | 1            | 2             | 4000000000000002 | 1         | 1                   | 2                  | sí    |
      | 0            | 0             | 378282246310005  | 1         | 1                   | 0                  | sí    |
      | 2            | 0             | 36227206271667   | 1         | 1                   | 0                  | sí    |

    Ejemplos: Combinaciones no válidas
      | generar_pago | ban_tokenizar | tarjeta          | resultado | estado_tokenizacion | estado_transaccion | token |
      | 1            | 0             | 4111111111111111 | -1        | 2                   | 2                  | no    |
      | 1            | 3             | 4111111111111111 | -1        | 2                   | 2                  | no    |
      | 0            | 1             | 4111111111111111 | -1        | 2                   | 2                  | no    |
      | 0            | 2             | 4111111111111111 | -1        | 2                   | 2                  | no    |

  Esquema del escenario: Una combinación no válida se rechaza nombrando ban_tokenizar
    Cuando el comercio tokeniza la tarjeta "4111111111111111" con generar_pago <generar_pago> y ban_tokenizar <ban_tokenizar>
    Entonces el detalle del error es "<mensaje>"

    Ejemplos:
      | generar_pago | ban_tokenizar | mensaje                                                        |
      | 1            | 0             | El campo ban_tokenizar debe ser 1 o 2 cuando generar_pago es 1 |
      | 0            | 1             | El campo ban_tokenizar debe ser 0 cuando generar_pago no es 1  |

  Escenario: Un cobro recurrente con el token
    Dado la tarjeta "4111111111111111" tokenizada con un primer cobro aprobado
    Cuando el comercio cobra "$35.000,00" con el token
    Entonces el cobro es aprobado con número de autorización y de recibo
    Y la verificación del cobro dice estado 1 con la tarjeta terminada en "1111"

  Escenario: Un cobro recurrente con el no_pago del primer cobro
    Dado la tarjeta "4111111111111111" tokenizada con un primer cobro aprobado
    Cuando el comercio cobra "$35.000,00" con el no_pago del primer cobro
    Entonces el cobro es aprobado con número de autorización y de recibo
    Y la verificación del cobro dice estado 1 con la tarjeta terminada en "1111"

  Escenario: Un cobro que responde -1 se resuelve verificando, sin cobrar dos veces
    Dado la tarjeta "4111111111111111" tokenizada con un primer cobro aprobado
    Cuando el comercio cobra "$35.000,06" con el token
    Entonces el cobro es aprobado según la verificación
    Y la verificación del cobro encuentra un solo pago

  Escenario: El token de una tarjeta que el emisor declina sigue declinando
    Dado la tarjeta "4000000000000002" tokenizada sin cobro
    Cuando el comercio cobra "$35.000,00" con el token
    Entonces el cobro es rechazado con el detalle "Tarjeta declinada por el emisor"

  Escenario: Un token desconocido no cobra nada
    Cuando el comercio cobra "$35.000,00" con el token "1842154537000000001169"
    Entonces no se cobró nada y el error dice "no corresponde a una tarjeta tokenizada de este comercio"

  Escenario: El cobro de la tokenización envía el comprobante al correo del pagador
    Dado la tarjeta "4111111111111111" tokenizada con un primer cobro aprobado
    Entonces el pagador recibe en "nick@example.com" el comprobante del cobro con la tarjeta terminada en "1111"
