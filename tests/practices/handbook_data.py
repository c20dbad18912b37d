"""Sample handbook content in English, French, Arabic and Chinese (tests and bench/handbook.py)."""
# ruff: noqa: RUF001  # Chinese sample text uses the full-width comma

from __future__ import annotations

from typing import Any

from network.markdown import markdown_render
from network.models import Pillar
from practices.models import GoodPractice, Handbook, HandbookEntry
from tests.factories import GoodPracticeFactory, OrganisationFactory

ARABIC_TITLE = "تمكين الشباب في مواجهة التطرف العنيف"
ARABIC_SUMMARY = "عملت منظمات المجتمع المدني في الأردن مع الشباب المعرضين للخطر لبناء القدرة على الصمود."
CHINESE_TITLE = "社区预防暴力极端主义对话"
CHINESE_SUMMARY = "地方领袖与青年工作者合作，建立了防止招募的早期预警网络。"

SAMPLES: list[dict[str, Any]] = [
    {
        "title": "Strategic communications for the national P/CVE action plan",
        "summary": "Workshops helped a national team design counter-messaging for its action plan.",
        "body": "The team mapped audiences and **tested** messages with communities.",
        "language": "en",
        "countries": ["PH"],
        "pillars": [Pillar.CONDITIONS_CONDUCIVE],
        "org": "SEARCCT",
    },
    {
        "title": "Co-designing a regional prevention curriculum",
        "summary": "A Centre of Excellence co-designed training with practitioners from six States.",
        "body": "Participants drafted modules on community policing and early warning.",
        "language": "en",
        "countries": ["ET", "KE"],
        "pillars": [Pillar.STATE_CAPACITY, Pillar.CONDITIONS_CONDUCIVE],
        "org": "IGAD Centre of Excellence",
    },
    {
        "title": "Training of trainers for border officials",
        "summary": "Border officers trained peers on risk analysis and human-rights compliant screening.",
        "body": "Each trainer ran two courses in their own service within six months.",
        "language": "en",
        "countries": ["NE"],
        "pillars": [Pillar.PREVENT_COMBAT],
        "org": "",
    },
    {
        "title": "Accompagnement des victimes du terrorisme",
        "summary": "Un réseau d'associations offre un soutien psychologique et juridique aux victimes.",
        "body": "Les associations ont formé des **accompagnateurs** dans trois régions.",
        "language": "fr",
        "countries": ["ML", "BF"],
        "pillars": [Pillar.HUMAN_RIGHTS],
        "org": "Réseau des associations de victimes",
    },
    {
        "title": "Dialogue parlementaire sur la prévention",
        "summary": "Des parlementaires ont examiné les lois antiterroristes au regard des droits humains.",
        "body": "Trois auditions publiques ont réuni la société civile et les ministères.",
        "language": "fr",
        "countries": ["SN"],
        "pillars": [Pillar.HUMAN_RIGHTS],
        "org": "",
    },
    {
        "title": ARABIC_TITLE,
        "summary": ARABIC_SUMMARY,
        "body": "نظمت الجمعيات جلسات حوار في المدارس ودربت مرشدين من المجتمع المحلي.",
        "language": "ar",
        "countries": ["JO"],
        "pillars": [Pillar.CONDITIONS_CONDUCIVE],
        "org": "جمعية الشباب الأردني",
    },
    {
        "title": "مكافحة تمويل الإرهاب في المنطقة",
        "summary": "تدريب وحدات الاستخبارات المالية على تحليل المعاملات المشبوهة.",
        "body": "شاركت الهيئات الإقليمية في تمارين عملية على دراسات حالة.",
        "language": "ar",
        "countries": ["EG", "MA"],
        "pillars": [Pillar.PREVENT_COMBAT],
        "org": "",
    },
    {
        "title": CHINESE_TITLE,
        "summary": CHINESE_SUMMARY,
        "body": "该项目培训了社区导师，并在学校开展了对话活动。",
        "language": "zh-hans",
        "countries": ["MY"],
        "pillars": [Pillar.CONDITIONS_CONDUCIVE],
        "org": "SEARCCT",
    },
]


def sample_practices(count: int = len(SAMPLES)) -> list[GoodPractice]:
    """``count`` published practices cycling through the samples (titles numbered past the first round)."""
    organisations: dict[str, Any] = {}
    practices = []
    for n in range(count):
        sample = SAMPLES[n % len(SAMPLES)]
        suffix = f" ({n // len(SAMPLES) + 1})" if n >= len(SAMPLES) else ""
        body = (sample["body"] + "\n\n") * (1 + n % 3)
        practice = GoodPracticeFactory(
            title=sample["title"] + suffix,
            summary=sample["summary"],
            body=body,
            body_html=markdown_render(body),
            outcomes="- " + sample["summary"],
            outcomes_html=markdown_render("- " + sample["summary"]),
            lessons=sample["body"],
            lessons_html=markdown_render(sample["body"]),
            language=sample["language"],
            pillars=sample["pillars"],
            countries=sample["countries"],
            themes=["pcve"],
            start_year=2018,
            end_year=2022 if n % 2 else None,
        )
        if sample["org"]:
            if sample["org"] not in organisations:
                organisations[sample["org"]] = OrganisationFactory(name=sample["org"])
            practice.organisations.add(organisations[sample["org"]])
        else:
            GoodPractice.objects.filter(pk=practice.pk).update(other_organisations="Ministry of Interior")
            practice.other_organisations = "Ministry of Interior"
        practices.append(practice)
    return practices


def sample_handbook(count: int = len(SAMPLES), **kwargs: Any) -> Handbook:
    introduction = "This handbook gathers **South-South** initiatives shared by the network's members."
    handbook = Handbook.objects.create(
        title=kwargs.pop("title", "South-South initiatives in CT/PVE"),
        introduction=introduction,
        introduction_html=markdown_render(introduction),
        **kwargs,
    )
    for position, practice in enumerate(sample_practices(count), start=1):
        HandbookEntry.objects.create(handbook=handbook, practice=practice, position=position)
    return handbook
