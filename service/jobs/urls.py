"""One spelling per web address, so the same article submitted twice is one source."""

from __future__ import annotations

from typing import Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMETERS: Final = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc"}
)
"""Query parameters that only say where a reader came from (besides every `utm_*`)."""

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


def is_tracking(name: str) -> bool:
    """Whether a query parameter only tracks the reader."""
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMETERS


def normalise_url(url: str) -> str:
    """The canonical spelling of an http(s) address.

    Scheme and host lower-cased, default port, fragment and tracking parameters dropped,
    remaining parameters sorted, an empty path written `/`.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking(name)
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))
