"""Lists in running text use the reader's language's separator (network/lists.py)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from network.lists import list_join


@pytest.mark.parametrize(
    ("language", "joined"),
    [("en", "Kenya, Brazil"), ("fr", "Kenya, Brazil"), ("ar", "Kenya، Brazil"), ("zh-hans", "Kenya、Brazil")],
)
def test_a_list_is_joined_the_way_the_language_writes_lists(language, joined):
    with translation.override(language):
        assert list_join(["Kenya", "Brazil"]) == joined


def test_the_template_filter_escapes_each_item():
    template = Template("{% load lists %}{{ items|list_join }}")
    with translation.override("ar"):
        rendered = template.render(Context({"items": ["<b>Kenya</b>", "Brazil"]}))
    assert rendered == "&lt;b&gt;Kenya&lt;/b&gt;، Brazil"
