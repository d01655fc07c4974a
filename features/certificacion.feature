# language: es
@certificacion @solo_en_proceso
Característica: El asistente de certificación califica la integración del comercio (§10 y §15, pse.md §4)
  Como equipo que prepara su certificación PSE
  Quiero que el simulador califique cómo mi código inicia, consulta y reintenta los pagos
  Para no fallar la sesión de certificación por reglas que nadie me escribió

  Escenario: Un comercio cumplido no incumple ninguna regla
    Dado un comercio que inicia el pago "A1" con los datos del pagador
    Y el pago "A1" queda en estado 1 al minuto 1
    Y el comercio consulta el pago "A1" a los minutos "2"
    Cuando el asistente califica al comercio
    Entonces ninguna regla queda en "no_cumple"
    Y la regla "verificacion_final" queda en "cumple"

  Escenario: Un comercio descuidado incumple exactamente las reglas que rompe, con la evidencia
    Dado un comercio que inicia el pago "A1" sin los datos del pagador
    Y el pago "A1" queda en estado 1 al minuto 1
    Y un comercio que inicia el pago "P1" con los datos del pagador
    Y el pago "P1" queda en estado 999 al minuto 1
    Y el comercio consulta el pago "P1" cada 5 segundos desde el minuto 8, 4 veces
    Cuando el asistente califica al comercio
    Entonces las reglas en "no_cumple" son "datos_pagador, sonda_frecuencia, verificacion_final"
    Y la evidencia de "sonda_frecuencia" nombra 3 consultas del pago "P1"

  Esquema del escenario: La sonda respeta los tiempos del §10 en el reloj simulado
    Dado un comercio que inicia el pago "P1" con los datos del pagador
    Y el pago "P1" queda en estado <estado> al minuto 1
    Y el comercio consulta el pago "P1" a los minutos "<minutos>"
    Cuando el asistente califica al comercio
    Entonces la regla "sonda_frecuencia" queda en "<resultado>"

    Ejemplos: Primera consulta a los 7 minutos (salvo la del retorno), luego cada 10 minutos o más
      | estado | minutos      | resultado     |
      | 999    | 2, 7, 17, 27 | cumple        |
      | 999    | 4            | no_cumple     |
      | 999    | 7, 12        | no_cumple     |
      | 1      | 2            | sin_evidencia |

  Escenario: Reutilizar el id_pago de un pago rechazado incumple la regla del reintento
    Dado un comercio que inicia el pago "R1" con los datos del pagador
    Y el pago "R1" queda en estado 1000 al minuto 1
    Y el comercio consulta el pago "R1" a los minutos "2"
    Y el comercio vuelve a iniciar el pago "R1" al minuto 3
    Cuando el asistente califica al comercio
    Entonces la regla "reintento" queda en "no_cumple"

  Escenario: Una racha de autenticaciones rechazadas incumple la regla de credenciales
    Dado un comercio cuyas credenciales se rechazan 3 veces seguidas
    Cuando el asistente califica al comercio
    Entonces la regla "credenciales" queda en "no_cumple"
