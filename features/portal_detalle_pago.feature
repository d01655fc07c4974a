# language: es
@portal
Característica: Detalle del pago, términos e inicio de la transacción (instructivo IOTCS-09, pasos 8 y 9)
  Como asociado de la cooperativa
  Quiero revisar el detalle, describir el pago y aceptar los términos
  Para ir a la pasarela ZonaPAGOS a pagar exactamente lo que elegí

  Antecedentes:
    Dado el asociado con cédula "1033370434" entró al portal con su código de seguridad
    Y eligió para "Ahorros a la Vista(****7756)" la opción "Valor a depositar" con el valor "$10.000,00"
    Y dejó al asociado como pagador

  Escenario: El detalle muestra el producto, la referencia y los valores, e inicia la transacción
    Entonces el detalle del pago muestra el producto "PSE recaudos", una referencia de 8 dígitos y el total "$10.000,00"
    Y el detalle lista "Ahorros a la Vista(****7756)" por "$10.000,00"
    Cuando pulsa "Iniciar transacción" con la descripción "Ahorro de noviembre" aceptando los términos y condiciones
    Entonces el portal envía al asociado a la página de pago de ZonaPAGOS

  Esquema del escenario: Sin descripción o sin aceptar los términos no se inicia la transacción
    Entonces el detalle del pago muestra el producto "PSE recaudos", una referencia de 8 dígitos y el total "$10.000,00"
    Cuando pulsa "Iniciar transacción" con la descripción "<descripcion>" <terminos> los términos y condiciones
    Entonces el portal no inicia la transacción y muestra "<mensaje>"

    Ejemplos:
      | descripcion         | terminos    | mensaje                                                |
      |                     | aceptando   | La descripción del pago es obligatoria                 |
      | Ahorro de noviembre | sin aceptar | Debe aceptar los términos y condiciones                |
      | Cuota marzo \| abril | aceptando   | no puede contener                                      |

  @pse
  Escenario: Mientras un pago está pendiente en el banco no se inicia otro (mensaje de ACH)
    Entonces el detalle del pago muestra el producto "PSE recaudos", una referencia de 8 dígitos y el total "$10.000,00"
    Cuando pulsa "Iniciar transacción" con la descripción "Ahorro de noviembre" aceptando los términos y condiciones
    Y la pasarela deja ese pago en estado 999
    Y el asociado vuelve en otra visita a pagar "$5.000,00" en "Ahorros a la Vista(****6764)"
    Entonces el portal no inicia otra transacción y muestra el mensaje de ACH de pago pendiente con el CUS
