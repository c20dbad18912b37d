"""Demo time-boxed e-discussions, flags, quick updates and news (seeded by forums/demo.py), grounded in the
UNOCT/UNCCT documents in shared/context. People and their words are invented; see forums/demo_threads.py for the
conventions (``by``, ``@{…}``, ``quote``, ``hours``)."""

from __future__ import annotations

from dataclasses import dataclass

from forums.demo_threads import DemoPost

P = DemoPost


@dataclass(frozen=True)
class DemoConsultation:
    category: str
    title: str
    lead_question: str
    opens_days_ago: float  # negative: opens in the future
    closes_days_ago: float
    facilitators: tuple[str, ...]
    posts: tuple[DemoPost, ...] = ()
    summaries: tuple[tuple[str, float, str], ...] = ()  # by, days ago, text
    synthesis: str = ""  # written once it closed
    followers: tuple[str, ...] = ()  # who follow it before it opens


CONSULTATIONS: list[DemoConsultation] = [
    DemoConsultation(
        "youth", "E-discussion: what should national youth consultations on P/CVE ask young people?",
        "UNOCT's Youth Programme is organising national and regional consultations, with a draft consultation guide "
        "written with the UN Major Group for Children and Youth.\n\n**Which three questions must every national "
        "consultation ask young people — and how do we make sure the answers change policy?**",
        opens_days_ago=45, closes_days_ago=24, facilitators=("layla", "noor.aljaber"),
        posts=(
            P("siti.rahmawati", 2 * 24, "First question: *what makes you feel you belong — and what makes you feel "
              "excluded?* Everything else follows from the answer."),
            P("valentina.gomez", 20, "Ask who they trust to talk about violence. In Colombia it was rarely the "
              "authorities, often a sports coach or a teacher."),
            P("karim.haddad", 30, "The consultation itself must be safe: anonymous options, no police in the room, "
              "clear rules on how quotes will be used."),
            P("amani.njoroge", 26, "Report back to the young people who took part. In Kenya the county plans improved "
              "once the youth councils saw what had been done with their input.", quote=2),
            P("ahmed.mansour", 40, "Ask what questions they cannot ask anyone else. The answers show where extremist "
              "recruiters find their opening."),
            P("noor.aljaber", 30, "ملخص سريع بالعربية: الأمان، والثقة، وإعادة النتائج إلى الشباب — هذه هي النقاط "
              "الثلاث التي تكررت في أغلب المشاركات."),
        ),
        summaries=(("layla", 33, "**Week 1.** Participants agree on belonging and exclusion as the opening question, "
                    "and on the safety of the consultation itself (anonymity, no police in the room)."),),
        synthesis="## Synthesis\n\nThe e-discussion gathered practitioners from nine countries. Three questions "
        "should open every national consultation:\n\n1. What makes you feel you belong, and what excludes you?\n"
        "2. Whom do you trust to talk about violence?\n3. What would you like to ask but cannot?\n\nTwo conditions "
        "make the answers count: the consultation is **safe** (anonymous options, clear rules on quotes) and the "
        "organisers **report back** to the young people on what changed. These points were passed to the team "
        "finalising the youth consultation guide.",
    ),
    DemoConsultation(
        "development", "E-discussion: South-South cooperation priorities for the next Global Strategy review",
        "The General Assembly reviews the UN Global Counter-Terrorism Strategy every two years. UNCCT promotes "
        "South-South cooperation as a way for countries with similar challenges to learn from each other.\n\n"
        "**Which southern-generated practices deserve to be highlighted in the next review, and what support would "
        "help other countries adopt them?**",
        opens_days_ago=9, closes_days_ago=-12, facilitators=("focal", "kwame.asante"),
        posts=(
            P("abdoulaye.diop", 6, "Les audiences foraines de la justice au Mali méritent d'être citées : elles "
              "répondent directement aux conditions propices au terrorisme."),
            P("ayesha.siddiqui", 18, "Peer exchanges between FIUs of the same regional body. They cost little and "
              "the trust lasts longer than any training."),
            P("maricel.delacruz", 22, "Community radio co-design from the Philippines — and the funding to translate "
              "such practices, which is always the missing line in the budget."),
            P("chen.jianguo", 30, "建议在审查中强调执法培训中的南南交流，特别是数字证据保全方面的经验。"),
            P("kwame.asante", 12, "Thank you all. @{ayesha.siddiqui}, could you say more about how FIU exchanges are "
              "organised, so that the summary is concrete?", quote=2),
            P("ayesha.siddiqui", 9, "Twice a year, hosted in turn, with one real (anonymised) case each. No "
              "presentations longer than ten minutes."),
        ),
        summaries=(("kwame.asante", 4, "**Week 1 summary.** Four candidate practices so far: mobile courts (Mali), "
                    "peer exchanges between FIUs, community-radio co-design (Philippines), South-South training "
                    "on digital evidence. A recurring need: money to translate practices. Next week: what support "
                    "would help other countries adopt them?"),
                   ("focal", 1, "**Mid-point.** Please focus on the support needed — training of trainers, "
                    "translation, mentoring — so that the recommendations can be costed.")),
    ),
    DemoConsultation(
        "cybersecurity", "E-discussion: protecting soft targets and critical infrastructure with new technologies",
        "UNOCT's Special Projects and Innovation work looks at the protection of critical infrastructure and soft "
        "targets, including through new technologies.\n\n**Which technologies have helped protect public spaces in "
        "your country, and which safeguards keep them lawful and proportionate?**",
        opens_days_ago=-6, closes_days_ago=-27, facilitators=("lucia.quispe", "ahmad.faizal"),
        followers=("member", "nurul", "aisha.albalushi", "somchai.thongdee"),
    ),
]  # fmt: skip

