"""Test-only pages: how a feature app serves an attachment once it has checked who may see its owner."""

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path

from network import urls as site_urls
from network.attachments import attachment_response
from tests.testapp.models import Item, ItemAttachment


def item_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    visible = ItemAttachment.objects.filter(item__in=Item.objects.visible_to(request.user))
    return attachment_response(get_object_or_404(visible, pk=pk))


urlpatterns = [
    path("items/attachments/<int:pk>/", item_attachment, name="item_attachment"),
    *site_urls.urlpatterns,
]
