"""Fetching a web page for ingestion, refusing addresses inside the network (no SSRF).

Every hop (the first address and each redirect) is resolved first; unless its host is listed
in the allowed hosts, all of its addresses must be public, and the request then goes to the
address that was checked, so a second DNS answer cannot point it elsewhere.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final
from urllib.parse import urljoin, urlsplit

import msgspec

from service.settings import Settings

if TYPE_CHECKING:  # httpx (and the rich and pygments it imports) loads where pages are fetched
    import httpx

HTML_TYPES: Final = ("text/html", "application/xhtml+xml")
_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
USER_AGENT: Final = "aifacts/1 (+https://github.com/aifacts)"

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class PageUnavailableError(Exception):
    """The page cannot be ingested: refused, unreachable, not HTML, too large, or no article."""


class FetchedPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page as fetched: its HTML, where it ended up after redirects, and when."""

    html: str
    final_url: str
    fetched_at: datetime


class FetchPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """Limits of one fetch, from the settings."""

    allowed_hosts: frozenset[str] = frozenset()
    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5

    @classmethod
    def of(cls, settings: Settings) -> FetchPolicy:
        """The policy the settings describe."""
        hosts = {host.strip().lower() for host in settings.fetch_allow_hosts.split(",")}
        return cls(
            allowed_hosts=frozenset(hosts - {""}),
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
        )


def is_public(address: IpAddress) -> bool:
    """Whether an address is on the public internet (not loopback, private, link-local...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def resolve(host: str, port: int) -> list[IpAddress]:
    """The addresses `host` resolves to; PageUnavailableError if it does not resolve."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise PageUnavailableError(f"cannot resolve the host {host!r}: {error}") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def refusal(url: str, host: str, addresses: list[IpAddress], policy: FetchPolicy) -> str | None:
    """Why `url` must not be fetched from `addresses`, or None if it may."""
    if host in policy.allowed_hosts:
        return None
    refused = [str(address) for address in addresses if not is_public(address)]
    if not refused:
        return None
    return (
        f"refused to fetch {url}: {host} resolves to the non-public address "
        f"{refused[0]} (loopback, private, link-local or metadata); an operator can "
        "allow the host with AIFACTS_FETCH_ALLOW_HOSTS"
    )


def host_and_port(url: str) -> tuple[str, int]:
    """The host and port `url` is fetched from; PageUnavailableError unless http(s)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PageUnavailableError(f"only http and https addresses can be fetched, not {url!r}")
    try:
        parts.hostname.encode("idna")
        port = parts.port
    except (UnicodeError, ValueError) as error:
        raise PageUnavailableError(f"{url!r} names no valid host and port: {error}") from None
    return parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80)


async def checked_address(url: str, policy: FetchPolicy) -> IpAddress:
    """The address to connect to for `url`; PageUnavailableError if it must not be fetched."""
    host, port = host_and_port(url)
    addresses = await resolve(host, port)
    if (reason := refusal(url, host, addresses, policy)) is not None:
        raise PageUnavailableError(reason)
    return addresses[0]


def pinned_request(client: httpx.AsyncClient, url: str, address: IpAddress) -> httpx.Request:
    """A GET of `url` sent to `address`, with the URL's host in Host and TLS SNI."""
    import httpx

    parts = httpx.URL(url)
    request = client.build_request("GET", parts.copy_with(host=str(address)))
    request.headers["Host"] = parts.netloc.decode("ascii")
    request.extensions["sni_hostname"] = parts.host
    return request


async def read_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The response body, at most `max_bytes`; PageUnavailableError past it."""
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise PageUnavailableError(f"{url} is larger than {max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class Fetched(msgspec.Struct, frozen=True, kw_only=True):
    """An answer as received: status, headers, body (empty for 304), and its final URL."""

    status: int
    headers: dict[str, str]
    body: bytes
    final_url: str
    fetched_at: datetime


def html_of(fetched: Fetched) -> str:
    """The page's HTML; PageUnavailableError if the response is an error or not HTML."""
    url = fetched.final_url
    if fetched.status >= 400:
        raise PageUnavailableError(f"{url} answered HTTP {fetched.status}")
    kind = fetched.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise PageUnavailableError(f"{url} is not an HTML page (its content type is {kind})")
    return fetched.body.decode(charset_of(fetched.headers) or "utf-8", errors="replace")


def charset_of(headers: dict[str, str]) -> str | None:
    """The charset the content type names, if Python knows it."""
    for parameter in headers.get("content-type", "").split(";")[1:]:
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ")
            try:
                "".encode(charset)
            except LookupError:
                return None
            return charset
    return None


async def fetch_page(url: str, policy: FetchPolicy) -> FetchedPage:
    """GET the HTML page at `url` (see `fetch`)."""
    fetched = await fetch(url, policy, {"Accept": "text/html,application/xhtml+xml"})
    return FetchedPage(
        html=html_of(fetched), final_url=fetched.final_url, fetched_at=fetched.fetched_at
    )


async def fetch(url: str, policy: FetchPolicy, headers: dict[str, str]) -> Fetched:
    """GET `url` within four times the policy's timeout in all (a server dripping bytes too)."""
    total = 4 * policy.timeout
    try:
        async with asyncio.timeout(total):
            return await follow(url, policy, headers)
    except TimeoutError:
        raise PageUnavailableError(f"{url} took longer than {total:g} s to fetch") from None


async def follow(url: str, policy: FetchPolicy, headers: dict[str, str]) -> Fetched:
    """GET `url`, following at most `policy.max_redirects` redirects, each one checked."""
    import httpx

    timeout = httpx.Timeout(policy.timeout)
    sent = {"User-Agent": USER_AGENT, **headers}
    async with httpx.AsyncClient(timeout=timeout, headers=sent, trust_env=False) as client:
        for _ in range(policy.max_redirects + 1):
            address = await checked_address(url, policy)
            try:
                request = pinned_request(client, url, address)
                response = await client.send(request, stream=True)
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    body = await read_body(response, url, policy.max_bytes)
                finally:
                    await response.aclose()
            except httpx.HTTPError as error:
                raise PageUnavailableError(f"cannot fetch {url}: {error!r}") from None
            return Fetched(
                status=response.status_code,
                headers={name.lower(): value for name, value in response.headers.items()},
                body=body,
                final_url=url,
                fetched_at=datetime.now(UTC),
            )
    raise PageUnavailableError(f"{url}: more than {policy.max_redirects} redirects")
