"""The Moderators group runs the advisory desk: they see every request and triage, match and close it (the
triage permission; status only through the desk's actions), correct its classification (change), add and read
internal notes, and read the audit trails, invitations and proposed offers; they moderate offers (view, change:
publish, request changes, reject, close through the queue's actions) and see who registered interest. Never add or
delete a request, an invitation or an offer by hand (members file and offer; the services invite; deleting would
erase the audit trail), never edit or delete a note (what was written stays)."""

from django.db import migrations

from network.moderators import moderators_grant, moderators_revoke

MODERATOR_PERMISSIONS = [
    ("advisoryrequest", ["view_advisoryrequest", "change_advisoryrequest", "triage_advisoryrequest"]),
    ("advisoryrequestevent", ["view_advisoryrequestevent"]),
    ("requestnote", ["view_requestnote", "add_requestnote"]),
    ("invitation", ["view_invitation"]),
    ("invitationevent", ["view_invitationevent"]),
    ("proposedoffer", ["view_proposedoffer"]),
    ("offer", ["view_offer", "change_offer"]),
    ("offerevent", ["view_offerevent"]),
    ("offerinterest", ["view_offerinterest"]),
]


def grant(apps, schema_editor):
    moderators_grant(apps, [("advisory", model, codenames) for model, codenames in MODERATOR_PERMISSIONS])


def revoke(apps, schema_editor):
    moderators_revoke(apps, "advisory")


class Migration(migrations.Migration):
    dependencies = [
        ("advisory", "0001_initial"),
        ("network", "0003_moderators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
