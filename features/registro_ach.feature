# language: es
@pse @registro @solo_cable
Característica: Registrarse en PSE de ACH Colombia (instructivo Multiportal Alianza, registro, pasos 1 a 3)
  Como persona natural o empresa que paga por PSE
  Quiero registrarme, actualizar mis datos o eliminar mi registro en PSE
  Para pagar con débito a mi cuenta con solo escribir mi correo

  Escenario: Una persona natural se registra y recibe el correo de confirmación
    Cuando la persona elige "Persona natural" y "registrarme" y pulsa "Seguir"
    Entonces ve el formulario con el botón "Registrar"
    Cuando llena el formulario de persona natural y acepta los términos de ACH
    Entonces ACH muestra "Registro exitoso"
    Y la persona recibe el correo "PSE - Confirmación de su registro"

  Escenario: El formulario de registro valida el correo, el celular y los términos
    Cuando la persona elige "Persona natural" y "registrarme" y pulsa "Seguir"
    Y llena el formulario de persona natural con la confirmación de correo "otro@example.com", el celular "123" y sin aceptar los términos
    Entonces ACH no registra y explica "La confirmación del correo electrónico no coincide"
    Y ACH no registra y explica "Debe aceptar los términos"
    Y ACH no registra y explica "El número de celular debe tener 10 dígitos"
    Y la persona no recibe ningún correo

  Escenario: Una persona jurídica se registra con el NIT y su dígito de verificación
    Cuando la persona elige "Persona jurídica" y "registrarme" y pulsa "Seguir"
    Y llena el formulario de persona jurídica con el NIT "890203088-1"
    Entonces ACH no registra y explica "El dígito de verificación del NIT no es correcto"
    Cuando llena el formulario de persona jurídica con el NIT "890203088-9"
    Entonces ACH muestra "Registro exitoso"
    Y la persona recibe el correo "PSE - Confirmación de su registro"

  Escenario: Una persona registrada actualiza sus datos con su respuesta de seguridad
    Dado la persona elige "Persona natural" y "registrarme" y pulsa "Seguir"
    Y llena el formulario de persona natural y acepta los términos de ACH
    Cuando la persona elige "Persona natural" y "actualizar mi registro" y pulsa "Seguir"
    Y responde la pregunta de seguridad con "Otra"
    Entonces ACH no registra y explica "no coinciden con su registro"
    Cuando llena el formulario de persona natural con la dirección "Calle 100 # 1-1"
    Entonces ACH muestra "Datos actualizados"
    Y la persona recibe el correo "PSE - Actualización de sus datos"

  Escenario: Una persona registrada elimina su registro
    Dado la persona elige "Persona natural" y "registrarme" y pulsa "Seguir"
    Y llena el formulario de persona natural y acepta los términos de ACH
    Cuando la persona elige "Persona natural" y "eliminar mi registro" y pulsa "Seguir"
    Entonces ve el formulario con el botón "Eliminar"
    Cuando confirma su correo, la pregunta y la respuesta de seguridad
    Entonces ACH muestra "Registro eliminado"
    Y la persona recibe el correo "PSE - Eliminación de su registro"
