"""The app served with its base address known (`streamlit run ui/server.py`), so a direct link
to a page logs no errors.

Opened at a page's own address (a shared link to /source), Streamlit's frontend cannot tell a
page from a base path the app is served under, so it first asks /source/_stcore/health and
/source/_stcore/host-config — two 404s in the console — before it finds the server at /
(streamlit/streamlit#7074, kept by the maintainers as the way the base is discovered). The
frontend takes the base from `window.__streamlit.BACKEND_BASE_URL` when a page sets it
(streamlit/streamlit#11537); Streamlit's own index.html is static, so this st.App adds that
one line to it: the base is where the page's own files are, "./" of its address, as
index.html loads them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import streamlit as st
from starlette.middleware import Middleware

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # app.py imports ui and geo from the repository root
    sys.path.insert(0, str(ROOT))

MARKER = b"<script>\n      window.prerenderReady = false"  # the start of Streamlit's first inline script
BASE_SCRIPT = (b"<script>window.__streamlit = Object.assign(window.__streamlit || {}, "
               b"{BACKEND_BASE_URL: new URL('./', document.baseURI).href});</script>\n    ")


def with_base(body: bytes) -> bytes:
    """Streamlit's index.html with the base address set before its bundle runs (any other
    HTML unchanged, and index.html too if a Streamlit version no longer has the marker)."""
    return body.replace(MARKER, BASE_SCRIPT + MARKER, 1) if MARKER in body else body


class BaseAddress:
    """ASGI middleware: the HTML of a browser's navigation passes through with_base (nothing
    else is touched)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        headers = dict(scope.get("headers") or [])
        if scope["type"] != "http" or scope.get("method") != "GET" or b"text/html" not in headers.get(b"accept", b""):
            await self.app(scope, receive, send)
            return
        # a page's navigation: its HTML uncompressed (8 kB), so the line can be added
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def buffered(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    start["pass"] = True
                    await send(message)
                    return
                start.update(message)
                return
            if start.get("pass") or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = with_base(b"".join(chunks))
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)


app = st.App(str(ROOT / "app.py"), middleware=[Middleware(BaseAddress)])
