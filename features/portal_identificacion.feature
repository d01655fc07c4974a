# language: es
@portal
Característica: Identificarse en el portal de recaudo (instructivo IOTCS-09, pasos 1 a 4)
  Como asociado de la cooperativa
  Quiero entrar a "Pagos PSE" con mi tipo y número de documento
  Para que el portal me reconozca antes de pedirme el código de seguridad

  Escenario: Un asociado conocido es saludado por su nombre completo
    Cuando el asociado elige "Pagos PSE", el tipo de documento "cédula de ciudadanía" y escribe el número "1033370434"
    Entonces el portal lo saluda "Bienvenido(a), NICK RIVERA CAMINERO" y habilita "Consultar Productos"

  Esquema del escenario: Un documento que no se puede atender recibe un mensaje en español
    Cuando el asociado elige "Pagos PSE", el tipo de documento "<tipo>" y escribe el número "<numero>"
    Entonces el portal muestra "<mensaje>"
    Y no habilita "Consultar Productos"

    Ejemplos:
      | tipo                 | numero        | mensaje                                                          |
      | cédula de ciudadanía | 99999999      | No encontramos un asociado con ese tipo y número de documento    |
      | cédula de ciudadanía | 1.033.370.434 | Cédula de ciudadanía                                             |
      | cédula de ciudadanía | 80808080      | no tiene habilitado el servicio de recaudo por PSE               |

  Escenario: "Consultar Productos" envía el código antes de mostrar cualquier producto
    Cuando el asociado escribe la cédula de ciudadanía "1033370434" en el portal de recaudo
    Y pulsa "Consultar Productos"
    Entonces recibe el mismo código de seguridad por SMS al "3107126048" y por correo a "nick.rivera@example.com"

  Escenario: Un asociado sin celular ni correo no recibe código
    Cuando el asociado escribe la cédula de ciudadanía "71717171" en el portal de recaudo
    Y pulsa "Consultar Productos"
    Entonces el portal muestra "No tiene un celular ni un correo registrado para enviar el código de seguridad"

  Escenario: Un asociado sin productos activos lo sabe después del código
    Dado el asociado con cédula "1020304050" entró al portal con su código de seguridad
    Entonces no tiene productos activos para pagar
