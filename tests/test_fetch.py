"""timeline.fetch against a local HTTP server: the article is read, and every unsafe or broken answer is refused.

No test reaches the Internet: the server listens on 127.0.0.1, and the tests that need other addresses
replace :func:`socket.getaddrinfo` (the refusal happens before any connection).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from timeline import fetch
from timeline.fetch import FetchedPage, FetchError, article_text, fetch_article

SENTENCE = "pengguna aktif bulanan TikTok di Indonesia mencapai 10 juta"
HEADLINE = "TikTok Klaim Punya 10 Juta Pengguna Aktif Bulanan di Indonesia"

ARTICLE = f"""<!DOCTYPE html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <title>{HEADLINE} - Kabar Tekno</title>
  <meta property="og:title" content="{HEADLINE}">
  <meta property="article:published_time" content="2020-10-05T14:30:00+07:00">
  <script>document.title = "evaluated";</script>
  <style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
  <nav><a href="/">Beranda</a> | <a href="/tekno">Tekno</a> | <a href="/bisnis">Bisnis</a></nav>
  <article>
    <h1>{HEADLINE}</h1>
    <p class="dateline">Senin, 5 Oktober 2020 14:30 WIB</p>
    <p>Jakarta - TikTok mengungkapkan bahwa {SENTENCE}. Angka itu naik tajam dibanding awal tahun, ketika
    aplikasi video pendek tersebut masih dipandang sebelah mata oleh banyak pengiklan di Tanah Air.</p>
    <p>"Indonesia adalah salah satu pasar terpenting kami di Asia Tenggara," kata Donny Eryastha, Head of Public
    Policy TikTok Indonesia, dalam konferensi pers virtual, Senin (5/10/2020). Menurut dia, sebagian besar
    pengguna berusia 18 hingga 24 tahun dan menonton video rata-rata 45 menit per hari.</p>
    <p>Selama pandemi, jumlah kreator yang mengunggah konten edukasi juga bertambah. TikTok mencatat ada lebih
    dari 200 ribu video bertagar belajar yang diunggah pengguna Indonesia sejak Maret 2020.</p>
    <p>Perusahaan asal China itu juga berencana menambah kantor di Jakarta dan merekrut 100 karyawan baru
    hingga akhir tahun untuk memperkuat tim moderasi konten lokal.</p>
  </article>
  <footer>&copy; 2020 Kabar Tekno. Hak cipta dilindungi undang-undang.</footer>
