"""Member-written Markdown → safe HTML, rendered once when the text is written.

A model stores both the source the author typed and the HTML made from it (``markdown_fields`` gives the
pair); the service that writes the text (``post_create``, ``practice_update`` …) sets both in the same
transaction::

    post.body = body
    post.body_html = markdown_render(body)

Templates then print the stored ``body_html`` with ``|safe`` and never render Markdown themselves, and
neither does ``save()``; a change to the rules below is applied to old rows by re-rendering them in a data
migration or management command.

Two layers, each safe on its own: markdown-it-py parses CommonMark with raw HTML disabled (so HTML typed by
the author stays text), and nh3 (Ammonia) cleans the result against the allowlist below, dropping anything
not named there — tags, attributes, URL schemes. On top of that: every link gets ``rel="nofollow ugc
noopener"``; images become plain links to the picture (no remote image is ever loaded in a member's browser,
which would tell a third party who reads what, and costs bandwidth); headings start at ``<h3>`` so user
content never outranks the page's own ``<h1>``/``<h2>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import nh3
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

# The page has its title in <h1> and sections in <h2>: an author's "# Heading" becomes <h3>.
HEADING_OFFSET = 2

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "blockquote", "pre", "code", "strong", "em", "s", "a",
        "ul", "ol", "li", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs/newlines inside a URL

_parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False}).enable(
    ["table", "strikethrough", "linkify"]
)


def markdown_render(source: str) -> str:
    """Return sanitised HTML for Markdown ``source``; call it when the text is written, store the result."""
    tokens = _parser.parse(source)
    _shift_headings(tokens)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _images_to_links(token.children)
    return html_sanitise(_parser.renderer.render(tokens, _parser.options, {}))


def html_sanitise(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes of ``html``; mark links as user content."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=_drop_disguised_schemes,
    )


def _drop_disguised_schemes(tag: str, attribute: str, value: str) -> str | None:
    """Ammonia already refuses unknown schemes; this also refuses an address that becomes one once
    percent-decoded with the blanks removed (``java%09script:``): harmless to a browser, but no honest
    link looks like that and some mail clients and link checkers decode before they look."""
    if attribute in ("href", "src"):
        decoded = _IGNORED_IN_URLS.sub("", unquote(value)).lower()
        scheme = _SCHEME.match(decoded)
        if scheme and scheme.group(1) not in ALLOWED_URL_SCHEMES:
            return None
    return value


def _shift_headings(tokens: Sequence[Token]) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            token.tag = f"h{min(level + HEADING_OFFSET, 6)}"


def _images_to_links(children: list[Token]) -> list[Token]:
    """An image becomes a link to the picture labelled with its alt text (just the text inside a link,
    or when the picture's address is not a web address)."""
    result: list[Token] = []
    link_depth = 0
    for token in children:
        if token.type == "link_open":
            link_depth += 1
        elif token.type == "link_close":
            link_depth -= 1
        if token.type != "image":
            result.append(token)
            continue
        label = token.children or [_text(token.content)]
        src = str(token.attrGet("src") or "")
        if link_depth or urlsplit(src).scheme.lower() not in ("http", "https"):
            result.extend(label)
            continue
        link_open = Token("link_open", "a", 1, attrs={"href": src})
        if title := token.attrGet("title"):
            link_open.attrSet("title", str(title))
        result.extend([link_open, *label, Token("link_close", "a", -1)])
    return result


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def markdown_fields(
    verbose_name: StrOrPromise, *, blank: bool = False
) -> tuple[models.TextField, models.TextField]:
    """The pair of columns for one Markdown text: ``body, body_html = markdown_fields(_("text"))``.

    The first holds what the author typed (edited in forms), the second the HTML a service rendered from it
    with ``markdown_render`` (not editable, never typed by anyone).
    """
    source = models.TextField(
        verbose_name,
        blank=blank,
        help_text=_("Markdown: **bold**, _italic_, [a link](https://example.org), lists and tables."),
    )
    html = models.TextField(format_lazy("{} (HTML)", verbose_name), blank=True, editable=False)
    return source, html
