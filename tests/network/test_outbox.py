import pytest
from django.core.mail import EmailMultiAlternatives

from network.dev_outbox import OutboxEmailBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox_dir(settings, tmp_path):
    settings.EMAIL_OUTBOX_DIR = tmp_path
    return tmp_path


def _send(outbox_dir):
    message = EmailMultiAlternatives(
        "Hello Nairobi",
        "Plain body https://example.org/x",
        to=["a@example.org"],
        connection=OutboxEmailBackend(),
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    message.send()


def test_dev_outbox_writes_eml_files_staff_can_read(outbox_dir, moderator_client, urlconf_with_debug):
    urlconf_with_debug(True)
    _send(outbox_dir)
    assert len(list(outbox_dir.glob("*.eml"))) == 1
    listing = moderator_client.get("/dev/outbox/").content.decode()
    assert "Hello Nairobi" in listing
    message_id = next(outbox_dir.glob("*.eml")).stem
    detail = moderator_client.get(f"/dev/outbox/{message_id}/").content.decode()
    assert "Plain body" in detail and "HTML body" in detail


def test_dev_outbox_is_closed_without_debug_and_to_non_staff(
    outbox_dir, moderator_client, member_client, urlconf_with_debug
):
    _send(outbox_dir)
    urlconf_with_debug(False)
    assert moderator_client.get("/dev/outbox/").status_code == 404
    urlconf_with_debug(True)
    assert member_client.get("/dev/outbox/").status_code == 302
