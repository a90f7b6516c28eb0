"""The demo's words: written for Partnerpost, about an invented network office."""

ORGANISATION = {
    "organisation_name": "Netzwerkbüro Städtepartnerschaften",
    "street": "Brückenstraße 12",
    "postal_code": "30159",
    "city": "Hannover",
    "email": "kontakt@netzwerkbuero.example",
    "phone": "0511 123456-0",
    "represented_by": "Dr. Miriam Albers (Geschäftsführung)",
    "newsletter_sender_name": "Netzwerkbüro Städtepartnerschaften",
    "newsletter_sender_email": "newsletter@netzwerkbuero.example",
    "newsletter_reply_to": "kontakt@netzwerkbuero.example",
}

HOME_INTRO = (
    "<p>Wir beraten Kommunen, Partnerschaftsvereine und Initiativen, die internationale "
    "Beziehungen pflegen oder neu knüpfen wollen. Wir bringen Aktive zusammen, teilen "
    "Erfahrungen und zeigen, wie Partnerschaft im Alltag gelingt.</p>"
)

TOPICS = [
    ("Integration", "integration", "Wie Partnerschaften Zugewanderte einbinden und Brücken bauen."),
    ("Migration", "migration", "Herkunftsgemeinschaften als Mittler zwischen Partnerstädten."),
    ("Digitalisierung", "digitalisierung", "Online-Begegnungen, digitale Werkzeuge, neue Formate."),
    ("Jugend", "jugend", "Austausch, Schulpartnerschaften und junge Engagierte."),
    ("Bildung", "bildung", "Lernen voneinander: Fachaustausch, Praktika, Weiterbildung."),
    ("Nachhaltigkeit", "nachhaltigkeit", "Klima, Agenda 2030 und kommunale Zusammenarbeit."),
]

TARGET_GROUPS = [
    "Kommunalverwaltung",
    "Kommunalpolitik",
    "Partnerschaftsvereine",
    "Schulen",
    "Jugendliche",
    "Fachpublikum",
]

PEOPLE = [
    {
        "name": "Dr. Miriam Albers",
        "role": "Geschäftsführung",
        "email": "albers@netzwerkbuero.example",
    },
    {
        "name": "Jonas Petersen",
        "role": "Länderreferent Vereinigtes Königreich und USA",
        "email": "petersen@netzwerkbuero.example",
    },
    {
        "name": "Agnieszka Nowak",
        "role": "Länderreferentin Polen und Ungarn",
        "email": "nowak@netzwerkbuero.example",
    },
    {
        "name": "Elif Yıldırım",
        "role": "Länderreferentin Türkei",
        "email": "yildirim@netzwerkbuero.example",
    },
    {
        "name": "Arben Krasniqi",
        "role": "Referent Westbalkan",
        "email": "krasniqi@netzwerkbuero.example",
    },
]