# (thread title, post number, flagged by, reason, details): waiting in the moderators' queue
FLAGS: list[tuple[str, int, str, str, str]] = [
    ("Virtual assets and crowdfunding: red flags we actually see", 7, "andres.nunez", "spam",
     "Reads like an advertisement for a paid course."),
    ("Teaching about terrorism without spreading fear", 2, "kwame.asante", "off-topic",
     "Interesting, but about training officers rather than teaching: a separate thread?"),
    ("Права человека при реабилитации и реинтеграции возвращающихся из зон конфликтов", 5, "karim.haddad", "other",
     "Could this post be read as asking for the list of returnees? Better to check."),
]  # fmt: skip

# (by, days ago, text, link)
QUICK_UPDATES: list[tuple[str, float, str, str]] = [
    ("maricel.delacruz", 38, "Sixth StratCom workshop for the Philippine National Action Plan on P/CVE done. "
     "Radio hosts from four provinces now co-write our messages.", ""),
    ("ahmad.faizal", 33, "SEARCCT and UNOCT finished the co-design workshop in Kuala Lumpur: 24 participants from "
     "ASEAN Member States.", "https://www.searcct.gov.my"),
    ("chinedu.okafor", 29, "Our FIU published a typology of NPO abuse with anonymised cases. Comments welcome.", ""),
    ("thandiwe.mokoena", 26, "Preparing our contribution for the International Day of Remembrance of and Tribute "
     "to the Victims of Terrorism, 21 August.", ""),
    ("noor.aljaber", 22, "ترجمنا دليل استشارات الشباب إلى العربية؛ النسخة قيد المراجعة.", ""),
    ("abdoulaye.diop", 19, "Le CHEDS ouvre un module de formation sur la prévention de l'extrémisme violent par le "
     "développement local. Inscriptions jusqu'à la fin du mois.", ""),
    ("lucia.quispe", 16, "Presentamos en Lima una guía de una página para pequeñas ONG sobre donaciones digitales.",
     ""),
    ("li.na", 13, "上海合作组织研究中心关于教师培训的报告英文摘要即将发布。", ""),
    ("dilnoza.karimova", 10, "Провели вебинар о реинтеграции семей, вернувшихся из зон конфликтов: 60 участников "
     "из Центральной Азии.", ""),
    ("joao.conceicao", 7, "Instituto Sou da Paz publicou nota técnica sobre proteção de dados no uso de API/PNR.",
     "https://soudapaz.org"),
    ("renee.baptiste", 4, "CARICOM IMPACS will host a joint CFT webinar for GIABA and CFATF members next month.",
     "https://caricomimpacs.org"),
    ("hodan.warsame", 2, "Back from Baidoa: women's groups there are documenting informal reintegration work for "
     "the first time.", ""),
    ("member", 0.5, "Draft checklist for co-designing P/CVE communications is ready for comments in the "
     "strategic communications category.", ""),
]  # fmt: skip


@dataclass(frozen=True)
class DemoNews:
    slug: str
    title: str
    summary: str
    body: str
    days_ago: float


NEWS: list[DemoNews] = [
    DemoNews("onse-network-launch", "The Online Network of Southern Experts opens its discussions",
             "Members can now discuss CT/PVE topics, share quick updates and take part in time-boxed e-discussions.",
             "As a follow-up to the Expert Meeting on Promoting South-South Cooperation in CT/PVE held in "
             "November 2019 in New York, the network now offers members-only discussions in ten categories, from "
             "cybersecurity to victims of terrorism.\n\nMembers can follow threads, be notified when someone "
             "mentions them and take part in moderated e-discussions with a closing synthesis.", 30),
    DemoNews("seventh-review-global-strategy", "Seventh review of the UN Global Counter-Terrorism Strategy",
             "The General Assembly reviews the Strategy every two years, making it a living document.",
             "The UN General Assembly reviews the UN Global Counter-Terrorism Strategy every two years, making it "
             "a living document attuned to Member States' counter-terrorism priorities. Network members are "
             "invited to contribute southern practices through the current e-discussion.", 21),
    DemoNews("stratcom-regional-workshop-igad", "Regional strategic-communications workshop with IGAD Member States",
             "UNOCT and the IGAD Centre of Excellence on P/CVE bring together practitioners from the Horn of Africa.",
             "Building on the co-design workshop in Ethiopia, the PVE through Strategic Communications project holds "
             "a regional workshop with IGAD Member States. Lessons from the Philippines, Jordan and Malaysia will be "
             "shared by network members.", 15),
    DemoNews("victims-remembrance-day", "International Day of Remembrance of and Tribute to the Victims of Terrorism",
             "Screenings, a photographic exhibition and a discussion with victims mark 21 August.",
             "The Victims of Terrorism Support Programme marks the International Day with screenings of its "
             "documentary series, a photographic exhibition and a discussion with victims. Since its launch in 2014 "
             "the UN Victims of Terrorism Support Portal has had over 450,000 page views.", 9),
    DemoNews("countering-terrorist-travel-programme", "Countering Terrorist Travel Programme welcomes new countries",
             "The programme helps Member States use API and PNR data in accordance with human rights.",
             "The UN Countering Terrorist Travel Programme, coordinated by UNOCT with CTED, ICAO, OICT and UNODC, and "
             "INTERPOL as an associate partner, assists Member States in detecting the travel of foreign terrorist "
             "fighters using advance passenger information and passenger name records.", 4),
    DemoNews("cft-training-resolution-2462", "New CFT training on non-profit organisations and virtual assets",
             "UNCCT's CFT programme expands to meet Security Council resolution 2462.",
             "The programme's products now include non-profit organisations, foreign terrorist fighters and "
             "virtual currencies, with practical training of officials and support to FATF-style regional bodies.",
             1),
]  # fmt: skip
