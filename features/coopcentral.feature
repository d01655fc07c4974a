# language: es
@coopcentral
Característica: Pagar por PSE con una cuenta de la Red Coopcentral (banco 1066)
  Como asociado de una cooperativa de la Red Coopcentral
  Quiero pagar a un comercio por PSE debitando una de mis cuentas en la red
  Para que, si una cuenta no puede pagar, pueda elegir otra y el comercio reciba un solo pago

  Antecedentes:
    Dado un pago PSE de "$150,000.00" al banco 1066 "BANCO COOPERATIVO COOPCENTRAL"
    Y el asociado escribe su correo registrado "nick.rivera@example.com" en PSE y va al banco
    Y se identifica con la cédula de ciudadanía "1033370434"
    Entonces la red le muestra las entidades "Cooperativa Alianza" y "Cooperativa Financiera de Antioquia"
    Cuando elige "Cooperativa Alianza" e ingresa al Portal Transaccional como "nrivera" con la contraseña "clave-red"

  Esquema del escenario: Una cuenta rechazada por <causa> deja elegir otra cuenta
    Cuando paga con la cuenta "<cuenta_rechazada>"
    Entonces la red muestra "La cuenta ****<ultimos> fue rechazada: <mensaje>"
    Y ACH sigue con la transacción en estado "PENDING"
    Cuando paga con la cuenta "4010015566"
    Y escribe el código de seguridad que recibió por correo y por SMS y pulsa "Aceptar"
    Entonces ve "Pago realizado exitosamente" con la cuenta "****5566 Ahorros" y el valor "$150,000.00"
    Y la cuenta "4010015566" tiene "$150,000.00" menos de saldo disponible y la cuenta "<cuenta_rechazada>" no cambió
    Y ACH tiene la transacción en estado "OK"
    Y al regresar al comercio el navegador vuelve a la URL de la empresa

    Ejemplos:
      | causa                | cuenta_rechazada | ultimos | mensaje                                                                                      |
      | fondos insuficientes | 4010023344       | 3344    | Fondos insuficientes: el saldo disponible de la cuenta no alcanza para el valor del pago.    |
      | tope diario          | 5010047788       | 7788    | El pago supera el tope diario de la cuenta para pagos por internet.                          |
      | frecuencia diaria    | 4010031122       | 1122    | La cuenta superó el número de pagos por internet permitidos en el día.                       |

  Escenario: Tres códigos de seguridad equivocados cancelan el pago
    Cuando paga con la cuenta "4010015566"
    Y escribe el código de seguridad "000000" y pulsa "Aceptar"
    Entonces la red muestra "El código de seguridad no es correcto. Le quedan 2 intentos"
    Cuando escribe el código de seguridad "000000" y pulsa "Aceptar"
    Y escribe el código de seguridad "000000" y pulsa "Aceptar"
    Entonces el pago queda cancelado con "Código bloqueado por demasiados intentos fallidos. El pago fue cancelado."
    Y ACH tiene la transacción en estado "NOT_AUTHORIZED"
