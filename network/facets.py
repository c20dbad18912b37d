"""Facet counts for a django-filter ``FilterSet``: how many results each option of a filter would give.

As in every faceted search, a facet's counts apply all the *other* filters but not its own, so ticking
"Kenya" does not make every other country show zero. Each facet is one ``GROUP BY``, and all of them
run as one statement (plus one query for the option labels of each facet that is a relation), whatever the
number of rows or facets::

    filterset = PracticeFilterSet(request.GET, queryset=GoodPractice.objects.published().visible_to(user))
    facets = facet_counts(filterset, facets=["country", "region", "themes", "pillars"])

and in the template::

    {% for option in facets.themes.options %}{{ option.label }} ({{ option.count }}){% endfor %}

A facet names a filter of the filterset; the column it counts is that filter's ``field_name`` unless
``Facet(name, field=...)`` says otherwise. Foreign keys and many-to-many fields are counted per related row
(labelled with ``str()`` of it), Postgres arrays per element (``unnest``), any other column per value
(labelled from its choices), including across relations: ``country__network_region``.

The filterset is expected to use django-filter's own ``filter_queryset`` (one filter per form field).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import django_filters
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import connections, models
from django.db.models.constants import LOOKUP_SEP
from django.http import QueryDict
from django.utils import translation

from .cache import cache_key, namespace_cached, statement_key

Sort = Literal["count", "label", "value"]


@dataclass(frozen=True)
class Facet:
    """A facet of a filterset: ``field`` overrides the filter's ``field_name``; ``values`` is an expression
    giving each row's values as a set (a set-returning function such as ``generate_series``), counted like the
    elements of an array: a practice running 2019 to 2021 counts once for each of those years."""

    name: str
    field: str | None = None
    sort: Sort = "count"
    values: Any = None
    # At most this many options are shown — the most frequent, plus any selected — and the rest counted
    # ("and 1,785 more"): a facet with two thousand organisations would weigh more than the page it filters.
    limit: int | None = None


@dataclass(frozen=True)
class FacetOption:
    value: Any
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetResult:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    more: int = 0  # options with results that ``Facet.limit`` left out

    @property
    def is_active(self) -> bool:
        return any(option.selected for option in self.options)


class ArrayOverlapFilter(django_filters.TypedMultipleChoiceFilter):
    """Rows whose Postgres array shares a value with the selection (practices about pillar I *or* III).

    ``ArrayOverlapFilter(field_name="pillars", choices=Pillar.choices, coerce=int)``.
    """

    def filter(self, qs: models.QuerySet[Any], value: list[Any]) -> models.QuerySet[Any]:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__overlap": list(value)})


class KeysField(forms.Field):
    """A list of keys from the query string (``?country=KE&country=NG``). Values of the wrong form, or not among
    ``choices`` when given, are dropped instead of failing the form: a stale or hand-edited link still works."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, coerce: Any = str, choices: Any = None, **kwargs: Any) -> None:
        kwargs.pop("null_label", None)
        super().__init__(**kwargs)
        self.coerce = coerce
        self.allowed = choices

    def clean(self, value: Any) -> list[Any]:
        allowed = None
        if self.allowed is not None:
            allowed = {
                str(key) for key, _label in (self.allowed() if callable(self.allowed) else self.allowed)
            }
        keys = []
        for item in value or []:
            text = str(item)[:60]
            if allowed is not None and text not in allowed:
                continue
            try:
                key = self.coerce(text)
            except (TypeError, ValueError):
                continue
            if key not in keys:
                keys.append(key)
        return keys


def row_id(text: str) -> int:
    """A primary key from the query string (``KeysFilter(coerce=row_id)``)."""
    number = int(text)
    if not 0 < number < 2**63:
        raise ValueError(text)
    return number


def country_code(text: str) -> str:
    """An ISO 3166 alpha-2 code from the query string, upper-cased."""
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise ValueError(text)
    return text.upper()


class KeysFilter(django_filters.Filter):
    """Rows whose ``field_name`` is one of the selected keys (any of them)."""

    field_class = KeysField

    def filter(self, qs: models.QuerySet[Any], value: list[Any]) -> models.QuerySet[Any]:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


class KeysOverlapFilter(ArrayOverlapFilter):
    """``ArrayOverlapFilter`` that drops unknown values instead of rejecting the form."""

    field_class = KeysField


def facet_counts(
    filterset: django_filters.FilterSet,
    facets: Iterable[str | Facet],
    *,
    cache_namespaces: Sequence[str] = (),
) -> dict[str, FacetResult]:
    """Counts for each facet, keyed (in the order given) by the facet's name.

    Every facet's ``GROUP BY`` travels in one statement (``UNION ALL``), so a page with ten facets costs one
    query for the counts, plus one for the labels of each relational facet.

    With ``cache_namespaces`` (the data the rows come from, e.g. ``("experts",)``) the whole result — counts and
    labels — is cached under ``facet_cache_key``: the filterset's base statement (the reader's visibility is in
    it), its data (the filter state), the facets, the active language and the namespaces' versions
    (network/cache.py): any change to that data makes it stale."""
    specs = [facet if isinstance(facet, Facet) else Facet(facet) for facet in facets]
    if not specs:
        return {}
    if cache_namespaces:
        return namespace_cached(
            cache_namespaces,
            ("facets", facet_cache_key(filterset, specs)),
            lambda: _facet_counts(filterset, specs),
        )
    return _facet_counts(filterset, specs)


