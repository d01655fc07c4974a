"""The recaudo portal's steps 1–9 (IOTCS-09): identification, code, products, payer, detail."""
from pytest_bdd import scenarios

scenarios("portal_identificacion.feature", "portal_codigo_seguridad.feature", "portal_productos.feature",
          "portal_pagador.feature", "portal_detalle_pago.feature")
