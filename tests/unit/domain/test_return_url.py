"""The return URL rule (issue 14, item 7): read as a browser reads it, then absolute http(s) without user
info, or a path of the simulator's own host."""
from __future__ import annotations

import pytest

from domain.gateway.return_url import MAX_LENGTH, normalised_return_url, safe_return_url
from domain.shared.errors import DomainError

ACCEPTED = [  # (as sent, as a browser reads it)
    ("https://comercio.example/retorno", "https://comercio.example/retorno"),
    ("http://127.0.0.1:9/retorno", "http://127.0.0.1:9/retorno"),
    ("/recaudo/retorno", "/recaudo/retorno"),
    ("/", "/"),
    ("HTTPS://Comercio.EXAMPLE/Retorno", "https://comercio.example/Retorno"),
    ("https://comercio.example", "https://comercio.example/"),
    ("https://comercio.example?a=1", "https://comercio.example/?a=1"),
    ("https://comercio.example\\retorno\\paso?x=\\y", "https://comercio.example/retorno/paso?x=\\y"),
    ("https:\\\\comercio.example/retorno", "https://comercio.example/retorno"),
    ("https:///comercio.example/retorno", "https://comercio.example/retorno"),
    ("  \x00https://comercio.example/retorno\x1f ", "https://comercio.example/retorno"),
    ("https://comer\tcio.exa\nmple/re\rtorno", "https://comercio.example/retorno"),
    ("/recaudo\\retorno", "/recaudo/retorno"),
    ("\t/recaudo/retorno\n", "/recaudo/retorno"),
    ("/recaudo/retorno?vuelta=//otro", "/recaudo/retorno?vuelta=//otro"),
    ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),  # browsers do not decode %2F in a path: same host
    ("https://[::1]:8443/retorno", "https://[::1]:8443/retorno"),
    ("https://comercio.example:65535/r#fin", "https://comercio.example:65535/r#fin"),
    ("/pago/ñandú", "/pago/ñandú"),
    # `\` ends the host in an http(s) URL: the host is comercio.example, "@evil.example" is the path
    ("https://comercio.example\\@evil.example/", "https://comercio.example/@evil.example/"),
]

REFUSED = [
    "//evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\t/evil.example",
    "/\n\\evil.example", " //evil.example", "\t\\\\evil.example/x", "/\r/evil.example",
    "https://comercio.example@evil.example/", "http://a@evil", "https://user:clave@comercio.example/",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,hola",
    "ftp://comercio.example/", "file:///etc/passwd", "mailto:a@b.example",
    "http:comercio.example", "https:/comercio.example", "https:", "https://", "https://:80/",
    "retorno", "comercio.example/retorno", "?x=1", "#fin", "", "   ", "\t\n",
    "https://comercio.example:0/", "https://comercio.example:65536/", "https://comercio.example:/",
    "https://comercio.example:8a/", "https://evil%2Eexample/", "https://comercio .example/",
    "https://cómercio.example/", "https://comercio_example/",
    "/retorno con espacio", '/retorno"onclick', "/retorno<script>", "/a\x7fb",
    "/" + "a" * MAX_LENGTH,
]


@pytest.mark.parametrize("sent, read", ACCEPTED, ids=[repr(a) for a, _ in ACCEPTED])
def test_a_return_url_is_kept_as_a_browser_reads_it(sent, read):
    assert normalised_return_url(sent) == read
    assert normalised_return_url(read) == read  # normalising is idempotent


@pytest.mark.parametrize("sent", REFUSED, ids=[repr(r) for r in REFUSED])
def test_a_return_url_that_leaves_the_site_or_is_not_http_is_refused(sent):
    with pytest.raises(DomainError) as refused:
        normalised_return_url(sent)
    assert refused.value.field == "url_retorno"
    assert refused.value.message.startswith("La URL de retorno no es válida")
    assert safe_return_url(sent) is None

