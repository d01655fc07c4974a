# language: es
@sonda @solo_en_proceso
Característica: La sonda consulta los pagos sin estado final (I-IDI-007 y certificación PSE)
  Como comercio certificado en PSE
  Quiero consultar cada pago pendiente a su debido tiempo y dejar de hacerlo cuando corresponde
  Para no saturar la pasarela y no dejar pagos sin resolver

  Esquema del escenario: Cuándo vuelve a consultar la sonda, o por qué deja de hacerlo
    Dado un pago en estado <estado> con forma de pago "<forma>", iniciado hace <minutos> minutos y consultado por última vez "<ultima>"
    Entonces la sonda decide "<decision>"

    Ejemplos: Nunca antes de 7 minutos; luego cada 12 minutos en línea y cada hora en los medios presenciales
      | estado | forma   | minutos | ultima                 | decision                                   |
      | 888    | ninguna | 3       | nunca                  | consultar a los 7 minutos del inicio       |
      | 999    | PSE     | 8       | nunca                  | consultar a los 7 minutos del inicio       |
      | 999    | PSE     | 8       | a los 7 minutos        | consultar a los 19 minutos del inicio      |
      | 999    | PSE     | 20      | a los 19 minutos       | consultar a los 31 minutos del inicio      |
      | 4001   | tarjeta | 60      | a los 50 minutos       | consultar a los 62 minutos del inicio      |
      | 999    | PDF     | 60      | a los 7 minutos        | consultar a los 67 minutos del inicio      |

    Ejemplos: Estados finales y plazos vencidos
      | estado | forma   | minutos | ultima                 | decision                                   |
      | 1      | PSE     | 8       | nunca                  | dejar de consultar: estado final           |
      | 1000   | PSE     | 8       | nunca                  | dejar de consultar: estado final           |
      | 1001   | PSE     | 8       | nunca                  | dejar de consultar: estado final           |
      | 4000   | tarjeta | 8       | nunca                  | dejar de consultar: estado final           |
      | 4003   | tarjeta | 8       | nunca                  | dejar de consultar: estado final           |
      | 888    | ninguna | 30      | a los 7 minutos        | dejar de consultar: abandonado             |
      | 4001   | tarjeta | 2160    | a los 2150 minutos     | dejar de consultar: rechazado automáticamente |
      | 999    | PSE     | 2880    | a los 2870 minutos     | dejar de consultar: revisión manual        |
