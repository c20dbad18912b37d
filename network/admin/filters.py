"""List filters every staff list shares: each ignores a value that is not one of its choices (a typed, stale or
hostile URL shows the unfiltered list, never an error), and each is configured with a field path, never
subclassed per model (`RegionFilter.for_path("countries__network_region")`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, lookup_spawns_duplicates
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from network.models import Country, NetworkRegion, Theme

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

# Addresses typed without a scheme are https (Django 6's default; 5.2 warns without it).
URL_HTTPS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class ChoiceListFilter(admin.SimpleListFilter):
    """A list filter that ignores any value that is not one of its choices (typed, stale or hostile URLs)."""

    def chosen(self) -> str | None:
        value = self.value()
        return value if value in {str(key) for key, _label in self.lookup_choices} else None


class PathListFilter(ChoiceListFilter):
    """A filter on a field reached by a path (`country__network_region`, `countries`…): use `for_path`."""

    field_path = ""

    @classmethod
    def for_path(
        cls, field_path: str, *, parameter_name: str | None = None, title: StrOrPromise | None = None
    ) -> type[Self]:
        attrs: dict[str, Any] = {
            "field_path": field_path,
            "parameter_name": parameter_name or cls.parameter_name,
            "title": title or cls.title,
        }
        return type(f"{cls.__name__}_{field_path}", (cls,), attrs)

    def __init__(self, request: HttpRequest, params: Any, model: Any, model_admin: Any) -> None:
        if not self.field_path:
            raise ImproperlyConfigured(f"{type(self).__name__}: use {type(self).__name__}.for_path(...)")
        super().__init__(request, params, model, model_admin)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.chosen()
        if value is None:
            return queryset
        queryset = queryset.filter(**{self.field_path: value})
        if lookup_spawns_duplicates(queryset.model._meta, self.field_path):
            queryset = queryset.distinct()
        return queryset


class RegionFilter(PathListFilter):
    """The network's regions; `RegionFilter.for_path("country__network_region")`."""

    title = _("network region")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return NetworkRegion.choices


class CountryFilter(PathListFilter):
    """Only the countries the listed objects have, by translated name; `CountryFilter.for_path("country")`."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        present = model_admin.get_queryset(request).order_by().values(self.field_path)
        codes = set(Country.objects.filter(code__in=present).values_list("code", flat=True))
        return [(code, name) for code, name in countries if code in codes]  # sorted by translated name


class ThemeFilter(PathListFilter):
    """The active themes; `ThemeFilter.for_path("themes")`."""

    title = _("theme")
    parameter_name = "theme"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [(str(theme.pk), theme.name) for theme in Theme.objects.active()]


class PresentChoicesFilter(PathListFilter):
    """A field with many choices (a language): only the values the listed objects have, by label;
    `PresentChoicesFilter.for_path("language", parameter_name="language", title=_("language"))`."""

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        field = get_fields_from_path(model_admin.model, self.field_path)[-1]
        present = set(model_admin.get_queryset(request).order_by().values_list(self.field_path, flat=True))
        return sorted(
            ((value, label) for value, label in field.flatchoices if value in present),
            key=lambda choice: str(choice[1]),
        )


class ChoiceArrayFilter(PathListFilter):
    """An ArrayField of choices (pillars, target groups): rows whose array holds the chosen value;
    `ChoiceArrayFilter.for_path("pillars", parameter_name="pillar", title=_("pillar"))`."""

    def _base_field(self, model: Any) -> Any:
        field: Any = get_fields_from_path(model, self.field_path)[-1]
        return field.base_field

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [(str(value), label) for value, label in self._base_field(model_admin.model).flatchoices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.chosen()
        if value is None:
            return queryset
        item = self._base_field(queryset.model).to_python(value)
        return queryset.filter(**{f"{self.field_path}__contains": [item]})
