"""Word pools for the scale data (``manage.py seed_scale``): people's names in Latin (with accents), Arabic and
Chinese script, and sentences about CT/PVE work in the seven languages the network writes in.

Plain data and pure functions of a ``random.Random``: the same seed gives the same text. Sentences are
templates with slots (``{topic}``, ``{group}``, ``{place}``, ``{n}``) filled from per-language lists, so a few
dozen lines give tens of thousands of distinct paragraphs, and some words are common ("community") while others
are rare (``RARE_TERM`` is planted in a known, small number of rows).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Search terms the load benchmark uses: one that many rows hold, one that a handful do.
COMMON_TERM = "community"
RARE_TERM = "Tessalit"

# Languages texts are written in (a practice's or a post's language), with their weight among practices.
TEXT_LANGUAGES: dict[str, float] = {
    "en": 0.46,
    "fr": 0.16,
    "es": 0.12,
    "ar": 0.10,
    "pt": 0.06,
    "ru": 0.05,
    "zh": 0.05,
}
# Text language → a member's email language (settings.LANGUAGES).
INTERFACE_LANGUAGE = {"en": "en", "fr": "fr", "es": "es", "ar": "ar", "pt": "pt", "ru": "ru", "zh": "zh-hans"}


def words(text: str) -> tuple[str, ...]:
    """Space-separated words (country codes, slugs) as a tuple: long lists stay readable on a few lines."""
    return tuple(text.split())


@dataclass(frozen=True)
class NamePool:
    """Given and family names of one naming tradition; ``family_first`` names print the family name first,
    ``joined`` ones without a space (Chinese)."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    text_language: str = "en"
    family_first: bool = False
    joined: bool = False

    def name(self, rng: random.Random) -> str:
        given, family = rng.choice(self.given), rng.choice(self.family)
        if self.joined:
            return f"{family}{given}"
        return f"{family} {given}" if self.family_first else f"{given} {family}"


def _pool(given: str, family: str, **kwargs: object) -> NamePool:
    return NamePool(tuple(given.split(", ")), tuple(family.split(", ")), **kwargs)  # type: ignore[arg-type]