COUNTRIES = [
    {
        "title": "Vereinigtes Königreich",
        "slug": "vereinigtes-koenigreich",
        "iso": "GB",
        "contact": "Jonas Petersen",
        "teaser": "Nach dem Brexit sind Städtepartnerschaften wichtiger denn je.",
        "intro": "Viele Partnerschaften mit britischen Städten bestehen seit Jahrzehnten. "
        "Seit dem Austritt aus der EU brauchen sie neue Wege für Begegnung und Austausch.",
        "partnerships": [
            ("Hannover", "Bristol", 1947),
            ("Lüneburg", "Scunthorpe", 1979),
            ("Göttingen", "Cheltenham", 1951),
        ],
    },
    {
        "title": "USA",
        "slug": "usa",
        "iso": "US",
        "contact": "Jonas Petersen",
        "teaser": "Sister Cities: bürgerschaftliche Freundschaften über den Atlantik.",
        "intro": "Partnerschaften mit amerikanischen Städten leben von Jugendaustausch, "
        "Schulbesuchen und Vereinen, die seit Generationen Kontakt halten.",
        "partnerships": [("Braunschweig", "Omaha", 1992), ("Celle", "Tulsa", 1975)],
    },
    {
        "title": "Polen",
        "slug": "polen",
        "iso": "PL",
        "contact": "Agnieszka Nowak",
        "teaser": "Nachbarschaft gestalten: die zahlreichsten Partnerschaften im Osten.",
        "intro": "Mit keinem östlichen Nachbarland verbinden unsere Kommunen so viele "
        "Partnerschaften wie mit Polen – von Schulprojekten bis zur Feuerwehr.",
        "partnerships": [
            ("Hildesheim", "Gniezno", 1996),
            ("Osnabrück", "Gdynia", 2005),
            ("Oldenburg", "Słupsk", 1990),
        ],
    },
    {
        "title": "Ungarn",
        "slug": "ungarn",
        "iso": "HU",
        "contact": "Agnieszka Nowak",
        "teaser": "Kulturaustausch und kommunaler Fachdialog mit ungarischen Partnern.",
        "intro": "Ungarische Partnerstädte pflegen enge kulturelle Beziehungen. Wir "
        "unterstützen den fachlichen Austausch zwischen den Verwaltungen.",
        "partnerships": [("Goslar", "Kecskemét", 1991)],
    },
    {
        "title": "Türkei",
        "slug": "tuerkei",
        "iso": "TR",
        "contact": "Elif Yıldırım",
        "teaser": "Partnerschaften, die von Herkunftsgemeinschaften getragen werden.",
        "intro": "Viele Menschen in unseren Kommunen haben Wurzeln in der Türkei. "
        "Partnerschaften mit türkischen Städten knüpfen an diese Verbindungen an.",
        "partnerships": [("Wolfsburg", "Sarıyer", 2009), ("Delmenhorst", "Bayraklı", 2012)],
    },
    {
        "title": "Albanien",
        "slug": "albanien",
        "iso": "AL",
        "contact": "Arben Krasniqi",
        "teaser": "Erste Kontakte für künftige Partnerschaften im Westbalkan.",
        "intro": "Zu Albanien bestehen bisher kaum kommunale Partnerschaften. Wir suchen "
        "mit Kommunen und Zivilgesellschaft nach Anknüpfungspunkten.",
        "partnerships": [],
    },
    {
        "title": "Nordmazedonien",
        "slug": "nordmazedonien",
        "iso": "MK",
        "contact": "Arben Krasniqi",
        "teaser": "Zivilgesellschaftliche Zusammenarbeit mit Blick auf Europa.",
        "intro": "Nordmazedonien ist EU-Beitrittskandidat. Kommunale Kontakte können den "
        "Weg nach Europa begleiten – wir bereiten erste Begegnungen vor.",
        "partnerships": [],
    },
]

