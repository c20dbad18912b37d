"""The handbook in the admin: front matter, published practices in order, "Build PDF" and the downloads.

Registered from ``PracticesConfig.ready`` so it stands apart from the moderation admin (practices/admin.py).
Building runs in Celery (practices/services/handbook.py); the builds inline shows each build's status and
progress (reload the page to follow it) and links the newest finished PDF. The PDF and the printable HTML are
served by views behind the admin login that also check the handbook permissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from network.admin.tools import ReadOnlyAdminMixin
from practices.models import GoodPractice, Handbook, HandbookBuild, HandbookEntry
from practices.services.handbook import handbook_build_request, handbook_can_build, handbook_save


class HandbookEntryInline(admin.TabularInline):
    model = HandbookEntry
    extra = 3
    fields = ["position", "practice"]
    ordering = ["position", "pk"]
    verbose_name_plural = _("Practices, in the order they appear within their pillar")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "practice":  # only published practices can be chosen (the model checks it too)
            kwargs["queryset"] = GoodPractice.objects.published().order_by("title")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HandbookBuildInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = HandbookBuild
    fields = ("requested_at", "requested_by", "status", "progress_bar", "page_count", "finished_at", "error")
    readonly_fields = fields
    ordering = ["-requested_at", "-pk"]
    max_num = 0
    verbose_name_plural = _("Builds (reload the page to follow progress)")

    @admin.display(description=_("progress"))
    def progress_bar(self, build: HandbookBuild) -> str:
        return format_html(
            '<progress max="100" value="{}">{}%</progress> {}% <small>{}</small>',
            build.progress,
            build.progress,
            build.progress,
            build.message,
        )


@admin.register(Handbook)
class HandbookAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "language", "entry_count", "last_build", "updated_at"]
    search_fields = ["title"]
    fields = ["title", "language", "introduction"]
    inlines = [HandbookEntryInline, HandbookBuildInline]
    actions = ["build_pdf"]
    change_form_template = "admin/practices/handbook/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Handbook]:
        return super().get_queryset(request).prefetch_related("entries", "builds")

    @admin.display(description=_("practices"))
    def entry_count(self, handbook: Handbook) -> int:
        return len(handbook.entries.all())

    @admin.display(description=_("last build"))
    def last_build(self, handbook: Handbook) -> str:
        builds = sorted(handbook.builds.all(), key=lambda b: (b.requested_at, b.pk), reverse=True)
        if not builds:
            return "—"
        build = builds[0]
        return f"{build.get_status_display()} ({build.progress}%)"

    def save_model(self, request: HttpRequest, obj: Handbook, form: Any, change: bool) -> None:
        handbook_save(handbook=obj, actor=request.user)

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        handbook = context.get("original")
        if handbook is not None:
            context["handbook_can_build"] = handbook_can_build(request.user)
            context["handbook_last_build"] = handbook.last_successful_build()
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description=_("Build the PDF of the selected handbooks"))
    def build_pdf(self, request: HttpRequest, queryset: QuerySet[Handbook]) -> None:
        for handbook in queryset:
            self._request_build(request, handbook)

    def _request_build(self, request: HttpRequest, handbook: Handbook) -> None:
        try:
            handbook_build_request(handbook=handbook, actor=request.user)
        except ValidationError as error:
            self.message_user(request, f"{handbook}: {' '.join(error.messages)}", messages.ERROR)
        else:
            self.message_user(
                request,
                _("%(handbook)s: the PDF is being built; reload the page to follow its progress.")
                % {"handbook": handbook},
                messages.SUCCESS,
            )

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/build/", wrap(require_POST(self.build_view)), name="practices_handbook_build"),
            path("<int:pk>/pdf/", wrap(self.pdf_view), name="practices_handbook_pdf"),
            path("<int:pk>/html/", wrap(self.html_view), name="practices_handbook_html"),
            *super().get_urls(),
        ]

    def _handbook(self, request: HttpRequest, pk: int) -> Handbook:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Handbook, pk=pk)

    def build_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        handbook = self._handbook(request, pk)
        if not handbook_can_build(request.user):
            raise PermissionDenied
        self._request_build(request, handbook)
        return HttpResponseRedirect(reverse("admin:practices_handbook_change", args=[handbook.pk]))

    def pdf_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """The newest successfully built PDF, as a download."""
        handbook = self._handbook(request, pk)
        build = handbook.last_successful_build()
        if build is None:
            raise Http404(_("This handbook has not been built yet."))
        response = FileResponse(
            build.file.open("rb"),
            as_attachment=True,
            filename=f"{slugify(handbook.title) or 'handbook'}.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def html_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The printable page, rendered now from the current entries (the browser's Print makes a PDF too)."""
        from practices.handbook import handbook_html

        handbook = self._handbook(request, pk)
        return HttpResponse(handbook_html(handbook))
