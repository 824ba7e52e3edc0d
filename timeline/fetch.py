"""Fetch one news article from a URL, for the dashboard's "add by URL": safely, since the page is untrusted input.

The URL is typed by a user of a public dashboard, so it may point anywhere: at the cloud metadata service
(``http://169.254.169.254/``), at a service on the dashboard's own host or network, at a file, at a 10 GB
download or at a server that never answers. :func:`fetch_article` therefore

- fetches only ``http`` and ``https`` URLs;
- resolves the host once with :func:`socket.getaddrinfo`, refuses it when *any* address it resolves to is
  not a public one (loopback, private, link-local, multicast, reserved, unspecified, shared, also when
  embedded in an IPv6 address such as ``::ffff:127.0.0.1``), and then connects to exactly the addresses it
  checked, sending the host name in the ``Host`` header and as the TLS server name. Resolving again to
  connect would let a DNS server answer a public address to the check and a private one to the
  connection ("DNS rebinding"); pinning the checked address closes that gap;
- follows at most :data:`MAX_REDIRECTS` redirects itself, checking every hop like the first, since a public
  page may redirect to a private address or to another scheme;
- gives every connect and read ``timeout`` seconds and the whole fetch :data:`DEADLINE_FACTOR` times that,
  so that a server trickling one byte at a time cannot hold the dashboard either;
- reads at most ``max_bytes`` of body (refusing a larger ``Content-Length`` before reading anything);
- accepts only 2xx answers that are HTML or plain text;
- hands the bytes to trafilatura for the main text and its metadata: nothing on the page is evaluated or
  rendered, no script run, no image, frame or style sheet fetched.

Not covered: the host name lookup itself has no timeout (the standard library offers none), and no proxy
from the environment is used (the connection is direct, so the address check means what it says).
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from email.message import Message
from urllib.parse import quote, urljoin, urlsplit

import trafilatura
from trafilatura.utils import decode_file

MAX_REDIRECTS = 5
DEADLINE_FACTOR = 3  # the whole fetch, redirects included, may take this many times the per-read timeout
CHUNK_BYTES = 64 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PLAIN_TYPES = frozenset({"text/plain", "text/markdown"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TITLE_MAX_CHARS = 500
USER_AGENT = "metrics-timeline/0.1 (+news article fetcher)"

# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64): the embedded address is checked too
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"),)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all C0 controls but tab and newline, and DEL
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f]")  # white space and controls: never part of a URL we send


class FetchError(Exception):
    """The page could not be fetched, or was refused; the message is one sentence a user can read."""


@dataclass(frozen=True)
class FetchedPage:
    """An article fetched from the web, as plain text: nothing of the page's HTML is kept."""

    url: str  # the final URL, after redirects
    title: str  # "" when the page names none
    published: str  # "YYYY-MM-DD", or "" when unknown
    text: str  # the article's main text