# (title, slug, days before seeding, teaser, paragraphs, topic slugs, country slugs)
POSTS = [
    (
        "Zehn Jahre Jugendbegegnung mit Gdynia",
        "zehn-jahre-jugendbegegnung-gdynia",
        10,
        "Was als Schulprojekt begann, ist heute eine feste Größe im Kalender zweier Städte.",
        [
            "Jedes Frühjahr reisen Schülerinnen und Schüler aus Osnabrück an die Ostsee.",
            "Wir haben mit den Lehrkräften gesprochen, die den Austausch von Anfang an begleiten.",
        ],
        ["jugend", "bildung"],
        ["polen"],
    ),
    (
        "Digitale Bürgerreise: so gelingt sie",
        "digitale-buergerreise",
        20,
        "Eine Videokonferenz ersetzt keine Reise – aber sie kann mehr als gedacht.",
        [
            "Drei Vereine berichten, wie sie ihre Partner online durch die eigene Stadt führten.",
            "Unsere Checkliste hilft bei Technik, Moderation und Übersetzung.",
        ],
        ["digitalisierung"],
        ["vereinigtes-koenigreich"],
    ),
    (
        "Städtepartnerschaften nach dem Brexit",
        "partnerschaften-nach-dem-brexit",
        35,
        "Neue Visaregeln, weniger Förderprogramme: wie Vereine damit umgehen.",
        [
            "Der Austritt aus der EU hat Schulfahrten und Bürgerreisen verteuert.",
            "Wir stellen Förderwege vor, die britischen und deutschen Partnern weiter offenstehen.",
        ],
        ["bildung", "jugend"],
        ["vereinigtes-koenigreich"],
    ),
    (
        "Mit der Feuerwehr nach Kecskemét",
        "feuerwehr-kecskemet",
        48,
        "Fachaustausch zwischen Einsatzkräften stärkt die Partnerschaft mit Ungarn.",
        [
            "Zwölf Feuerwehrleute aus Goslar haben eine Woche bei ihren Kolleginnen und Kollegen "
            "verbracht.",
            "Im Herbst kommt der Gegenbesuch.",
        ],
        ["bildung"],
        ["ungarn"],
    ),
    (
        "Herkunftsgemeinschaften als Brückenbauer",
        "herkunftsgemeinschaften-brueckenbauer",
        60,
        "Menschen mit Migrationsgeschichte bringen Sprache und Kontakte in Partnerschaften ein.",
        [
            "In Wolfsburg gestalten Vereine türkeistämmiger Bürgerinnen und Bürger die "
            "Partnerschaft mit Sarıyer mit.",
            "Was andere Kommunen davon lernen können, lesen Sie hier.",
        ],
        ["migration", "integration"],
        ["tuerkei"],
    ),
    (
        "Klimapartnerschaft: Bäume für Słupsk",
        "klimapartnerschaft-slupsk",
        75,
        "Oldenburg und Słupsk pflanzen gemeinsam einen Partnerschaftswald.",
        [
            "Die Idee kam aus dem Jugendparlament.",
            "Inzwischen beteiligen sich Schulen auf beiden Seiten mit eigenen Messstationen.",
        ],
        ["nachhaltigkeit", "jugend"],
        ["polen"],
    ),
    (
        "Erste Erkundungsreise nach Tirana",
        "erkundungsreise-tirana",
        90,
        "Eine Delegation aus drei Kommunen hat Gespräche mit albanischen Gemeinden geführt.",
        [
            "Im Mittelpunkt standen Abfallwirtschaft und Jugendbeteiligung.",
            "Ein Folgetreffen ist für das kommende Jahr geplant.",
        ],
        ["nachhaltigkeit"],
        ["albanien"],
    ),
    (
        "Sister Cities: Schüleraustausch mit Omaha",
        "schueleraustausch-omaha",
        100,
        "Seit über dreißig Jahren besuchen sich Schulen aus Braunschweig und Omaha.",
        [
            "Die Gastfamilien sind das Herz des Programms.",
            "Neue Familien werden jedes Jahr gesucht – auf beiden Seiten des Atlantiks.",
        ],
        ["jugend", "bildung"],
        ["usa"],
    ),
    (
        "Integration vor Ort: Partnerschaftsvereine öffnen sich",
        "vereine-oeffnen-sich",
        112,
        "Wie Vereine neue Mitglieder gewinnen, auch unter Zugewanderten.",
        [
            "Ein offener Stammtisch, zweisprachige Einladungen, Patenschaften: kleine Schritte "
            "mit großer Wirkung.",
            "Drei Beispiele aus unserem Netzwerk.",
        ],
        ["integration"],
        ["tuerkei", "polen"],
    ),
    (
        "Nordmazedonien: Zivilgesellschaft im Aufbruch",
        "nordmazedonien-zivilgesellschaft",
        125,
        "Gespräche mit Initiativen in Skopje und Bitola über mögliche Partnerschaften.",
        [
            "Viele Initiativen wünschen sich Kontakte zu deutschen Vereinen.",
            "Wir sammeln Interessen und bringen Partner zusammen.",
        ],
        ["migration", "bildung"],
        ["nordmazedonien"],
    ),
    (
        "Online-Sprechstunde: die häufigsten Fragen",
        "sprechstunde-haeufige-fragen",
        140,
        "Förderung, Versicherung, Datenschutz: Antworten aus unserer Beratungspraxis.",
        [
            "In der monatlichen Sprechstunde kommen immer wieder dieselben Fragen auf.",
            "Wir haben die wichtigsten Antworten zusammengestellt.",
        ],
        ["digitalisierung"],
        [],
    ),
    (
        "Umfrage: Was brauchen Partnerschaftsvereine?",
        "umfrage-partnerschaftsvereine",
        150,
        "Unsere Umfrage unter Vereinen und Kommunen zeigt klare Wünsche.",
        [
            "Ganz oben stehen Nachwuchsgewinnung und einfache Förderwege.",
            "Die Ergebnisse fließen in unser Programm für das kommende Jahr ein.",
        ],
        ["jugend", "integration"],
        ["ungarn", "usa"],
    ),
]

