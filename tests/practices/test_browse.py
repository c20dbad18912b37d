"""Readers browse, search and read good practices: list, facets, matrix, practice page, endorsements."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from network.models import Membership, Theme
from network.visibility import Visibility
from practices.models import Endorsement, PracticeStatus
from tests.factories import ExpertProfileFactory, GoodPracticeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("practices:list")


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _translations(page: str) -> list[str]:
    """The language names under "Also in:" (the footer's language menu names every language too)."""
    found = re.search(r'<p class="translations">(.*?)</p>', page, re.S)
    return re.findall(r">([^<]+)</a>", found.group(1)) if found else []


def _page(client: Client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def readers():
    """A visitor, an applicant and a suspended member: none may see members-only or unpublished practices."""
    applicant = ExpertProfileFactory(membership__status=Membership.Status.APPLIED).user
    suspended = ExpertProfileFactory(membership__status=Membership.Status.SUSPENDED).user
    return {"visitor": _client(), "applicant": _client(applicant), "suspended": _client(suspended)}


@pytest.fixture
def member_reader():
    return _client(ExpertProfileFactory().user)


@pytest.fixture
def hidden_practices():
    members = GoodPracticeFactory(
        title="Secret mentoring network", visibility=Visibility.MEMBERS, countries=["JO"], themes=["youth"]
    )
    draft = GoodPracticeFactory(
        title="Secret draft network", status=PracticeStatus.IN_REVIEW, countries=["PH"]
    )
    return members, draft


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended"])
def test_non_members_never_see_members_only_or_unpublished_practices(who, readers, hidden_practices):
    client = readers[who]
    public = GoodPracticeFactory(title="Open mentoring network", countries=["KE"])
    members, draft = hidden_practices

    listing = _page(client, LIST)
    assert "Open mentoring network" in listing and "Secret" not in listing
    assert "1 practice" in listing
    searched = _page(client, LIST, q="network")
    assert "Secret" not in searched and "Open mentoring network" in searched
    # The facets do not count them either: no Jordan, no Philippines, no youth theme.
    assert "Jordan" not in listing and "Philippines" not in listing
    assert _page(client, LIST, country="JO").count("practice-card") == 0
    matrix = _page(client, reverse("practices:matrix"))
    assert "Jordan" not in matrix and "Philippines" not in matrix and "Kenya" in matrix
    for hidden in (members, draft):
        assert client.get(hidden.get_absolute_url()).status_code == 404
        endorse = client.post(reverse("practices:endorse", args=[hidden.slug]))
        assert endorse.status_code in {302, 404}
    assert client.get(public.get_absolute_url()).status_code == 200


def test_a_member_sees_members_only_practices_but_not_others_unpublished_ones(
    member_reader, hidden_practices
):
    listing = _page(member_reader, LIST)
    assert "Secret mentoring network" in listing and "Secret draft network" not in listing
    assert "Members only" in listing
    assert "Jordan" in _page(member_reader, reverse("practices:matrix"))
    members, draft = hidden_practices
    assert member_reader.get(members.get_absolute_url()).status_code == 200
    assert member_reader.get(draft.get_absolute_url()).status_code == 404


def test_staff_and_the_submitter_preview_an_unpublished_practice_under_a_banner(hidden_practices):
    _members, draft = hidden_practices
    for user in (UserFactory(is_staff=True), draft.submitted_by):
        page = _page(_client(user), draft.get_absolute_url())
        assert "Not published — status: In review" in page


@pytest.mark.parametrize(
    ("language", "title", "query"),
    [
        ("en", "Preventing violent extremism in schools", "prevention"),
        ("fr", "Les préventions communautaires de l'extrémisme", "prévention"),
        ("ar", "مكافحة التطرف العنيف في المدارس", "التطرف"),
        ("zh", "预防暴力极端主义的社区项目", "极端主义"),
    ],
)
def test_search_finds_a_practice_in_its_own_language_on_the_page(language, title, query):
    GoodPracticeFactory(title=title, language=language)
    GoodPracticeFactory(title="Border security training of trainers")
    page = _page(_client(), LIST, q=query)
    assert title.replace("'", "&#x27;") in page
    assert "Border security" not in page
    assert f'lang="{language}"' in page
    if language == "ar":
        assert 'dir="rtl"' in page


def test_facets_count_each_practice_once_and_apply_the_other_filters():
    GoodPracticeFactory(title="Two countries", countries=["KE", "NG"], themes=["pcve", "youth"])
    GoodPracticeFactory(title="Kenya only", countries=["KE"], themes=["pcve"])
    page = _page(_client(), LIST, country=["KE", "NG"])
    assert "2 practices" in page  # the practice in both countries is listed once
    assert page.count("Two countries") == 1
    # Ticking Kenya does not hide Nigeria from the country facet; the theme facet counts Kenya's practices.
    kenya = _page(_client(), LIST, country="KE")
    assert 'Nigeria</bdi> <span class="count">(1)' in kenya
    assert 'Kenya</bdi> <span class="count">(2)' in kenya
    youth = Theme.objects.get(slug="youth")
    assert f'name="theme" value="{youth.pk}"' in kenya


def test_the_year_filter_lists_what_ran_that_year():
    GoodPracticeFactory(title="Ran 2015 to 2017", start_year=2015, end_year=2017)
    GoodPracticeFactory(title="Ongoing since 2020", start_year=2020, end_year=None)
    GoodPracticeFactory(title="Only 2012", start_year=2012, end_year=2012)
    page = _page(_client(), LIST, year="2016")
    assert "Ran 2015 to 2017" in page and "Ongoing" not in page and "Only 2012" not in page
    page = _page(_client(), LIST, year=["2012", "2021"])
    assert "Ongoing since 2020" in page and "Only 2012" in page and "Ran 2015" not in page
    # The facet counts the ongoing practice up to this year and the 2015-2017 one in each of its years.
    assert 'name="year" value="2016"' in _page(_client(), LIST)


def test_filters_sort_and_remove_links_are_shareable_urls():
    organisation = OrganisationFactory(name="IGAD Centre of Excellence")
    practice = GoodPracticeFactory(title="Co-design workshop", countries=["ET"], target_groups=["youth"])
    practice.organisations.set([organisation])
    GoodPracticeFactory(title="Another one", countries=["KE"])
    page = _page(_client(), LIST, organisation=str(organisation.pk), sort="title")
    assert "Co-design workshop" in page and "Another one" not in page
    assert "Implementing organisation: IGAD Centre of Excellence" in page
    assert 'href="?sort=title"' in page  # removing the filter keeps the sort
    assert "Another one" not in _page(_client(), LIST, target_group="youth")
    # Bad values are dropped; the page still answers.
    assert "2 practices" in _page(_client(), LIST, country="K3", year="abc", pillar="9", sort="nope")


def test_an_empty_result_says_how_to_widen_the_search():
    GoodPracticeFactory()
    page = _page(_client(), LIST, q="zzzqqq")
    assert "No practice matches this search." in page
    assert "Some practices are visible to members of the network only." in page


def test_most_endorsed_sort_puts_endorsed_practices_first():
    focal = ExpertProfileFactory(membership__is_focal_point=True).user
    GoodPracticeFactory(title="Aaa not endorsed")
    endorsed = GoodPracticeFactory(title="Zzz endorsed")
    Endorsement.objects.create(practice=endorsed, endorser=focal)
    page = _page(_client(), LIST, sort="endorsed")
    assert page.index("Zzz endorsed") < page.index("Aaa not endorsed")


def test_the_matrix_links_each_cell_to_the_filtered_list():
    GoodPracticeFactory(countries=["PH"], themes=["pcve"])
    GoodPracticeFactory(countries=["PH", "MY"], themes=["pcve"])
    page = _page(_client(), reverse("practices:matrix"))
    pcve = Theme.objects.get(slug="pcve")
    assert f'href="{LIST}?country=PH&amp;theme={pcve.pk}"' in page
    assert "<caption" in page and 'scope="row"' in page and 'scope="col"' in page
    assert 'scope="rowgroup"' in page and "Asia" in page
    filtered = _page(_client(), LIST, country="PH", theme=str(pcve.pk))
    assert "2 practices" in filtered


def test_the_practice_page_shows_everything_and_names_only_people_the_reader_may_see():
    public_expert = ExpertProfileFactory(visibility=Visibility.PUBLIC, user__full_name="Amina Public")
    hidden_expert = ExpertProfileFactory(visibility=Visibility.MEMBERS, user__full_name="Omar Membersonly")
    organisation = OrganisationFactory(name="SEARCCT", slug="searcct")
    practice = GoodPracticeFactory(
        title="Training of trainers",
        submitted_by=hidden_expert.user,
        countries=["MY"],
        target_groups=["law-enforcement"],
        outcomes_html="<p>Forty trainers.</p>",
        lessons_html="<p>Start early.</p>",
        safeguards_html="<p>Gender balance.</p>",
        other_organisations="A local partner",
    )
    practice.organisations.set([organisation])
    practice.contact_experts.set([public_expert, hidden_expert])
    practice.keywords.add("training")
    practice.links.create(title="Evaluation report", url="https://example.org/report")

    visitor = _page(_client(), practice.get_absolute_url())
    for text in [
        "Forty trainers.",
        "Start early.",
        "Gender balance.",
        "A local partner",
        "training",
        "Evaluation report",
        "Malaysia",
        "Police and law enforcement",
        "/organisations/searcct/",
        "Amina Public",
    ]:
        assert text in visitor
    assert "Omar Membersonly" not in visitor
    member = _page(_client(ExpertProfileFactory().user), practice.get_absolute_url())
    assert "Omar Membersonly" in member and f"/experts/{hidden_expert.slug}/" in member


def test_translations_and_related_practices_respect_visibility():
    french = GoodPracticeFactory(title="Ateliers", language="fr")
    english = GoodPracticeFactory(title="Workshops", translation_group=french.translation_group)
    GoodPracticeFactory(
        title="Arabic members-only",
        language="ar",
        translation_group=french.translation_group,
        visibility=Visibility.MEMBERS,
    )
    GoodPracticeFactory(title="Related public", themes=["pcve"])
    GoodPracticeFactory(title="Related secret", themes=["pcve"], visibility=Visibility.MEMBERS)
    GoodPracticeFactory(title="Related draft", themes=["pcve"], status=PracticeStatus.DRAFT)

    visitor = _page(_client(), english.get_absolute_url())
    assert _translations(visitor) == ["Français"]
    assert "Related public" in visitor and "Related secret" not in visitor and "Related draft" not in visitor
    member = _page(_client(ExpertProfileFactory().user), english.get_absolute_url())
    assert _translations(member) == ["العربيّة", "Français"]  # Django's own name, with its shadda
    assert "Related secret" in member and "Related draft" not in member


def test_a_related_practice_in_several_languages_is_offered_once():
    practice = GoodPracticeFactory(title="Youth radio", themes=["pcve"])
    english = GoodPracticeFactory(title="Mentoring returnees", themes=["pcve"])
    GoodPracticeFactory(
        title="Mentorat des rapatriés",
        language="fr",
        themes=["pcve"],
        translation_group=english.translation_group,
    )
    GoodPracticeFactory(title="Community radio", themes=["pcve"])
    page = _page(_client(), practice.get_absolute_url())
    related = page.split('id="related-heading"')[1]
    assert related.count("Mentoring returnees") + related.count("Mentorat des rapatriés") == 1
    assert "Community radio" in related


def test_focal_points_endorse_once_and_members_see_who():
    practice = GoodPracticeFactory()
    focal = ExpertProfileFactory(membership__is_focal_point=True, user__full_name="Focal Person").user
    url = reverse("practices:endorse", args=[practice.slug])
    client = _client(focal)
    assert "Endorse this practice" in _page(client, practice.get_absolute_url())
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a second click keeps one endorsement
    assert Endorsement.objects.filter(practice=practice).count() == 1
    assert client.get(url).status_code == 405

    assert "1 focal point endorses this practice." in _page(_client(), practice.get_absolute_url())
    assert "Focal Person" not in _page(_client(), practice.get_absolute_url())
    assert "Focal Person" in _page(_client(ExpertProfileFactory().user), practice.get_absolute_url())

    client.post(url, {"withdraw": "1"})
    assert not Endorsement.objects.filter(practice=practice).exists()


def test_only_focal_points_endorse_and_only_published_practices():
    practice = GoodPracticeFactory()
    member = ExpertProfileFactory().user
    assert _client(member).post(reverse("practices:endorse", args=[practice.slug])).status_code == 403
    assert "Endorse this practice" not in _page(_client(member), practice.get_absolute_url())
    assert _client().post(reverse("practices:endorse", args=[practice.slug])).status_code == 302
    suspended = ExpertProfileFactory(
        membership__is_focal_point=True, membership__status=Membership.Status.SUSPENDED
    ).user
    assert _client(suspended).post(reverse("practices:endorse", args=[practice.slug])).status_code == 403
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    staff_focal = ExpertProfileFactory(membership__is_focal_point=True).user
    assert _client(staff_focal).post(reverse("practices:endorse", args=[draft.slug])).status_code == 404
    assert not Endorsement.objects.exists()


def test_the_main_menu_links_to_good_practices():
    assert f'href="{LIST}"' in _page(_client(), reverse("network:home"))
