"""A small HTTP and WebSocket relay for the dashboard's browser tests: a visitor from another address.

It listens on a second loopback address (127.0.0.2) and connects to the app from that address too, so the app
sees the peer a machine of the network would give it. It may rewrite request headers on the way (``Host`` and
``Origin`` set to what a visitor on the app's own machine would send) and add some (``X-Forwarded-For``, as a
reverse proxy does): the proof that headers a visitor writes do not decide who may write.

Each request head is rewritten as it passes (requests with a ``Content-Length`` body are followed to the next
head); after a WebSocket upgrade the bytes are piped as they are. Test code only: no TLS, no chunked uploads.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

HEAD_END = b"\r\n\r\n"
Rewrite = Callable[[list[tuple[str, str]]], list[tuple[str, str]]]


def set_headers(**values: str) -> Rewrite:
    """A rewrite that sets each header (``X_Forwarded_For="..."`` is ``X-Forwarded-For``), replacing any."""
    wanted = {name.replace("_", "-"): value for name, value in values.items()}

    def rewrite(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        kept = [(n, v) for n, v in headers if n.lower() not in {w.lower() for w in wanted}]
        return kept + list(wanted.items())
    return rewrite


class Relay:
    """``Relay(("127.0.0.1", app_port), rewrite)``; ``start()`` returns the address to open in the browser."""

    def __init__(self, target: tuple[str, int], rewrite: Rewrite | None = None, host: str = "127.0.0.2") -> None:
        self.target = target
        self.rewrite = rewrite or (lambda headers: headers)
        self.host = host
        self.server = socket.create_server((host, 0))
        self.port = self.server.getsockname()[1]
        self._closed = False

    def start(self) -> str:
        threading.Thread(target=self._accept, daemon=True).start()
        return f"http://{self.host}:{self.port}"

    def close(self) -> None:
        self._closed = True
        self.server.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target, source_address=(self.host, 0))
            threading.Thread(target=self._requests, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _requests(self, client: socket.socket, upstream: socket.socket) -> None:
        """Client to app: rewrite each request head; after an upgrade, pipe."""
        buffer = b""
        try:
            while True:
                while HEAD_END not in buffer:
                    chunk = client.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                head, buffer = buffer.split(HEAD_END, 1)
                lines = head.decode("latin-1").split("\r\n")
                headers = [(n.strip(), v.strip()) for n, v in (line.split(":", 1) for line in lines[1:] if ":" in line)]
                headers = self.rewrite(headers)
                upstream.sendall(("\r\n".join([lines[0], *(f"{n}: {v}" for n, v in headers)]) + "\r\n\r\n")
                                 .encode("latin-1"))
                named = {n.lower(): v for n, v in headers}
                if named.get("upgrade", "").lower() == "websocket":
                    if buffer:
                        upstream.sendall(buffer)
                    self._pipe(client, upstream)
                    return
                length = int(named.get("content-length", "0") or 0)
                while len(buffer) < length:
                    chunk = client.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                upstream.sendall(buffer[:length])
                buffer = buffer[length:]
        except OSError:
            return
        finally:
            for end in (client, upstream):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