# (title, slug, type, format, start in days from seeding, start hour, hours,
#  deadline in days from seeding (None: none), fee, venue, platform, number, topics, countries)
EVENTS = [
    (
        "Runder Tisch Polen",
        "runder-tisch-polen",
        "round_table",
        "on_site",
        24,
        10,
        6,
        17,
        "",
        "Rathaus Hildesheim, Markt 1, 31134 Hildesheim",
        "",
        "26 41",
        ["bildung"],
        ["polen"],
    ),
    (
        "Online-Werkstatt: Digitale Begegnungen",
        "online-werkstatt-digitale-begegnungen",
        "workshop",
        "online",
        12,
        16,
        2,
        9,
        "",
        "",
        "BigBlueButton",
        "26 42",
        ["digitalisierung"],
        ["vereinigtes-koenigreich"],
    ),
    (
        "Regionalkonferenz Westbalkan",
        "regionalkonferenz-westbalkan",
        "regional_conference",
        "hybrid",
        45,
        9,
        8,
        30,
        "40 € (ermäßigt 20 €)",
        "Tagungszentrum am Maschsee, Hannover",
        "BigBlueButton",
        "26 43",
        ["nachhaltigkeit", "migration"],
        ["albanien", "nordmazedonien"],
    ),
    (
        "Seminar Fördermittel für Partnerschaften",
        "seminar-foerdermittel",
        "seminar",
        "on_site",
        8,
        10,
        5,
        -2,
        "25 €",
        "Netzwerkbüro, Brückenstraße 12, 30159 Hannover",
        "",
        "26 44",
        ["bildung"],
        [],
    ),
    (
        "Netzwerktreffen Jugendaustausch",
        "netzwerktreffen-jugendaustausch",
        "network_meeting",
        "on_site",
        -20,
        14,
        4,
        -27,
        "",
        "Jugendherberge Osnabrück",
        "",
        "26 38",
        ["jugend"],
        ["polen", "usa"],
    ),
    (
        "Online-Sprechstunde Dezember",
        "online-sprechstunde-dezember",
        "consultation",
        "online",
        18,
        17,
        1,
        None,
        "",
        "",
        "BigBlueButton",
        "26 45",
        ["digitalisierung"],
        [],
    ),
    (
        "Tag der Städtepartnerschaften",
        "tag-der-staedtepartnerschaften",
        "regional_conference",
        "on_site",
        -60,
        10,
        7,
        -70,
        "",
        "Kulturzentrum Pavillon, Hannover",
        "",
        "26 30",
        ["integration", "jugend"],
        ["tuerkei", "ungarn"],
    ),
    (
        "Runder Tisch Türkei",
        "runder-tisch-tuerkei",
        "round_table",
        "hybrid",
        70,
        13,
        4,
        60,
        "",
        "Stadtbibliothek Wolfsburg",
        "BigBlueButton",
        "27 02",
        ["migration", "integration"],
        ["tuerkei"],
    ),
    (
        "Workshop Britische Partnerschaften neu denken",
        "workshop-britische-partnerschaften",
        "workshop",
        "online",
        -35,
        15,
        3,
        -40,
        "",
        "",
        "BigBlueButton",
        "26 34",
        ["bildung"],
        ["vereinigtes-koenigreich"],
    ),
]

EVENT_TEASER = "Impulse, Austausch in kleinen Gruppen und Zeit für Ihre Fragen."

EVENT_DESCRIPTION = (
    "Die Veranstaltung richtet sich an alle, die sich in Kommunen, Vereinen oder "
    "Initiativen für internationale Partnerschaften engagieren. Nach kurzen Impulsen "
    "arbeiten wir in kleinen Gruppen an Ihren Fragen."
)

ABOUT_TEXT = (
    "Das Netzwerkbüro Städtepartnerschaften ist die zentrale Anlaufstelle für kommunale "
    "Partnerschaften im Land. Wir beraten, vernetzen und geben Impulse – für bewährte "
    "Partnerschaften ebenso wie für neue Kontakte."
)

PRIVACY_TEXT = (
    "Diese Website setzt keine Cookies zu Analysezwecken, bindet keine Inhalte Dritter ein "
    "und lädt keine Schriften oder Skripte von fremden Servern. Für den Newsletter speichern "
    "wir Ihre E-Mail-Adresse und den Nachweis Ihrer Einwilligung."
)