NAMES: dict[str, NamePool] = {
    "hispanic": _pool(
        "José, María, Andrés, Lucía, Sofía, Martín, Camila, Julián, Inés, Raúl, Ramón, Verónica, Joaquín, "
        "Ángela, Tomás, Mónica, Héctor, Gabriela, Iván, Rocío, Begoña, Sebastián, Valentina, Nicolás",
        "García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Núñez, Muñoz, "
        "Jiménez, Gómez, Díaz, Álvarez, Castaño, Ibáñez, Peña, Quiñones, Suárez, Velásquez, Cárdenas",
        text_language="es",
    ),
    "lusophone": _pool(
        "João, Conceição, Sebastião, Antônio, Luíza, Débora, Fábio, Cláudia, Vinícius, Thaís, Márcia, Sérgio, "
        "Graça, Inês, Júlio, Natália",
        "Gonçalves, Magalhães, Araújo, Simões, Guimarães, Assunção, Brandão, Falcão, Estêvão, Lourenço, "
        "Machado, Correia, Nhantumbo, Cumbe",
        text_language="pt",
    ),
    "francophone": _pool(
        "Aïssata, Mamadou, Ousmane, Fatoumata, Chérif, Adjoa, Koffi, Hélène, Célestin, Noël, Léonie, Amadou, "
        "Aminata, Seydou, Ndèye, Moïse, Rokia, Théodore, Awa, Désiré",
        "Traoré, Diallo, Kouyaté, Ndiaye, Sow, Camara, Keïta, Koné, Ouédraogo, Diop, Sané, Mbaye, Touré, "
        "Cissé, Zoungrana, Kaboré, Mahamadou, Issoufou, Nkurunziza, Mbarga",
        text_language="fr",
    ),
    "anglophone_africa": _pool(
        "Chinedu, Amani, Wanjiru, Kwame, Thandiwe, Oluwaseun, Abebe, Tsion, Nomvula, Babajide, Achieng, Kofi, "
        "Zanele, Yaw, Hodan, Faith, Grace, Emmanuel, Nasra, Tendai",
        "Okafor, Njoroge, Mensah, Mokoena, Adeyemi, Otieno, Tesfaye, Kiplagat, Nkosi, Balogun, Mwangi, Asante, "
        "Dlamini, Okonkwo, Bekele, Warsame, Chikwanha, Banda, Museveni, Kamau",
    ),
    "caribbean": _pool(
        "Renée, Dwayne, Keisha, Marlon, Shanice, Andre, Tamika, Desmond, Aaliyah, Curtis",
        "Baptiste, Charles, Williams, Joseph, Ramdial, Persaud, Campbell, Thompson, St. Hilaire, Mohammed",
    ),
    "turkic": _pool(
        "Ayşe, Çağlar, Gülşen, Şükrü, Özlem, Ömer, Nodira, Dilnoza, Bakhtiyor, Aigerim, Nurlan, Zülfiyə",
        "Yılmaz, Öztürk, Çelik, Şahin, Aydın, Karimov, Yusupova, Nazarbayeva, Aliyev, Güneş, Məmmədov, Toktogulov",
    ),
    "vietnamese": _pool(
        "Văn Đức, Thị Hồng, Minh Châu, Quốc Bảo, Thu Hà, Đức Anh, Ngọc Lan, Hữu Phước",
        "Nguyễn, Trần, Lê, Phạm, Hoàng, Đặng, Bùi, Võ",
        family_first=True,
    ),
    "south_asia": _pool(
        "Priya, Rahul, Ananya, Farhan, Nusrat, Tharindu, Sunita, Siti, Budi, Dewi, Maricel, Rizal, Somchai, "
        "Ayesha, Imran, Kavya, Nimal, Pooja, Arif, Ratna",
        "Sharma, Khan, Rahman, Perera, Shrestha, Santoso, Wijaya, dela Cruz, Reyes, Haider, Chowdhury, "
        "Siregar, Jayasinghe, Thapa, Hossain, Iqbal, Bautista, Suryani, Malik, Abdullah",
    ),
    "arab_latin": _pool(
        "Mohamed, Fatima, Youssef, Leïla, Karim, Nour, Samir, Hana, Rachid, Salma, Mehdi, Yasmine",
        "El Amrani, Ben Ali, Haddad, Khalil, Mansour, Saïdi, Bouazizi, Benjelloun, El Khoury, Hamdi, Touati",
        text_language="fr",
    ),
    "arabic": _pool(
        "محمد, فاطمة, يوسف, ليلى, أحمد, مريم, خالد, نور, عمر, سلمى, حسن, آمنة, إبراهيم, زينب, طارق, هدى, "
        "سامي, رانيا, عبد الله, إيمان",
        "الحسيني, العمري, حداد, منصور, الخطيب, الزعبي, بن علي, الشريف, عبد الرحمن, النجار, السعدي, القاسم, "
        "الحلبي, المصري, الأنصاري, الدوري, البدوي, يوسف, الفارسي, التميمي",
        text_language="ar",
    ),
    "chinese": _pool(
        "伟, 芳, 娜, 敏, 静, 丽, 强, 磊, 军, 洋, 勇, 艳, 杰, 娟, 涛, 明, 超, 秀英, 华, 慧, 建国, 晓明, 海燕, 志强",
        "王, 李, 张, 刘, 陈, 杨, 黄, 赵, 吴, 周, 徐, 孙, 马, 朱, 胡, 郭, 何, 林, 罗, 高",
        text_language="zh",
        joined=True,
    ),
    "russian": _pool(
        "Алия, Тимур, Дина, Руслан, Гульнара, Артём, Жанна, Ерлан, Мадина, Олег",
        "Ахметова, Ким, Садыков, Исмаилова, Петров, Жумабаев, Рахимова, Усманов, Нуриева, Абдуллаев",
        text_language="ru",
    ),
}

