"""The demo good practices (practices/demo.py seeds them): grounded in the UNOCT/UNCCT South-South programme
documents (shared/context) — the strategic-communications workshops in the Philippines, Ethiopia, Jordan and
Malaysia, CFT training with FATF-style regional bodies, border-security training of trainers, victims' support,
parliamentary engagement, the CARICOM CT strategy. The people, figures and quotations are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

UN_CT = ("UN Office of Counter-Terrorism", "https://www.un.org/counterterrorism/")


@dataclass(frozen=True)
class DemoPractice:
    slug: str
    language: str
    by: str  # the submitter's email (a demo member)
    title: str
    summary: str
    body: str
    countries: tuple[str, ...]
    pillars: tuple[int, ...]
    themes: tuple[str, ...]
    status: str = "published"
    visibility: str = "public"
    outcomes: str = ""
    lessons: str = ""
    safeguards: str = ""
    organisations: tuple[str, ...] = ()  # slugs of the demo organisations (experts/demo.py)
    other_organisations: str = ""
    target_groups: tuple[str, ...] = ()
    years: tuple[int | None, int | None] = (None, None)
    contacts: tuple[str, ...] = ()  # emails of demo experts
    keywords: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    note: str = ""  # the moderator's note (changes requested, rejected, archived)
    days_ago: int = 60  # when it was written; history follows from there
    group: str = ""  # practices sharing a group are translations of each other
    endorsers: tuple[str, ...] = ()


PRACTICES_EN: list[DemoPractice] = [
    DemoPractice(
        "stratcom-philippines-nap-pcve", "en", "maricel.delacruz@example.org",
        "Six strategic-communications workshops for the Philippines' National Action Plan on P/CVE",
        "A series of six technical workshops helped national agencies and local governments turn the "
        "communications pillar of the National Action Plan on P/CVE into audience-tested campaigns.",
        "Between 2019 and 2020 the Office of the Presidential Adviser on the Peace Process and UNOCT ran **six "
        "workshops** on strategic communications for the National Action Plan on Preventing and Countering "
        "Violent Extremism.\n\nEach workshop took one step of a campaign cycle:\n\n"
        "1. audience research with local government units in Mindanao;\n2. message design with young creatives;\n"
        "3. pre-testing with focus groups;\n4. choosing messengers — teachers, imams, priests, former fighters;\n"
        "5. monitoring and evaluation plans;\n6. crisis communications after an attack.",
        ("PH",), (1, 3), ("strategic-communications", "pcve", "national-strategies"),
        outcomes="- 14 agencies adopted a shared message house for the action plan.\n- Three provinces ran "
        "pre-tested radio campaigns; recall measured at 38 % after eight weeks.",
        lessons="Local government units, not national agencies, are the most trusted messengers. Budget for "
        "pre-testing from the start: it changed two of five campaign concepts.",
        safeguards="Focus groups were voluntary and anonymous; women made up half the participants; messages "
        "were reviewed so that no faith or ethnic group was singled out.",
        organisations=("pco-philippines",), target_groups=("policymakers", "communities", "media"),
        years=(2019, 2020), contacts=("maricel.delacruz@example.org", "member@example.org"),
        keywords=("StratCom", "Mindanao", "campaign cycle"), links=(UN_CT,), days_ago=420, group="ph-stratcom",
        endorsers=("focal@example.org", "ahmad.faizal@example.org"),
    ),
    DemoPractice(
        "igad-co-design-pcve-communications", "en", "focal@example.org",
        "Co-designing P/CVE communications with IGAD's Centre of Excellence",
        "A co-design workshop in Ethiopia brought IGAD Member States and the Centre of Excellence together to "
        "draft a regional strategic-communications approach to preventing violent extremism.",
        "The IGAD Centre of Excellence in Preventing and Countering Violent Extremism and UNOCT held a **co-design "
        "workshop** in Addis Ababa. Rather than presenting a finished toolkit, facilitators asked delegations from "
        "the Horn of Africa to map their own audiences and channels.\n\nThe draft regional approach was then "
        "tested at a follow-up regional workshop with IGAD Member States.",
        ("ET", "DJ", "KE", "SO"), (1, 3), ("strategic-communications", "international-cooperation", "pcve"),
        outcomes="A regional communications framework adopted by the Centre; four national focal points trained "
        "as facilitators.",
        lessons="Co-design takes longer than training but produces plans that Member States own.",
        safeguards="Civil-society and women's organisations took part in every session.",
        organisations=("igad-icepcve",), target_groups=("policymakers", "civil-society"), years=(2019, 2021),
        contacts=("focal@example.org", "yohannes.tesfaye@example.org"), keywords=("co-design", "Horn of Africa"),
        links=(UN_CT,), days_ago=380, group="igad-codesign", endorsers=("amani.njoroge@example.org",),
    ),
    DemoPractice(
        "jordan-cso-vulnerable-youth", "en", "layla@example.org",
        "Civil-society organisations working with vulnerable young people in Jordan",
        "A workshop for community organisations in Amman and Zarqa turned their youth work into "
        "prevention campaigns run by young people themselves.",
        "Community organisations that already run sport, arts and job-readiness activities learned to design "
        "**peer-led campaigns**. Young people chose the topics — unemployment, online hate, belonging — and "
        "produced short videos and street events.",
        ("JO",), (1, 4), ("youth", "civil-society", "strategic-communications"),
        outcomes="Nine organisations launched campaigns; 2,300 young people took part in events.",
        lessons="Young people distrust campaigns that name extremism; campaigns about belonging worked better.",
        safeguards="Parental consent for minors; no personal data collected online; a referral path to "
        "psychosocial support.",
        organisations=("community-resilience-network",), target_groups=("youth", "civil-society"),
        years=(2019, None), contacts=("layla@example.org", "noor.aljaber@example.org"),
        keywords=("peer-to-peer", "Zarqa"), days_ago=350, group="jordan-youth",
        endorsers=("focal@example.org",),
    ),
    DemoPractice(
        "searcct-stratcom-programme", "en", "nurul@example.org",
        "SEARCCT and UNOCT co-design a regional strategic-communications programme",
        "Malaysia's Southeast Asia Regional Centre for Counter-Terrorism co-designed a training programme on "
        "strategic communications and online radicalisation for officials of ASEAN Member States.",
        "After a co-design workshop in Kuala Lumpur, SEARCCT built a **five-day course** combining case studies "
        "from Indonesia, Malaysia and the Philippines with hands-on social-media analysis.",
        ("MY", "ID", "PH", "TH"), (1, 3), ("strategic-communications", "cyber-new-tech", "education"),
        outcomes="Four cohorts, 112 officials; the course is now part of SEARCCT's annual calendar.",
        lessons="Mixing officials from several countries in one room was the most valued part of the course.",
        safeguards="Case studies were anonymised; a session on freedom of expression opened the course.",
        organisations=("searcct",), target_groups=("policymakers", "law-enforcement"), years=(2019, None),
        contacts=("nurul@example.org", "ahmad.faizal@example.org"), keywords=("ASEAN", "online radicalisation"),
        days_ago=330, endorsers=("ahmad.faizal@example.org", "focal@example.org"),
    ),
    DemoPractice(
        "cft-fsrb-practical-training", "en", "chinedu.okafor@example.org",
        "Practical CFT training for financial intelligence units with a FATF-style regional body",
        "Hands-on training, built with a FATF-style regional body, taught financial intelligence analysts "
        "to trace terrorist financing through mobile money and non-profit organisations.",
        "Analysts from West African financial intelligence units worked through a **simulated case** built "
        "from anonymised suspicious-transaction reports: mobile-money transfers, a charity front and cash "
        "couriers. Each day ended with a mock inter-agency meeting.",
        ("NG", "GH", "SN", "NE"), (2,), ("cft", "law-enforcement", "international-cooperation"),
        outcomes="Analysts' case reports met the regional body's quality criteria in 80 % of cases, up from 35 %.",
        lessons="Train analysts and prosecutors together: they learn what evidence a court needs.",
        safeguards="A module on protecting non-profit organisations from over-regulation, in line with "
        "Security Council resolution 2462 (2019).",
        other_organisations="GIABA", target_groups=("financial", "justice"), years=(2020, 2022),
        contacts=("chinedu.okafor@example.org",), keywords=("mobile money", "NPO", "FIU"),
        links=(("FATF", "https://www.fatf-gafi.org/"),), days_ago=300,
    ),
    DemoPractice(
        "border-security-training-of-trainers", "en", "joseph.mwakyusa@example.org",
        "Training of trainers for border officials in East Africa",
        "A training-of-trainers programme made national police and immigration academies able to teach "
        "border security and management themselves, with mentoring after the course.",
        "Twenty-four instructors from police and immigration academies followed a **training of trainers** on "
        "risk analysis, document examination and interviewing at land borders. Each then taught two courses "
        "at home with a mentor present.",
        ("TZ", "KE", "UG"), (2, 3), ("border-security", "law-enforcement"),
        outcomes="Over 600 officials trained by national instructors within a year.",
        lessons="National ownership needs the academies' directors in the room from day one.",
        safeguards="Gender and human-rights modules were part of the core curriculum, not an annex; a third "
        "of instructors were women.",
        organisations=("unoct-rabat",), target_groups=("border", "law-enforcement"), years=(2021, 2023),
        contacts=("joseph.mwakyusa@example.org",), keywords=("ToT", "mentoring"), days_ago=280,
        endorsers=("amani.njoroge@example.org",),
    ),
    DemoPractice(
        "victims-support-network-nigeria", "en", "fatima.bello@example.org",
        "Peer support groups for victims and survivors of terrorism in north-east Nigeria",
        "Survivors trained as peer facilitators run support groups that link victims to psychosocial care, "
        "livelihood help and legal aid.",
        "Following the UN's Victims of Terrorism Support Programme handbooks of good practices, a local "
        "foundation trained **40 survivors** as peer facilitators. Groups meet weekly in Maiduguri and two "
        "nearby towns.",
        ("NG",), (1, 4), ("victims", "civil-society", "gender"),
        outcomes="1,100 survivors reached; 60 % reported better access to services after six months.",
        lessons="Survivors trust other survivors; professionals should support, not lead, the groups.",
        safeguards="Informed consent; women-only groups on request; survivors of sexual violence are "
        "recognised as victims of terrorism.",
        other_organisations="Neem Foundation", target_groups=("victims", "women"), years=(2018, None),
        contacts=("fatima.bello@example.org",), keywords=("psychosocial support", "survivors"),
        links=(UN_CT,), days_ago=260, group="victims-nigeria", endorsers=("amani.njoroge@example.org",),
    ),
    DemoPractice(
        "parliamentarians-sahel-regional-conference", "en", "moussa.abdou@example.org",
        "Parliamentarians of the Sahel review counter-terrorism laws against human-rights standards",
        "A regional conference in Niger, under the joint UNOCT-IPU-UNODC programme on the role of parliaments, "
        "gave legislators a checklist to review counter-terrorism laws.",
        "Members of parliament from five Sahel countries compared their **counter-terrorism legislation** with "
        "international standards and agreed on a checklist for committee reviews.",
        ("NE", "ML", "BF", "TD", "MR"), (3, 4), ("parliamentary", "human-rights", "criminal-justice"),
        outcomes="Two parliaments used the checklist in committee within a year.",
        lessons="Parliamentary staff, who stay when members change, are the key audience.",
        safeguards="Civil-society observers attended; the checklist includes detention safeguards.",
        other_organisations="Inter-Parliamentary Union; UNODC", target_groups=("policymakers",),
        years=(2019, 2019), contacts=("moussa.abdou@example.org",), keywords=("IPU", "legislation"),
        links=(("Inter-Parliamentary Union", "https://www.ipu.org/"),), days_ago=240,
    ),
    DemoPractice(
        "caricom-ct-strategy-support", "en", "renee.baptiste@example.org",
        "Turning the CARICOM Counter-Terrorism Strategy into national implementation plans",
        "CARICOM IMPACS, with technical support from UNOCT, helped Member States translate the regional "
        "Counter-Terrorism Strategy into national plans with indicators.",
        "The regional strategy sets shared priorities. Workshops in Port of Spain walked national teams through "
        "**implementation planning**: lead agencies, budgets, indicators and a yearly regional review.",
        ("TT", "JM", "BB", "GY"), (3,), ("national-strategies", "international-cooperation"),
        outcomes="Eight Member States drafted national plans; a regional review meets every year.",
        lessons="Small island States share staff across many portfolios: plans must be short.",
        safeguards="Plans include a human-rights review step and consultations with civil society.",
        organisations=("caricom-impacs",), target_groups=("policymakers",), years=(2019, None),
        contacts=("renee.baptiste@example.org", "marlon.campbell@example.org"), keywords=("CARICOM", "SIDS"),
        links=(UN_CT,), days_ago=220, group="caricom", endorsers=("renee.baptiste@example.org",),
    ),
    DemoPractice(
        "kenya-county-action-plans", "en", "amani.njoroge@example.org",
        "County action plans for countering violent extremism in Kenya",
        "All 47 counties wrote action plans with civil society, anchored in the national strategy but "
        "owned by county governments.",
        "County engagement forums brought together county commissioners, elders, women's and youth groups. "
        "Each plan follows the **national strategy's pillars** but sets local priorities.",
        ("KE",), (1, 3), ("national-strategies", "civil-society", "pcve"),
        outcomes="47 plans adopted; 30 counties report yearly on implementation.",
        lessons="Budget lines in county budgets matter more than the plans' length.",
        safeguards="Civil-society co-chairs in every county forum; complaints mechanism for abuses.",
        organisations=("nctc-kenya",), target_groups=("communities", "policymakers"), years=(2017, None),
        contacts=("amani.njoroge@example.org",), keywords=("county", "whole-of-society"), days_ago=200,
        endorsers=("focal@example.org",),
    ),
    DemoPractice(
        "social-media-ftf-investigations", "en", "rafiqul.islam@example.org",
        "Social-media investigation training on foreign terrorist fighters",
        "A pilot course taught investigators to use open-source information lawfully to identify foreign "
        "terrorist fighters' networks.",
        "The course followed the UNCCT cyber unit's **regional workshops**: open-source techniques, preservation "
        "of digital evidence and requests to service providers.",
        ("BD", "LK", "MV"), (2,), ("cyber-new-tech", "ftf", "law-enforcement"),
        visibility="members",
        outcomes="Investigators from three countries now share a common evidence-preservation checklist.",
        lessons="Legal advisers must sit in the course: lawful collection is the hardest part.",
        safeguards="Privacy and proportionality module; no live personal data used in exercises.",
        target_groups=("law-enforcement",), years=(2020, 2021), contacts=("rafiqul.islam@example.org",),
        keywords=("OSINT", "digital evidence"), days_ago=190,
    ),
    DemoPractice(
        "cbrn-preparedness-jordan", "en", "noor.aljaber@example.org",
        "Preparing first responders for a chemical or biological terrorist attack",
        "A multi-year pilot project trained first responders, hospitals and civil defence to respond "
        "together to a CBRN terrorist attack.",
        "Table-top exercises were followed by a **full-scale exercise** at a stadium with civil defence, "
        "hospitals and police under one command.",
        ("JO",), (2, 3), ("wmd-cbrn", "vulnerable-targets"), visibility="members",
        outcomes="A national CBRN response plan revised after the exercise.",
        lessons="Hospitals were the weakest link: decontamination capacity was the first gap found.",
        target_groups=("law-enforcement",), years=(2019, 2022), contacts=("noor.aljaber@example.org",),
        keywords=("CBRN", "exercise"), days_ago=180,
    ),
    DemoPractice(
        "colombia-community-reintegration", "en", "carlos@example.org",
        "Community-based reintegration of former combatants",
        "Colombia's reintegration route offers lessons to countries receiving returning foreign terrorist "
        "fighters: community projects, not only individual support.",
        "Former combatants and receiving communities run **joint productive projects**. Reconciliation "
        "activities precede economic ones.",
        ("CO",), (1, 4), ("prisons-rehabilitation", "conflict-prevention", "ftf"),
        outcomes="Recidivism among participants below 5 % after three years.",
        lessons="Communities must see a benefit too, or resentment grows.",
        safeguards="Victims are consulted before projects start in their community.",
        organisations=("arn-colombia",), target_groups=("returnees", "communities"), years=(2016, None),
        contacts=("carlos@example.org", "valentina.gomez@example.org"), keywords=("DDR", "reconciliation"),
        days_ago=170, group="colombia-reintegration",
    ),
    DemoPractice(
        "api-pnr-countering-terrorist-travel", "en", "nimal.perera@example.org",
        "Setting up a passenger information unit with the Countering Terrorist Travel Programme",
        "With the UN Countering Terrorist Travel Programme, a national passenger information unit began "
        "analysing API and PNR data under a new data-protection law.",
        "An all-of-UN assessment mission preceded the **legal reform**; the goTravel software was then "
        "installed and analysts trained.",
        ("LK",), (2,), ("terrorist-travel", "border-security"),
        outcomes="The unit is operational at the main international airport.",
        lessons="The data-protection law had to come first; it took longer than the technology.",
        safeguards="Independent data-protection oversight; retention limits written into law.",
        other_organisations="ICAO; INTERPOL", target_groups=("border",), years=(2019, None),
        contacts=("nimal.perera@example.org",), keywords=("API", "PNR", "goTravel"), days_ago=160,
    ),
]  # fmt: skip


# Practices on their way through moderation, or out of it.
PRACTICES_WORKFLOW: list[DemoPractice] = [
    DemoPractice(
        "school-based-resilience-tanzania", "en", "joseph.mwakyusa@example.org",
        "School clubs that build resilience to recruitment",
        "", "Notes so far: clubs in coastal secondary schools; teachers' guide in Swahili.",
        ("TZ",), (1,), ("education",), status="draft", days_ago=5,
    ),
    DemoPractice(
        "mobile-money-monitoring-kenya", "en", "amani.njoroge@example.org",
        "Monitoring mobile-money flows to non-profit organisations without choking them",
        "A risk-based approach let regulators focus on a few high-risk transfers instead of freezing "
        "charities' accounts.",
        "Regulators and a network of charities agreed on **risk indicators**; low-risk organisations file a "
        "simple yearly return.",
        ("KE",), (2, 4), ("cft", "civil-society"), status="submitted",
        outcomes="Fewer account closures reported by charities.",
        target_groups=("financial", "civil-society"), years=(2021, None), days_ago=4,
    ),
    DemoPractice(
        "rabat-investigators-exchange", "en", "salma.benali@example.org",
        "Peer exchanges between counter-terrorism investigators of North and West Africa",
        "Short exchanges let investigators from one country sit with a unit in another for two weeks.",
        "Hosted by national units with the UNOCT Programme Office in Rabat: **two-week placements** followed by "
        "a joint case review.",
        ("MA", "SN", "MR"), (2, 3), ("law-enforcement", "international-cooperation"), status="in_review",
        organisations=("unoct-rabat",), target_groups=("law-enforcement",), years=(2022, None), days_ago=6,
    ),
    DemoPractice(
        "prison-radicalisation-screening", "en", "hodan.warsame@example.org",
        "Screening and separating detainees at risk of radicalisation",
        "A screening tool helps prison staff decide who needs a disengagement programme.",
        "Staff use a **structured interview**; results decide placement.",
        ("SO",), (2, 4), ("prisons-rehabilitation",), status="changes_requested",
        note="Please describe how the tool was validated and who reviews placement decisions; add the "
        "safeguards against labelling detainees, and the period.",
        target_groups=("justice", "returnees"), days_ago=20,
    ),
    DemoPractice(
        "online-counter-narratives-app", "en", "lucia.quispe@example.org",
        "An app that detects extremist content automatically",
        "Our product detects extremist posts with AI.",
        "A commercial product description.",
        ("PE",), (2,), ("cyber-new-tech",), status="rejected",
        note="This reads as an advertisement for a product rather than a practice with outcomes and lessons. "
        "You are welcome to submit the pilot with the electoral authority, with its evaluation.",
        organisations=("andes-digital-trust",), days_ago=45,
    ),
    DemoPractice(
        "virtual-ct-week-side-event", "en", "kwame.asante@example.org",
        "A virtual side event format for regional P/CVE exchanges",
        "During the 2020 pandemic a virtual side-event format kept regional exchanges going.",
        "Short **recorded briefings** were followed by live breakout rooms per language.",
        ("GH",), (3,), ("international-cooperation",), status="archived",
        note="Archived: the format has been replaced by the network's own online discussions.",
        target_groups=("policymakers",), years=(2020, 2020), days_ago=400,
    ),
    DemoPractice(
        "soft-targets-religious-sites", "en", "siti.rahmawati@example.org",
        "Protecting places of worship with their communities",
        "Congregations, police and local authorities drew up joint protection plans for places of worship.",
        "Interfaith committees mapped **risks and assets** of each site and agreed simple measures: volunteers, "
        "lighting, a hotline.",
        ("ID",), (2, 1), ("vulnerable-targets", "interfaith-dialogue"), visibility="members",
        outcomes="Plans in 40 places of worship of five faiths.",
        lessons="Joint committees also improved trust between faith communities.",
        safeguards="Measures avoid turning places of worship into fortresses or profiling worshippers.",
        target_groups=("religious-leaders", "communities", "law-enforcement"), years=(2019, None),
        contacts=("siti.rahmawati@example.org",), days_ago=150,
    ),
]  # fmt: skip
