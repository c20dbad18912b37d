from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/about/", "/privacy/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_are_accessible_landmarks_and_light(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    html = response.content
    for marker in (b'href="#main"', b"<main", b"<nav", b"<footer", b'<html lang="en" dir="ltr"'):
        assert marker in (html if response.get("Content-Encoding") != "gzip" else _gunzip(html))
    assert len(html) < 60_000


def _gunzip(data: bytes) -> bytes:
    import gzip

    return gzip.decompress(data)


def test_arabic_pages_are_right_to_left_and_translated(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Online Network of Southern Experts</h1>" not in html


def test_language_switcher_works_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/about/"})
    assert response["Location"] == "/about/"
    assert '<html lang="fr" dir="ltr">' in client.get("/about/").content.decode()


def test_unknown_url_gets_the_branded_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Southern Experts" in response.content.decode()


def _boom(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_is_branded_without_a_stack_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_healthz_reports_postgres_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "postgres": True, "redis": True}


def test_healthz_is_503_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "postgres": True, "redis": False}


def test_production_settings_pass_the_deploy_check():
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "x7$k!2pQz9@vL#4mN8&rT1^wY6*bE3(hJ5)uC0%sD-fG+aZ=qX",
        "ALLOWED_HOSTS": "onse.example.org",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/onse",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp+tls://u:p@smtp.example.org:587",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_switching_language_while_signed_in_changes_the_email_language(member_client, member):
    page = member_client.get("/").content.decode()  # the member's form, with its token, as a browser sends it
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    member_client.post("/i18n/setlang/", {"language": "pt", "next": "/", "csrfmiddlewaretoken": token})
    member.refresh_from_db()
    assert member.preferred_language == "pt"


def test_account_pages_share_a_navigation_to_two_factor_setup(member_client):
    page = member_client.get("/accounts/email/").content.decode()
    assert 'href="/accounts/2fa/"' in page and 'aria-current="page"' in page
