"""The advisory demo's content (seeded by advisory/demo.py), grounded in the UNOCT/UNCCT programme documents
(shared/context): the strategic-communications support to the Philippines' National Action Plan on P/CVE, the
IGAD Centre of Excellence and SEARCCT, countering the financing of terrorism with financial intelligence units,
border security with training of trainers, the victims of terrorism support programme, the countering terrorist
travel programme. People are the demo members (network/demo.py, experts/demo.py); their words are invented.

Dates are days before the seeding; each step of a request's or an offer's history comes a few days after the
previous one.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisory.models import (
    Confidentiality,
    Delivery,
    InvitationStatus,
    Modality,
    OfferKind,
    OfferStatus,
    RequestStatus,
    Timeframe,
)
from network.visibility import Visibility

MATCHED, STAFF = Confidentiality.MATCHED, Confidentiality.STAFF
ACCEPTED, DECLINED, INVITED = InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.INVITED


@dataclass(frozen=True)
class DemoInvitation:
    expert: str  # email of the invited expert
    answer: str  # InvitationStatus: accepted, declined, or invited (no answer yet)
    reasons: tuple[str, ...]
    note: str = ""  # the expert's note with their answer


@dataclass(frozen=True)
class DemoRequest:
    by: str
    title: str
    institution: str
    country: str
    need: str
    themes: tuple[str, ...]
    pillars: tuple[int, ...]
    languages: tuple[str, ...]
    modality: str
    status: str  # the status it ends in
    days_ago: int
    timeframe: str = Timeframe.FLEXIBLE
    confidentiality: str = STAFF
    on_behalf: bool = False
    message: str = ""  # staff's brief to the invited experts
    invitations: tuple[DemoInvitation, ...] = ()
    proposed_offers: tuple[str, ...] = ()  # titles of demo offers staff propose
    note: str = ""  # the decline reason, the withdrawal note, the outcome staff record
    rating: int | None = None
    what_changed: str = ""


@dataclass(frozen=True)
class DemoOffer:
    by: str
    title: str
    summary: str
    description: str
    kind: str
    delivery: str
    themes: tuple[str, ...]
    pillars: tuple[int, ...]
    languages: tuple[str, ...]
    status: str
    days_ago: int
    organisation: str | None = None  # slug of a demo organisation
    visibility: str = Visibility.MEMBERS
    starts_in_days: int | None = None  # None: dates on request
    length_days: int = 0
    capacity: int | None = None
    eligibility: str = ""
    note: str = ""  # the moderator's note (changes requested, rejected, closed)
    interested: tuple[tuple[str, str], ...] = ()  # (member email, message)


OFFERS: list[DemoOffer] = [
    DemoOffer(
        "nurul@example.org",
        "SEARCCT regional course: online radicalisation and strategic communications",
        "A five-day course for officials who design prevention campaigns: how recruiters use social media, "
        "audience research, and testing counter-messages with the people they are meant for.",
        "Designed with UNOCT's strategic-communications project and taught by **SEARCCT** trainers and "
        "practitioners from ASEAN Member States.\n\n- Days 1 and 2: how online radicalisation works\n"
        "- Days 3 and 4: audience research and message testing\n- Day 5: a campaign plan for your own country",
        OfferKind.TRAINING, Delivery.HYBRID, ("cyber-new-tech", "strategic-communications", "education"), (1, 2),
        ("en", "ms"), OfferStatus.PUBLISHED, 260, organisation="searcct", visibility=Visibility.PUBLIC,
        starts_in_days=75, length_days=4, capacity=25,
        eligibility="Officials of ministries of interior, communications and education in the global South; "
        "priority to ASEAN Member States.",
        interested=(
            ("member@example.org", "Two colleagues from our regional offices in Mindanao would join."),
            ("layla@example.org", "We would send one youth worker who runs our online outreach."),
        ),
    ),
    DemoOffer(
        "focal@example.org",
        "Study visit to IGAD's Centre of Excellence in Preventing and Countering Violent Extremism",
        "Three days in Djibouti with the Centre's team: how IGAD Member States write and review national P/CVE "
        "strategies, and how the Centre co-designed its strategic communications with UNOCT.",
        "The visit is built around your questions, sent beforehand. It includes meetings with the Centre's "
        "research and communications teams and, when possible, with a national coordination body of the "
        "region.\n\nThe Centre hosts the visit; travel is the visitors' own or their partners'.",
        OfferKind.STUDY_VISIT, Delivery.IN_PERSON, ("pcve", "national-strategies", "international-cooperation"),
        (1, 3), ("en", "fr"), OfferStatus.PUBLISHED, 180, organisation="igad-icepcve", capacity=8,
        eligibility="Teams of two to four officials from national P/CVE coordination bodies.",
        interested=(
            ("aissata.traore@example.org", "Notre commission nationale souhaite envoyer trois personnes."),
            ("amani.njoroge@example.org", "Two county coordinators would learn a lot from the review process."),
        ),
    ),
    DemoOffer(
        "chinedu.okafor@example.org",
        "Terrorist-financing analysis: a hands-on course for FIU analysts",
        "Ten remote sessions for analysts of financial intelligence units: suspicious-transaction analysis, "
        "mobile-money typologies and cooperation with FATF-style regional bodies.",
        "Each session works on an anonymised case. Analysts leave with a typology checklist they can use with "
        "reporting entities, and contacts in other units of the region.",
        OfferKind.TRAINING, Delivery.REMOTE, ("cft", "crime-terror-nexus"), (2,), ("en",),
        OfferStatus.PUBLISHED, 120, capacity=20,
        eligibility="Analysts of financial intelligence units in Africa, Asia and the Middle East.",
        interested=(("hodan.warsame@example.org", "Our Financial Reporting Center has four new analysts."),),
    ),
    DemoOffer(
        "aisha.albalushi@example.org",
        "Mentoring for teams setting up advance passenger information (API/PNR)",
        "Monthly calls over six months with a team that runs API/PNR screening at airports, for a team that is "
        "starting one under the UN Countering Terrorist Travel Programme.",
        "Practical questions first: data protection rules, working with airlines, watch-list hits and false "
        "positives, and the handover between border police and analysts.",
        OfferKind.MENTORING, Delivery.REMOTE, ("terrorist-travel", "border-security"), (2,), ("ar", "en"),
        OfferStatus.PUBLISHED, 90, visibility=Visibility.PUBLIC, capacity=2,
        eligibility="Border and aviation-security agencies of the global South implementing API/PNR.",
    ),
    DemoOffer(
        "mariam.alhosani@example.org",
        "Places at a regional workshop: education for preventing violent extremism",
        "Hedayah offers ten places, travel included, at its regional workshop for teachers and curriculum "
        "designers.",
        "Three days on building resilience through the curriculum, with teachers' guides in Arabic and English.",
        OfferKind.IN_KIND, Delivery.IN_PERSON, ("education", "pcve"), (1,), ("ar", "en"), OfferStatus.CLOSED, 150,
        organisation="hedayah", starts_in_days=-40, length_days=2, capacity=10,
        eligibility="Ministries of education of the Middle East and North Africa.",
        note="All ten places are taken; the workshop took place.",
    ),
    DemoOffer(
        "thandiwe.mokoena@example.org",
        "Adapting a victims-support handbook to your country: a two-day workshop",
        "For teams that want to adapt the good practices for supporting victims of terrorism to their own "
        "services and languages.",
        "We start from the handbooks of the UN Victims of Terrorism Support Programme and work on your own "
        "services map: who a victim meets first, what they are entitled to, and how civil society helps.",
        OfferKind.TRAINING, Delivery.REMOTE, ("victims", "human-rights", "gender"), (1, 4), ("en",),
        OfferStatus.SUBMITTED, 2, capacity=3,
        eligibility="Government services and civil-society organisations supporting victims of terrorism.",
    ),
    DemoOffer(
        "marlon.campbell@example.org",
        "Youth diversion mentoring from Kingston",
        "Six months of mentoring for police officers who start a youth diversion programme.",
        "What worked in Kingston: community partners, schools, and keeping young people out of the courts.",
        OfferKind.MENTORING, Delivery.REMOTE, ("youth", "law-enforcement"), (1, 2), ("en",),
        OfferStatus.CHANGES_REQUESTED, 20,
        note="Thank you: please say who may apply (which services, which countries) and how many mentees you "
        "can take.",
    ),
    DemoOffer(
        "lucia.quispe@example.org",
        "Expert time: reviewing extremist content in Spanish and Quechua",
        "",
        "",
        OfferKind.EXPERT_TIME, Delivery.REMOTE, ("cyber-new-tech",), (2, 3), ("es",), OfferStatus.DRAFT, 6,
        organisation="andes-digital-trust",
    ),
    DemoOffer(
        "rafiqul.islam@example.org",
        "Licences for a social-media monitoring tool",
        "We can share licences of the tool our unit uses to monitor extremist channels.",
        "Ten licences for one year.",
        OfferKind.IN_KIND, Delivery.REMOTE, ("cyber-new-tech", "law-enforcement"), (2,), ("en", "bn"),
        OfferStatus.REJECTED, 70, capacity=10,
        note="The network does not broker monitoring software. Your unit's experience of online investigations "
        "would be very welcome as an offer of expert time or training.",
    ),
]  # fmt: skip


REQUESTS: list[DemoRequest] = [
    DemoRequest(
        "member@example.org",
        "Monitoring and evaluation of our National Action Plan on P/CVE",
        "Presidential Communications Office", "PH",
        "Six technical workshops supported the **strategic communications** of our National Action Plan on "
        "P/CVE. We now need a simple framework to monitor and evaluate its communications component:\n\n"
        "- which indicators, and how local government units can collect them;\n"
        "- how to report to the inter-agency committee every quarter.\n\n"
        "We would like to learn from a country that monitors a plan with many local partners.",
        ("national-strategies", "pcve", "strategic-communications"), (1, 3), ("en", "tl"),
        Modality.POLICY_REVIEW, RequestStatus.COMPLETED, 150, timeframe=Timeframe.HALF_YEAR,
        confidentiality=MATCHED,
        message="A national communications office in South-East Asia asks for comments on a monitoring "
        "framework for the communications component of its P/CVE action plan, remotely, over about three "
        "months. Your experience with county action plans seems close to what they need.",
        invitations=(
            DemoInvitation("amani.njoroge@example.org", ACCEPTED,
                           ("3 matching themes", "speaks English", "available for advisory", "focal point"),
                           "Happy to help: our county plans have the same reporting problem."),
            DemoInvitation("ayesha.siddiqui@example.org", DECLINED,
                           ("2 matching themes", "speaks English", "same region", "available for advisory"),
                           "I am committed to our own National Action Plan review until the end of the year."),
        ),
        note="Two remote sessions with the county action plans coordinator of Kenya's National Counter "
        "Terrorism Centre and written comments on the draft: a framework of 14 indicators, adopted by the "
        "inter-agency committee.",
        rating=5,
        what_changed="We now report every quarter on the communications component, and three regions use the "
        "indicators with their local government units.",
    ),
    DemoRequest(
        "leila.trabelsi@example.org",
        "Review of draft amendments on terrorist financing that protect civic space",
        "Commission nationale de lutte contre le terrorisme", "TN",
        "Nous révisons les dispositions relatives au **financement du terrorisme** touchant les associations. "
        "Nous cherchons des commentaires sur le projet pour respecter les recommandations du GAFI sans "
        "restreindre l'espace civique.",
        ("cft", "human-rights", "civil-society"), (2, 4), ("fr", "ar"), Modality.POLICY_REVIEW,
        RequestStatus.COMPLETED, 240, timeframe=Timeframe.QUARTER, confidentiality=MATCHED,
        message="A national commission in North Africa asks for written comments on draft amendments about "
        "terrorist financing and non-profit organisations, in French, within three months.",
        invitations=(
            DemoInvitation("camila.araujo@example.org", ACCEPTED,
                           ("1 matching theme", "comparative law", "speaks Spanish and Portuguese"),
                           "Puedo leer el proyecto en francés y comentar por escrito."),
            DemoInvitation("karim.haddad@example.org", ACCEPTED,
                           ("2 matching themes", "speaks Arabic and French", "same region",
                            "available for advisory")),
        ),
        note="Written comments from two legal experts (Latin America and the Middle East) on the draft and a "
        "video call with the drafting committee.",
        rating=4,
        what_changed="Two provisions on the registration of associations were rewritten before the draft went "
        "to parliament.",
    ),
    DemoRequest(
        "dilnoza.karimova@example.org",
        "A course on online radicalisation for our training academy",
        "Academy of the Ministry of Internal Affairs", "UZ",
        "Our academy trains officers who work with families of returnees. We need a short course on **online "
        "radicalisation** and on talking with young people about what they see online.",
        ("cyber-new-tech", "strategic-communications", "education"), (1, 2), ("ru", "en"),
        Modality.IN_COUNTRY_TRAINING, RequestStatus.COMPLETED, 200, timeframe=Timeframe.HALF_YEAR,
        message="A police training academy in Central Asia would like a short course on online radicalisation "
        "for its trainers, in English with interpretation into Russian.",
        invitations=(
            DemoInvitation("nurul@example.org", ACCEPTED,
                           ("3 matching themes", "speaks English", "same region", "available for training")),
        ),
        proposed_offers=("SEARCCT regional course: online radicalisation and strategic communications",),
        note="A three-day course for 18 trainers of the academy, taught by a SEARCCT research officer, and two "
        "places at SEARCCT's regional course.",
    ),
    DemoRequest(
        "focal@example.org",
        "Border-security training of trainers for IGAD Member States' border police",
        "IGAD Centre of Excellence in Preventing and Countering Violent Extremism", "ET",
        "Border police academies of the region ask for a **training of trainers** on community engagement at "
        "border crossings and on screening travellers. The trainers would then teach the course at home, with "
        "mentoring from the experts for a few months.",
        ("border-security", "law-enforcement", "international-cooperation"), (2, 3), ("en", "fr"),
        Modality.IN_COUNTRY_TRAINING, RequestStatus.IN_PROGRESS, 60, timeframe=Timeframe.HALF_YEAR,
        confidentiality=MATCHED, on_behalf=True,
        message="A regional centre of excellence in East Africa prepares a training of trainers for border "
        "police academies (community engagement at crossings, screening of travellers), followed by "
        "mentoring.",
        invitations=(
            DemoInvitation("joseph.mwakyusa@example.org", ACCEPTED,
                           ("2 matching themes", "speaks English", "same sub-region", "available for training"),
                           "Our coast and lake border units can host a session."),
            DemoInvitation("aisha.albalushi@example.org", ACCEPTED,
                           ("1 matching theme", "speaks English", "available for training")),
        ),
    ),
    DemoRequest(
        "member@example.org",
        "Adapting the victims-support handbook for survivors in Mindanao",
        "Presidential Communications Office", "PH",
        "We would like to adapt the good practices for **supporting victims of terrorism** into a short "
        "guide for our regional offices and local partners in Mindanao, in English and Filipino: who meets "
        "survivors first, what they are entitled to, and how to speak about them in public communication.",
        ("victims", "civil-society", "strategic-communications"), (1, 4), ("en", "tl"), Modality.REMOTE_ADVICE,
        RequestStatus.MATCHING, 25, timeframe=Timeframe.QUARTER, confidentiality=MATCHED,
        message="A government office in South-East Asia adapts victims-support good practices into a guide for "
        "its regional offices; remote advice over about two months.",
        invitations=(
            DemoInvitation("thandiwe.mokoena@example.org", ACCEPTED,
                           ("1 matching theme", "speaks English", "available for mentoring")),
            DemoInvitation("nimal.perera@example.org", DECLINED,
                           ("1 matching theme", "speaks English", "same region"),
                           "I cannot take this on before next year; happy to share our materials."),
            DemoInvitation("valentina.gomez@example.org", INVITED,
                           ("2 matching themes", "speaks English", "available for mentoring")),
        ),
    ),
    DemoRequest(
        "hodan.warsame@example.org",
        "Training on terrorist-financing analysis for our financial reporting centre",
        "Financial Reporting Center", "SO",
        "Our financial intelligence unit has new analysts. We need **practical training** on analysing "
        "suspicious transactions linked to terrorist financing, especially mobile money and hawala.",
        ("cft", "crime-terror-nexus"), (2,), ("en", "so", "ar"), Modality.IN_COUNTRY_TRAINING,
        RequestStatus.TRIAGED, 8, timeframe=Timeframe.QUARTER,
        proposed_offers=("Terrorist-financing analysis: a hands-on course for FIU analysts",),
    ),
    DemoRequest(
        "aissata.traore@example.org",
        "Study visit to IGAD's Centre of Excellence for our national P/CVE commission",
        "Commission nationale de prévention de l'extrémisme violent", "ML",
        "Notre commission prépare la révision de la stratégie nationale. Nous souhaitons **rencontrer** une "
        "équipe qui a accompagné plusieurs États dans la rédaction et la révision de leur stratégie.",
        ("pcve", "national-strategies"), (1, 3), ("fr", "en"), Modality.PEER_EXCHANGE, RequestStatus.NEW, 3,
        timeframe=Timeframe.HALF_YEAR, confidentiality=MATCHED,
    ),
    DemoRequest(
        "focal@example.org",
        "Counter-narratives in local languages: a peer exchange with South-East Asian centres",
        "IGAD Centre of Excellence in Preventing and Countering Violent Extremism", "ET",
        "Our campaigns reach young people in Amharic and Somali. We would like to exchange with a centre that "
        "tests **counter-narratives** in several local languages, on audience research and measuring reach.",
        ("strategic-communications", "pcve", "youth"), (1,), ("en", "am", "so"), Modality.PEER_EXCHANGE,
        RequestStatus.NEW, 1, on_behalf=True,
    ),
    DemoRequest(
        "rafiqul.islam@example.org",
        "Equipment and training for our northern border crossings",
        "Bangladesh Police, Counter Terrorism Unit", "BD",
        "We need cameras and document readers for three crossings, and training for the officers who will use "
        "them.",
        ("border-security",), (2,), ("en", "bn"), Modality.IN_COUNTRY_TRAINING, RequestStatus.DECLINED, 45,
        note="The network shares expertise between peers; it cannot provide equipment. We passed your request "
        "to UNOCT's Border Security and Management Programme, which will contact you. You are welcome to ask "
        "again for a peer exchange on border management.",
    ),
    DemoRequest(
        "marlon.campbell@example.org",
        "Speakers for a youth conference on online radicalisation",
        "Jamaica Constabulary Force", "JM",
        "Two speakers for a one-day conference with secondary-school students in Kingston.",
        ("youth", "cyber-new-tech"), (1,), ("en",), Modality.PEER_EXCHANGE, RequestStatus.WITHDRAWN, 35,
        note="The conference was postponed to next year.",
    ),
]  # fmt: skip