# Country → (naming tradition, share) pairs; a country not listed uses its region's default below.
CULTURES: dict[str, tuple[tuple[str, float], ...]] = {
    **dict.fromkeys(
        words("SN ML NE BF CI CM TD BJ TG GN CD CG CF GA BI RW MG KM DJ HT"), (("francophone", 1.0),)
    ),
    **dict.fromkeys(words("AO MZ CV GW ST BR"), (("lusophone", 1.0),)),
    **dict.fromkeys(words("JM TT BB BS GY AG DM GD KN LC VC BZ"), (("caribbean", 1.0),)),
    **dict.fromkeys(
        words("EG JO IQ LB SA AE YE SD PS LY QA KW OM BH SY"), (("arabic", 0.55), ("arab_latin", 0.45))
    ),
    **dict.fromkeys(words("MA TN DZ MR EH"), (("arab_latin", 0.6), ("arabic", 0.4))),
    "SO": (("anglophone_africa", 0.7), ("arabic", 0.3)),
    "IR": (("arabic", 0.7), ("arab_latin", 0.3)),
    "AF": (("arabic", 0.4), ("south_asia", 0.6)),
    "TR": (("turkic", 1.0),),
    "AZ": (("turkic", 1.0),),
    **dict.fromkeys(words("KZ KG TJ TM UZ"), (("turkic", 0.6), ("russian", 0.4))),
    **dict.fromkeys(words("CN HK MO TW"), (("chinese", 0.9), ("south_asia", 0.1))),
    "SG": (("chinese", 0.5), ("south_asia", 0.5)),
    "MY": (("south_asia", 0.7), ("chinese", 0.3)),
    "VN": (("vietnamese", 1.0),),
    "AM": (("russian", 0.5), ("turkic", 0.5)),
    "GE": (("russian", 0.5), ("turkic", 0.5)),
}
REGION_CULTURE = {
    "africa": (("anglophone_africa", 1.0),),
    "asia": (("south_asia", 1.0),),
    "middle-east": (("arabic", 0.5), ("arab_latin", 0.5)),
    "latin-america-caribbean": (("hispanic", 1.0),),
}

# The countries most members come from, per region, most active first; the rest of the region shares a tail.
HEAVY_COUNTRIES: dict[str, tuple[str, ...]] = {
    "africa": words("NG KE ET SN ML NE SO ZA GH BF CM TZ UG CI TD MZ CD RW"),
    "middle-east": words("EG JO MA TN IQ LB SA DZ TR AE YE SD PS LY QA IR"),
    "asia": words("ID PH MY PK IN BD CN LK TH KZ UZ VN NP AF KG SG TJ MV"),
    "latin-america-caribbean": words("CO BR MX PE AR TT JM CL EC GT BO DO PY SV HN BB GY HT"),
}
REGION_WEIGHTS = {"africa": 0.36, "asia": 0.24, "latin-america-caribbean": 0.22, "middle-east": 0.18}
UNINHABITED = frozenset({"BV", "GS", "TF", "IO", "HM", "UM", "AQ"})

# Themes by how often members choose them (slugs of network/taxonomy_data.py); a long tail.
THEME_POPULARITY = words(
    "pcve strategic-communications youth criminal-justice cft human-rights gender law-enforcement "
    "border-security civil-society education prisons-rehabilitation conflict-prevention national-strategies "
    "cyber-new-tech ftf victims international-cooperation development interfaith-dialogue terrorist-travel "
    "crime-terror-nexus vulnerable-targets parliamentary wmd-cbrn"
)

POSITIONS = {
    "en": "Senior adviser, Programme officer, Research fellow, Policy analyst, Police superintendent, "
    "Prosecutor, Project coordinator, Director of programmes, Lecturer, Intelligence analyst, "
    "Border management specialist, Community mediator",
    "fr": "Conseiller technique, Chargée de programme, Chercheur, Magistrate, Commissaire de police, "
    "Coordinatrice de projet, Directeur adjoint, Analyste",
    "es": "Asesora técnica, Coordinador de proyectos, Investigadora, Fiscal, Comisario de policía, "
    "Directora de programas, Analista",
    "pt": "Assessora técnica, Coordenador de projetos, Pesquisadora, Procurador, Diretora de programas",
    "ar": "مستشار أول, منسقة برامج, باحث, مدعٍ عام, ضابط شرطة, مديرة مشاريع",
    "zh": "高级顾问, 项目官员, 研究员, 检察官, 警务督察, 项目协调员",
    "ru": "Старший советник, Координатор программ, Научный сотрудник, Прокурор, Аналитик",
}

