# language: es
@notificaciones @solo_cable
Característica: Notificaciones al comercio (NotificarPagos y el cobro por token REST, zonapagos-ws.md §12 y §13)
  Como integrador de un comercio
  Quiero que el simulador me notifique cada pago que termina y reintente cuando mi servidor falla
  Para probar que mi receptor es idempotente y que no pierdo pagos

  Antecedentes:
    Dado el comercio de demostración 1001 en el simulador

  Escenario: Una notificación reintentada después de que el comercio falló
    Dado un servidor del comercio que responde CodEstado 99 a la primera notificación y 0 a las siguientes
    Y el comercio 1001 recibe sus notificaciones en ese servidor
    Cuando el comercio inicia un pago de "$20.000,01" que se aprueba de inmediato
    Entonces el servidor del comercio recibe la notificación del pago con EstadoPago 1
    Y la API de control muestra la notificación "pendiente" con 1 intento
    Cuando el reloj del simulador avanza 31 segundos
    Entonces el servidor del comercio recibe la misma notificación otra vez
    Y la API de control muestra la notificación "entregada" con 2 intentos

  Escenario: Un cobro recurrente por token con la API REST PagoAPTC
    Dado la tarjeta "4111111111111111" tokenizada con un primer cobro aprobado
    Cuando el comercio cobra "35000" con el token por la API REST PagoAPTC
    Entonces la API REST responde int_estado_transaccion 1 con los códigos de retorno 100, 101 y 102
    Y la verificación del cobro REST dice estado 1 con la tarjeta terminada en "1111"
