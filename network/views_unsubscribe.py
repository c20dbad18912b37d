"""The one-click unsubscribe link of every digest and notification email (network/unsubscribe.py, RFC 8058).

No sign-in: the signed token is the authority (it names one member and one kind of email). A GET only shows what
would stop and a button, so the link scanners of mail providers, which follow every link, unsubscribe no one. A
POST turns that kind off: from the page's button, or from the mail client's own "Unsubscribe" button, which posts
``List-Unsubscribe=One-Click`` without cookies — hence no CSRF check (nothing can be forged: the token is signed,
and the only effect is to turn an email off, recorded as ``EmailChoiceEvent`` "one-click").
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network.models import User
from network.services.preferences import email_unsubscribe, email_unsubscribed
from network.unsubscribe import UnsubscribeKind, unsubscribe_token_read


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    read = unsubscribe_token_read(token)
    if read is None:
        return render(request, "network/unsubscribe_invalid.html", status=400)
    member_id, kind = read
    member = User.objects.filter(pk=member_id).first()
    if member is None:  # the account was deleted since the email was sent
        return render(request, "network/unsubscribe_invalid.html", status=404)
    context = {"is_digest": kind == UnsubscribeKind.DIGEST}
    if request.method == "POST":
        email_unsubscribe(user=member, kind=kind)
        return render(request, "network/unsubscribe_done.html", context)
    context["already"] = email_unsubscribed(user=member, kind=kind)
    return render(request, "network/unsubscribe_confirm.html", context)