TOPICS = {
    "en": "community policing, youth mentoring, prison rehabilitation, strategic communications, "
    "counter-narratives, financial intelligence, border management, victim support, interfaith dialogue, "
    "school-based prevention, online content moderation, reintegration of returnees, women's leadership in "
    "prevention, criminal justice reform, early warning systems, sport for development, community radio, "
    "vocational training, community resilience, passenger data analysis",
    "fr": "la police de proximité, le mentorat des jeunes, la réhabilitation en prison, la communication "
    "stratégique, les contre-discours, le renseignement financier, la gestion des frontières, le soutien aux "
    "victimes, le dialogue interreligieux, la prévention à l'école, la réinsertion des rapatriés, "
    "les radios communautaires, la formation professionnelle, la résilience des communautés",
    "es": "la policía comunitaria, la mentoría juvenil, la rehabilitación penitenciaria, la comunicación "
    "estratégica, las contranarrativas, la inteligencia financiera, la gestión de fronteras, la atención a "
    "víctimas, el diálogo interreligioso, la prevención en las escuelas, la reintegración de excombatientes, "
    "las radios comunitarias, la formación profesional",
    "pt": "o policiamento comunitário, a mentoria de jovens, a reabilitação prisional, a comunicação "
    "estratégica, a inteligência financeira, a gestão de fronteiras, o apoio às vítimas, a prevenção nas "
    "escolas, a reintegração de retornados, as rádios comunitárias",
    "ar": "الشرطة المجتمعية, إرشاد الشباب, إعادة التأهيل في السجون, الاتصال الاستراتيجي, الخطاب المضاد, "
    "الاستخبارات المالية, إدارة الحدود, دعم الضحايا, الحوار بين الأديان, الوقاية في المدارس, "
    "إعادة إدماج العائدين, الإذاعات المحلية",
    "zh": "社区警务, 青年辅导, 监狱改造, 战略传播, 反叙事, 金融情报, 边境管理, 受害者援助, 宗教间对话, "
    "校园预防, 回返人员重新融入, 社区广播",
    "ru": "общественная полиция, наставничество молодёжи, реабилитация в тюрьмах, стратегические "
    "коммуникации, финансовая разведка, управление границами, поддержка пострадавших, межрелигиозный диалог, "
    "профилактика в школах, реинтеграция вернувшихся",
}

GROUPS = {
    "en": "young people, religious leaders, local officials, teachers, police officers, women's associations, "
    "prison staff, journalists, community elders, university students, former detainees, customs officers",
    "fr": "les jeunes, les chefs religieux, les élus locaux, les enseignants, les policiers, les associations "
    "de femmes, le personnel pénitentiaire, les journalistes, les chefs traditionnels, les étudiants",
    "es": "los jóvenes, los líderes religiosos, las autoridades locales, los docentes, los policías, las "
    "organizaciones de mujeres, el personal penitenciario, los periodistas, los estudiantes",
    "pt": "os jovens, os líderes religiosos, as autoridades locais, os professores, os policiais, as "
    "associações de mulheres, os jornalistas, os estudantes",
    "ar": "الشباب, القادة الدينيين, المسؤولين المحليين, المعلمين, رجال الشرطة, الجمعيات النسائية, "
    "موظفي السجون, الصحفيين, وجهاء المجتمع, طلاب الجامعات",
    "zh": "青年, 宗教领袖, 地方官员, 教师, 警察, 妇女组织, 监狱工作人员, 记者, 社区长老, 大学生",
    "ru": "молодёжь, религиозные лидеры, местные чиновники, учителя, полицейские, женские организации, "
    "сотрудники тюрем, журналисты, студенты",
}

