# language: es
@coopcentral
Característica: Desde la página de pago del comercio hasta la Red Coopcentral (instructivo Alianza, pasos 1 a 3)
  Como asociado que compra en un comercio
  Quiero elegir "Banco Cooperativo Coopcentral" en la lista de bancos del comercio
  Para pagar debitando una cuenta de mi cooperativa

  Escenario: El asociado elige Banco Cooperativo Coopcentral en la página de pago y paga con su cuenta
    Dado un pago de "$150,000.00" iniciado por el comercio en ZonaPAGOS
    Y el pagador acepta los términos, elige PSE y el banco 1066 en la página de pago y pulsa pagar
    Y el asociado escribe su correo registrado "nick.rivera@example.com" en PSE y va al banco
    Y se identifica con la cédula de ciudadanía "1033370434"
    Entonces la red le muestra las entidades "Cooperativa Alianza" y "Cooperativa Financiera de Antioquia"
    Cuando elige "Cooperativa Alianza" e ingresa al Portal Transaccional como "nrivera" con la contraseña "clave-red"
    Y paga con la cuenta "4010015566"
    Y escribe el código de seguridad que recibió por correo y por SMS y pulsa "Aceptar"
    Entonces ve "Pago realizado exitosamente" con la cuenta "****5566 Ahorros" y el valor "$150,000.00"
    Y la verificación del comercio en ZonaPAGOS dice estado 1
