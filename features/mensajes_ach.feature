# language: es
@pse @solo_en_proceso
Característica: Los mensajes fijos de ACH para pagos pendientes y aprobados (certificación PSE)
  Como comercio certificado en PSE
  Quiero mostrar exactamente el texto que ACH exige cuando un pago está pendiente o ya fue aprobado
  Para que el pagador sepa esperar, a quién llamar y qué CUS preguntar

  Antecedentes:
    Dado la entidad atiende en el teléfono "(601) 555 0101" y en el correo "soporte@comercio-demo.test"

  Escenario: Pendiente en el banco (999): el texto de ACH con el CUS
    Cuando la referencia "25" queda en estado 999 con el CUS "1468001"
    Entonces el mensaje de ACH es:
      """
      En este momento su #25 presenta un proceso de pago cuya transacción se encuentra PENDIENTE de recibir
      confirmación por parte de su entidad financiera, por favor espere unos minutos y vuelva a consultar más tarde
      para verificar si su pago fue confirmado de forma exitosa. Si desea mayor información sobre el estado actual de
      su operación puede comunicarse a nuestras líneas de atención al cliente (601) 555 0101 o enviar un correo
      electrónico a soporte@comercio-demo.test y preguntar por el estado de la transacción: 1468001
      """

  Escenario: Tarjeta en revisión (4001): el mismo texto, sin CUS
    Cuando la referencia "26" queda en estado 4001
    Entonces el mensaje de ACH es:
      """
      En este momento su #26 presenta un proceso de pago cuya transacción se encuentra PENDIENTE de recibir
      confirmación por parte de su entidad financiera, por favor espere unos minutos y vuelva a consultar más tarde
      para verificar si su pago fue confirmado de forma exitosa. Si desea mayor información sobre el estado actual de
      su operación puede comunicarse a nuestras líneas de atención al cliente (601) 555 0101 o enviar un correo
      electrónico a soporte@comercio-demo.test.
      """

  Escenario: Una referencia ya aprobada: el texto de ACH que impide pagarla de nuevo
    Cuando la referencia "27" queda en estado 1 con el CUS "1468002"
    Entonces el mensaje de ACH es:
      """
      En este momento su #27 ha finalizado su proceso de pago y cuya transacción se encuentra APROBADA en su entidad
      financiera. Si desea mayor información sobre el estado actual de su operación puede comunicarse a nuestras
      líneas de atención al cliente (601) 555 0101 o enviar un correo electrónico a soporte@comercio-demo.test y
      preguntar por el estado de la transacción: 1468002
      """

  Escenario: Un pago rechazado no bloquea un nuevo intento
    Cuando la referencia "28" queda en estado 1000 con el CUS "1468003"
    Entonces no hay mensaje de ACH