_LATIN_PLACES = (
    "Mombasa, Garissa, Maiduguri, Kano, Mopti, Gao, Niamey, Agadez, Diffa, Ouagadougou, Dori, Bamako, Dakar, "
    "Kismayo, Baidoa, Djibouti, Addis Ababa, Dire Dawa, Kampala, Arua, Cabo Delgado, Pemba, Maputo, Tunis, "
    "Kasserine, Sousse, Amman, Zarqa, Irbid, Mosul, Basra, Tripoli, Beirut, Mindanao, Marawi, Cotabato, Sulu, "
    "Jakarta, Poso, Surabaya, Kuala Lumpur, Sabah, Peshawar, Quetta, Karachi, Dhaka, Cox's Bazar, Colombo, "
    "Batticaloa, Kathmandu, Almaty, Osh, Fergana, Dushanbe, Bogotá, Medellín, Tumaco, Cali, Lima, Ayacucho, "
    "Quito, La Paz, Tegucigalpa, San Salvador, Port of Spain, Kingston, Georgetown, Bridgetown, Port-au-Prince, "
    "São Paulo, Recife, Manaus, Ciudad Juárez, Guadalajara"
)
PLACES = {
    "en": _LATIN_PLACES,
    "fr": _LATIN_PLACES,
    "es": _LATIN_PLACES,
    "pt": _LATIN_PLACES,
    "ar": "عمّان, الزرقاء, إربد, الموصل, البصرة, طرابلس, بيروت, تونس, القصرين, سوسة, الجزائر, نواكشوط, الخرطوم, "
    "عدن, صنعاء, مقديشو, جيبوتي, القاهرة, الإسكندرية, الدار البيضاء, الرباط, مراكش, دمشق, حلب, غزة",
    "zh": "雅加达, 吉隆坡, 马尼拉, 棉兰老, 达卡, 科伦坡, 加德满都, 阿拉木图, 塔什干, 比什凯克, 内罗毕, 蒙巴萨, "
    "亚的斯亚贝巴, 达喀尔, 波哥大, 利马, 圣保罗, 开罗, 安曼, 突尼斯",
    "ru": "Алматы, Ташкент, Бишкек, Душанбе, Ош, Фергана, Ашхабад, Астана, Самарканд, Худжанд, Баку, Ереван, "
    "Тбилиси, Каир, Амман, Найроби, Дакар, Богота, Джакарта, Караганда",
}