def facet_cache_key(filterset: django_filters.FilterSet, facets: Iterable[str | Facet]) -> str:
    """What a filterset's facets depend on: its base rows' statement, its data, the facets asked for and the
    active language (the labels). Also the ``vary_on`` of the facets' template fragment."""
    return "\x1f".join(
        [
            statement_key(filterset.queryset),
            repr(_data_items(filterset.data)) if filterset.is_bound else "unbound",
            repr(list(facets)),
            translation.get_language() or "",
        ]
    )


def facets_fragment_key(
    filterset: django_filters.FilterSet, facets: Iterable[str | Facet], cache_namespaces: Sequence[str]
) -> str:
    """The ``vary_on`` of the rendered facets (``{% cache fragment_timeout "facets" facets_key using="pages" %}``
    around ``includes/facet_filters.html``): the same as their counts', under the namespaces' versions."""
    return cache_key(cache_namespaces, ["facets-html", facet_cache_key(filterset, facets)])


def _data_items(data: Any) -> list[tuple[str, str]]:
    """A filterset's data as sorted pairs, whatever it is (a ``QueryDict`` with repeated keys, a dict)."""
    if hasattr(data, "lists"):
        return sorted((str(key), str(value)) for key, values in data.lists() for value in values)
    return sorted((str(key), str(value)) for key, value in (data or {}).items())


def _facet_counts(filterset: django_filters.FilterSet, specs: list[Facet]) -> dict[str, FacetResult]:
    plans = [_plan_facet(filterset, spec) for spec in specs]
    counts = _run_counts(filterset.queryset.db, plans)
    return {
        spec.name: _facet_result(filterset, spec, target, counts[index])
        for index, (spec, (target, _sql, _params)) in enumerate(zip(specs, plans, strict=True))
    }


def _plan_facet(filterset: django_filters.FilterSet, facet: Facet) -> tuple[Any, str, tuple[Any, ...]]:
    """The facet's target field and the SQL of its (value, count) rows."""
    path = facet.field or filterset.filters[facet.name].field_name
    rows = _rows_without(filterset, facet.name)
    # Count over the matching rows rather than grouping the filtered queryset itself: its joins (a theme
    # filter joins the themes table) would otherwise restrict or multiply the groups.
    matching = rows.model._base_manager.filter(pk__in=rows.values("pk"))
    if facet.values is not None:
        target = facet.values.output_field
        each: Any = facet.values
    else:
        target = _resolve(rows.model, path)
        each = models.Func(models.F(path), function="unnest") if isinstance(target, ArrayField) else None
    if each is not None:
        # One row per element, grouped outside: Postgres refuses set-returning functions in GROUP BY.
        elements = matching.order_by().annotate(facet_row=models.F("pk"), facet_value=each)
        inner, params = elements.values("facet_row", "facet_value").query.sql_with_params()
        sql = (
            "SELECT facet_value, COUNT(DISTINCT facet_row) FROM (" + inner + ") AS elements"  # noqa: S608  # Django-compiled SQL, values in params
            " WHERE facet_value IS NOT NULL GROUP BY facet_value"
        )
        return target, sql, tuple(params)
    grouped = matching.order_by().values_list(path).annotate(n=models.Count("pk", distinct=True))
    sql, params = grouped.query.sql_with_params()
    return target, sql, tuple(params)


