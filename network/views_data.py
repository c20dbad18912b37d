""" "Your data": a member downloads everything the portal holds about them, or deletes their account."""

from __future__ import annotations

import json

from allauth.account.decorators import reauthentication_required
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from network.forms import AccountDeleteForm
from network.permissions import members_only
from network.services.accounts import AccountDeletionError, account_delete
from network.types import AuthenticatedHttpRequest
from network.your_data import account_export


@members_only
def your_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "network/your_data.html")


@members_only
@never_cache
@require_safe
def your_data_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = account_export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"onse-your-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@members_only
@never_cache
@reauthentication_required
def account_delete_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reached after signing in again (allauth's reauthentication); one more explicit confirmation, then gone."""
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except AccountDeletionError as error:
            form.add_error(None, error)
        else:
            logout(request)
            return render(request, "network/your_data_deleted.html")
    return render(request, "network/your_data_delete.html", {"form": form})