SENTENCES = {
    "en": (
        "In {place} we worked with {group} on {topic} for almost {n} months.",
        "The hardest part of {topic} was keeping {group} involved after the first year.",
        "Our evaluation in {place} found that {topic} only works when {group} design it with us.",
        "We trained {n} people in {place}; half of them now run sessions on {topic} on their own.",
        "Has anyone measured the effect of {topic} on {group} beyond attendance figures?",
        "Funding for {topic} in {place} ended after {n} months, and the network of {group} survived anyway.",
        "I would add that {topic} needs a clear human rights safeguard, especially for {group}.",
        "The ministry in {place} now asks {group} to review every new plan on {topic}.",
        "We stopped counting participants and started asking {group} what changed for them.",
        "A short guide on {topic} was written with {group} from {place} and is free to reuse.",
        "Local radio in {place} carried our messages on **{topic}** further than any poster.",
        "Trust between {group} and the police took {n} months to build and a week to lose.",
        "For {topic}, the lesson from {place} is to start small and stay for years.",
        "We paired {topic} with support for {group}, which made families far more willing to take part.",
        "Could you share the terms of reference you used for {topic} in {place}?",
        "The national action plan names {topic} as a priority, but {group} rarely see the budget.",
        "In our experience, {group} are the first to notice when something goes wrong.",
        "We documented {n} cases in {place} where {topic} helped someone leave an armed group.",
        "Thank you for this: the point about {group} matches what we saw in {place}.",
        "Data protection was our main concern when we set up {topic} with {group}.",
        "The community in {place} asked for {topic} long before any donor did.",
        "Our report on {topic} in {place} is at https://www.un.org/counterterrorism for anyone interested.",
    ),
    "fr": (
        "À {place}, nous avons travaillé avec {group} sur {topic} pendant près de {n} mois.",
        "Le plus difficile, pour {topic}, a été de garder {group} impliqués après la première année.",
        "Notre évaluation à {place} montre que {topic} ne fonctionne que si {group} la conçoivent avec nous.",
        "Nous avons formé {n} personnes à {place} ; la moitié animent désormais seules des séances.",
        "Quelqu'un a-t-il mesuré l'effet de {topic} au-delà des chiffres de participation ?",
        "Le financement s'est arrêté après {n} mois, mais le réseau créé à {place} a tenu.",
        "J'ajouterais que {topic} exige des garanties claires en matière de droits humains.",
        "Le ministère, à {place}, demande maintenant à {group} de relire chaque nouveau plan.",
        "Nous avons cessé de compter les participants pour demander à {group} ce qui a changé pour eux.",
        "La confiance entre {group} et la police a mis {n} mois à se construire.",
        "Pour {topic}, la leçon de {place} est de commencer petit et de rester longtemps.",
        "Pourriez-vous partager les termes de référence utilisés pour {topic} à {place} ?",
        "Le plan d'action national cite {topic} comme priorité, mais {group} voient rarement le budget.",
        "Merci pour ce fil : la remarque sur {group} rejoint ce que nous avons vu à {place}.",
        "La communauté de {place} réclamait **{topic}** bien avant les bailleurs.",
    ),
    "es": (
        "En {place} trabajamos con {group} en {topic} durante casi {n} meses.",
        "Lo más difícil de {topic} fue mantener a {group} involucrados después del primer año.",
        "Nuestra evaluación en {place} mostró que {topic} solo funciona cuando {group} la diseñan con nosotros.",
        "Capacitamos a {n} personas en {place}; la mitad ya dirige sesiones por su cuenta.",
        "¿Alguien ha medido el efecto de {topic} más allá de las cifras de asistencia?",
        "La financiación terminó a los {n} meses, pero la red de {place} siguió funcionando.",
        "Agregaría que {topic} necesita salvaguardias claras de derechos humanos.",
        "Dejamos de contar participantes y empezamos a preguntar a {group} qué cambió para ellos.",
        "La confianza entre {group} y la policía tardó {n} meses en construirse.",
        "Para {topic}, la lección de {place} es empezar en pequeño y quedarse años.",
        "¿Podrían compartir los términos de referencia que usaron para {topic} en {place}?",
        "Gracias por este hilo: lo que dices sobre {group} coincide con lo que vimos en {place}.",
        "La comunidad de {place} pidió **{topic}** mucho antes que cualquier donante.",
    ),
    "pt": (
        "Em {place} trabalhamos com {group} em {topic} durante quase {n} meses.",
        "O mais difícil em {topic} foi manter {group} envolvidos depois do primeiro ano.",
        "A nossa avaliação em {place} mostrou que {topic} só funciona quando {group} participam do desenho.",
        "Capacitamos {n} pessoas em {place}; metade já conduz sessões sozinha.",
        "Alguém mediu o efeito de {topic} além dos números de participação?",
        "O financiamento acabou após {n} meses, mas a rede de {place} continuou.",
        "Para {topic}, a lição de {place} é começar pequeno e ficar por anos.",
        "Obrigada por este tópico: o que você diz sobre {group} confere com o que vimos em {place}.",
        "A comunidade de {place} pediu **{topic}** muito antes de qualquer doador.",
    ),
    "ar": (
        "عملنا في {place} مع {group} على {topic} لمدة {n} شهرًا تقريبًا.",
        "كان أصعب ما في {topic} هو الحفاظ على مشاركة {group} بعد السنة الأولى.",
        "أظهر تقييمنا في {place} أن {topic} لا ينجح إلا عندما يشارك {group} في تصميمه.",
        "درّبنا {n} شخصًا في {place}، ونصفهم يدير الجلسات الآن بنفسه.",
        "هل قاس أحدكم أثر {topic} على {group} بما يتجاوز أرقام الحضور؟",
        "توقف التمويل بعد {n} شهرًا، لكن الشبكة في {place} استمرت.",
        "أود أن أضيف أن {topic} يحتاج إلى ضمانات واضحة لحقوق الإنسان.",
        "استغرق بناء الثقة بين {group} والشرطة {n} شهرًا.",
        "شكرًا على هذا النقاش: ما قلته عن {group} يطابق ما رأيناه في {place}.",
        "طالب المجتمع في {place} بـ **{topic}** قبل أي جهة مانحة.",
    ),
    "zh": (
        "我们在{place}与{group}合作开展{topic}，持续了将近{n}个月。",
        "{topic}最难的是在第一年之后让{group}继续参与。",
        "我们在{place}的评估发现，只有{group}参与设计，{topic}才会有效。",
        "我们在{place}培训了{n}人，其中一半已经能够独立开展活动。",
        "有人在出勤人数之外衡量过{topic}对{group}的影响吗？",
        "资金在{n}个月后结束了，但{place}的网络仍在运作。",
        "我想补充一点：{topic}需要明确的人权保障。",
        "{group}与警方之间的信任花了{n}个月才建立起来。",
        "谢谢这个讨论：关于{group}的观点与我们在{place}看到的情况一致。",
        "{place}的社区早在捐助方之前就提出了**{topic}**的需求。",
    ),
    "ru": (
        "В городе {place} мы работали с группой «{group}» над темой «{topic}» почти {n} месяцев.",
        "Самым трудным было удержать участников после первого года работы.",
        "Наша оценка в городе {place} показала: тема «{topic}» работает, только если её разрабатывают вместе.",
        "Мы обучили {n} человек в городе {place}; половина уже проводит занятия самостоятельно.",
        "Кто-нибудь измерял эффект от направления «{topic}» помимо посещаемости?",
        "Финансирование закончилось через {n} месяцев, но сеть в городе {place} продолжила работу.",
        "Добавлю, что направлению «{topic}» нужны чёткие гарантии прав человека.",
        "Спасибо за обсуждение: сказанное совпадает с тем, что мы видели в городе {place}.",
    ),
}

