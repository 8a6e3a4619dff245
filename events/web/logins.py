"""Login throttling (django-axes): whose address a login comes from, and the page a locked login gets.

django-axes counts failed logins per user name and address and refuses a pair that failed
too often (settings: ``AXES_*``); these are the two things it asks the project for.
"""

import ipaddress

from django.conf import settings
from django.shortcuts import render

LOCKED_OUT_TEMPLATE = "locked_out.html"


def client_ip(request) -> str | None:
    """The address of whoever sent the request, as far as we can trust it.

    With no proxy in front (``WECRESULTS_TRUSTED_PROXIES`` = 0, the default) that is the
    address of the connection: a client can write anything into ``X-Forwarded-For``, so
    reading it there would let an attacker pick a new address for each guess. Behind N
    proxies of ours, each appends the address it got the request from, so the client is
    the Nth address from the right (whatever the client itself sent stands further left).
    A header with fewer addresses, or one that is not an address, did not come through our
    proxies as expected: the connection's address is used.
    """
    direct = request.META.get("REMOTE_ADDR")
    proxies = settings.WECRESULTS_TRUSTED_PROXIES
    if proxies == 0:
        return direct
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return direct
    candidate = forwarded[-proxies]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return direct
    return candidate


def locked_out(request, original_response=None, credentials=None):
    """The answer to a login refused for too many failures: 429, saying for how long and what."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "username": (credentials or {}).get("username") or request.POST.get("username", ""),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    return render(request, LOCKED_OUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)
