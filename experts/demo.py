"""Demo experts and organisations, grounded in the UNOCT/UNCCT South-South programme documents (shared/context):
the IGAD Centre of Excellence on P/CVE, SEARCCT, the strategic-communications workshops in the Philippines,
Jordan and the Caribbean, the victims-of-terrorism and youth programmes. People and their words are invented.

``seed_experts`` runs from ``seed_demo`` (setting ``DEMO_SEED_HOOKS``) after network's own demo members exist.
Everything goes through the services: each expert applies and is approved (which creates the profile), then
writes their profile; staff link organisations. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from experts.models import ExpertProfile, Organisation
from experts.services.organisations import organisation_create, profile_organisation_set
from experts.services.profiles import LinkData, profile_update
from network.demo import DemoPerson, _seed_membership, _user
from network.models import Country, Membership, Theme, User
from network.visibility import Visibility

PUBLIC, MEMBERS, HIDDEN = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN

# slug, name, acronym, kind, country, website, description, Centre of Excellence
ORGANISATIONS: list[tuple[str, str, str, str, str | None, str, str, bool]] = [
    ("igad-icepcve", "IGAD Centre of Excellence in Preventing and Countering Violent Extremism", "ICEPCVE",
     "regional", "DJ", "https://icpcve.igad.int",
     "IGAD's Centre of Excellence supports the Horn of Africa and Tanzania in developing and implementing "
     "strategies to **prevent violent extremism**; it co-designed P/CVE strategic communications with UNOCT.",
     True),
    ("searcct", "Southeast Asia Regional Centre for Counter-Terrorism", "SEARCCT", "government", "MY",
     "https://www.searcct.gov.my",
     "A regional centre under Malaysia's Ministry of Foreign Affairs: training, research and publications on "
     "counter-terrorism; co-designed a strategic-communications programme with UNOCT.", True),
    ("hedayah", "Hedayah, International Center of Excellence for Countering Violent Extremism", "Hedayah",
     "regional", "AE", "https://hedayah.com",
     "Regional conferences on the legal aspects of terrorism prevention, criminal justice and policy "
     "mechanisms; technical assistance for law-enforcement and criminal-justice officials.", True),
    ("acsrt", "African Centre for the Study and Research on Terrorism", "ACSRT", "regional", "DZ",
     "https://caert.org.dz", "The African Union's centre for research, analysis and training on terrorism.",
     True),
    ("caricom-impacs", "CARICOM Implementation Agency for Crime and Security", "CARICOM IMPACS", "regional",
     "TT", "https://caricomimpacs.org",
     "Supports the CARICOM Counter-Terrorism Strategy, with technical support from UNOCT.", False),
    ("nctc-kenya", "National Counter Terrorism Centre", "NCTC", "government", "KE", "",
     "Coordinates Kenya's national and county action plans for countering violent extremism.", False),
    ("pco-philippines", "Presidential Communications Office", "PCO", "government", "PH", "",
     "Strategic communications for the Philippines' National Action Plan on P/CVE.", False),
    ("arn-colombia", "Agency for Reincorporation and Normalization", "ARN", "government", "CO", "",
     "Reintegration of former combatants into civilian life, community by community.", False),
    ("community-resilience-network", "Community Resilience Network", "", "civil-society", "JO", "",
     "Civil-society organisations working with vulnerable young people in Jordan.", False),
    ("unoct-rabat", "UNOCT Programme Office for Counter-Terrorism and Training in Africa", "", "un", "MA", "",
     "Training for law-enforcement, border and criminal-justice officials across Africa.", False),
    ("naif-university", "Naif Arab University for Security Sciences", "NAUSS", "academia", "SA", "",
     "Graduate studies, research and training in security sciences for Arab States.", False),
    ("nacta-pakistan", "National Counter Terrorism Authority", "NACTA", "government", "PK", "",
     "Pakistan's national counter-terrorism coordination body.", False),
    ("sou-da-paz", "Instituto Sou da Paz", "", "civil-society", "BR", "",
     "A Brazilian NGO working on violence prevention, arms control and public security policy.", False),
    ("andes-digital-trust", "Andes Digital Trust Lab", "", "private", "PE", "",
     "A small firm that helps platforms and governments detect and answer violent extremist content online.",
     False),
]  # fmt: skip


@dataclass(frozen=True)
class DemoExpert:
    email: str
    name: str
    country: str
    organisation: str  # as the member wrote it (Membership.organisation)
    position: str
    themes: tuple[str, ...]
    headline: str
    bio: str
    org: str | None = None  # slug of the Organisation staff linked
    visibility: str = MEMBERS
    availability: tuple[str, ...] = ()
    languages: tuple[tuple[str, str], ...] = (("en", "fluent"),)
    years: int | None = None
    pillars: tuple[int, ...] = ()
    language: str = "en"
    days_ago: int = 90
    active_days_ago: int | None = 3
    focal_point: bool = False
    contact: bool = True
    links: tuple[LinkData, ...] = ()


# Profiles for network's own demo members (network/demo.py), who are approved there.
EXISTING: list[DemoExpert] = [
    DemoExpert("member@example.org", "", "", "", "", ("strategic-communications", "pcve", "national-strategies"),
               "Strategic communications for national P/CVE action plans",
               "I supported six technical workshops on strategic communications for the Philippines' **National "
               "Action Plan on P/CVE**: audience research, message testing and working with local government.",
               org="pco-philippines", visibility=PUBLIC, availability=("advisory", "training"),
               languages=(("tl", "native"), ("en", "fluent")), years=11, pillars=(1,),
               links=(LinkData("publication", "Communicating prevention: notes from six workshops", "", 2020),)),
    DemoExpert("focal@example.org", "", "", "", "", ("pcve", "youth"),
               "National focal point, IGAD Centre of Excellence on P/CVE",
               "I connect IGAD Member States with the network and co-designed P/CVE communications with the "
               "Centre of Excellence in Djibouti.", org="igad-icepcve", visibility=PUBLIC,
               availability=("advisory", "speaking"), languages=(("am", "native"), ("en", "fluent"), ("so", "working")),
               years=15, pillars=(1, 3)),
    DemoExpert("nurul@example.org", "", "", "", "", ("strategic-communications", "education", "cyber-new-tech"),
               "Training curricula on online radicalisation",
               "Research officer at SEARCCT; I design courses on online radicalisation for officials from ASEAN "
               "Member States.", org="searcct", availability=("training", "mentoring"),
               languages=(("ms", "native"), ("en", "fluent"), ("id", "fluent")), years=8, pillars=(1, 2)),
    DemoExpert("layla@example.org", "", "", "", "", ("youth", "civil-society", "gender"),
               "Youth engagement with vulnerable young people",
               "برامج مع الشباب في المجتمعات المحلية — we run youth programmes with community organisations in "
               "Amman and Zarqa.", org="community-resilience-network", availability=("mentoring",),
               languages=(("ar", "native"), ("en", "fluent")), years=9, pillars=(1, 4), language="ar"),
    DemoExpert("carlos@example.org", "", "", "", "", ("prisons-rehabilitation", "conflict-prevention"),
               "Reintegración comunitaria de excombatientes",
               "Colombia's reintegration route for former combatants: community-based approaches that may help "
               "countries receiving returning foreign terrorist fighters.", org="arn-colombia", visibility=PUBLIC,
               availability=("advisory", "speaking"), languages=(("es", "native"), ("en", "working")), years=14,
               pillars=(1, 4), language="es"),
    DemoExpert("suspended@example.org", "", "", "", "", ("border-security",),
               "Border management, East Africa", "Consultant on border management programmes.",
               visibility=PUBLIC, availability=("advisory",), years=20),
]  # fmt: skip

EXPERTS: list[DemoExpert] = [
    # --- Africa ---
    DemoExpert("amani.njoroge@example.org", "Amani Njoroge", "KE", "National Counter Terrorism Centre",
               "County action plans coordinator", ("pcve", "national-strategies", "civil-society"),
               "County action plans for countering violent extremism",
               "I helped 47 counties write and review their action plans with civil society.", org="nctc-kenya",
               visibility=PUBLIC, availability=("advisory", "training"), languages=(("sw", "native"), ("en", "fluent")),
               years=10, pillars=(1, 3), focal_point=True),
    DemoExpert("hodan.warsame@example.org", "Hodan Warsame", "SO", "Ministry of Internal Security",
               "Rehabilitation programme adviser", ("prisons-rehabilitation", "ftf"),
               "Rehabilitation centres for disengaged combatants",
               "Design and monitoring of rehabilitation centres for people leaving armed groups in Somalia.",
               availability=("advisory", "mentoring"), languages=(("so", "native"), ("ar", "working"), ("en", "fluent")),
               years=12, pillars=(2, 4)),
    DemoExpert("abdoulaye.diop@example.org", "Abdoulaye Diop", "SN", "Centre des hautes études de défense et de sécurité",
               "Chercheur", ("conflict-prevention", "international-cooperation"),
               "Prévention des conflits au Sahel",
               "Recherche sur la prévention de l'extrémisme violent au Sahel et la coopération transfrontalière.",
               visibility=PUBLIC, availability=("speaking",), languages=(("fr", "native"), ("en", "working")),
               years=7, pillars=(1,), language="fr"),
    DemoExpert("aissata.traore@example.org", "Aïssata Traoré", "ML", "Ministère de la Justice",
               "Magistrate, counter-terrorism unit", ("criminal-justice", "human-rights"),
               "Terrorism trials that respect fair-trial guarantees",
               "Juge d'instruction spécialisée; I train magistrates on evidence and fair trials in terrorism cases.",
               availability=("training",), languages=(("fr", "native"), ("en", "basic")), years=16, pillars=(2, 4),
               language="fr"),
    DemoExpert("moussa.abdou@example.org", "Moussa Abdou Issoufou", "NE", "Haute autorité à la consolidation de la paix",
               "Programme manager", ("conflict-prevention", "youth", "development"),
               "Dialogue communautaire et jeunesse au Niger",
               "Programmes de dialogue entre jeunes, chefs traditionnels et forces de sécurité.",
               visibility=HIDDEN, availability=("advisory",), languages=(("fr", "fluent"), ("ha", "native")),
               years=9, pillars=(1,), language="fr", active_days_ago=40),
    DemoExpert("chinedu.okafor@example.org", "Chinedu Okafor", "NG", "Nigerian Financial Intelligence Unit",
               "Senior analyst", ("cft", "crime-terror-nexus"), "Financial intelligence against terrorist financing",
               "Suspicious-transaction analysis, mobile-money typologies and cooperation with FATF-style bodies.",
               visibility=PUBLIC, availability=("training", "speaking"), languages=(("en", "native"), ("ha", "working")),
               years=13, pillars=(2,)),
    DemoExpert("thandiwe.mokoena@example.org", "Thandiwe Mokoena", "ZA", "Institute for Security Studies",
               "Senior researcher", ("victims", "gender", "human-rights"), "Victims of terrorism and their rights",
               "Research on support for victims of terrorism in Africa and the role of women in prevention.",
               visibility=PUBLIC, availability=("speaking", "mentoring"), languages=(("en", "fluent"),), years=11,
               pillars=(4,)),
    DemoExpert("joseph.mwakyusa@example.org", "Joseph Mwakyusa", "TZ", "Tanzania Police Force",
               "Assistant commissioner", ("law-enforcement", "border-security"),
               "Community policing on the coast and borders",
               "Community policing and border cooperation around Lake Victoria and the coast.",
               availability=("training",), languages=(("sw", "native"), ("en", "fluent")), years=22, pillars=(2,),
               active_days_ago=25),
    DemoExpert("fatima.bello@example.org", "Fatima Bello", "NG", "Neem Foundation", "Director of programmes",
               ("civil-society", "prisons-rehabilitation", "gender"), "Psychosocial support for women and children",
               "Psychosocial support for women and children returning from armed groups in north-east Nigeria.",
               org=None, visibility=MEMBERS, availability=("mentoring", "advisory"),
               languages=(("en", "fluent"), ("ha", "native")), years=8, pillars=(1, 4), contact=False),
    DemoExpert("kwame.asante@example.org", "Kwame Asante", "GH", "Kofi Annan International Peacekeeping Training Centre",
               "Course director", ("conflict-prevention", "education"), "Training peacekeepers on violent extremism",
               "Course design on preventing violent extremism for West African peace-support operations.",
               visibility=PUBLIC, availability=("training",), languages=(("en", "native"), ("fr", "working")),
               years=14, pillars=(1, 3)),
    DemoExpert("yohannes.tesfaye@example.org", "Yohannes Tesfaye", "ET",
               "IGAD Centre of Excellence in Preventing and Countering Violent Extremism", "Research fellow",
               ("pcve", "strategic-communications"), "Counter-narratives in the Horn of Africa",
               "Audience research for P/CVE campaigns in the Horn of Africa.", org="igad-icepcve",
               availability=("advisory", "training"), languages=(("am", "native"), ("en", "fluent")), years=6,
               pillars=(1,)),
    DemoExpert("hassan.ali.omar@example.org", "حسن علي عمر", "DJ",
               "IGAD Centre of Excellence in Preventing and Countering Violent Extremism", "Chargé de programme",
               ("pcve", "interfaith-dialogue"), "Dialogue interreligieux et prévention",
               "Travail avec les leaders religieux de la région sur la prévention.", org="igad-icepcve",
               visibility=PUBLIC, availability=("speaking",), languages=(("ar", "fluent"), ("fr", "fluent"), ("so", "native")),
               years=10, pillars=(1,), language="fr"),
    # --- Middle East (Northern Africa and Western Asia) ---
    DemoExpert("salma.benali@example.org", "Salma Benali", "MA", "Rabita Mohammadia des Oulémas",
               "Responsable de la formation", ("interfaith-dialogue", "education", "youth"),
               "Peer educators against extremist narratives",
               "Formation de jeunes pairs-éducateurs face aux discours extrémistes en ligne et hors ligne.",
               visibility=PUBLIC, availability=("training", "speaking"), languages=(("ar", "native"), ("fr", "fluent"), ("en", "working")),
               years=9, pillars=(1,), language="fr"),
    DemoExpert("karim.haddad@example.org", "كريم حداد", "LB", "Lebanese Center for Human Rights", "Legal adviser",
               ("human-rights", "criminal-justice"), "حقوق الإنسان في قضايا الإرهاب",
               "Human rights safeguards in counter-terrorism legislation and detention.", visibility=PUBLIC,
               availability=("advisory",), languages=(("ar", "native"), ("fr", "fluent"), ("en", "fluent")), years=12,
               pillars=(4,), language="ar"),
    DemoExpert("noor.aljaber@example.org", "نور الجابر", "JO", "Ministry of Youth", "Youth policy officer",
               ("youth", "pcve"), "سياسات الشباب والوقاية من التطرف",
               "National youth strategy and community youth centres as spaces for prevention.",
               availability=("mentoring",), languages=(("ar", "native"), ("en", "working")), years=5, pillars=(1,),
               language="ar"),
    DemoExpert("mohammed.alqahtani@example.org", "محمد بن سعيد القحطاني", "SA", "Naif Arab University for Security Sciences",
               "Associate professor", ("cyber-new-tech", "education"), "الأمن السيبراني ومكافحة الإرهاب",
               "Teaching and research on the use of the Internet for terrorist purposes.", org="naif-university",
               visibility=PUBLIC, availability=("speaking", "training"), languages=(("ar", "native"), ("en", "fluent")),
               years=15, pillars=(2, 3), language="ar"),
    DemoExpert("ahmed.mansour@example.org", "Ahmed Mansour", "EG", "Al-Azhar Observatory for Combating Extremism",
               "Senior analyst", ("interfaith-dialogue", "strategic-communications"),
               "Monitoring extremist content in twelve languages",
               "The Observatory answers extremist claims in twelve languages; I lead the Arabic and English units.",
               availability=("speaking", "advisory"), languages=(("ar", "native"), ("en", "fluent")), years=7,
               pillars=(1,), language="ar"),
    DemoExpert("leila.trabelsi@example.org", "Leïla Trabelsi", "TN", "Commission nationale de lutte contre le terrorisme",
               "Rapporteure", ("national-strategies", "gender"), "Stratégie nationale et genre",
               "Intégration du genre dans la stratégie nationale tunisienne de lutte contre l'extrémisme.",
               visibility=PUBLIC, availability=("advisory", "speaking"), languages=(("ar", "native"), ("fr", "fluent")),
               years=10, pillars=(3, 4), language="fr"),
    DemoExpert("omar.khalil@example.org", "Omar Khalil", "IQ", "Ministry of Migration and Displacement",
               "Reintegration officer", ("ftf", "prisons-rehabilitation", "victims"),
               "Return and reintegration of families from camps",
               "Reintegration of families returning from camps in north-east Syria to their communities in Iraq.",
               visibility=HIDDEN, availability=("advisory",), languages=(("ar", "native"), ("en", "working")),
               years=6, pillars=(2, 4), language="ar", active_days_ago=60),
    DemoExpert("mariam.alhosani@example.org", "مريم الحوسني", "AE",
               "Hedayah, International Center of Excellence for Countering Violent Extremism", "Programme manager",
               ("pcve", "education", "international-cooperation"), "Education for prevention",
               "Building capacity of teachers and curriculum designers to prevent violent extremism.",
               org="hedayah", visibility=PUBLIC, availability=("training", "advisory"),
               languages=(("ar", "native"), ("en", "fluent")), years=8, pillars=(1,), language="ar"),
    DemoExpert("youcef.benhamed@example.org", "Youcef Benhamed", "DZ",
               "African Centre for the Study and Research on Terrorism", "Analyst",
               ("national-strategies", "vulnerable-targets"), "Early warning and analysis for the African Union",
               "Threat assessments and early-warning reports for AU Member States.", org="acsrt",
               availability=("advisory",), languages=(("ar", "native"), ("fr", "fluent"), ("en", "fluent")), years=9,
               pillars=(2, 3), language="fr"),
    DemoExpert("aisha.albalushi@example.org", "Aisha Al Balushi", "OM", "Royal Oman Police", "Major, aviation security",
               ("terrorist-travel", "border-security"), "Advance passenger information and PNR",
               "Implementing API/PNR systems and watch-list screening at airports.", visibility=MEMBERS,
               availability=("training",), languages=(("ar", "native"), ("en", "fluent")), years=12, pillars=(2,),
               language="ar"),
    # --- Asia ---
    DemoExpert("wang.wei@example.org", "王伟", "CN", "China Institutes of Contemporary International Relations",
               "Research fellow", ("international-cooperation", "cyber-new-tech"), "国际反恐合作与网络安全",
               "Research on international counter-terrorism cooperation and cyber threats.", visibility=PUBLIC,
               availability=("speaking",), languages=(("zh", "native"), ("en", "fluent"), ("ru", "working")),
               years=10, pillars=(2, 3), language="zh-hans"),
    DemoExpert("li.na@example.org", "李娜", "CN", "Shanghai Cooperation Organisation Studies Centre", "Researcher",
               ("national-strategies", "international-cooperation"), "区域反恐机制研究",
               "Regional counter-terrorism mechanisms in Central Asia.", availability=("advisory",),
               languages=(("zh", "native"), ("ru", "fluent"), ("en", "working")), years=6, pillars=(3,),
               language="zh-hans"),
    DemoExpert("chen.jianguo@example.org", "陈建国", "CN", "Ministry of Public Security", "Deputy division director",
               ("law-enforcement", "cft"), "Cross-border investigations", "Cross-border investigation and evidence sharing.",
               visibility=HIDDEN, availability=("training",), languages=(("zh", "native"), ("en", "basic")), years=18,
               pillars=(2,), language="zh-hans", active_days_ago=None),
    DemoExpert("batbayar.ganbold@example.org", "Batbayar Ganbold", "MN", "National Security Council of Mongolia",
               "Policy adviser", ("national-strategies", "wmd-cbrn"), "CBRN preparedness in a landlocked State",
               "National CBRN preparedness plans and inter-agency exercises.", availability=("advisory",),
               languages=(("en", "fluent"), ("ru", "fluent"), ("zh", "basic")), years=11, pillars=(2, 3)),
    DemoExpert("ayesha.siddiqui@example.org", "Ayesha Siddiqui", "PK", "National Counter Terrorism Authority",
               "Director, research", ("national-strategies", "pcve", "education"), "National Action Plan research",
               "Evaluation of Pakistan's National Action Plan and madrasa education reform.", org="nacta-pakistan",
               visibility=PUBLIC, availability=("advisory", "speaking"), languages=(("ur", "native"), ("en", "fluent")),
               years=13, pillars=(1, 3)),
    DemoExpert("rafiqul.islam@example.org", "Rafiqul Islam", "BD", "Bangladesh Police, Counter Terrorism Unit",
               "Additional superintendent", ("law-enforcement", "cyber-new-tech"), "Online investigations",
               "Investigating online recruitment and terrorist use of encrypted messaging.", availability=("training",),
               languages=(("bn", "native"), ("en", "fluent")), years=12, pillars=(2,)),
    DemoExpert("siti.rahmawati@example.org", "Siti Rahmawati", "ID", "Wahid Foundation", "Programme director",
               ("gender", "civil-society", "interfaith-dialogue"), "Peaceful villages led by women",
               "The Peace Village initiative: women-led prevention in Indonesian villages.", visibility=PUBLIC,
               availability=("mentoring", "speaking"), languages=(("id", "native"), ("en", "fluent")), years=10,
               pillars=(1, 4)),
    DemoExpert("ahmad.faizal@example.org", "Ahmad Faizal bin Hashim", "MY",
               "Southeast Asia Regional Centre for Counter-Terrorism", "Training manager",
               ("strategic-communications", "education"), "Regional training for ASEAN officials",
               "Organising SEARCCT's regional courses and the strategic-communications programme co-designed with "
               "UNOCT.", org="searcct", visibility=PUBLIC, availability=("training",),
               languages=(("ms", "native"), ("en", "fluent")), years=9, pillars=(1, 3), focal_point=True),
    DemoExpert("maricel.delacruz@example.org", "Maricel Dela Cruz", "PH", "Office of the Presidential Adviser on Peace",
               "Peace process officer", ("conflict-prevention", "prisons-rehabilitation"),
               "Decommissioning and transition in Bangsamoro",
               "Normalisation programmes for decommissioned combatants in Bangsamoro.",
               availability=("advisory", "mentoring"), languages=(("tl", "native"), ("en", "fluent")), years=8,
               pillars=(1, 4)),
    DemoExpert("nimal.perera@example.org", "Nimal Perera", "LK", "Ministry of Defence", "Deputy director",
               ("vulnerable-targets", "victims"), "Protecting places of worship after Easter 2019",
               "Protection of soft targets and support to survivors after the 2019 Easter attacks.", visibility=MEMBERS,
               availability=("speaking",), languages=(("en", "fluent"),), years=17, pillars=(2, 3, 4)),
    DemoExpert("dilnoza.karimova@example.org", "Dilnoza Karimova", "UZ", "Ministry of Internal Affairs",
               "Head of reintegration unit", ("ftf", "prisons-rehabilitation", "gender"),
               "Repatriation of women and children (Operation Mehr)",
               "Repatriation and reintegration of women and children returning from conflict zones.", visibility=PUBLIC,
               availability=("advisory", "speaking"), languages=(("uz", "native"), ("ru", "fluent"), ("en", "working")),
               years=10, pillars=(2, 4)),
    DemoExpert("aigerim.nurlanovna@example.org", "Aigerim Nurlanovna", "KZ", "Agency for Religious Affairs",
               "Chief expert", ("interfaith-dialogue", "prisons-rehabilitation"), "Theological rehabilitation",
               "Theological rehabilitation in prisons, working with religious scholars.", availability=("training",),
               languages=(("ru", "native"), ("en", "working")), years=7, pillars=(1, 4), active_days_ago=14),
    DemoExpert("somchai.thongdee@example.org", "Somchai Thongdee", "TH", "Internal Security Operations Command",
               "Colonel", ("conflict-prevention", "law-enforcement"), "Dialogue in the southern border provinces",
               "Peace dialogue and community security in Thailand's southern border provinces.",
               visibility=HIDDEN, availability=(), languages=(("en", "working"),), years=21, pillars=(1, 2), contact=False),
    # --- Latin America and the Caribbean ---
    DemoExpert("valentina.gomez@example.org", "Valentina Gómez Restrepo", "CO", "Agency for Reincorporation and Normalization",
               "Community reintegration lead", ("prisons-rehabilitation", "victims", "civil-society"),
               "Reconciliación en los territorios", "Reconciliation between victims and former combatants in rural Colombia.",
               org="arn-colombia", visibility=PUBLIC, availability=("mentoring", "speaking"),
               languages=(("es", "native"), ("en", "fluent")), years=9, pillars=(1, 4), language="es"),
    DemoExpert("joao.conceicao@example.org", "João Conceição", "BR", "Instituto Sou da Paz", "Coordenador de pesquisa",
               ("crime-terror-nexus", "civil-society"), "Armas, crime organizado e prevenção",
               "Research on arms trafficking and organised crime in Brazil's cities.", org="sou-da-paz",
               visibility=PUBLIC, availability=("advisory", "speaking"), languages=(("pt", "native"), ("es", "fluent"), ("en", "working")),
               years=12, pillars=(2,), language="pt"),
    DemoExpert("lucia.quispe@example.org", "Lucía Quispe Mamani", "PE", "Andes Digital Trust Lab", "Founder",
               ("cyber-new-tech", "strategic-communications"), "Detecting extremist content in Spanish and Quechua",
               "Tools and training for moderators who review extremist content in Spanish and Quechua.",
               org="andes-digital-trust", visibility=PUBLIC, availability=("training", "advisory"),
               languages=(("es", "native"), ("en", "fluent")), years=6, pillars=(2, 3), language="es"),
    DemoExpert("andres.nunez@example.org", "Andrés Núñez", "MX", "Unidad de Inteligencia Financiera", "Analista",
               ("cft", "crime-terror-nexus"), "Inteligencia financiera", "Financial intelligence on cartels and "
               "terrorist financing risks.", availability=("training",), languages=(("es", "native"), ("en", "fluent")),
               years=8, pillars=(2,), language="es"),
    DemoExpert("renee.baptiste@example.org", "Renée Baptiste", "TT", "CARICOM Implementation Agency for Crime and Security",
               "Counter-terrorism coordinator", ("national-strategies", "strategic-communications", "ftf"),
               "The CARICOM Counter-Terrorism Strategy", "Supporting Member States in implementing the CARICOM "
               "Counter-Terrorism Strategy, with technical support from UNOCT.", org="caricom-impacs",
               visibility=PUBLIC, availability=("advisory", "speaking"), languages=(("en", "native"), ("fr", "working")),
               years=10, pillars=(3,), focal_point=True),
    DemoExpert("marlon.campbell@example.org", "Marlon Campbell", "JM", "Jamaica Constabulary Force", "Superintendent",
               ("law-enforcement", "youth"), "Youth and community policing in Kingston",
               "Community policing and youth diversion programmes in Kingston.", availability=("mentoring",),
               languages=(("en", "native"),), years=19, pillars=(1, 2), active_days_ago=30),
    DemoExpert("camila.araujo@example.org", "Camila Araújo", "CL", "Universidad de Chile", "Profesora asociada",
               ("human-rights", "criminal-justice"), "Derechos humanos y legislación antiterrorista",
               "Comparative research on counter-terrorism law in Latin America.", visibility=PUBLIC,
               availability=("speaking",), languages=(("es", "native"), ("pt", "working"), ("en", "fluent")), years=15,
               pillars=(4,), language="es"),
]  # fmt: skip


def _organisations() -> dict[str, Organisation]:
    existing = {o.slug: o for o in Organisation.objects.all()}
    for slug, name, acronym, kind, country, website, description, coe in ORGANISATIONS:
        if slug not in existing:
            existing[slug] = organisation_create(
                slug=slug,
                name=name,
                acronym=acronym,
                kind=kind,
                country=Country.objects.get(code=country) if country else None,
                website=website,
                description=description,
                is_centre_of_excellence=coe,
            )
    return existing


def _write_profile(
    profile: ExpertProfile, expert: DemoExpert, organisations: dict[str, Organisation]
) -> None:
    profile_update(
        profile=profile,
        headline=expert.headline,
        bio=expert.bio,
        themes=Theme.objects.filter(slug__in=expert.themes),
        pillars=expert.pillars,
        years_of_experience=expert.years,
        availability=expert.availability,
        phone="",
        visibility=expert.visibility,
        contact_enabled=expert.contact,
        languages=expert.languages,
        links=expert.links,
    )
    if expert.org:
        profile_organisation_set(profile=profile, organisation=organisations[expert.org])
    if expert.active_days_ago is not None:  # what the last-active middleware would have stamped
        active = timezone.now() - timedelta(days=expert.active_days_ago)
        ExpertProfile.objects.filter(pk=profile.pk).update(last_active_at=active)


@transaction.atomic
def seed_experts(*, password: str, moderator: User, **_: Any) -> dict[str, int]:
    """Organisations, then each demo expert applied, approved (creating the profile) and written."""
    organisations = _organisations()
    now = timezone.now()
    created = 0
    for expert in EXPERTS:
        user = _user(expert.email, expert.name, password, expert.language)
        if Membership.objects.filter(user=user).exists():
            continue
        person = DemoPerson(
            expert.email, expert.name, expert.country, expert.organisation, expert.position, expert.themes,
            motivation=f"{expert.headline}. {expert.bio}", days_ago=expert.days_ago, focal_point=expert.focal_point,
            language=expert.language,
        )  # fmt: skip
        _seed_membership(person, user, moderator, now)
        _write_profile(ExpertProfile.objects.get(user=user), expert, organisations)
        created += 1
    for expert in EXISTING:
        profile = ExpertProfile.objects.filter(user__email=expert.email, headline="").first()
        if profile is not None:
            _write_profile(profile, expert, organisations)
    return {"experts_created": created, "organisations": len(organisations)}