PRACTICE_TITLES = {
    "en": (
        "{Topic} with {group} in {place}",
        "{Topic}: a pilot in {place}",
        "Building trust through {topic} in {place}",
        "{Topic} for {group}: lessons from {place}",
    ),
    "fr": ("{Topic} avec {group} à {place}", "{Topic} : une expérience pilote à {place}"),
    "es": ("{Topic} con {group} en {place}", "{Topic}: un piloto en {place}"),
    "pt": ("{Topic} com {group} em {place}", "{Topic}: um piloto em {place}"),
    "ar": ("{topic} مع {group} في {place}", "{topic}: تجربة في {place}"),
    "zh": ("{place}的{topic}实践", "与{group}合作开展{topic}：{place}经验"),
    "ru": ("{Topic}: опыт города {place}", "{Topic} и {group}: пилотный проект"),
}

THREAD_TITLES = {
    "en": (
        "How do you measure {topic}?",
        "{Topic} in {place}: what worked",
        "Looking for partners on {topic}",
        "Question about {topic} with {group}",
        "Resources on {topic} for {group}",
    ),
    "fr": ("Comment mesurer {topic} ?", "{Topic} à {place} : ce qui a marché"),
    "es": ("¿Cómo medir {topic}?", "{Topic} en {place}: lo que funcionó"),
    "pt": ("Como medir {topic}?", "{Topic} em {place}: o que funcionou"),
    "ar": ("كيف نقيس {topic}؟", "{topic} في {place}: ما الذي نجح"),
    "zh": ("如何评估{topic}？", "{place}的{topic}：哪些做法有效"),
    "ru": ("Как измерить результат: {topic}?", "{Topic}: что сработало"),
}

HEADLINES = {
    "en": ("{Topic} with {group}", "{Topic}, {place}", "Research on {topic}", "{Topic} and {topic2}"),
    "fr": ("{Topic} avec {group}", "{Topic}, {place}"),
    "es": ("{Topic} con {group}", "{Topic}, {place}"),
    "pt": ("{Topic} com {group}", "{Topic}, {place}"),
    "ar": ("{topic} مع {group}", "{topic}، {place}"),
    "zh": ("{topic}与{group}", "{place}：{topic}"),
    "ru": ("{Topic}, {place}",),
}

KEYWORDS = {
    "en": "P/CVE, youth, radicalisation, rehabilitation, counter-narratives, online harms, CFT, FATF, "
    "border security, API/PNR, victims, gender, community policing, prisons, returnees, early warning",
    "fr": "radicalisation, jeunesse, réinsertion, contre-discours, prévention, frontières",
    "es": "radicalización, juventud, reintegración, contranarrativas, prevención",
    "pt": "radicalização, juventude, reintegração, prevenção",
    "ar": "التطرف العنيف, الشباب, إعادة التأهيل, الوقاية",
    "zh": "暴力极端主义, 青年, 预防, 改造",
    "ru": "радикализация, молодёжь, профилактика, реабилитация",
}

