"""The client's address: the one helper every throttle and log uses.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only when the socket's
peer is one of our own reverse proxies (`KARIER_TRUSTED_PROXIES`: addresses or networks, from the
environment). The header is then read from the right: each hop our proxies appended is skipped,
and the first address that is not one of ours is the client. Anything to its left was written by
the client itself and is ignored, so a forged header cannot pick a fresh address per request.

Limits (login throttling, the public form) count by `limit_address`: an IPv6 client by its /64,
because one subscriber is given a whole /64 and could otherwise take a fresh address, and fresh
limits, for every request. An IPv4 address is counted as it is (an office behind one NAT is one).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def trusted_proxies() -> tuple[IPNetwork, ...]:
    return _networks(tuple(getattr(settings, "KARIER_TRUSTED_PROXIES", ())))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_ip(request: HttpRequest) -> str:
    """The client's address as text ("" when the server gave none)."""
    peer = _parse(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return ""
    proxies = trusted_proxies()
    if not proxies or not _is_trusted(peer, proxies):
        return str(peer)
    client = peer
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:  # garbage from the client's side of the chain: stop at the last good hop
            break
        client = address
        if not _is_trusted(address, proxies):
            break
    return str(client)


def limit_address(address: str | None) -> str:
    """The address as limits count it: IPv4 as it is, IPv6 as its /64 network's first address
    (a valid address, so it fits a GenericIPAddressField); "" when there is none or it is no address."""
    parsed = _parse(address or "")
    if parsed is None:
        return ""
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def client_limit_address(request: HttpRequest) -> str:
    """`limit_address` of the request's client (see the module's note)."""
    return limit_address(client_ip(request))


__all__ = ["client_ip", "client_limit_address", "limit_address", "trusted_proxies"]
