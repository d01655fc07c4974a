# language: es
@portal @otp
Característica: El código de seguridad del portal de recaudo (instructivo IOTCS-09, paso 5)
  Como asociado de la cooperativa
  Quiero probar con un código de un solo uso que soy yo
  Para que nadie vea mis productos con solo saber mi número de documento

  Antecedentes:
    Cuando el asociado escribe la cédula de ciudadanía "1033370434" en el portal de recaudo
    Y pulsa "Consultar Productos"
    Entonces recibe el mismo código de seguridad por SMS al "3107126048" y por correo a "nick.rivera@example.com"

  Escenario: El código recibido abre los productos activos
    Cuando escribe el código recibido y pulsa "Aceptar"
    Entonces el código es aceptado y el portal muestra sus productos
    Y ve sus productos activos "Ahorros a la Vista(****7756)", "Ahorros a la Vista(****6764)", "Cupo de Crédito(****7626)" y "Aportes Sociales(****8768)"

  Escenario: El código vence a los 5 minutos
    Cuando pasan 4 minutos
    Y pasan 59 segundos
    Y escribe el código recibido y pulsa "Aceptar"
    Entonces el código es aceptado y el portal muestra sus productos

  Escenario: Un código de más de 5 minutos ya no sirve
    Cuando pasan 5 minutos
    Y escribe el código recibido y pulsa "Aceptar"
    Entonces el código no es aceptado
    Y el portal muestra "El código de seguridad expiró. Solicite un nuevo código"

  Escenario: Otro código solo se puede pedir a los 30 segundos
    Cuando pasan 10 segundos
    Y pide otro código con "Enviar otro código de seguridad"
    Entonces el portal no envía otro código
    Y el portal muestra "Podrá solicitar un nuevo código en 20 segundos"
    Cuando pasan 20 segundos
    Y pide otro código con "Enviar otro código de seguridad"
    Entonces recibe un código nuevo, distinto del primero

  Escenario: El código nuevo reemplaza al anterior
    Cuando pasan 30 segundos
    Y pide otro código con "Enviar otro código de seguridad"
    Y escribe el primer código recibido y pulsa "Aceptar"
    Entonces el código no es aceptado
    Cuando escribe el código recibido y pulsa "Aceptar"
    Entonces el código es aceptado y el portal muestra sus productos

  Escenario: Tres códigos equivocados bloquean la consulta
    Cuando escribe el código "000000" y pulsa "Aceptar"
    Entonces el portal muestra "El código de seguridad no es correcto. Le quedan 2 intentos"
    Cuando escribe el código "000000" y pulsa "Aceptar"
    Y escribe el código "000000" y pulsa "Aceptar"
    Entonces el portal muestra "Código bloqueado por demasiados intentos fallidos"
    Y la consulta queda cerrada y debe identificarse de nuevo

  Escenario: "Cerrar" abandona la consulta
    Cuando pulsa "Cerrar"
    Entonces la consulta queda cerrada y debe identificarse de nuevo
