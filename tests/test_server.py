"""ui/server.py: Streamlit's index.html gets its base address, and nothing else changes."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit

from ui import server

INDEX = (Path(streamlit.__file__).parent / "static" / "index.html").read_bytes()


def test_the_installed_index_gets_the_base_before_its_bundle():
    # a Streamlit upgrade that drops the marker would bring the 404s back: this says so
    changed = server.with_base(INDEX)
    assert changed.count(b"BACKEND_BASE_URL") == 1
    assert changed.index(b"BACKEND_BASE_URL") < changed.index(b'<script type="module"')
    assert changed.replace(server.BASE_SCRIPT, b"") == INDEX


def test_other_html_is_left_alone():
    assert server.with_base(b"<html><body>a component</body></html>") == b"<html><body>a component</body></html>"


def call(accept: bytes, body: bytes, content_type: bytes = b"text/html; charset=utf-8",
         method: str = "GET") -> tuple[dict, bytes, list]:
    """One request through the middleware around an app that answers `body` in two chunks."""
    seen_headers: list = []

    async def inner(scope, receive, send):
        seen_headers.extend(scope["headers"])
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body[:100], "more_body": True})
        await send({"type": "http.response.body", "body": body[100:]})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/source",
             "headers": [(b"accept", accept), (b"accept-encoding", b"gzip")]}
    # in a thread of its own: the browser tests' Playwright keeps an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, server.BaseAddress(inner)(scope, None, send)).result()
    start = sent[0]
    return dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:]), seen_headers


def test_a_page_navigation_gets_the_base_with_its_length():
    headers, body, asked = call(b"text/html,application/xhtml+xml,*/*;q=0.8", INDEX)
    assert body == server.with_base(INDEX) and body != INDEX
    assert headers[b"content-length"] == str(len(body)).encode()
    assert b"accept-encoding" not in dict(asked)  # uncompressed, so the line can be added


def test_scripts_and_other_requests_pass_untouched():
    script = b"console.log('x');" * 20
    headers, body, asked = call(b"*/*", script, content_type=b"text/javascript")
    assert body == script and dict(asked)[b"accept-encoding"] == b"gzip"
    _, body, _ = call(b"text/html", INDEX, method="POST")
    assert body == INDEX
