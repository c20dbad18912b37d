"""Big cached fragments kept compressed, and spliced into a gzip response without being compressed again.

A members' list page is a cached fragment of 50 to 500 KB (the directory, the practices list, the country-by-theme
matrix) inside a page that is the reader's own (their name, their notifications, a form token). Compressing the
whole page for each request — as ``GZipMiddleware`` does — cost more than everything else the page does (the
matrix: ~10 ms of 500 KB). A ``CompressedFragment`` is compressed once, when it is built and cached, as a raw
DEFLATE segment that ends on a byte boundary without a final block; ``render_with_fragment`` renders the page
around a marker and, when the browser takes gzip, sends one gzip stream made of three DEFLATE segments (the page
before the fragment, compressed now; the fragment's, as stored; the page after it, compressed now and final).
The CRC-32 of the whole is chained from the pieces' (``_crc_after``); the gzip header carries a random-length
file name, as Django's ``GZipMiddleware`` does against BREACH. A browser that does not take gzip gets the page
with the fragment inflated.
"""

from __future__ import annotations

import secrets
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

_LEVEL = 6  # GZipMiddleware's
_MAX_RANDOM_BYTES = 100  # GZipMiddleware's: a file name of 0 to 99 bytes


def _deflater() -> Any:
    return zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw DEFLATE: no zlib header


@dataclass(frozen=True)
class CompressedFragment:
    """An HTML fragment as a raw DEFLATE segment (sync-flushed: no final block, byte-aligned), with what chaining
    its CRC-32 after other data needs."""

    deflated: bytes
    crc: int  # CRC-32 of the fragment's UTF-8
    zeros_crc: int  # CRC-32 of as many zero bytes
    size: int

    @classmethod
    def of(cls, html: str) -> CompressedFragment:
        data = html.encode()
        deflater = _deflater()
        deflated = deflater.compress(data) + deflater.flush(zlib.Z_SYNC_FLUSH)
        return cls(
            deflated=deflated, crc=zlib.crc32(data), zeros_crc=zlib.crc32(bytes(len(data))), size=len(data)
        )

    def html(self) -> str:
        return zlib.decompressobj(-zlib.MAX_WBITS).decompress(self.deflated).decode()


def _crc_after(crc: int, fragment: CompressedFragment) -> int:
    """The CRC-32 of (data whose CRC-32 is ``crc``) followed by the fragment. CRC-32 is affine in its starting
    value: crc(B, from x) = crc(zeros, from x) ^ crc(zeros, from 0) ^ crc(B, from 0), zeros as long as B."""
    return zlib.crc32(bytes(fragment.size), crc) ^ fragment.zeros_crc ^ fragment.crc


def gzip_around(before: bytes, fragment: CompressedFragment, after: bytes) -> bytes:
    """One gzip member: ``before``, the fragment, ``after``."""
    name = b"a" * secrets.randbelow(_MAX_RANDOM_BYTES) + b"\x00"
    # ID1 ID2, DEFLATE, FNAME flag, no modification time, no extra flags, unknown OS — then the name.
    header = b"\x1f\x8b\x08\x08" + b"\x00\x00\x00\x00" + b"\x00\xff" + name
    head = _deflater()
    tail = _deflater()
    crc = zlib.crc32(after, _crc_after(zlib.crc32(before), fragment))
    size = len(before) + fragment.size + len(after)
    return b"".join(
        [
            header,
            head.compress(before) + head.flush(zlib.Z_SYNC_FLUSH),
            fragment.deflated,
            tail.compress(after) + tail.flush(zlib.Z_FINISH),
            struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF),
        ]
    )


def _accepts_gzip(request: HttpRequest) -> bool:
    from django.middleware.gzip import re_accepts_gzip

    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def render_with_fragment(
    request: HttpRequest, template: str, context: dict[str, Any], name: str, fragment: CompressedFragment
) -> HttpResponse:
    """``render(request, template, context)`` with ``{{ name }}`` the fragment, compressed as described above
    when a signed-in reader's browser takes gzip (``GZipMiddleware`` leaves a response with a
    ``Content-Encoding`` alone)."""
    marker = f"<!--fragment {secrets.token_hex(8)}-->"
    response = render(request, template, {**context, name: mark_safe(marker)})  # noqa: S308  (our marker)
    before, found, after = response.content.partition(marker.encode())
    if not found:
        raise ValueError(f"{template} does not show {{{{ {name} }}}}")
    patch_vary_headers(response, ("Accept-Encoding",))
    # A visitor's page is compressed once where it is stored whole (``cache_for_visitors``), and stored as
    # the view gives it: only a signed-in reader's is spliced compressed here.
    if request.user.is_authenticated and _accepts_gzip(request):
        response.content = gzip_around(before, fragment, after)
        response["Content-Encoding"] = "gzip"
    else:
        response.content = before + fragment.html().encode() + after
    response["Content-Length"] = str(len(response.content))
    return response
