# language: es
@portal
Característica: Elegir los productos y los valores a pagar (instructivo IOTCS-09, paso 6)
  Como asociado de la cooperativa
  Quiero escoger qué pago en cada producto activo
  Para pagar o depositar lo que quiero, con las reglas de cada producto

  Antecedentes:
    Dado el asociado con cédula "1033370434" entró al portal con su código de seguridad

  Escenario: El portal suma los valores elegidos
    Cuando elige para "Cupo de Crédito(****7626)" la opción "Pago mínimo"
    Y elige para "Ahorros a la Vista(****7756)" la opción "Valor a depositar" con el valor "$50.000,00"
    Y elige para "Aportes Sociales(****8768)" la opción "Pago mínimo"
    Y pulsa "Continuar" en "Información de productos"
    Entonces el portal acepta la selección con el total "$53.300,00"

  Esquema del escenario: Un valor que no cumple la regla del producto se explica junto a él
    Cuando elige para "<producto>" la opción "<opcion>" con el valor "<valor>"
    Y pulsa "Continuar" en "Información de productos"
    Entonces el portal rechaza la selección explicando "<motivo>"

    Ejemplos:
      | producto                    | opcion            | valor         | motivo                                               |
      | Cupo de Crédito(****7626)   | Otro valor        | $1.000,00     | debe ser al menos el pago mínimo $1.800,00           |
      | Cupo de Crédito(****7626)   | Otro valor        | $2.000.000,00 | no puede superar el pago total $1.500.000,00         |
      | Aportes Sociales(****8768)  | Valor a depositar | $1.000,00     | debe ser al menos el pago mínimo $1.500,00           |
      | Ahorros a la Vista(****7756) | Valor a depositar | $0,00        | Ingrese un valor mayor a cero                        |

  Escenario: Sin ningún valor mayor a cero no se puede continuar
    Cuando elige para "Ahorros a la Vista(****7756)" la opción "No pagar"
    Y pulsa "Continuar" en "Información de productos"
    Entonces el portal rechaza la selección explicando "Seleccione al menos un producto con valor mayor a cero"
