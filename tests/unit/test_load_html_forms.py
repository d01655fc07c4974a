"""The load test's page reading (loadtests/html_forms.py): what the browserless payer takes from each page."""
from __future__ import annotations

from loadtests.html_forms import hidden_fields, href_by_id, text_by_id

PAGE = """<form method="post" action="/banco/1022?enc=abc">
  <input type="hidden" name="csrf" value="1763.9f&amp;e1">
  <input type="hidden" name="enc" value="abc">
  <input id="account-number" name="cuenta" maxlength="20" value="4010">
  <input name="identificador" type="hidden" value="42">
</form>
<table><tr><th>Estado</th><td id="estado">1 · <b>Pago   aprobado</b></td></tr></table>
<a class="zp-button" id="regresar" href="/recaudo/retorno?id_comercio=1001&amp;id_pago=77">Regresar al comercio</a>
"""


def test_a_pages_hidden_fields_are_read_with_their_entities_decoded_and_visible_fields_left_out():
    assert hidden_fields(PAGE) == {"csrf": "1763.9f&e1", "enc": "abc", "identificador": "42"}


def test_an_elements_text_drops_inner_tags_and_collapses_blanks():
    assert text_by_id(PAGE, "estado") == "1 · Pago aprobado"
    assert text_by_id(PAGE, "no-existe") is None


def test_a_links_href_is_decoded_so_its_query_can_be_read():
    assert href_by_id(PAGE, "regresar") == "/recaudo/retorno?id_comercio=1001&id_pago=77"
    assert href_by_id(PAGE, "estado") is None
