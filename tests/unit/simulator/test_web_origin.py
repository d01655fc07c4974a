"""The base URL of links the server hands out (simulator/web/origin.py): the Host header when it is a host with
an optional port, the server's own socket otherwise."""
from __future__ import annotations

from unittest.mock import Mock

import pytest
from aiohttp.test_utils import make_mocked_request

from simulator.web.origin import public_origin


def request_with(host: str):
    transport = Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: ("10.0.0.5", 8123) if name == "sockname" \
        else default
    return make_mocked_request("POST", "/x", headers={"Host": host}, transport=transport)


@pytest.mark.parametrize("host, origin", [
    ("tienda.test", "http://tienda.test"), ("tienda.test:8080", "http://tienda.test:8080"),
    ("[::1]:80", "http://[::1]:80"), ("127.0.0.1:8123", "http://127.0.0.1:8123"),
    ("h:abc", "http://10.0.0.5:8123"), ("127.0.0.1:8123/x?", "http://10.0.0.5:8123"),
    ("127.0.0.1:8123:x", "http://10.0.0.5:8123"), ("h:0", "http://10.0.0.5:8123"),
    ("h:70000", "http://10.0.0.5:8123"), ('h"><x', "http://10.0.0.5:8123"), ("", "http://10.0.0.5:8123"),
])
def test_the_host_header_or_the_servers_own_address(host, origin):
    assert public_origin(request_with(host)) == origin