</body>
</html>
"""

# 5 October 2020 in windows-1252, with a character that differs from UTF-8: "café" and a euro sign
LATIN_ARTICLE = ARTICLE.replace("Perusahaan asal China", "Perusahaan asal China (kafe café, €1)")

EMPTY_PAGE = """<!DOCTYPE html><html><head><title>Galeri</title><script>var galeri = [1, 2, 3];</script></head>
<body><div id="app"><img src="/foto.png" alt=""></div><script>alert("galeri")</script></body></html>"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class _Handler(BaseHTTPRequestHandler):
    """One path per case; records the Host header of every request."""

    hosts: list[str]  # set on the subclass made by the fixture

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", extra={"Location": location})

    def do_GET(self) -> None:
        self.hosts.append(self.headers.get("Host", ""))
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE.encode())
        elif path == "/latin":
            self._send(200, LATIN_ARTICLE.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/plain":
            self._send(200, f"Kabar singkat\n\nMenurut TikTok, {SENTENCE}.\n".encode(), "text/plain; charset=utf-8")
        elif path == "/redirect":
            self._redirect("/hop")
        elif path == "/hop":
            self._redirect("/article")
        elif path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/huge":  # no Content-Length: only counting the streamed bytes catches it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + b"x" * 200_000 + b"</p></body></html>")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "10000000")
            self.end_headers()
            self.wfile.write(b"<html>")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, ARTICLE.encode())
        elif path == "/trickle":  # answers at once, then one byte every 50 ms: no read ever times out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(60):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        elif path == "/image":
            self._send(200, PNG, "image/png")
        elif path == "/empty":
            self._send(200, EMPTY_PAGE.encode())
        else:
            self._send(404, b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:  # a client gone early is expected
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """(base URL, Host headers received) of a local server, shut down after the module's tests."""
    hosts: list[str] = []
    handler = type("Handler", (_Handler,), {"hosts": hosts})
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hosts
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def base(server: tuple[str, list[str]]) -> str:
    return server[0]


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Make getaddrinfo answer ``answers`` for those host names (other names fail); returns the names asked."""
    asked: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        asked.append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        result = []
        for address in answers[host]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
            result.append((family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr))
        return result

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


# --- the article itself


def test_article_is_fetched_with_title_date_and_text(base: str) -> None:
    page = fetch_article(f"{base}/article", allow_private=True)
    assert page.url == f"{base}/article"
    assert page.title == HEADLINE
    assert page.published == "2020-10-05"
    assert SENTENCE in page.text
    assert "Donny Eryastha" in page.text
    for leftover in ("<", "evaluated", "font-family", "Beranda"):  # no markup, script, style or navigation
        assert leftover not in page.text


def test_article_text_is_an_article_file(base: str) -> None:
    text = article_text(fetch_article(f"{base}/article", allow_private=True))
    lines = text.splitlines()
    assert lines[0] == HEADLINE
    assert lines[1] == "Published 2020-10-05"
    assert lines[2] == f"Source: {base}/article"
    assert lines[3] == ""
    assert SENTENCE in text


def test_article_text_read_by_the_engine(base: str) -> None:
    from extract.article import parse_article

    article = parse_article(article_text(fetch_article(f"{base}/article", allow_private=True)), "fetched")
    assert article.title == HEADLINE
    assert article.dateline is not None and "2020-10-05" in str(article.dateline.period)


def test_article_text_without_title_or_date() -> None:
    page = FetchedPage(url="https://example.com/a", title="", published="", text="Isi berita.\n")
    assert article_text(page) == "Source: https://example.com/a\n\nIsi berita.\n"


def test_charset_from_headers(base: str) -> None:
    page = fetch_article(f"{base}/latin", allow_private=True)
    assert "café, €1" in page.text


def test_plain_text_is_taken_as_it_is(base: str) -> None:
    page = fetch_article(f"{base}/plain", allow_private=True)
    assert SENTENCE in page.text
    assert page.title == ""


def test_host_name_resolved_once_and_sent_as_host(base: str, server: tuple[str, list[str]],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The connection goes to the address that was checked, with the name in the Host header: no second lookup
    a rebinding DNS server could answer differently."""
    port = base.rsplit(":", 1)[1]
    asked = _fake_dns(monkeypatch, {"kabar.test": ["127.0.0.1"]})
    page = fetch_article(f"http://kabar.test:{port}/article", allow_private=True)
    assert SENTENCE in page.text
    assert asked == ["kabar.test"]
    assert server[1][-1] == f"kabar.test:{port}"


# --- rule 1: schemes


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.com/berita.html", "javascript:alert(1)", "data:text/html,<p>hai</p>",
    "example.com/berita", "//example.com/berita", "", "   ", "http://", "https:///berita",
    "http://user:secret@example.com/", "http://exa mple.com/", "http://example.com:99999/",
])
def test_only_http_urls(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _fake_dns(monkeypatch, {})
    with pytest.raises(FetchError):
        fetch_article(url)
    assert asked == []  # refused before any lookup


def test_scheme_message() -> None:
    with pytest.raises(FetchError, match=r"^file:///etc/passwd: only http:// and https:// pages are fetched"):
        fetch_article("file:///etc/passwd")


# --- rule 2: addresses


def test_loopback_refused_by_default(base: str) -> None:
    with pytest.raises(FetchError, match=r"127\.0\.0\.1, a loopback address; only public addresses are fetched"):
        fetch_article(f"{base}/article")


@pytest.mark.parametrize("answers", [["10.0.0.7"], ["93.184.216.34", "10.0.0.7"], ["2606:2800:220:1::1", "fd00::7"]])
def test_any_private_address_refused(answers: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"campur.test": answers})
    with pytest.raises(FetchError, match=rf"campur\.test is at {answers[-1]}, a private address"):
        fetch_article("http://campur.test/berita")


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {})
    with pytest.raises(FetchError, match="could not be found"):
        fetch_article("https://tidak-ada.test/")


