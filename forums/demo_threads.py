"""Demo discussions (seeded by forums/demo.py): members of the network talk about the work described in the
UNOCT/UNCCT South-South programme documents (shared/context) — strategic-communications workshops in the
Philippines, Jordan and the Caribbean, CFT training and Security Council resolution 2462, the Countering
Terrorist Travel Programme, the Victims of Terrorism Support Programme, the youth consultation guide. People and
their words are invented.

``by`` is the part of the demo member's address before ``@example.org``; ``@{nurul}`` in a body becomes an
@mention of that member's expert profile; ``quote`` is the number of the post replied to; ``hours`` is the time
since the previous post (the first post: ``days_ago`` before now).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPost:
    by: str
    hours: float
    body: str
    quote: int | None = None


@dataclass(frozen=True)
class DemoThread:
    category: str
    title: str
    days_ago: float
    posts: tuple[DemoPost, ...]
    keywords: tuple[str, ...] = ()
    pinned: bool = False


P = DemoPost

THREADS: list[DemoThread] = [
    DemoThread("stratcom", "Co-designing P/CVE strategic communications: notes from the Philippines, Jordan and Malaysia", 40, (
        P("member", 0, "The StratCom project ran six workshops in the Philippines on the National Action Plan for P/CVE, "
          "a workshop with civil-society organisations working with vulnerable young people in Jordan, and a co-design "
          "workshop with SEARCCT in Malaysia. I am collecting what worked so that the next regional workshop with IGAD "
          "Member States can start from it.\n\nThree questions:\n\n1. Who was in the room when the messages were designed?\n"
          "2. How did you test messages before launch?\n3. What did you stop doing?"),
        P("maricel.delacruz", 5, "In Mindanao the turning point was bringing **local radio hosts** into the design sessions. "
          "They rewrote half our draft messages in an afternoon: our version sounded like a ministry, theirs sounded like a "
          "neighbour. We stopped producing national posters altogether."),
        P("ahmad.faizal", 9, "At SEARCCT we tested every message with two small panels of students before launch, one from "
          "a public university and one from a religious school. The panels disagreed often, which was the point.", quote=1),
        P("yohannes.tesfaye", 20, "The IGAD co-design workshop in Ethiopia insisted on one principle: *never amplify the "
          "extremist narrative by repeating it*. We framed messages around what communities want — jobs, dignity, safety — "
          "rather than around what we oppose."),
        P("renee.baptiste", 14, "For the CARICOM strategy we learnt that WhatsApp voice notes travel further than any video. "
          "@{maricel.delacruz}, did radio hosts in Mindanao also produce material for messaging apps?", quote=2),
        P("maricel.delacruz", 6, "Yes — short audio clips in Cebuano and Maguindanaon, shared by barangay officials. "
          "Cheap to make and easy to correct when something lands badly."),
        P("nurul", 11, "One thing we stopped doing: counting impressions. We now report how many people *replied* or "
          "asked a question. It is a smaller number, but it tells us whether anyone was listening."),
        P("member", 26, "Thank you all. I will put these into a short checklist for the October regional workshop with IGAD "
          "Member States and share the draft here. @{yohannes.tesfaye} and @{ahmad.faizal}, may I quote you?"),
        P("ahmad.faizal", 4, "Of course, and please add that the student panels were paid for their time. It matters."),
    ), keywords=("strategic communications", "national action plans", "IGAD", "SEARCCT"), pinned=True),

    DemoThread("cybersecurity", "Social media investigations of foreign terrorist fighters: what works for small teams?", 34, (
        P("lucia.quispe", 0, "Most units in our region have two or three analysts, not twenty. UNCCT's regional workshops on "
          "social media investigation of FTFs were excellent, but I would like to hear how small teams keep the skills "
          "alive afterwards — and how they keep investigations within the law."),
        P("ayesha.siddiqui", 7, "We rotate one analyst a month into an *open-source desk* with written procedures: what may "
          "be collected, how it is logged, when a warrant is needed. The procedures were harder to write than the training."),
        P("wang.wei", 15, "Preservation of evidence is the weak point. Screenshots are not enough for courts; we moved to "
          "hashing and time-stamping everything collected, with a chain-of-custody form."),
        P("nurul", 10, "Agree with @{wang.wei}. We also learnt to separate *monitoring* (general, aggregated) from "
          "*investigation* (a named person, with authorisation). Mixing the two is where human-rights problems start.", quote=3),
        P("lucia.quispe", 8, "That distinction is exactly what our platform partners ask about. Could someone share a "
          "template for the authorisation step?"),
        P("ahmad.faizal", 19, "SEARCCT has a template from the 2019 pilot training. I will ask whether we can post it in "
          "the good-practices library rather than here, so that it is reviewed first."),
        P("rafiqul.islam", 13, "In Bangladesh the biggest change came from a small thing: every analyst writes a one-page "
          "note on what they did *not* collect and why. Prosecutors trust the rest of the file more."),
        P("member", 30, "This would make a good theme for a time-boxed e-discussion next quarter. @{lucia.quispe}, would "
          "you facilitate?"),
        P("lucia.quispe", 3, "Happy to, with @{ayesha.siddiqui} if she agrees."),
    ), keywords=("social media", "FTF", "digital evidence")),

    DemoThread("cft", "Organizaciones sin fines de lucro y financiamiento del terrorismo: un enfoque basado en el riesgo", 31, (
        P("andres.nunez", 0, "Tras la resolución 2462 (2019) del Consejo de Seguridad, muchas unidades de inteligencia "
          "financiera revisaron sus evaluaciones sectoriales. En México vimos que tratar a todas las organizaciones sin "
          "fines de lucro como sospechosas **no reduce el riesgo** y sí cierra cuentas de organizaciones humanitarias. "
          "¿Cómo aplican ustedes la Recomendación 8 del GAFI sin asfixiar a la sociedad civil?"),
        P("camila.araujo", 6, "En Chile trabajamos con una mesa mixta: reguladores, bancos y redes de ONG. Lo primero fue "
          "identificar el subconjunto de organizaciones realmente expuestas — las que envían fondos a zonas de conflicto — "
          "en lugar de supervisar a miles de clubes deportivos."),
        P("valentina.gomez", 12, "En Colombia las organizaciones que trabajan en reincorporación sufrieron cierres de cuentas. "
          "Ayudó que la ARN emitiera cartas de referencia para los bancos, pero es un parche, no una política."),
        P("chinedu.okafor", 9, "Sorry to answer in English. In Nigeria the FIU published a short typology of NPO abuse with "
          "real (anonymised) cases. Banks stopped de-risking whole sectors once they could see what abuse actually looks "
          "like. @{andres.nunez}, is a typology like that possible in Mexico?", quote=1),
        P("andres.nunez", 7, "Sí, @{chinedu.okafor}, estamos preparando una tipología regional con el GAFILAT. El reto es "
          "anonimizar los casos sin que pierdan utilidad."),
        P("lucia.quispe", 16, "Un dato desde Perú: las donaciones por billeteras digitales crecieron mucho. Las ONG pequeñas "
          "no tienen oficiales de cumplimiento; necesitan guías de una página, no manuales de cien."),
        P("camila.araujo", 22, "Totalmente de acuerdo con Lucía. Podríamos redactar juntos esa guía de una página y "
          "proponerla como buena práctica en la biblioteca de la red.", quote=6),
        P("andres.nunez", 5, "Propuesta aceptada. Abro un borrador y les comparto el enlace por mensaje."),
    ), keywords=("GAFI", "ONG", "resolución 2462")),

    DemoThread("cft", "Virtual assets and crowdfunding: red flags we actually see", 24, (
        P("chinedu.okafor", 0, "UNCCT's CFT programme now covers virtual currencies. In our suspicious-transaction reports "
          "the pattern is rarely exotic: small crowdfunding campaigns with vague humanitarian wording, then rapid "
          "conversion to stablecoins. What red flags do your units see?"),
        P("ayesha.siddiqui", 8, "Repeated donations of identical small amounts from many new accounts, all created in the "
          "same week. And campaign pages that change their cause after the money arrives."),
        P("andres.nunez", 14, "Peer-to-peer exchanges with no registration. We now require virtual-asset service providers "
          "to register with the FIU, but the informal market simply moved to messaging groups."),
        P("renee.baptiste", 10, "In the Caribbean the risk is smaller in volume but our FIUs are tiny. Shared analysis "
          "through the regional body helps more than new tools."),
        P("chinedu.okafor", 12, "@{renee.baptiste} exactly — FATF-style regional bodies are where South-South exchange "
          "pays off. Would a joint webinar between GIABA and CFATF members be useful?", quote=4),
        P("renee.baptiste", 9, "Yes. I can ask CARICOM IMPACS to host it."),
        P("mohammed.alqahtani", 30, "At Naif University we have a short course on virtual-asset tracing in Arabic. "
          "If the webinar happens, we can offer two places to participants from the region."),
    ), keywords=("virtual assets", "crowdfunding", "FATF")),

    DemoThread("youth", "إشراك الشباب في الوقاية من التطرف العنيف: دروس من ورشة العمل في الأردن", 28, (
        P("noor.aljaber", 0, "شاركنا في ورشة العمل مع منظمات المجتمع المدني التي تعمل مع الشباب المعرّضين للخطر في "
          "الأردن. الدرس الأول: الشباب لا يريدون أن يكونوا «جمهوراً مستهدفاً»، بل شركاء في التصميم. كيف تُشركون الشباب "
          "في بلدانكم منذ البداية؟"),
        P("karim.haddad", 6, "في لبنان بدأنا بمجالس شبابية في البلديات، لكن المشكلة أن الشباب الأكثر عرضة للخطر لا "
          "يحضرون الاجتماعات الرسمية. نذهب إليهم الآن في الملاعب والمقاهي."),
        P("mariam.alhosani", 10, "نقطة مهمة. في الإمارات نستعين بالشباب أنفسهم كمدرّبين لأقرانهم، مع مرافقة مهنية. "
          "الرسالة من شاب إلى شاب أكثر مصداقية من أي حملة رسمية.", quote=2),
        P("layla", 9, "Replying in English, sorry: in our programme the youth consultation guide drafted with the UN "
          "Major Group for Children and Youth was very useful. @{noor.aljaber}, did you use it in Jordan?"),
        P("noor.aljaber", 5, "نعم يا @{layla}، استخدمنا الدليل وترجمناه إلى العربية مع بعض التعديلات المحلية. "
          "سأشارك النسخة المترجمة في مكتبة الممارسات الجيدة بعد مراجعتها."),
        P("mohammed.alqahtani", 20, "نقترح أيضاً إشراك الجامعات: طلاب الدراسات العليا في العلوم الأمنية يمكنهم قياس "
          "أثر البرامج بدل الاكتفاء بعدد المشاركين."),
        P("ahmed.mansour", 14, "من تجربة مرصد الأزهر: الشباب يسألون أسئلة دينية حقيقية ويحتاجون إلى إجابات صادقة، لا "
          "إلى شعارات. خصّصنا خطاً للإجابة خلال ٤٨ ساعة."),
        P("karim.haddad", 8, "وأضيف ضرورة حماية بيانات الشباب المشاركين: لا صور ولا أسماء دون موافقة واضحة."),
    ), keywords=("الشباب", "الأردن", "youth")),

    DemoThread("development", "Développement local et prévention de l'extrémisme violent au Sahel", 22, (
        P("abdoulaye.diop", 0, "La Stratégie antiterroriste mondiale rappelle que la prévention passe aussi par le "
          "développement. Au Sahel, les programmes d'emploi des jeunes se multiplient, mais on mesure rarement leur effet "
          "sur le recrutement. Quelles expériences avez-vous de programmes de développement conçus *avec* un objectif "
          "de prévention ?"),
        P("moussa.abdou", 7, "Au Niger, la Haute autorité à la consolidation de la paix finance de petits projets "
          "communautaires décidés par des comités mixtes — chefs traditionnels, jeunes, femmes. Ce qui compte, c'est la "
          "décision partagée, plus que le montant."),
        P("aissata.traore", 12, "Au Mali, la justice est un service de développement comme un autre : là où l'État ne "
          "rend pas la justice, les groupes armés le font à sa place. Nous avons déployé des audiences foraines dans "
          "trois cercles.", quote=1),
        P("leila.trabelsi", 10, "En Tunisie, nous avons appris qu'un programme d'emploi mal ciblé crée de la frustration. "
          "@{moussa.abdou}, comment les comités choisissent-ils les bénéficiaires sans créer de rivalités ?"),
        P("moussa.abdou", 9, "Par tirage au sort parmi les candidats éligibles, en public. Personne n'a jamais contesté "
          "un tirage au sort.", quote=4),
        P("youcef.benhamed", 18, "Remarquable. En Algérie, nous avons couplé la formation professionnelle et le suivi "
          "psychosocial pour les jeunes sortant de prison ; le taux de récidive a nettement baissé."),
        P("abdoulaye.diop", 15, "Merci à tous. @{aissata.traore}, pourriez-vous décrire les audiences foraines comme "
          "bonne pratique ? Le CHEDS pourrait les inclure dans son prochain module de formation."),
        P("aissata.traore", 6, "Avec plaisir, je prépare une fiche d'ici la fin du mois."),
    ), keywords=("Sahel", "développement", "emploi des jeunes")),

    DemoThread("education", "教育在预防暴力极端主义中的作用：课程与教师培训", 19, (
        P("wang.wei", 0, "联合国全球反恐战略强调消除有利于恐怖主义蔓延的条件。教育是其中的关键。"
          "我们想了解各国在中小学课程和教师培训方面的经验：哪些做法真正有效？"),
        P("li.na", 8, "在上海合作组织的研究中，我们发现教师最需要的不是新教材，而是如何在课堂上处理敏感问题的实践培训。"
          "很多教师担心说错话，于是干脆回避讨论。"),
        P("chen.jianguo", 11, "同意。另外，学校与社区、家长之间的沟通机制也很重要。发现问题时，教师应当知道可以向谁求助，"
          "而不是直接报警。", quote=2),
        P("siti.rahmawati", 16, "Sorry to write in English. In Indonesia the Wahid Foundation trains teachers in "
          "*peace schools*: students practise disagreeing respectfully. @{li.na}, is the SCO research published in English?"),
        P("li.na", 7, "@{siti.rahmawati} 目前只有中文和俄文版本，英文摘要正在准备中，完成后我会在这里分享。"),
        P("wang.wei", 20, "建议把印度尼西亚的“和平学校”经验整理成良好做法，供其他国家参考。"),
        P("batbayar.ganbold", 13, "In Mongolia we added digital literacy to the teacher-training curriculum: recognising "
          "manipulated videos is now part of civic education."),
    ), keywords=("教育", "教师培训", "education")),

    DemoThread("gender", "Women as first responders: gender in national P/CVE action plans", 17, (
        P("fatima.bello", 0, "UNOCT now has a Gender Adviser and the Border Security programme incorporates gender and "
          "human-rights elements. Yet many national action plans still mention women only as victims or as mothers "
          "who should watch their sons. How do your plans treat women as **practitioners and decision-makers**?"),
        P("maricel.delacruz", 6, "The Philippine plan gives women's organisations a seat on the regional P/CVE councils. "
          "The seat is there; the budget is not yet."),
        P("hodan.warsame", 9, "In Somalia women lead most of the informal reintegration work — they take former fighters "
          "back into families. It is invisible in official reports because nobody counts it."),
        P("siti.rahmawati", 12, "We should also talk about women who joined violent groups. Programmes designed only "
          "for men fail them, and rehabilitation facilities rarely have female staff.", quote=1),
        P("layla", 8, "@{hodan.warsame} this is exactly the kind of evidence the gender analysis needs. Could you describe "
          "how families are prepared before a return?", quote=3),
        P("hodan.warsame", 14, "Elders and women's groups meet the family first, then the neighbours. The preparation "
          "takes longer than the return itself."),
        P("fatima.bello", 10, "I suggest we draft three recommendations for the review of national plans: budgets for "
          "women-led organisations, female staff in rehabilitation, and counting informal reintegration work."),
        P("thandiwe.mokoena", 19, "Supported. The Institute for Security Studies can contribute data from its West and "
          "East Africa interviews."),
    ), keywords=("gender", "national action plans", "reintegration")),

    DemoThread("human-rights", "Права человека при реабилитации и реинтеграции возвращающихся из зон конфликтов", 14, (
        P("dilnoza.karimova", 0, "Узбекистан вернул из Сирии и Ирака более пятисот человек, в основном женщин и детей. "
          "Главный урок: реабилитация работает только тогда, когда соблюдаются права человека — доступ к адвокату, "
          "документы для детей, возможность учиться. Как вы решаете эти вопросы?"),
        P("aigerim.nurlanovna", 9, "В Казахстане в рамках операции «Жусан» мы начали с восстановления документов и "
          "медицинской помощи. Богословы работали с возвращенцами только после того, как люди почувствовали себя в "
          "безопасности."),
        P("karim.haddad", 12, "Writing in English: the key legal point is individual assessment. Collective measures "
          "against all returnees, especially children, are hard to reconcile with international human-rights law.", quote=1),
        P("dilnoza.karimova", 8, "Согласна с @{karim.haddad}. У нас каждая семья получает индивидуальный план, который "
          "пересматривается каждые три месяца."),
        P("batbayar.ganbold", 15, "Вопрос к коллегам: как вы защищаете персональные данные возвращенцев? Утечка списка "
          "может разрушить всю работу по реинтеграции."),
        P("aigerim.nurlanovna", 10, "Доступ к спискам имеют только три ведомства, каждое обращение фиксируется. "
          "@{dilnoza.karimova}, у вас похожая система?", quote=5),
        P("dilnoza.karimova", 7, "Похожая, плюс ежегодная проверка омбудсменом. Готова рассказать подробнее на "
          "вебинаре."),
    ), keywords=("права человека", "реабилитация", "returnees")),

    DemoThread("victims", "Supporting victims of terrorism: from handbooks to remembrance", 11, (
        P("thandiwe.mokoena", 0, "The UN Victims of Terrorism Support Portal has had over 450,000 page views since 2014, "
          "and resolution 73/305 asks for stronger international cooperation for victims. What support do victims in "
          "your countries actually receive in the first year?"),
        P("hodan.warsame", 7, "Emergency medical care is free in principle, but victims pay for transport, medicines and "
          "the months they cannot work. Compensation schemes, where they exist, take years."),
        P("omar.khalil", 11, "In Iraq the compensation law covers victims of terrorism, but many displaced families never "
          "applied because they had lost their documents. Mobile legal teams made the difference."),
        P("amani.njoroge", 9, "After Westgate and Garissa, Kenya learnt that psychosocial support must last years, not "
          "weeks. @{thandiwe.mokoena}, are there handbooks you would recommend for health workers?", quote=1),
        P("thandiwe.mokoena", 6, "The UNOCT Handbooks of Good Practices are a good start, and the victims' associations "
          "themselves are the best trainers.", quote=4),
        P("nurul", 16, "For the International Day of Remembrance on 21 August, our office worked with survivors on the "
          "wording of every message. They asked us not to show images of the attacks, only of the people."),
        P("omar.khalil", 12, "Survivors should speak for themselves. We invited three of them to train police officers "
          "on how to take statements respectfully."),
        P("amani.njoroge", 21, "I will propose a short session on this at our next county action-plan meeting."),
    ), keywords=("victims", "remembrance", "psychosocial support")),

    DemoThread("border-security", "API/PNR e o Programa de Combate às Viagens de Terroristas: experiências no Sul", 8, (
        P("joao.conceicao", 0, "O Programa de Combate às Viagens de Terroristas, coordenado pelo UNOCT com a CTED, a OACI, "
          "o UNODC e o OICT, ajuda os Estados a usar dados API e PNR. No Brasil a discussão pública foi sobre proteção "
          "de dados. Como vocês equilibram segurança e privacidade?"),
        P("aisha.albalushi", 8, "Writing in English if I may: in Oman the passenger information unit has a legal basis, "
          "a retention limit and an independent audit. Without those, airlines would not share data with us."),
        P("marlon.campbell", 11, "Jamaica joined the programme last year. Our challenge is staff: the software arrives "
          "quickly, trained analysts do not."),
        P("joao.conceicao", 6, "Exatamente, @{marlon.campbell}. Aqui a formação de formadores foi o que garantiu a "
          "sustentabilidade. Os primeiros analistas hoje formam os novos.", quote=3),
        P("camila.araujo", 14, "Desde Chile, en español: la ley de protección de datos nos obligó a definir qué reglas de "
          "selección son legítimas. Fue un buen ejercicio; evitó perfiles basados en la nacionalidad."),
        P("aisha.albalushi", 9, "That is a very good point about selection rules. Our audit checks them every six months."),
        P("joao.conceicao", 18, "Obrigado a todos. Vou propor um webinar regional sobre regras de seleção e direitos "
          "humanos, com @{aisha.albalushi} e @{camila.araujo} como palestrantes."),
    ), keywords=("API/PNR", "fronteiras", "proteção de dados")),

    DemoThread("education", "Teaching about terrorism without spreading fear", 5, (
        P("kwame.asante", 0, "At the peacekeeping training centre we teach officers, not children, but the question is "
          "the same: how do you explain terrorism without exaggerating the threat or glorifying the attackers?"),
        P("somchai.thongdee", 6, "We use case studies from our own region and always end with what communities did "
          "to recover. The ending matters more than the attack."),
        P("nimal.perera", 9, "After the 2019 Easter attacks in Sri Lanka, teachers asked for help to talk to pupils. "
          "We prepared a one-page guide: listen first, give facts, avoid blaming any community."),
        P("kwame.asante", 5, "@{nimal.perera} could you share that guide? It sounds useful far beyond Sri Lanka.", quote=3),
        P("nimal.perera", 8, "I will translate it from Sinhala and Tamil into English and post it in the library."),
        P("focal", 12, "Thank you both. I will link this thread from the education focal points' next newsletter."),
    ), keywords=("education", "training", "media literacy")),
]  # fmt: skip
