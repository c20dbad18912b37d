from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from network import views, views_data, views_unsubscribe

# The admin signs in through allauth: rate limits, email verification and the TOTP step apply to staff too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = _("ONSE administration")
admin.site.site_title = _("ONSE administration")
admin.site.index_title = _("Moderation")
admin.site.enable_nav_sidebar = False  # the membership queue needs the width more than a second menu

network_patterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("me/", views.dashboard, name="dashboard"),
    path("membership/apply/", views.apply, name="apply"),
    path("membership/", views.membership_status, name="membership_status"),
    path("members/", views.members_home, name="members_home"),
    path("members/details/", views.member_details, name="member_details"),
    path("me/notifications/settings/", views.notification_settings, name="notification_settings"),
    path("unsubscribe/<str:token>/", views_unsubscribe.unsubscribe, name="unsubscribe"),
    path("me/data/", views_data.your_data, name="your_data"),
    path("me/data/download/", views_data.your_data_download, name="your_data_download"),
    path("me/data/delete/", views_data.account_delete_confirm, name="account_delete"),
]
if settings.DEBUG:  # the development outbox does not exist in production, not even for staff
    network_patterns += [
        path("dev/outbox/", views.outbox_list, name="outbox_list"),
        path("dev/outbox/<str:message_id>/", views.outbox_detail, name="outbox_detail"),
    ]

urlpatterns = [
    path("", include((network_patterns, "network"))),
    path("", include("experts.urls")),
    path("practices/", include("practices.urls")),
    path("discussions/", include("forums.urls")),
    path("news/", include("forums.news_urls")),
    path("advisory/", include("advisory.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

# Uploaded photos in development (static() adds nothing unless DEBUG); production serves MEDIA_ROOT itself.
# Attachments are not under MEDIA_ROOT (settings.ATTACHMENTS_ROOT): only views that check visibility serve them.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# allauth answers its own rate limits (e.g. "login" per address) with this view: our 429 page, Retry-After.
handler429 = views.too_many_requests
