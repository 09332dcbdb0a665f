"""How uvicorn serves the app: read deadlines for its HTTP/1.1 connections and the connection limit.

Against clients that send slowly or not at all:

uvicorn times out only the idle time *between* requests (`timeout_keep_alive`): a connection that
never finishes its request line and headers, or that drips its body a byte at a time, holds its place
for as long as the client likes. ASGI middleware cannot help, since the app sees a request only
after its headers. So the protocol itself gets two deadlines, in the manner of Apache's
mod_reqtimeout (`header=…`, `body=…,MinRate=…`):

- headers: the request line and headers must be complete within `header_timeout` seconds of the
  connection (or of the previous response); otherwise 408 and the connection is closed;
- body: the body must arrive within `body_timeout` seconds, extended by one second for every
  `min_upload_rate` bytes received; otherwise the connection is closed (the app sees the client
  leave, its upload is dropped and its place freed). Time while the app is not reading (uvicorn's
  flow control paused the socket) does not count against the client.

Idle connections thus leave within `header_timeout`; until then at most `max_connections` are open
(uvicorn's `limit_concurrency`, a plain 503 beyond it). Checks admitted at once are the app's own
limit (`capacity`, a 503 with Retry-After beyond it).
"""

from __future__ import annotations

import asyncio
import logging
import time
from functools import partial
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ivpcheck.web.config import ServeConfig

LOG = logging.getLogger("ivpcheck.web")
KEEP_ALIVE = 5.0  # seconds an idle keep-alive connection stays open after a response
TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 16\r\nconnection: close\r\n\r\nRequest Timeout\n"
)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline and a body deadline with a minimum rate."""

    def __init__(self, *args: Any, limits: ServeConfig, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self._timer: asyncio.TimerHandle | None = None
        self._phase = ""  # "headers", "body" or "" (no deadline)
        self._since = 0.0
        self._received = 0
        self._paused = 0.0  # seconds the app kept reading paused during the body

    # --- uvicorn's hooks ---

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start("headers")

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._phase == "body":
            self._received += len(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._follow()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)

    # --- deadlines ---

    def _follow(self) -> None:
        """Set the deadline that fits where the client is in its request."""
        state = self.conn.their_state
        if state is h11.IDLE:
            if self._phase != "headers":
                self._start("headers")
        elif state is h11.SEND_BODY:
            if self._phase != "body":
                self._start("body")
        elif self._phase:
            self._stop()

    def _start(self, phase: str) -> None:
        self._stop()
        self._phase = phase
        self._since = time.monotonic()
        self._received = 0
        self._paused = 0.0
        self._schedule()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._phase = ""

    def _deadline(self) -> float:
        if self._phase == "headers":
            return self._since + self.limits.header_timeout
        allowance = self._received / self.limits.min_upload_rate if self.limits.min_upload_rate else 0.0
        return self._since + self.limits.body_timeout + allowance + self._paused

    def _schedule(self) -> None:
        delay = max(0.05, self._deadline() - time.monotonic())
        self._timer = self.loop.call_later(delay, self._check)

    def _check(self) -> None:
        """The deadline came: close the connection, unless the client kept up (then wait again)."""
        self._timer = None
        if not self._phase or self.transport.is_closing():
            return
        if self._phase == "body" and self.flow.read_paused:  # the app is not reading: not the client's fault
            self._paused += 1.0
            self._timer = self.loop.call_later(1.0, self._check)
            return
        if time.monotonic() < self._deadline():
            self._schedule()
            return
        LOG.warning("closing a connection: request %s too slow (%s)", self._phase, self.client)
        if self._phase == "headers":
            self.transport.write(TIMEOUT_RESPONSE)
        self._phase = ""
        self.transport.close()


def uvicorn_config(app: Any, config: ServeConfig, host: str, port: int) -> uvicorn.Config:
    """uvicorn's settings for the app: the guarded protocol, the connection limit, quiet logs."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=partial(GuardedH11Protocol, limits=config),  # type: ignore[arg-type]
        log_level="warning",
        access_log=False,
        limit_concurrency=config.max_connections,
        timeout_keep_alive=KEEP_ALIVE,
    )
