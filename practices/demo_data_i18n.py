"""The demo practices written in French, Spanish, Arabic, Chinese, Russian and Portuguese; those with a
``group`` are translations of an English practice in practices/demo_data.py."""

from __future__ import annotations

from practices.demo_data import UN_CT, DemoPractice

PRACTICES_I18N: list[DemoPractice] = [
    DemoPractice(
        "igad-co-conception-communication-pcve", "fr", "abdoulaye.diop@example.org",
        "Co-concevoir la communication en matière de P/CVE avec le Centre d'excellence de l'IGAD",
        "Un atelier de co-conception en Éthiopie a réuni les États membres de l'IGAD et le Centre d'excellence "
        "pour élaborer une approche régionale de communication stratégique pour prévenir l'extrémisme violent.",
        "Le Centre d'excellence de l'IGAD pour la prévention et la lutte contre l'extrémisme violent et le "
        "BLCT ont organisé un **atelier de co-conception** à Addis-Abeba. Plutôt que de présenter une boîte à "
        "outils achevée, les facilitateurs ont demandé aux délégations de la Corne de l'Afrique de cartographier "
        "leurs propres publics et canaux.\n\nL'approche régionale a ensuite été mise à l'épreuve lors d'un "
        "atelier régional avec les États membres de l'IGAD.",
        ("ET", "DJ", "KE", "SO"), (1, 3), ("strategic-communications", "international-cooperation", "pcve"),
        outcomes="Un cadre régional de communication adopté par le Centre ; quatre points focaux nationaux "
        "formés comme facilitateurs.",
        lessons="La co-conception prend plus de temps qu'une formation, mais les États membres s'approprient "
        "les plans qui en résultent.",
        safeguards="Les organisations de la société civile et de femmes ont participé à chaque séance.",
        organisations=("igad-icepcve",), target_groups=("policymakers", "civil-society"), years=(2019, 2021),
        contacts=("focal@example.org",), keywords=("co-conception", "Corne de l'Afrique"), links=(UN_CT,),
        days_ago=375, group="igad-codesign",
    ),
    DemoPractice(
        "mali-justice-mineurs-associes-groupes-armes", "fr", "aissata.traore@example.org",
        "Traiter les enfants associés aux groupes armés en victimes, non en menaces",
        "Une circulaire du ministère de la Justice oriente les enfants associés aux groupes armés vers des "
        "services de protection plutôt que vers la détention.",
        "Les magistrats, la police et les services sociaux ont adopté une **procédure de remise** des enfants "
        "aux services de protection de l'enfance dans les 72 heures.",
        ("ML",), (4, 2), ("criminal-justice", "human-rights", "prisons-rehabilitation"),
        outcomes="Le nombre d'enfants en détention pour des faits liés au terrorisme a fortement baissé.",
        lessons="Former ensemble magistrats et travailleurs sociaux ; prévoir des places d'accueil avant "
        "d'adopter la circulaire.",
        safeguards="L'intérêt supérieur de l'enfant guide chaque décision ; assistance d'un avocat garantie.",
        target_groups=("justice", "youth"), years=(2020, None), contacts=("aissata.traore@example.org",),
        keywords=("enfants", "protection de l'enfance"), days_ago=210,
    ),
    DemoPractice(
        "tunisie-commission-nationale-coordination", "fr", "leila.trabelsi@example.org",
        "Une commission nationale pour coordonner la stratégie de lutte contre le terrorisme",
        "La commission nationale réunit les ministères et la société civile pour suivre la mise en œuvre de "
        "la stratégie nationale et en rendre compte chaque année.",
        "Quatre groupes de travail suivent les **quatre axes** de la stratégie : prévention, protection, "
        "poursuites et riposte.",
        ("TN",), (3,), ("national-strategies", "civil-society"), visibility="members",
        outcomes="Un rapport annuel public de suivi depuis trois ans.",
        lessons="Un secrétariat permanent, même réduit, est indispensable.",
        target_groups=("policymakers", "civil-society"), years=(2016, None),
        contacts=("leila.trabelsi@example.org",), days_ago=140,
    ),
    DemoPractice(
        "filipinas-comunicacion-estrategica-pan-pcve", "es", "carlos@example.org",
        "Seis talleres de comunicación estratégica para el Plan de Acción Nacional de Filipinas sobre P/CVE",
        "Una serie de seis talleres técnicos ayudó a las agencias nacionales y a los gobiernos locales a "
        "convertir el pilar de comunicación del Plan de Acción Nacional en campañas probadas con su público.",
        "Entre 2019 y 2020, la Oficina del Asesor Presidencial para el Proceso de Paz y la UNOCT organizaron "
        "**seis talleres** de comunicación estratégica para el Plan de Acción Nacional de Prevención y Lucha "
        "contra el Extremismo Violento.\n\nCada taller abordó una etapa del ciclo de campaña: investigación "
        "de audiencias, diseño de mensajes, pruebas previas, elección de mensajeros, seguimiento y evaluación, "
        "y comunicación de crisis.",
        ("PH",), (1, 3), ("strategic-communications", "pcve", "national-strategies"),
        outcomes="Catorce agencias adoptaron un marco común de mensajes; tres provincias difundieron campañas "
        "radiales probadas previamente.",
        lessons="Los gobiernos locales son los mensajeros más creíbles. Hay que presupuestar las pruebas "
        "previas desde el principio.",
        safeguards="Grupos focales voluntarios y anónimos; la mitad de las personas participantes eran mujeres.",
        organisations=("pco-philippines",), target_groups=("policymakers", "communities", "media"),
        years=(2019, 2020), contacts=("maricel.delacruz@example.org",), keywords=("comunicación estratégica",),
        days_ago=410, group="ph-stratcom",
    ),
    DemoPractice(
        "caricom-estrategia-antiterrorista-planes-nacionales", "es", "andres.nunez@example.org",
        "De la Estrategia Antiterrorista de la CARICOM a planes nacionales de aplicación",
        "CARICOM IMPACS, con apoyo técnico de la UNOCT, ayudó a los Estados miembros a traducir la Estrategia "
        "regional en planes nacionales con indicadores.",
        "Los talleres en Puerto España guiaron a los equipos nacionales en la **planificación de la "
        "aplicación**: organismos responsables, presupuestos, indicadores y una revisión regional anual.",
        ("TT", "JM", "BB", "GY"), (3,), ("national-strategies", "international-cooperation"),
        outcomes="Ocho Estados miembros redactaron planes nacionales.",
        lessons="En los pequeños Estados insulares, los planes deben ser breves.",
        safeguards="Los planes incluyen una revisión de derechos humanos y consultas con la sociedad civil.",
        organisations=("caricom-impacs",), target_groups=("policymakers",), years=(2019, None),
        contacts=("renee.baptiste@example.org",), days_ago=215, group="caricom",
    ),
    DemoPractice(
        "mexico-uif-analisis-financiamiento", "es", "andres.nunez@example.org",
        "Análisis de redes para detectar el financiamiento del terrorismo vinculado a la delincuencia organizada",
        "La unidad de inteligencia financiera cruza reportes de operaciones sospechosas con datos de comercio "
        "exterior para detectar redes que financian a grupos violentos.",
        "Un equipo pequeño de analistas aplica **análisis de redes** a los reportes y comparte alertas con la "
        "fiscalía especializada.",
        ("MX",), (2,), ("cft", "crime-terror-nexus"), visibility="members",
        outcomes="Tres investigaciones judicializadas a partir de las alertas.",
        lessons="La calidad de los reportes de los bancos mejora cuando reciben retroalimentación.",
        safeguards="Acceso a los datos registrado y auditado.",
        target_groups=("financial", "justice"), years=(2021, None), contacts=("andres.nunez@example.org",),
        days_ago=120, endorsers=("renee.baptiste@example.org",),
    ),
    DemoPractice(
        "peru-alfabetizacion-mediatica-jovenes", "es", "lucia.quispe@example.org",
        "Alfabetización mediática para jóvenes frente a la desinformación extremista",
        "Talleres en colegios de Lima y Ayacucho enseñan a verificar contenidos y a responder al discurso de odio.",
        "Docentes formados imparten **ocho sesiones**; los estudiantes producen sus propios contenidos.",
        ("PE",), (1,), ("education", "youth", "cyber-new-tech"), status="submitted",
        target_groups=("youth", "educators"), years=(2023, None), days_ago=3,
    ),
    DemoPractice(
        "jordan-munazzamat-shabab", "ar", "noor.aljaber@example.org",
        "منظمات المجتمع المدني والعمل مع الشباب المستضعفين في الأردن",
        "ورشة عمل لمنظمات مجتمعية في عمّان والزرقاء حوّلت عملها مع الشباب إلى حملات وقائية يقودها الشباب "
        "أنفسهم.",
        "تعلّمت منظمات مجتمعية تنظّم أصلاً أنشطة رياضية وفنية وتأهيلاً للعمل كيف تصمّم **حملات يقودها "
        "الأقران**. اختار الشباب المواضيع — البطالة وخطاب الكراهية على الإنترنت والانتماء — وأنتجوا مقاطع "
        "فيديو قصيرة وفعاليات في الشارع.",
        ("JO",), (1, 4), ("youth", "civil-society", "strategic-communications"),
        outcomes="أطلقت تسع منظمات حملاتها، وشارك في الفعاليات ٢٣٠٠ شاب وشابة.",
        lessons="لا يثق الشباب بالحملات التي تسمّي التطرف صراحة؛ نجحت الحملات التي تتحدث عن الانتماء أكثر.",
        safeguards="موافقة الأهل للقاصرين؛ لا جمع لبيانات شخصية عبر الإنترنت؛ مسار إحالة إلى الدعم النفسي "
        "والاجتماعي.",
        organisations=("community-resilience-network",), target_groups=("youth", "civil-society"),
        years=(2019, None), contacts=("layla@example.org",), keywords=("الأقران", "الزرقاء"), days_ago=345,
        group="jordan-youth",
    ),
    DemoPractice(
        "morocco-murshidat-religious-guides", "ar", "salma.benali@example.org",
        "المرشدات الدينيات في الوقاية من التطرف العنيف",
        "تدرّب مرشدات دينيات على الحوار مع النساء والشباب في الأحياء والسجون لتفكيك خطاب التطرف.",
        "يجمع البرنامج بين **التكوين الشرعي** والمهارات الاجتماعية؛ تعمل المرشدات في المساجد والمدارس "
        "والمؤسسات السجنية.",
        ("MA",), (1,), ("interfaith-dialogue", "gender", "pcve"),
        outcomes="أكثر من ٥٠٠ مرشدة يعملن في جميع جهات المملكة.",
        lessons="حضور النساء في الحقل الديني يفتح أبواباً لا يصل إليها غيرهن.",
        safeguards="احترام حرية المعتقد؛ لا إكراه في المشاركة.",
        target_groups=("religious-leaders", "women", "youth"), years=(2005, None),
        contacts=("salma.benali@example.org",), days_ago=310, endorsers=("focal@example.org",),
    ),
    DemoPractice(
        "egypt-observatory-online-monitoring", "ar", "ahmed.mansour@example.org",
        "مرصد لرصد الخطاب المتطرف على الإنترنت والرد عليه بلغات متعددة",
        "يرصد فريق من الباحثين الخطاب المتطرف على الإنترنت ويصدر ردوداً وتقارير بعدة لغات.",
        "يعمل الباحثون في **وحدات لغوية**، ويصدرون تقارير أسبوعية وردوداً قصيرة على وسائل التواصل.",
        ("EG",), (1,), ("strategic-communications", "cyber-new-tech"), visibility="members",
        outcomes="تقارير منتظمة بعشر لغات.",
        lessons="الرد السريع أهم من الرد الطويل.",
        target_groups=("media", "youth"), years=(2015, None), contacts=("ahmed.mansour@example.org",),
        days_ago=130,
    ),
    DemoPractice(
        "saudi-graduate-ct-studies", "ar", "mohammed.alqahtani@example.org",
        "برنامج دراسات عليا في مكافحة الإرهاب لمسؤولي الدول العربية",
        "برنامج ماجستير يجمع مسؤولين من دول عربية عدة لدراسة السياسات الأمنية وحقوق الإنسان.",
        "يشمل البرنامج مقررات في **التحليل الاستراتيجي** والقانون الدولي لحقوق الإنسان.",
        ("SA",), (3,), ("education", "international-cooperation"), status="in_review",
        organisations=("naif-university",), target_groups=("law-enforcement", "policymakers"),
        years=(2018, None), days_ago=8,
    ),
    DemoPractice(
        "nigeria-victims-peer-support-zh", "zh", "li.na@example.org",
        "尼日利亚东北部恐怖主义受害者和幸存者互助小组",
        "经过培训的幸存者担任同伴协调员，组织互助小组，帮助受害者获得心理社会支持、生计援助和法律援助。",
        "参照联合国恐怖主义受害者支助方案的良好做法手册，一个当地基金会培训了**40名幸存者**担任同伴协调员。"
        "小组每周在迈杜古里及附近两个城镇聚会。",
        ("NG",), (1, 4), ("victims", "civil-society", "gender"),
        outcomes="覆盖1100名幸存者；六个月后，60%的人表示更容易获得服务。",
        lessons="幸存者信任其他幸存者；专业人员应提供支持，而不是主导小组。",
        safeguards="知情同意；可应要求设立仅限女性的小组；性暴力幸存者被承认为恐怖主义受害者。",
        other_organisations="Neem Foundation", target_groups=("victims", "women"), years=(2018, None),
        contacts=("fatima.bello@example.org",), keywords=("心理社会支持", "幸存者"), links=(UN_CT,),
        days_ago=255, group="victims-nigeria",
    ),
    DemoPractice(
        "sco-regional-cooperation-training", "zh", "wang.wei@example.org",
        "区域反恐合作培训：执法人员联合案例研讨",
        "来自区域各国的执法人员通过联合案例研讨，交流跨境反恐调查与司法协助的经验。",
        "培训采用**模拟案例**，涵盖信息共享、证据移交和司法协助请求的起草。",
        ("CN", "KZ", "UZ"), (2, 3), ("law-enforcement", "international-cooperation"),
        outcomes="参训人员建立了非正式联络网络。",
        lessons="语言和法律制度差异需要在课程设计中提前考虑。",
        safeguards="课程包括国际人权法和公正审判权模块。",
        target_groups=("law-enforcement", "justice"), years=(2019, 2021), contacts=("wang.wei@example.org",),
        days_ago=230,
    ),
    DemoPractice(
        "kazakhstan-rehabilitation-returnees", "ru", "aigerim.nurlanovna@example.org",
        "Реабилитация и реинтеграция женщин и детей, вернувшихся из зон конфликта",
        "Казахстан вернул более 600 граждан из зон конфликта и организовал для них программу реабилитации "
        "с участием психологов, богословов и социальных работников.",
        "Программа включает **медицинскую и психологическую помощь**, восстановление документов, обучение детей "
        "в школах и сопровождение семей в течение нескольких лет.",
        ("KZ",), (1, 4), ("ftf", "prisons-rehabilitation", "gender"),
        outcomes="Большинство детей посещают школу; женщины получили профессиональное обучение.",
        lessons="Работа с принимающими семьями и соседями так же важна, как работа с самими вернувшимися.",
        safeguards="Дети рассматриваются прежде всего как жертвы; соблюдается конфиденциальность.",
        target_groups=("returnees", "women", "youth"), years=(2019, None),
        contacts=("aigerim.nurlanovna@example.org",), keywords=("репатриация", "реинтеграция"), days_ago=250,
        endorsers=("focal@example.org", "amani.njoroge@example.org"),
    ),
    DemoPractice(
        "uzbekistan-mahalla-prevention", "ru", "dilnoza.karimova@example.org",
        "Профилактика насильственного экстремизма на уровне махалли",
        "Советы махалли, школы и полиция совместно выявляют молодых людей в трудной ситуации и предлагают им "
        "поддержку.",
        "Создан **механизм направления**: наставники, профессиональное обучение, трудоустройство.",
        ("UZ",), (1,), ("pcve", "youth", "civil-society"), status="changes_requested",
        note="Пожалуйста, опишите, как защищаются персональные данные молодых людей и кто принимает решение о "
        "направлении; добавьте результаты.",
        target_groups=("youth", "communities"), years=(2020, None), days_ago=25,
    ),
    DemoPractice(
        "brasil-prevencao-violencia-escolas", "pt", "joao.conceicao@example.org",
        "Prevenção de ataques violentos em escolas com redes de proteção locais",
        "Após uma série de ataques a escolas, redes locais de educação, saúde e assistência social passaram "
        "a identificar sinais de alerta e a acolher estudantes em sofrimento.",
        "Cada escola participante forma uma **equipe de acolhimento**; casos de risco são discutidos com a rede "
        "de saúde mental e, quando necessário, com a polícia.",
        ("BR",), (1, 2), ("education", "youth", "vulnerable-targets"),
        outcomes="Protocolos adotados em 120 escolas de dois estados.",
        lessons="Evitar a militarização das escolas: o acolhimento funciona melhor que a vigilância.",
        safeguards="Proteção de dados de estudantes; nenhuma lista pública de suspeitos.",
        organisations=("sou-da-paz",), target_groups=("youth", "educators"), years=(2023, None),
        contacts=("joao.conceicao@example.org",), keywords=("escolas", "saúde mental"), days_ago=100,
        endorsers=("renee.baptiste@example.org",),
    ),
    DemoPractice(
        "colombia-reintegracao-comunitaria-pt", "pt", "camila.araujo@example.org",
        "Reintegração comunitária de ex-combatentes",
        "A rota de reintegração da Colômbia oferece lições aos países que recebem combatentes terroristas "
        "estrangeiros que regressam: projetos comunitários, não apenas apoio individual.",
        "Ex-combatentes e comunidades de acolhimento conduzem **projetos produtivos conjuntos**. As atividades "
        "de reconciliação precedem as econômicas.",
        ("CO",), (1, 4), ("prisons-rehabilitation", "conflict-prevention", "ftf"),
        outcomes="Reincidência inferior a 5 % após três anos.",
        lessons="As comunidades também precisam ver um benefício.",
        safeguards="As vítimas são consultadas antes do início dos projetos.",
        organisations=("arn-colombia",), target_groups=("returnees", "communities"), years=(2016, None),
        contacts=("carlos@example.org",), days_ago=165, group="colombia-reintegration",
    ),
]  # fmt: skip
