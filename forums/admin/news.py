"""Staff write news items (public): the body rendered and the image redrawn by ``news_save``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forums.models import NewsItem
from forums.services.news import news_image_process, news_save


class NewsItemForm(forms.ModelForm):
    """The image is taken apart from the model field: it is checked and re-encoded before anything is saved."""

    image_upload = forms.FileField(
        label=_("image"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, up to 8 MB; stored re-encoded, without its metadata."),
    )
    remove_image = forms.BooleanField(label=_("remove the image"), required=False)

    class Meta:
        model = NewsItem
        fields = ["title", "slug", "summary", "body", "image_alt", "published_at"]

    def clean_image_upload(self) -> Any:
        upload = self.cleaned_data.get("image_upload")
        return news_image_process(upload) if upload else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        will_have_image = bool(data.get("image_upload")) or (
            bool(self.instance.image) and not data.get("remove_image")
        )
        if "image_upload" not in self.errors and will_have_image and not data.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return data


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    form = NewsItemForm
    list_display = ["title", "published_at", "is_published", "author"]
    list_filter = ["published_at"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["current_image", "author", "created_at"]
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "current_image",
        "image_upload",
        "remove_image",
        "image_alt",
        "published_at",
        "author",
        "created_at",
    ]

    @admin.display(description=_("published"), boolean=True)
    def is_published(self, obj: NewsItem) -> bool:
        return obj.published_at is not None and obj.published_at <= timezone.now()

    @admin.display(description=_("current image"))
    def current_image(self, obj: NewsItem) -> str:
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" style="max-inline-size: 240px">', obj.image.url, obj.image_alt
        )

    def save_model(self, request: HttpRequest, obj: NewsItem, form: Any, change: bool) -> None:
        news_save(
            item=obj,
            actor=request.user,
            image=form.cleaned_data.get("image_upload"),
            remove_image=bool(form.cleaned_data.get("remove_image")),
        )
