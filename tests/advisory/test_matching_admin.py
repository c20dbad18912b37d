"""The suggestions page in the admin: ranked experts and offers with reasons, inviting two experts, withdrawing
an invitation, proposing an offer, bad input, who may open it, and a query count that does not grow."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisory.models import (
    AdvisoryRequest,
    Invitation,
    InvitationStatus,
    OfferStatus,
    ProposedOffer,
    RequestStatus,
)
from advisory.services.invitations import invitation_create
from advisory.services.requests import request_triage
from experts.models import ExpertProfile
from network.models import Country, Membership, Pillar, Theme, User
from network.visibility import Visibility
from tests.conftest import TOTP_SECRET
from tests.factories import ExpertProfileFactory, OfferFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _themes(*slugs: str) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def _expert(name: str, *, country: str = "PH", themes=("pcve",), **kwargs) -> ExpertProfile:
    return ExpertProfileFactory(
        user__full_name=name,
        membership__country=Country.objects.get(code=country),
        themes=_themes(*themes),
        **kwargs,
    )


def _grant_triage(user: User) -> User:
    """What the Moderators group holds for matching (advisory/migrations/0002_moderators_permissions.py)."""
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="advisory",
            codename__in=[
                "triage_advisoryrequest",
                "view_advisoryrequest",
                "view_invitation",
                "view_proposedoffer",
            ],
        )
    )
    return User.objects.get(pk=user.pk)  # a fresh object: no stale permission cache


@pytest.fixture
def triager(moderator: User) -> User:
    return _grant_triage(moderator)


@pytest.fixture
def triager_client(triager: User) -> Client:
    client = Client()
    client.force_login(triager)
    return client


@pytest.fixture
def triaged(filed_request: AdvisoryRequest, triager: User) -> AdvisoryRequest:
    return request_triage(request=filed_request, actor=triager, notify=False)


@pytest.fixture
def experts(member: User) -> dict[str, ExpertProfile]:
    """For a Kenyan request on PCVE and youth (pillar I, English or French, remote advice)."""
    return {
        "amina": _expert(
            "Amina Tesfaye",
            country="ET",
            themes=("pcve", "youth"),
            languages=[("fr", "fluent"), ("am", "native")],
            availability=["advisory"],
        ),
        "li": _expert("Li Wei", country="PH"),
        "carlos": _expert(
            "Carlos Border", country="CO", themes=("border-security",), pillars=[Pillar.PREVENT_COMBAT]
        ),
        "hidden": _expert("Hana Hidden", country="EG", visibility=Visibility.HIDDEN),
        "pillar": _expert(
            "Pat Pillar", country="ET", themes=("border-security",), pillars=[Pillar.CONDITIONS_CONDUCIVE]
        ),
        "suspended": _expert("Sam Suspended", membership__status=Membership.Status.SUSPENDED),
        "requester": ExpertProfileFactory(user=member, themes=_themes("pcve", "youth")),
    }


def _url(request: AdvisoryRequest) -> str:
    return reverse("admin:advisory_advisoryrequest_match", args=[request.pk])


def _invite(
    client: Client, request: AdvisoryRequest, *profiles: ExpertProfile, message: str = "Can you help?"
):
    return client.post(
        _url(request), {"action": "invite", "experts": [p.pk for p in profiles], "message": message}
    )


def test_the_page_ranks_active_members_with_reasons_and_leaves_out_the_rest(triager_client, triaged, experts):
    response = triager_client.get(_url(triaged))

    assert response.status_code == 200
    ranked = [row.item.pk for row in response.context["suggestions"].experts]
    assert ranked[0] == experts["amina"].pk
    assert set(ranked[:3]) == {experts["amina"].pk, experts["li"].pk, experts["hidden"].pk}
    assert ranked[3:] == [experts["pillar"].pk]  # a pillar only: after every shared theme, under its heading
    page = response.content.decode()
    assert "2 matching themes · speaks French · same sub-region · available for advisory" in " · ".join(
        response.context["suggestions"].experts[0].suggestion.reason_texts
    )
    for reason in ("2 matching themes", "speaks French", "same sub-region", "available for advisory"):
        assert reason in page
    assert "Profile hidden from the directory" in page
    assert page.index("Sharing only a pillar with the request") < page.index("Pat Pillar")
    for absent in ("Carlos Border", "Sam Suspended"):
        assert absent not in page
    assert triaged.title in page and triaged.reference in page
    # the message starts from a neutral brief that names neither the requester nor the country
    brief = response.context["invite_form"]["message"].value()
    assert "Remote advice" in brief
    assert triaged.institution not in brief and "Kenya" not in brief


def test_inviting_two_experts_stores_the_reasons_and_moves_the_request_to_finding_experts(
    triager_client, triager, triaged, experts
):
    response = _invite(
        triager_client, triaged, experts["amina"], experts["li"], message="A county M&E question."
    )

    assert response.status_code == 302 and response["Location"] == _url(triaged)
    invitations = {i.expert_id: i for i in Invitation.objects.filter(request=triaged)}
    assert set(invitations) == {experts["amina"].pk, experts["li"].pk}
    amina = invitations[experts["amina"].pk]
    assert amina.status == InvitationStatus.INVITED
    assert amina.message == "A county M&E question."
    assert amina.invited_by == triager
    assert amina.reasons == [
        "2 matching themes",
        "speaks French",
        "same sub-region",
        "available for advisory",
    ]
    assert amina.events.get().actor == triager
    triaged.refresh_from_db()
    assert triaged.status == RequestStatus.MATCHING

    page = triager_client.get(_url(triaged))
    assert "Invited: Amina Tesfaye, Li Wei." in page.content.decode()
    suggested = {row.item.pk for row in page.context["suggestions"].experts}
    assert suggested == {experts["hidden"].pk, experts["pillar"].pk}  # the invited are listed apart
    assert [i.expert_id for i in page.context["suggestions"].invitations] == [
        experts["amina"].pk,
        experts["li"].pk,
    ]


def test_the_same_invitation_posted_twice_invites_nobody_twice(triager_client, triaged, experts):
    _invite(triager_client, triaged, experts["amina"])
    response = _invite(triager_client, triaged, experts["amina"])

    assert Invitation.objects.filter(request=triaged).count() == 1
    page = triager_client.get(response["Location"]).content.decode()
    assert "Amina Tesfaye was not invited" in page


def test_a_refused_expert_does_not_stop_the_others(triager_client, triaged, experts):
    response = _invite(triager_client, triaged, experts["suspended"], experts["li"])

    assert list(Invitation.objects.filter(request=triaged).values_list("expert_id", flat=True)) == [
        experts["li"].pk
    ]
    page = triager_client.get(response["Location"]).content.decode()
    assert "Sam Suspended was not invited" in page


def test_bad_input_is_explained_and_keeps_what_was_typed(triager_client, triaged, experts):
    response = _invite(triager_client, triaged, message="My carefully written brief")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one expert to invite." in page
    assert "My carefully written brief" in page

    response = _invite(triager_client, triaged, experts["li"], message="   ")
    page = response.content.decode()
    assert "Tell the experts what the help is about." in page
    assert f'value="{experts["li"].pk}" id="expert-{experts["li"].pk}" checked' in page
    assert not Invitation.objects.exists()


def test_a_new_request_must_be_triaged_before_anyone_is_invited(triager_client, filed_request, experts):
    page = triager_client.get(_url(filed_request)).content.decode()
    assert "Experts can be invited once the request is triaged." in page

    response = _invite(triager_client, filed_request, experts["amina"])
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_withdrawing_an_invitation_is_audited_and_only_once(triager_client, triager, triaged, experts):
    invitation = invitation_create(
        request=triaged, expert=experts["li"], actor=triager, message="Help?", notify=False
    )
    withdraw = {"action": "withdraw", "invitation": invitation.pk}

    response = triager_client.post(_url(triaged), withdraw)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    event = invitation.events.latest("pk")
    assert (event.actor, event.from_status, event.to_status) == (triager, "invited", "withdrawn")
    triager_client.post(_url(triaged), withdraw)
    assert invitation.events.count() == 2  # invited, withdrawn: the second click changed nothing
    page = triager_client.get(_url(triaged)).content.decode()
    assert "Withdrawn" in page


def test_an_invitation_of_another_request_cannot_be_withdrawn_from_here(
    triager_client, triager, triaged, experts, make_member
):
    from tests.factories import AdvisoryRequestFactory

    other = AdvisoryRequestFactory(status=RequestStatus.TRIAGED)
    invitation = invitation_create(
        request=other, expert=experts["li"], actor=triager, message="Help?", notify=False
    )
    response = triager_client.post(_url(triaged), {"action": "withdraw", "invitation": invitation.pk})
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


def test_ranked_offers_can_be_proposed_to_the_requester_once(triager_client, triager, triaged, member):
    centre = OrganisationFactory(
        is_centre_of_excellence=True, country=Country.objects.get(code="ET"), name="IGAD Centre"
    )
    course = OfferFactory(title="Youth resilience course", themes=["pcve", "youth"], organisation=centre)
    loose = OfferFactory(title="PCVE webinar", themes=["pcve"], languages=["ar"])
    OfferFactory(title="Border course", themes=["border-security"], pillars=[Pillar.PREVENT_COMBAT])
    OfferFactory(title="Draft course", themes=["pcve"], status=OfferStatus.DRAFT)
    OfferFactory(title="Requester's own", themes=["pcve"], offered_by=member)

    response = triager_client.get(_url(triaged))
    assert [row.item.pk for row in response.context["suggestions"].offers] == [course.pk, loose.pk]
    page = response.content.decode()
    assert "from a Centre of Excellence" in page
    for absent in ("Border course", "Draft course", "Requester&#x27;s own"):
        assert absent not in page

    for _ in range(2):
        response = triager_client.post(_url(triaged), {"action": "propose", "offer": course.pk})
        assert response.status_code == 302
    proposal = ProposedOffer.objects.get(request=triaged)
    assert proposal.offer == course and proposal.proposed_by == triager
    assert "2 matching themes" in proposal.reasons and "from a Centre of Excellence" in proposal.reasons
    page = triager_client.get(_url(triaged))
    assert [row.item.pk for row in page.context["suggestions"].offers] == [loose.pk]
    assert "Already proposed to the requester" in page.content.decode()


def test_the_change_page_lists_invitations_with_their_reasons(triager_client, triager, triaged, experts):
    _invite(triager_client, triaged, experts["amina"])
    page = triager_client.get(
        reverse("admin:advisory_advisoryrequest_change", args=[triaged.pk])
    ).content.decode()
    assert "Amina Tesfaye" in page
    assert "2 matching themes · speaks French" in page


def test_the_page_costs_the_same_queries_for_many_experts_offers_and_invitations(
    triager_client, triager, triaged, django_assert_max_num_queries
):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert triager_client.get(_url(triaged)).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            profile = _expert(f"Expert {i}", country=("ET", "PH", "JO")[i % 3], languages=[("fr", "fluent")])
            OfferFactory(
                themes=["pcve"], organisation=OrganisationFactory(country=Country.objects.get(code="ET"))
            )
            if i % 3 == 0:
                invitation_create(
                    request=triaged, expert=profile, actor=triager, message="Help?", notify=False
                )

    add(2)
    count()  # the first request of a session warms caches
    few = count()
    add(12)
    assert count() == few
    # the session, the user, the two-factor check, the request with its themes, experts, offers, invitations,
    # proposals
    with django_assert_max_num_queries(11):
        triager_client.get(_url(triaged))


def test_only_staff_with_the_triage_permission_open_it(client, member_client, outsiders, make_user, triaged):
    url = _url(triaged)
    for visitor in (client, member_client, *outsiders.values()):
        response = visitor.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    staff = make_user(is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)
    staff_client = Client()
    staff_client.force_login(staff)
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"action": "propose", "offer": OfferFactory().pk}).status_code == 403
    assert not ProposedOffer.objects.exists()


def test_an_unknown_request_is_404(triager_client):
    assert triager_client.get("/admin/advisory/advisoryrequest/999999/match/").status_code == 404
    assert triager_client.get("/admin/advisory/advisoryrequest/abc/match/").status_code == 404


def test_a_request_from_a_deleted_account_still_has_suggestions(triager_client, triaged, experts):
    AdvisoryRequest.objects.filter(pk=triaged.pk).update(requested_by=None)
    response = triager_client.get(_url(triaged))
    assert experts["requester"].pk in {row.item.pk for row in response.context["suggestions"].experts}


def test_an_expert_without_membership_row_never_breaks_the_page(triager_client, triaged):
    UserFactory()  # a bare account: no membership, no profile
    assert triager_client.get(_url(triaged)).status_code == 200


def test_a_request_without_themes_is_matched_on_its_pillars_and_without_either_on_nothing(
    triager_client, triaged, experts
):
    triaged.themes.clear()
    response = triager_client.get(_url(triaged))
    rows = response.context["suggestions"].experts
    assert rows and all(row.suggestion.pillar_only for row in rows)
    assert experts["pillar"].pk in {row.item.pk for row in rows}

    AdvisoryRequest.objects.filter(pk=triaged.pk).update(pillars=[])
    response = triager_client.get(_url(triaged))
    assert response.context["suggestions"].experts == []
    assert "No other active member shares a theme or a pillar with this request." in response.content.decode()