@pytest.mark.parametrize(("address", "problem"), [
    ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"), ("::ffff:127.0.0.1", "a loopback address"),
    ("10.1.2.3", "a private address"), ("192.168.0.1", "a private address"), ("172.16.5.4", "a private address"),
    ("fd12::1", "a private address"), ("169.254.169.254", "a link-local address"), ("fe80::1", "a link-local address"),
    ("::ffff:169.254.169.254", "a link-local address"), ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"), ("240.0.0.1", "a reserved address"), ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"), ("100.64.0.1", "a non-public address"), ("2002:a00:1::", "a private address"),
    ("64:ff9b::7f00:1", "a loopback address"),
    ("93.184.216.34", None), ("8.8.8.8", None), ("::ffff:8.8.8.8", None), ("2001:4860:4860::8888", None),
])
def test_address_problem(address: str, problem: str | None) -> None:
    assert fetch._address_problem(ipaddress.ip_address(address)) == problem


# --- rule 3: redirects


def test_redirects_followed(base: str) -> None:
    page = fetch_article(f"{base}/redirect", allow_private=True)
    assert page.url == f"{base}/article"
    assert SENTENCE in page.text


def test_redirect_hop_is_checked_again(base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server stands for a public one (127.0.0.1 passes the check); its redirect to the cloud metadata
    address is refused, with allow_private=False as on a public dashboard."""
    real = fetch._address_problem
    monkeypatch.setattr(fetch, "_address_problem", lambda a: None if str(a) == "127.0.0.1" else real(a))
    assert SENTENCE in fetch_article(f"{base}/article").text  # the first hop alone is allowed
    with pytest.raises(FetchError, match=r"169\.254\.169\.254, a link-local address.*\(redirected from http://127"):
        fetch_article(f"{base}/to-metadata")


def test_redirect_to_other_scheme_refused(base: str) -> None:
    with pytest.raises(FetchError, match=r"^file:///etc/passwd: only http:// and https:// .*\(redirected from "):
        fetch_article(f"{base}/to-file", allow_private=True)


def test_redirect_loop_stops(base: str) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_article(f"{base}/loop", allow_private=True)


# --- rules 4 to 7: time, size, answers


def test_timeout(base: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"/slow: no answer within 1 s$"):
        fetch_article(f"{base}/slow", timeout=1, allow_private=True)
    assert time.monotonic() - start < 1.9


def test_overall_deadline(base: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"/trickle: the page did not arrive within 0\.9 s$"):
        fetch_article(f"{base}/trickle", timeout=0.3, allow_private=True)
    assert time.monotonic() - start < 1.5


def test_size_limit_while_streaming(base: str) -> None:
    with pytest.raises(FetchError, match=r"/huge: the page is larger than 0\.05 MB$"):
        fetch_article(f"{base}/huge", max_bytes=50_000, allow_private=True)


def test_size_limit_from_content_length(base: str) -> None:
    with pytest.raises(FetchError, match=r"the page is larger than 5 MB$"):
        fetch_article(f"{base}/huge-declared", allow_private=True)


@pytest.mark.parametrize(("path", "message"), [
    ("/image", r"/image: the page is image/png, not an HTML or text article$"),
    ("/nothing-here", r"/nothing-here: the server answered HTTP 404 Not Found$"),
    ("/empty", r"/empty: no article text found on the page$"),
])
def test_pages_that_are_no_article_are_refused(base: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_article(f"{base}{path}", allow_private=True)


def test_connection_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="refused the connection"):
        fetch_article(f"http://127.0.0.1:{port}/", allow_private=True)


def test_https_to_a_plain_http_server(base: str) -> None:
    """The TLS path: the handshake with a server that speaks plain HTTP fails, and says so."""
    with pytest.raises(FetchError, match=r"the secure \(HTTPS\) connection failed$"):
        fetch_article(base.replace("http://", "https://") + "/article", allow_private=True)