def _run_counts(db: str, plans: list[tuple[Any, str, tuple[Any, ...]]]) -> list[dict[Any, int]]:
    """All facets' counts in one round trip; JSON keeps each value's type (text, number, boolean)."""
    branches = []
    params: list[Any] = []
    for index, (_target, sql, facet_params) in enumerate(plans):
        branches.append(
            f"(SELECT {index}, COALESCE(json_agg(json_build_array(f.value, f.n)), '[]'::json)"  # noqa: S608  # Django-compiled SQL, values in params
            f" FROM ({sql}) AS f(value, n))"
        )
        params.extend(facet_params)
    with connections[db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        rows = dict(cursor.fetchall())
    results = []
    for index in range(len(plans)):
        pairs = rows.get(index) or []
        if isinstance(pairs, str):
            pairs = json.loads(pairs)
        results.append({value: n for value, n in pairs if value is not None})
    return results


def _facet_result(
    filterset: django_filters.FilterSet, facet: Facet, target: Any, raw: dict[Any, int]
) -> FacetResult:
    own_filter = filterset.filters[facet.name]
    related = target.related_model if target.is_relation else None
    counts = {_plain(related, value): n for value, n in raw.items()}
    selected = _selected_values(filterset, facet.name)
    more = 0
    if facet.limit is not None and len(counts) > facet.limit:
        frequent = sorted(counts, key=lambda value: (-counts[value], str(value)))[: facet.limit]
        kept = set(frequent) | {value for value in counts if str(value) in selected}
        more = len(counts) - len(kept)
        counts = {value: n for value, n in counts.items() if value in kept}
    labels = _labels(target, counts, selected)
    options = [
        FacetOption(value=value, label=label, count=counts.get(value, 0), selected=str(value) in selected)
        for value, label in labels.items()
        if counts.get(value) or str(value) in selected
    ]
    sort_keys = {
        "count": lambda o: (-o.count, o.label.casefold()),
        "label": lambda o: o.label.casefold(),
        "value": lambda o: o.value,
    }
    options.sort(key=sort_keys[facet.sort])
    return FacetResult(name=facet.name, label=str(own_filter.label or facet.name), options=options, more=more)


def _rows_without(filterset: django_filters.FilterSet, excluded: str) -> models.QuerySet[Any]:
    """The filterset's queryset with every valid filter applied except ``excluded`` (as ``FilterSet.qs``)."""
    queryset = filterset.queryset.all()
    if not filterset.is_bound:
        return queryset
    filterset.errors  # noqa: B018  # validates the form once, like FilterSet.qs
    for name, value in filterset.form.cleaned_data.items():
        if name != excluded:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def _resolve(model: type[models.Model], path: str) -> Any:
    """The model field at the end of a lookup path such as ``country__network_region``."""
    opts = model._meta
    target: Any = None
    for part in path.split(LOOKUP_SEP):
        target = opts.get_field(part)
        if target.is_relation and target.related_model is not None:
            opts = target.related_model._meta
    return target


def _plain(related: type[models.Model] | None, value: Any) -> Any:
    """A related row's key as stored (a country code, not django-countries' ``Country`` object), so that
    option values are plain strings and numbers, ready for a query string."""
    return related._meta.pk.get_prep_value(value) if related is not None else value


def _selected_values(filterset: django_filters.FilterSet, name: str) -> set[str]:
    if not filterset.is_bound:
        return set()
    value = filterset.form.cleaned_data.get(name)
    if value in (None, ""):
        return set()
    items = value if isinstance(value, list | tuple | set | frozenset | models.QuerySet) else [value]
    return {str(item.pk if isinstance(item, models.Model) else item) for item in items}


def _labels(target: Any, counts: dict[Any, int], selected: set[str]) -> dict[Any, str]:
    """A label for every counted or selected value: the related row's ``str()`` or the choice's label."""
    if target.is_relation and target.related_model is not None:
        related = target.related_model
        wanted = set(counts) | {related._meta.pk.to_python(value) for value in selected}
        return {_plain(related, obj.pk): str(obj) for obj in related._base_manager.filter(pk__in=wanted)}
    choices_of = target.base_field if isinstance(target, ArrayField) else target
    choice_labels = {str(value): str(label) for value, label in choices_of.flatchoices}
    values = {str(value): value for value in counts}
    for value in selected:
        if value in choice_labels and value not in values:
            values[value] = choices_of.to_python(value)
    return {value: choice_labels.get(key, key) for key, value in values.items()}


# --- Presenting a faceted list: the filters in force, each with the URL that removes it ------------------------


@dataclass(frozen=True)
class ActiveFilter:
    """A selected filter value, with the URL of the same search without it (to loosen a narrow result)."""

    label: str
    remove_url: str


def query_without(query: QueryDict, name: str, value: str | None = None) -> str:
    """The current query string without one value of one filter (or the whole filter), from page 1."""
    remaining = query.copy()
    remaining.pop("page", None)
    if value is None:
        remaining.pop(name, None)
    else:
        remaining.setlist(name, [item for item in remaining.getlist(name) if item != value])
    return "?" + remaining.urlencode() if remaining else "?"


def active_filters(
    query: QueryDict,
    facets: Mapping[str, FacetResult],
    search: str,
    *,
    facet_prefix: bool = True,
    switches: Iterable[str] = (),
) -> list[ActiveFilter]:
    """The search and every selected option, labelled "Facet: option" (``facet_prefix=False``: the option
    alone); a yes/no facet named in ``switches`` shows as its own label while "yes" is selected."""
    switches = frozenset(switches)
    active = []
    if search:
        active.append(ActiveFilter(label=f"“{search}”", remove_url=query_without(query, "q")))
    for name, facet in facets.items():
        for option in facet.options:
            if not option.selected:
                continue
            if name in switches:
                if option.value is True:
                    active.append(ActiveFilter(label=facet.label, remove_url=query_without(query, name)))
                continue
            label = f"{facet.label}: {option.label}" if facet_prefix else option.label
            active.append(ActiveFilter(label=label, remove_url=query_without(query, name, str(option.value))))
    return active


def with_pillar_numerals(facet: FacetResult) -> FacetResult:
    """A facet over the Strategy's pillars, each option shown with its numeral ("II. Measures to …")."""
    from network.models import Pillar

    options = [
        replace(option, label=f"{Pillar(option.value).numeral}. {option.label}") for option in facet.options
    ]
    return replace(facet, options=options)