@dataclass(frozen=True)
class _Target:
    """A checked URL, split into what the connection needs."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or address literal, without brackets
    port: int
    path: str  # path and query, percent-encoded, never empty


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    headers: Message
    body: bytes


def fetch_article(url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000,
                  allow_private: bool = False) -> FetchedPage:
    """Fetch ``url`` and return its main text, title and publication date (see the module docstring).

    ``allow_private=True`` lets the fetch reach every non-public address (loopback, private, link-local,
    ...): for tests against a local server and for a dashboard run on one's own machine, never for a
    public deployment. Raises :class:`FetchError` with a sentence saying what went wrong.
    """
    if timeout <= 0 or max_bytes <= 0:
        raise ValueError("timeout and max_bytes must be positive")
    deadline = time.monotonic() + timeout * DEADLINE_FACTOR
    current = url.strip() if isinstance(url, str) else ""
    for hop in range(MAX_REDIRECTS + 1):
        via = f" (redirected from {url})" if hop else ""
        target = _check_url(current, via)
        addresses = _resolve(target, allow_private, via)
        answer = _get(target, addresses, timeout=timeout, deadline=deadline, max_bytes=max_bytes, via=via)
        if answer.status not in REDIRECT_STATUSES:
            break
        location = (answer.headers.get("Location") or "").strip()
        if not location:
            raise FetchError(f"{target.url}: the server answered {answer.status} (a redirect) without saying where to{via}")
        current = urljoin(target.url, location)
    else:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
    return _page(target.url, answer, max_bytes)


def article_text(page: FetchedPage) -> str:
    """The page as an article file the engine reads: the title line (left out when the page names no title,
    so that the engine finds one itself), a "Published YYYY-MM-DD" line when the date is known (the engine
    takes a line with a "Published" marker for the article's date), a "Source: URL" line, a blank line, then
    the text."""
    head = [page.title] if page.title else []
    if page.published:
        head.append(f"Published {page.published}")
    head.append(f"Source: {page.url}")
    return "\n".join(head) + "\n\n" + page.text.strip() + "\n"


def _check_url(url: str, via: str = "") -> _Target:
    """Rule 1: only http(s) URLs with a host, no credentials, no white space or control characters."""
    shown = url or "(empty URL)"
    if not url:
        raise FetchError("(empty URL): give the address of a web page, starting with http:// or https://")
    if _URL_FORBIDDEN.search(url):
        raise FetchError(f"{shown!r}: a web address cannot hold spaces or control characters{via}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise FetchError(f"{shown}: not a valid web address ({err}){via}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"a {scheme}: address" if scheme else "an address without http:// or https://"
        raise FetchError(f"{shown}: only http:// and https:// pages are fetched, not {what}{via}")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"{shown}: addresses with a user name or password are not fetched{via}")
    host = parts.hostname or ""
    if not host:
        raise FetchError(f"{shown}: the address names no host{via}")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise FetchError(f"{shown}: the host name {parts.hostname!r} is not valid{via}") from None
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/?%:@!$&'()*+,;=-._~")
    return _Target(url, scheme, host, port or (443 if scheme == "https" else 80), path)


def _address_problem(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``address`` is not a public one ("a loopback address", ...), or None when it is public.

    An IPv4 address carried in an IPv6 one (mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64) is judged as
    the IPv4 address it reaches."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is None and any(address in net for net in _NAT64):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            problem = _address_problem(embedded)
            if problem or address.ipv4_mapped:
                return problem
    for flag, name in (("is_loopback", "a loopback address"), ("is_unspecified", "an unspecified address"),
                       ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
                       ("is_reserved", "a reserved address"), ("is_private", "a private address")):
        if getattr(address, flag):
            return name
    if not address.is_global:  # e.g. 100.64.0.0/10, shared by carriers: not private, yet not on the Internet
        return "a non-public address"
    return None


def _resolve(target: _Target, allow_private: bool, via: str = "") -> list[tuple[int, tuple]]:
    """Rule 2: every address the host resolves to, as (family, socket address), refused if any is not public.

    The connection is then made to these very addresses, never by resolving the name again."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{target.url}: the host {target.host} could not be found{via}") from None
    addresses: list[tuple[int, tuple]] = []
    for family, _, _, _, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        problem = _address_problem(address)
        if problem and not allow_private:
            raise FetchError(f"{target.url}: the host {target.host} is at {address}, {problem}; only public addresses "
                             f"are fetched{via}")
        if (family, sockaddr) not in addresses:
            addresses.append((family, sockaddr))
    if not addresses:
        raise FetchError(f"{target.url}: the host {target.host} could not be found{via}")
    return addresses


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to addresses already checked, not to whatever the host name resolves to now.

    ``self.host`` stays the host name, so that http.client sends it in the ``Host`` header and TLS checks
    the certificate against it (and sends it as SNI); only the socket goes to a pinned address."""

    def __init__(self, target: _Target, addresses: list[tuple[int, tuple]], timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._tls = ssl.create_default_context() if target.scheme == "https" else None
        if self._tls is not None:
            self.default_port = http.client.HTTPS_PORT  # no ":443" in the Host header of an HTTPS request
        self._addresses = addresses

    def connect(self) -> None:
        error: OSError | None = None
        for family, sockaddr in self._addresses:
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            try:
                sock.settimeout(self.timeout)
                sock.connect(sockaddr)
                self.sock = self._tls.wrap_socket(sock, server_hostname=self.host) if self._tls else sock
            except OSError as err:  # ssl.SSLError is an OSError too
                sock.close()
                error = err
                continue
            return
        raise error if error else OSError("no address to connect to")


class _Watchdog:
    """Shuts the connection's socket down when the overall deadline passes.

    Socket timeouts bound each read, not their sum: a server sending one byte every few seconds would never
    time out. Shutting the socket down from a timer ends any read in progress at once."""

    def __init__(self, sock: socket.socket | None, seconds: float) -> None:
        self.fired = threading.Event()
        self._sock = sock  # the socket itself: http.client drops its own reference once the response owns it
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired.set()
        if self._sock is not None:
            with suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()


def _get(target: _Target, addresses: list[tuple[int, tuple]], *, timeout: float, deadline: float, max_bytes: int,
         via: str = "") -> _Answer:
    """One GET to the pinned addresses: rules 4 (timeouts), 5 (size) and 6 (status, content type).

    A redirect is returned with an empty body, for the caller to check its target."""
    remaining = deadline - time.monotonic()
    total = timeout * DEADLINE_FACTOR
    if remaining <= 0:
        raise FetchError(f"{target.url}: the page did not arrive within {total:g} s{via}")
    connection = _PinnedConnection(target, addresses, min(timeout, remaining))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8",
               "Accept-Encoding": "identity", "Connection": "close"}
    late = f"{target.url}: the page did not arrive within {total:g} s{via}"
    try:
        try:
            connection.connect()  # bounded by the connect timeout; the watchdog bounds everything after it
            with _Watchdog(connection.sock, deadline - time.monotonic()) as watchdog:
                try:
                    connection.request("GET", target.path, headers=headers)
                    response = connection.getresponse()
                    if response.status in REDIRECT_STATUSES:
                        return _Answer(response.status, response.reason, response.headers, b"")
                    _check_answer(target, response.status, response.reason, response.headers, max_bytes, via)
                    body = _read_body(target, response, max_bytes, via)
                except Exception:
                    if watchdog.fired.is_set():  # the shut socket made the read fail: say why
                        raise FetchError(late) from None
                    raise
                if watchdog.fired.is_set():  # the shut socket ended the body early
                    raise FetchError(late)
        except FetchError:
            raise
        except Exception as err:  # any failure of the network or of the server's HTTP: one sentence for the user
            raise FetchError(f"{target.url}: {_describe(err, timeout)}{via}") from None
    finally:
        connection.close()
    return _Answer(response.status, response.reason, response.headers, body)


def _describe(err: Exception, timeout: float) -> str:
    """A user-facing phrase for a network error."""
    if isinstance(err, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"its HTTPS certificate could not be verified ({err.verify_message})"
    if isinstance(err, ssl.SSLError):
        return "the secure (HTTPS) connection failed"
    if isinstance(err, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(err, http.client.HTTPException | ConnectionResetError):
        return "the server's answer was cut off or was not valid HTTP"
    if isinstance(err, OSError):
        return f"the connection failed ({err.strerror or err})"
    return f"the page could not be read ({type(err).__name__})"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _check_answer(target: _Target, status: int, reason: str, headers: Message, max_bytes: int, via: str) -> None:
    """Rule 6 and the early half of rule 5: a 2xx answer, HTML or plain text, not announced as too large."""
    if not 200 <= status < 300:
        raise FetchError(f"{target.url}: the server answered HTTP {status} {reason}".rstrip() + via)
    if headers.get("Content-Type") is not None and headers.get_content_type() not in HTML_TYPES | PLAIN_TYPES:
        raise FetchError(f"{target.url}: the page is {headers.get_content_type()}, not an HTML or text article{via}")
    length = (headers.get("Content-Length") or "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{target.url}: the page is larger than {_megabytes(max_bytes)}{via}")


def _read_body(target: _Target, response: http.client.HTTPResponse, max_bytes: int, via: str) -> bytes:
    """Rule 5: stream the body and stop as soon as more than ``max_bytes`` arrived."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{target.url}: the page is larger than {_megabytes(max_bytes)}{via}")
        chunks.append(chunk)
    length = (response.headers.get("Content-Length") or "").strip()
    if length.isdigit() and size < int(length) and not response.headers.get("Transfer-Encoding"):
        raise http.client.IncompleteRead(b"".join(chunks), int(length) - size)
    return b"".join(chunks)


