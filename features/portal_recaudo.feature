# language: es
@otp
Característica: Identificarse en el portal de recaudo con el código de seguridad (IOTCS-09, pasos 2 a 5)
  Como asociado de la cooperativa
  Quiero entrar al portal de recaudo con mi documento y un código de seguridad
  Para que solo yo vea mis productos antes de pagarlos

  Escenario: El asociado se identifica y entra con el código que recibió
    Cuando el asociado escribe la cédula de ciudadanía "1033370434" en el portal de recaudo
    Entonces el portal lo saluda "Bienvenido(a), NICK RIVERA CAMINERO" y habilita "Consultar Productos"
    Cuando pulsa "Consultar Productos"
    Entonces recibe el mismo código de seguridad por SMS al "3107126048" y por correo a "nick.rivera@example.com"
    Cuando escribe el código recibido y pulsa "Aceptar"
    Entonces ve sus productos activos "Ahorros a la Vista(****7756)", "Ahorros a la Vista(****6764)", "Cupo de Crédito(****7626)" y "Aportes Sociales(****8768)"

  Escenario: Un documento desconocido no recibe código
    Cuando el asociado escribe la cédula de ciudadanía "99999999" en el portal de recaudo
    Entonces el portal muestra "No encontramos un asociado con ese tipo y número de documento"
    Y no habilita "Consultar Productos"

  Escenario: Tres códigos equivocados bloquean la consulta
    Cuando el asociado escribe la cédula de ciudadanía "1033370434" en el portal de recaudo
    Y pulsa "Consultar Productos"
    Y escribe el código "000000" y pulsa "Aceptar"
    Entonces el portal muestra "El código de seguridad no es correcto. Le quedan 2 intentos"
    Cuando escribe el código "000000" y pulsa "Aceptar"
    Y escribe el código "000000" y pulsa "Aceptar"
    Entonces el portal muestra "Código bloqueado por demasiados intentos fallidos"
