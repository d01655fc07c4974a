# language: es
@pse @navegador @lento
Característica: Pagar en la pasarela ZonaPAGOS con PSE (instructivo IOTCS-09, pasos 10 a 15)
  Como pagador de un comercio que cobra con ZonaPAGOS
  Quiero pagar en la página de la pasarela con débito a mi cuenta por PSE
  Para que el comercio reciba el pago y yo tenga un comprobante

  Antecedentes:
    Dado un comercio de prueba con su página de retorno
    Y el comercio inició un pago de "$119.000,00" con IVA "$19.000,00" por "PSE recaudos"

  Escenario: El pagador paga en el banco de pruebas y regresa al comercio
    Cuando el pagador abre la página de pago de la pasarela
    Entonces la pasarela lo saluda como "NICK RIVERA CAMINERO"
    Y muestra el concepto "PSE recaudos", el número de factura, el subtotal "$100.000,00", el IVA "$19.000,00" y el total "$119.000,00"
    Cuando el pagador acepta los términos y condiciones
    Y elige "Débito y Corriente PSE" como persona natural
    Y elige el banco "BANCO UNION COLOMBIANO" y pulsa "Pagar"
    Entonces el pagador está en la página de PSE
    Cuando escribe su correo registrado en PSE y pulsa "Ir al Banco"
    Y en la página del banco revisa el resumen y pulsa "Pay"
    Entonces la pasarela muestra el comprobante con el resultado "Pago aprobado"
    Y el comprobante muestra el banco "BANCO UNION COLOMBIANO", el CUS y el botón "Imprimir"
    Cuando el pagador pulsa "Regresar al comercio"
    Entonces llega a la página de retorno del comercio con id_comercio e id_pago
    Y la verificación del comercio dice estado 1 por PSE

  Escenario: El plugin de la tienda envía al pagador con un formulario POST y la pasarela muestra el pago
    Cuando la tienda envía al pagador a la pasarela con un formulario que se envía solo, sin campos
    Entonces la pasarela lo saluda como "NICK RIVERA CAMINERO"
    Y muestra el concepto "PSE recaudos", el número de factura, el subtotal "$100.000,00", el IVA "$19.000,00" y el total "$119.000,00"
    Cuando el pagador acepta los términos y condiciones
    Y elige "Débito y Corriente PSE" como persona natural
    Y elige el banco "BANCO UNION COLOMBIANO" y pulsa "Pagar"
    Entonces el pagador está en la página de PSE

  Escenario: El pagador cancela en el banco y puede intentar de nuevo
    Cuando el pagador abre la página de pago de la pasarela
    Y el pagador acepta los términos y condiciones
    Y elige "Débito y Corriente PSE" como persona natural
    Y elige el banco "BANCO UNION COLOMBIANO" y pulsa "Pagar"
    Y escribe su correo registrado en PSE y pulsa "Ir al Banco"
    Y en la página del banco revisa el resumen y pulsa "Cancel"
    Entonces la pasarela muestra el comprobante con el resultado "Pago rechazado"
    Y el comprobante ofrece "Intentar de nuevo"
    Y la verificación del comercio dice estado 1000 por PSE

  Escenario: El banco no confirma y la pasarela muestra el mensaje de pendiente de ACH
    Cuando el pagador abre la página de pago de la pasarela
    Y el pagador acepta los términos y condiciones
    Y elige "Débito y Corriente PSE" como persona natural
    Y elige el banco "BANCO UNION COLOMBIANO" y pulsa "Pagar"
    Y escribe su correo registrado en PSE y pulsa "Ir al Banco"
    Y en la página del banco revisa el resumen y pulsa "Debug Sonda"
    Entonces la pasarela muestra el comprobante con el resultado "Pago pendiente por finalizar"
    Y el comprobante muestra el mensaje de ACH para pagos pendientes con el CUS y los contactos del comercio
    Y la verificación del comercio dice estado 999 por PSE
    Cuando pasan 8 minutos en el simulador
    Entonces la verificación del comercio dice estado 1 por PSE

  Escenario: La sesión de la página de pago dura 30 minutos y el pago sigue pendiente de iniciar
    Cuando pasan 31 minutos en el simulador
    Y el pagador abre la página de pago de la pasarela
    Entonces la pasarela muestra el aviso "La sesión de pago expiró: pasaron más de 30 minutos sin completar el pago."
    Y la verificación del comercio dice estado 888

  Escenario: Sin aceptar los términos la pasarela no deja pagar
    Cuando el pagador abre la página de pago de la pasarela
    Y elige "Débito y Corriente PSE" como persona natural
    Y elige el banco "BANCO UNION COLOMBIANO" y pulsa "Pagar"
    Entonces la pasarela muestra el mensaje "Debe aceptar los términos y condiciones para continuar con el pago."
    Y la verificación del comercio dice estado 888

  Escenario: Sin elegir el banco la pasarela no deja pagar
    Cuando el pagador abre la página de pago de la pasarela
    Y el pagador acepta los términos y condiciones
    Y elige "Débito y Corriente PSE" como persona natural
    Y pulsa "Pagar"
    Entonces la pasarela muestra el mensaje "Seleccione su banco de la lista"