def _clean(text: str) -> str:
    """Newlines made uniform and control characters dropped: the text goes to files, tables and screens."""
    return _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _iso_date(value: str | None) -> str:
    """``value`` when it is a valid ISO day ("2020-10-05"), else ""."""
    try:
        return date.fromisoformat(value).isoformat() if value and len(value) == 10 else ""
    except ValueError:
        return ""


def _page(url: str, answer: _Answer, max_bytes: int) -> FetchedPage:
    """Rule 7: decode the body and extract the main text and metadata with trafilatura (rule 8: nothing run)."""
    html: str | None = None
    charset = answer.headers.get_content_charset()
    if charset:
        with suppress(LookupError, UnicodeDecodeError):
            html = answer.body.decode(charset)
    if html is None:  # no (usable) charset: trafilatura guesses, and caps any decompression at max_bytes
        html = decode_file(answer.body, max_bytes)
    if answer.headers.get("Content-Type") is not None and answer.headers.get_content_type() in PLAIN_TYPES:
        text, title, published = _clean(html).strip(), "", ""
    else:
        text = _clean(trafilatura.extract(html, url=url, output_format="txt", with_metadata=False,
                                          include_comments=False) or "").strip()
        metadata = trafilatura.extract_metadata(html, default_url=url) if text else None
        title = " ".join(_clean(metadata.title or "").split())[:TITLE_MAX_CHARS] if metadata else ""
        published = _iso_date(metadata.date) if metadata else ""
    if not text:
        raise FetchError(f"{url}: no article text found on the page")
    return FetchedPage(url=url, title=title, published=published, text=text)