RARE_SENTENCES = {
    "en": "The same approach was tried in {rare}, near the border, with a small group of {group}.",
    "fr": "La même approche a été essayée à {rare}, près de la frontière, avec {group}.",
}


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split(", "))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class TextPools:
    """Sentences, paragraphs, titles and keywords per language, drawn from one ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.topics = {lang: _split(value) for lang, value in TOPICS.items()}
        self.groups = {lang: _split(value) for lang, value in GROUPS.items()}
        self.places = {lang: _split(value) for lang, value in PLACES.items()}
        self.positions = {lang: _split(value) for lang, value in POSITIONS.items()}
        self.keywords = {lang: _split(value) for lang, value in KEYWORDS.items()}

    def _fill(self, template: str, lang: str) -> str:
        rng = self.rng
        topic = rng.choice(self.topics[lang])
        return template.format(
            topic=topic,
            Topic=_capitalised(topic),
            topic2=rng.choice(self.topics[lang]),
            group=rng.choice(self.groups[lang]),
            place=rng.choice(self.places[lang]),
            n=rng.randint(3, 48),
            rare=RARE_TERM,
        )

    def sentence(self, lang: str) -> str:
        return self._fill(self.rng.choice(SENTENCES[lang]), lang)

    def paragraph(self, lang: str, sentences: int | None = None) -> str:
        count = sentences or self.rng.choice((1, 2, 2, 3, 3, 4))
        joiner = "" if lang == "zh" else " "
        return joiner.join(self.sentence(lang) for _ in range(count))

    def rare_paragraph(self, lang: str) -> str:
        return self._fill(
            RARE_SENTENCES.get(lang, RARE_SENTENCES["en"]), lang if lang in RARE_SENTENCES else "en"
        )

    def practice_title(self, lang: str) -> str:
        return self._fill(self.rng.choice(PRACTICE_TITLES[lang]), lang)

    def thread_title(self, lang: str) -> str:
        return self._fill(self.rng.choice(THREAD_TITLES[lang]), lang)

    def headline(self, lang: str) -> str:
        return self._fill(self.rng.choice(HEADLINES[lang]), lang)[:160]

    def position(self, lang: str) -> str:
        return self.rng.choice(self.positions[lang])

    def keyword_choices(self, lang: str, count: int) -> list[str]:
        pool = self.keywords[lang] + (self.keywords["en"] if lang != "en" else ())
        return self.rng.sample(pool, min(count, len(pool)))


# Organisations: generated from these patterns for a country (its English name), never twice the same name.
ORGANISATION_PATTERNS: dict[str, tuple[str, ...]] = {
    "government": (
        "National Counter-Terrorism Centre of {country}",
        "Financial Intelligence Unit of {country}",
        "Ministry of Interior of {country}, Directorate of Prevention",
        "{country} Police Service, Community Policing Unit",
        "{country} Prison Service, Rehabilitation Department",
        "Office of the Public Prosecutor of {country}",
        "{country} Border and Immigration Agency",
        "National Commission for Peace of {country}",
    ),
    "academia": (
        "University of {city}, Institute for Security Studies",
        "{city} Centre for Peace and Conflict Research",
        "{country} Institute of Strategic Studies",
    ),
    "civil-society": (
        "{city} Youth for Peace Network",
        "Women Mediators of {city}",
        "{city} Community Resilience Forum",
        "{country} Association of Victims of Terrorism",
        "Interfaith Council of {city}",
    ),
    "regional": ("{region} Centre of Excellence on {theme}", "{region} Network on {theme}"),
    "un": ("UN Programme Office in {city}",),
    "private": ("{city} Digital Trust Lab", "{city} Risk Analytics"),
}
ORGANISATION_KIND_WEIGHTS = {
    "government": 0.42,
    "civil-society": 0.25,
    "academia": 0.17,
    "regional": 0.06,
    "un": 0.04,
    "private": 0.06,
}
REGION_NAMES = {
    "africa": "African",
    "asia": "Asian",
    "middle-east": "Middle East",
    "latin-america-caribbean": "Latin American and Caribbean",
}
ORG_THEMES = (
    "Preventing Violent Extremism",
    "Countering the Financing of Terrorism",
    "Border Security",
    "Victims of Terrorism",
    "Youth and Peace",
    "Rehabilitation and Reintegration",
    "Strategic Communications",
    "Cybersecurity",
)


def acronym(name: str) -> str:
    """Initials of the capitalised words (the way many institutions abbreviate themselves)."""
    letters = [word[0] for word in name.replace(",", " ").split() if word[:1].isupper()]
    return "".join(letters)[:10] if len(letters) >= 3 else ""
