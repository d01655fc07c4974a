# language: es
@rest @navegador @lento
Característica: Cobrar con la API REST de ZonaPAGOS (Apis_CicloPago) en la misma pasarela
  Como integrador de un comercio que usa la API REST "Zonapay"
  Quiero iniciar el pago en JSON, enviar al pagador al str_url y verificar con el formato REST de str_res_pago
  Para integrar contra el simulador cambiando solo el servidor

  Antecedentes:
    Dado un comercio de prueba con su página de retorno
    Y el comercio inició por REST un pago de "$119.000,00" con IVA "$19.000,00" por "Cuota REST"

  Escenario: El pagador paga con PSE en la página del str_url y el comercio verifica por REST
    Cuando el pagador abre el str_url de la pasarela
    Entonces la pasarela lo saluda como "NICK RIVERA CAMINERO"
    Cuando el pagador acepta los términos y condiciones
    Y elige "Débito y Corriente PSE" como persona natural
    Y elige el banco "BANCO UNION COLOMBIANO" y pulsa "Pagar"
    Y escribe su correo registrado en PSE y pulsa "Ir al Banco"
    Y en la página del banco revisa el resumen y pulsa "Pay"
    Entonces la pasarela muestra el comprobante del str_url con el resultado "Pago aprobado"
    Cuando el pagador pulsa "Regresar al comercio"
    Entonces llega a la página de retorno del comercio con id_comercio e id_pago
    Y la verificación REST del comercio dice estado 1 por la forma de pago 29 con 27 campos

  Escenario: El pagador paga con tarjeta y el comercio verifica por REST
    Cuando el pagador abre el str_url de la pasarela
    Y el pagador acepta los términos y condiciones
    Y paga en la pasarela con la tarjeta "4111111111111111"
    Entonces la pasarela muestra el comprobante del str_url con el resultado "Pago aprobado"
    Y la verificación REST del comercio dice estado 1 por la forma de pago 32 con 26 campos

  Escenario: Un str_url alterado muestra un aviso en español
    Cuando el pagador abre el str_url con el rut alterado
    Entonces la pasarela muestra el aviso "No encontramos el pago de este enlace"

  Escenario: El comercio registra la tarjeta del pagador con el código 200
    Cuando el comercio inicia por REST el registro de una tarjeta con el código 200
    Y el pagador abre la página de registro y registra la tarjeta "5555555555554444"
    Entonces la pasarela confirma la tarjeta registrada terminada en "4444"
    Y la verificación REST del registro dice estado 1 por la forma de pago 32 con 26 campos
