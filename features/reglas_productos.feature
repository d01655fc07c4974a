# language: es
@portal @solo_en_proceso
Característica: Las reglas de pago de cada tipo de producto (instructivo IOTCS-09, paso 6)
  Como cooperativa
  Quiero que cada producto reciba solo los valores que sus reglas permiten
  Para abonar únicamente a productos activos, respetando pago mínimo, pago total y las demás reglas de la red

  Esquema del escenario: Cada opción de pago de cada tipo de producto, con valores válidos y no válidos
    Dado un producto "<producto>" activo con pago mínimo "$50.000,00" y pago total "$500.000,00"
    Cuando el asociado elige la opción "<opcion>" con el valor "<valor>"
    Entonces la regla del producto responde "<respuesta>"

    Ejemplos:
      | producto | opcion            | valor       | respuesta                                   |
      | OB       | No pagar          |             | $0,00                                       |
      | OB       | Pago mínimo       |             | $50.000,00                                  |
      | OB       | Pago total        |             | $500.000,00                                 |
      | OB       | Otro valor        | $100.000,00 | $100.000,00                                 |
      | OB       | Otro valor        | $10.000,00  | debe ser al menos el pago mínimo $50.000,00 |
      | OB       | Otro valor        | $600.000,00 | no puede superar el pago total $500.000,00  |
      | OB       | Otro valor        | $0,00       | Ingrese un valor mayor a cero               |
      | OB       | Valor a depositar | $10.000,00  | no admite la opción «Valor a depositar»     |
      | CR       | No pagar          |             | $0,00                                       |
      | CR       | Pago mínimo       |             | $50.000,00                                  |
      | CR       | Pago total        |             | $500.000,00                                 |
      | CR       | Otro valor        | $100.000,00 | $100.000,00                                 |
      | CR       | Otro valor        | $10.000,00  | debe ser al menos el pago mínimo $50.000,00 |
      | CR       | Otro valor        | $600.000,00 | no puede superar el pago total $500.000,00  |
      | CR       | Otro valor        | $0,00       | Ingrese un valor mayor a cero               |
      | CR       | Valor a depositar | $10.000,00  | no admite la opción «Valor a depositar»     |
      | TC       | No pagar          |             | $0,00                                       |
      | TC       | Pago mínimo       |             | $50.000,00                                  |
      | TC       | Pago total        |             | $500.000,00                                 |
      | TC       | Otro valor        | $100.000,00 | $100.000,00                                 |
      | TC       | Otro valor        | $10.000,00  | debe ser al menos el pago mínimo $50.000,00 |
      | TC       | Otro valor        | $600.000,00 | no puede superar el pago total $500.000,00  |
      | TC       | Otro valor        | $0,00       | Ingrese un valor mayor a cero               |
      | TC       | Valor a depositar | $10.000,00  | no admite la opción «Valor a depositar»     |
      | AV       | No pagar          |             | $0,00                                       |
      | AV       | Valor a depositar | $10.000,00  | $10.000,00                                  |
      | AV       | Valor a depositar | $0,00       | Ingrese un valor mayor a cero               |
      | AV       | Pago mínimo       |             | no admite la opción «Pago mínimo»           |
      | AV       | Pago total        |             | no admite la opción «Pago total»            |
      | AV       | Otro valor        | $10.000,00  | no admite la opción «Otro valor»            |
      | CC       | No pagar          |             | $0,00                                       |
      | CC       | Valor a depositar | $10.000,00  | $10.000,00                                  |
      | CC       | Valor a depositar | $0,00       | Ingrese un valor mayor a cero               |
      | CC       | Pago mínimo       |             | no admite la opción «Pago mínimo»           |
      | CC       | Pago total        |             | no admite la opción «Pago total»            |
      | CC       | Otro valor        | $10.000,00  | no admite la opción «Otro valor»            |
      | DE       | No pagar          |             | $0,00                                       |
      | DE       | Valor a depositar | $10.000,00  | $10.000,00                                  |
      | DE       | Valor a depositar | $0,00       | Ingrese un valor mayor a cero               |
      | DE       | Pago mínimo       |             | no admite la opción «Pago mínimo»           |
      | DE       | Pago total        |             | no admite la opción «Pago total»            |
      | DE       | Otro valor        | $10.000,00  | no admite la opción «Otro valor»            |
      | DS       | No pagar          |             | $0,00                                       |
      | DS       | Valor a depositar | $10.000,00  | $10.000,00                                  |
      | DS       | Valor a depositar | $0,00       | Ingrese un valor mayor a cero               |
      | DS       | Pago mínimo       |             | no admite la opción «Pago mínimo»           |
      | DS       | Pago total        |             | no admite la opción «Pago total»            |
      | DS       | Otro valor        | $10.000,00  | no admite la opción «Otro valor»            |
      | PO       | No pagar          |             | $0,00                                       |
      | PO       | Pago mínimo       |             | $50.000,00                                  |
      | PO       | Valor a depositar | $60.000,00  | $60.000,00                                  |
      | PO       | Valor a depositar | $10.000,00  | debe ser al menos el pago mínimo $50.000,00 |
      | PO       | Pago total        |             | no admite la opción «Pago total»            |
      | PO       | Otro valor        | $60.000,00  | no admite la opción «Otro valor»            |
      | AC       | No pagar          |             | $0,00                                       |
      | AC       | Pago mínimo       |             | $50.000,00                                  |
      | AC       | Valor a depositar | $60.000,00  | $60.000,00                                  |
      | AC       | Valor a depositar | $10.000,00  | debe ser al menos el pago mínimo $50.000,00 |
      | AC       | Pago total        |             | no admite la opción «Pago total»            |
      | AC       | Otro valor        | $60.000,00  | no admite la opción «Otro valor»            |
      | AP       | No pagar          |             | $0,00                                       |
      | AP       | Pago mínimo       |             | $50.000,00                                  |
      | AP       | Valor a depositar | $60.000,00  | $60.000,00                                  |
      | AP       | Valor a depositar | $10.000,00  | debe ser al menos el pago mínimo $50.000,00 |
      | AP       | Pago total        |             | no admite la opción «Pago total»            |
      | AP       | Otro valor        | $60.000,00  | no admite la opción «Otro valor»            |

  Escenario: Un producto inactivo no recibe dinero, ni siquiera "No pagar"
    Dado un producto "AC" inactivo con pago mínimo "$50.000,00" y pago total "$500.000,00"
    Cuando el asociado elige la opción "No pagar" con el valor ""
    Entonces la regla del producto responde "no está activo y no puede recibir pagos"

  Escenario: Un crédito sin pago mínimo pendiente no ofrece "Pago mínimo"
    Dado un producto "CR" activo con pago mínimo "$0,00" y pago total "$500.000,00"
    Cuando el asociado elige la opción "Pago mínimo" con el valor ""
    Entonces la regla del producto responde "no tiene pago mínimo pendiente"
