"""The address a request comes from, for the login lock-out: forwarded addresses only from our proxies.

Behind a reverse proxy every request arrives from the proxy's address; the proxy appends the
address it saw to ``X-Forwarded-For``. That header is believed only when the request comes from an
address in ``PORRAS_TRUSTED_PROXIES``, and then only as far as our own proxies wrote it: it is read
from the right, past every trusted hop, and the first other address is the client. Anything a
client writes into the header itself lies to the left of that and is never read. (django-ipware,
which django-axes would otherwise use, looks for trusted proxies inside the header rather than at the
connection's peer, so a client can name them itself; hence these few lines.)
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    return address is not None and any(address in network for network in settings.PORRAS_TRUSTED_PROXIES)


def from_trusted_proxy(request: HttpRequest) -> bool:
    """The connection's peer is one of our reverse proxies (``PORRAS_TRUSTED_PROXIES``)."""
    return _trusted(_address(request.META.get("REMOTE_ADDR", "") or ""))


def client_address(request: HttpRequest) -> str:
    """The client's address as our own proxies saw it; the connection's peer when not behind one."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(_address(peer)):
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    nearest = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return nearest  # our proxy wrote nothing unreadable: this came from further out
        if not _trusted(address):
            return str(address)
        nearest = str(address)
    return nearest
