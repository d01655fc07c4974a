# language: es
@zonapagos @servicio
Característica: Iniciar y verificar un pago en ZonaPAGOS (instructivo I-IDI-007)
  Como integrador de un comercio
  Quiero iniciar un pago con inicio_pagoV2 y consultarlo con verificar_pago_v4
  Para saber, y solo por la verificación, si el pagador pagó

  Antecedentes:
    Dado el comercio de demostración 1001 en el simulador

  Escenario: Un pago aprobado se verifica con estado 1
    Cuando el comercio inicia un pago de "$20.000,00" con IVA "$0,00"
    Entonces el inicio responde un identificador numérico y la URL de la página de pago
    Y la verificación del pago dice estado 888
    Cuando el simulador fuerza el estado 1 para ese pago
    Entonces la verificación del pago dice estado 1
    Y el intento fue por PSE en el banco "BANCO UNION COLOMBIANO" con un CUS

  Esquema del escenario: Los valores mágicos fuerzan el resultado sin pasar por las páginas
    Cuando el comercio inicia un pago de "<valor>" con IVA "$0,00"
    Entonces la verificación del pago dice estado <estado>

    Ejemplos:
      | valor      | estado |
      | $20.000,01 | 1      |
      | $20.000,02 | 1000   |
      | $20.000,03 | 999    |
      | $20.000,04 | 1001   |

  Escenario: Una clave de inicio equivocada se rechaza con el mensaje del servicio
    Cuando el comercio inicia un pago de "$20.000,00" con IVA "$0,00" usando la clave "equivocada"
    Entonces el inicio es rechazado con el mensaje "Credenciales inválidas"

  Escenario: Un IVA mayor que el total se rechaza nombrando el campo
    Cuando el comercio inicia un pago de "$1.000,00" con IVA "$1.500,00"
    Entonces el inicio es rechazado con el mensaje "El campo valor_iva no puede ser mayor que total_con_iva"

  @solo_cable
  Escenario: Una falla inyectada deja una verificación indeterminada y la siguiente da el estado real
    Cuando el comercio inicia un pago de "$20.000,00" con IVA "$0,00"
    Y el simulador deja indeterminada la próxima verificación
    Entonces la verificación del pago responde -1 y pide verificar de nuevo
    Y la verificación del pago dice estado 888

  @solo_cable
  Escenario: El diario de solicitudes guarda lo que envió el comercio, con la clave enmascarada
    Cuando el comercio inicia un pago de "$20.000,00" con IVA "$0,00"
    Entonces el diario del simulador guarda la solicitud de "inicio_pagoV2" con la referencia y la clave enmascarada
