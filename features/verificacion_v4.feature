# language: es
@zonapagos @servicio
Característica: Verificar un pago con verificar_pago_v4 (instructivo I-IDI-007)
  Como integrador de un comercio
  Quiero leer cada estado que la pasarela puede reportar y los datos de PSE o de tarjeta del intento
  Para decidir, solo por la verificación, qué hago con el pedido

  Antecedentes:
    Dado el comercio de demostración 1001 en el simulador
    Cuando el comercio inicia un pago de "$20.000,00" con IVA "$0,00"

  Esquema del escenario: Cada código de estado llega con su forma de pago
    Cuando el simulador fuerza el estado <estado> con <forma>
    Entonces la verificación dice estado <estado> "<etiqueta>" con forma de pago <codigo_forma>

    Ejemplos: Estados de PSE
      | estado | forma | etiqueta                                         | codigo_forma |
      | 1      | PSE   | Pago aprobado                                    | 29           |
      | 999    | PSE   | Pago pendiente por finalizar                     | 29           |
      | 1000   | PSE   | Pago rechazado                                   | 29           |
      | 1001   | PSE   | Rechazado. Error entre PSE y la Entidad Bancaria | 29           |

    Ejemplos: Estados de tarjeta de crédito
      | estado | forma   | etiqueta                 | codigo_forma |
      | 1      | tarjeta | Pago aprobado            | 32           |
      | 777    | tarjeta | Pago declinado           | 32           |
      | 1000   | tarjeta | Pago rechazado           | 32           |
      | 4000   | tarjeta | Pago rechazado CR        | 32           |
      | 4001   | tarjeta | Pago pendiente por CR    | 32           |
      | 4003   | tarjeta | Pago rechazado. Error CR | 32           |

  Escenario: Un pago recién iniciado está pendiente por iniciar, sin forma de pago
    Entonces la verificación dice estado 888 "Pago pendiente por iniciar" con forma de pago 0

  Escenario: Un intento por PSE trae ticket, servicio, banco, CUS y ciclo
    Cuando el simulador fuerza el estado 1 con PSE
    Entonces la verificación dice estado 1 "Pago aprobado" con forma de pago 29
    Y el intento trae los datos de PSE: ticket, código de servicio, banco, CUS y ciclo

  Escenario: Un intento aprobado con tarjeta trae los últimos cuatro dígitos, la franquicia y los códigos
    Cuando el simulador fuerza el estado 1 con tarjeta
    Entonces la verificación dice estado 1 "Pago aprobado" con forma de pago 32
    Y el intento trae los datos de tarjeta: ticket, últimos cuatro "1111", franquicia "Visa" con códigos de aprobación y de recibo

  Escenario: Un intento rechazado con tarjeta no trae códigos de aprobación
    Cuando el simulador fuerza el estado 1000 con tarjeta
    Entonces la verificación dice estado 1000 "Pago rechazado" con forma de pago 32
    Y el intento trae los datos de tarjeta: ticket, últimos cuatro "1111", franquicia "Visa" sin códigos

  Escenario: Una referencia que nunca se inició no tiene pagos
    Entonces la verificación de "referencia-inexistente-1" no encuentra pagos

  Escenario: Un pago pendiente en el banco se resuelve cuando pasa el tiempo del banco
    Cuando el comercio inicia un pago de "$20.000,03" con IVA "$0,00"
    Entonces la verificación dice estado 999 "Pago pendiente por finalizar" con forma de pago 29
    Cuando pasan 8 minutos
    Entonces la verificación dice estado 1 "Pago aprobado" con forma de pago 29
