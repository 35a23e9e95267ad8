"""The workbench's guards: host check, optional access token, CSRF, security headers.

The app is meant for one analyst on their own machine. It binds to loopback by
default; bound elsewhere it demands a token. Every write needs the per-session
CSRF token its form carries, and the session cookie is SameSite=Strict, so a
page elsewhere in the analyst's browser cannot post edits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

SESSION_COOKIE = "cc_session"
TOKEN_COOKIE = "cc_token"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" on form posts.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


@dataclass
class Guard:
    """Settings of one app instance; ``secret`` signs CSRF tokens and never leaves the process."""

    token: str | None = None
    hosts: set[str] = field(default_factory=lambda: set(LOOPBACK))  # accepted Host header names; '*' for any
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def csrf_for(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: str | None, sent: object) -> bool:
        # compared as bytes: a non-ASCII or non-string token (a multipart file) is simply wrong, never a 500
        return bool(session) and isinstance(sent, str) and bool(sent) and hmac.compare_digest(
            self.csrf_for(session).encode(), sent.encode("utf-8", "surrogateescape"))

    def host_ok(self, request: Request) -> bool:
        # A Host check defeats DNS rebinding against the loopback server.
        return "*" in self.hosts or (request.url.hostname or "") in self.hosts

    def token_ok(self, request: Request) -> bool:
        if self.token is None:
            return True
        sent = request.cookies.get(TOKEN_COOKIE) or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        return same_secret(sent, self.token)


def same_secret(sent: object, expected: str) -> bool:
    """Constant-time comparison of a sent secret that may be anything (non-ASCII, empty, not a string)."""
    return isinstance(sent, str) and bool(sent) and hmac.compare_digest(
        sent.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape"))


def same_origin(request: Request) -> bool:
    """Browsers send Origin on POST; when present it must be this server."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host")


class GuardMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, guard: Guard):
        super().__init__(app)
        self.guard = guard

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        guard = self.guard
        if not guard.host_ok(request):
            return self._headers(PlainTextResponse("unexpected Host header", status_code=400))
        if guard.token is not None and not guard.token_ok(request):
            given = request.query_params.get("token")
            if same_secret(given, guard.token):
                # Trade the token in the URL for a cookie, and drop it from the address bar.
                rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, guard.token, httponly=True, samesite="strict")
                return self._headers(response)
            return self._headers(PlainTextResponse(
                "access token required: open the URL printed by 'counterclaim serve'", status_code=401))
        session = request.cookies.get(SESSION_COOKIE)
        fresh = session is None
        if fresh:
            session = secrets.token_urlsafe(24)
        request.state.session = session
        request.state.csrf = guard.csrf_for(session)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin(request):
            return self._headers(PlainTextResponse("cross-origin request refused", status_code=403))
        response = await call_next(request)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict")
        return self._headers(response)

    @staticmethod
    def _headers(response: Response) -> Response:
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response
