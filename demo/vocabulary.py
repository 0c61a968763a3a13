"""Hand-written Norwegian word lists for the demo data (demo/seed.py).

Names, places and companies are made up from common words; they are data,
not user interface, so they are not translated.
"""

FIRST_NAMES = (
    "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Svein", "Arne", "Thomas",
    "Hans", "Geir", "Morten", "Martin", "Jon", "Anders", "Tor", "Espen", "Andreas", "Erik",
    "Daniel", "Magnus", "Kristian", "Jonas", "Marius", "Tobias", "Mathias", "Sander", "Emil",
    "Henrik", "Mohammed", "Ali", "Fredrik", "Stian", "Eirik", "Sindre", "Aleksander", "Jørgen",
    "Even", "Vegard", "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit",
    "Astrid", "Bjørg", "Hilde", "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nina", "Maria",
    "Elisabeth", "Kristin", "Silje", "Camilla", "Ingvild", "Hanne", "Julie", "Thea", "Emma",
    "Nora", "Sara", "Maja", "Ingeborg", "Amalie", "Sofie", "Tonje", "Linn", "Marte", "Hege",
    "Mona", "Fatima", "Aisha",
)  # fmt: skip

LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
    "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge",
    "Moe", "Nygård", "Bakke", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Nielsen",
    "Evensen", "Sæther", "Aas", "Myhre", "Ahmed", "Haugland", "Thomassen", "Sivertsen",
    "Danielsen", "Sandvik", "Rønning", "Arnesen", "Næss", "Vik", "Haug", "Thorsen",
    "Birkeland", "Isaksen", "Ruud", "Aasen", "Strøm", "Tangen", "Ødegård", "Helland", "Bøe",
    "Aune", "Mikkelsen", "Tveit", "Brekke", "Madsen",
)  # fmt: skip

STREETS = (
    "Storgata", "Kirkegata", "Skippergata", "Jernbanegata", "Parkveien", "Skolegata",
    "Torggata", "Strandveien", "Bakkeveien", "Granveien", "Bjørkeveien", "Furuveien",
    "Solveien", "Lindeveien", "Elveveien", "Nedre Langgate", "Øvre Langgate", "Prinsens gate",
    "Kongens gate", "Fjellveien",
)  # fmt: skip

#: Offices with their teams: (office, ((team, postal code, city), ...)). The first
#: two offices are the demo's; larger scales walk on through the list.
PLACES = (
    ("NAV Vestfold", (("Horten", "3183", "Horten"), ("Tønsberg", "3110", "Tønsberg"))),
    ("NAV Innlandet", (("Hamar", "2317", "Hamar"), ("Gjøvik", "2815", "Gjøvik"))),
    ("NAV Trøndelag", (("Heimdal", "7080", "Heimdal"), ("Steinkjer", "7713", "Steinkjer"))),
    ("NAV Vestland", (("Bergen sentrum", "5003", "Bergen"), ("Førde", "6800", "Førde"))),
    ("NAV Nordland", (("Bodø", "8006", "Bodø"), ("Mo i Rana", "8622", "Mo i Rana"))),
    ("NAV Troms og Finnmark", (("Tromsø", "9008", "Tromsø"), ("Alta", "9510", "Alta"))),
    ("NAV Rogaland", (("Stavanger", "4006", "Stavanger"), ("Haugesund", "5527", "Haugesund"))),
    ("NAV Agder", (("Kristiansand", "4612", "Kristiansand"), ("Arendal", "4836", "Arendal"))),
    ("NAV Oslo", (("Grünerløkka", "0553", "Oslo"), ("Furuset", "1053", "Oslo"))),
    ("NAV Østfold", (("Fredrikstad", "1606", "Fredrikstad"), ("Moss", "1530", "Moss"))),
    ("NAV Buskerud", (("Drammen", "3015", "Drammen"), ("Kongsberg", "3616", "Kongsberg"))),
    ("NAV Møre og Romsdal", (("Ålesund", "6002", "Ålesund"), ("Molde", "6413", "Molde"))),
    ("NAV Telemark", (("Skien", "3717", "Skien"), ("Notodden", "3674", "Notodden"))),
)

#: Industries: (industry, words for company names, job titles).
INDUSTRIES = (
    ("Varehandel", ("Dagligvare", "Jernvare", "Sport", "Interiør"),
     ("Butikkmedarbeider", "Kassemedarbeider", "Varepåfyller")),
    ("Lager og logistikk", ("Lager", "Logistikk", "Transport"),
     ("Lagermedarbeider", "Plukker", "Truckfører", "Sjåfør")),
    ("Overnatting og servering", ("Kafé", "Hotell", "Kantine", "Bakeri"),
     ("Kafémedarbeider", "Servitør", "Kokk", "Oppvasker", "Bakerassistent")),
    ("Bygg og anlegg", ("Bygg", "Tømrer", "Maler"),
     ("Hjelpearbeider", "Tømrer", "Malerassistent")),
    ("Renhold og eiendomsdrift", ("Renhold", "Eiendomsservice", "Vaktmester"),
     ("Renholder", "Vaktmester")),
    ("Industri", ("Mekaniske", "Plast", "Trevare"),
     ("Operatør", "Produksjonsmedarbeider")),
    ("Helse og omsorg", ("Omsorg", "Helsehus"),
     ("Assistent", "Kjøkkenassistent", "Miljøarbeider")),
    ("Bil og verksted", ("Bilverksted", "Dekk"),
     ("Dekkmontør", "Bilpleier", "Verkstedmedarbeider")),
    ("Kontor og IT", ("Data", "Regnskap"),
     ("Kontormedarbeider", "IT-støtte", "Resepsjonist")),
    ("Hagebruk", ("Gartneri", "Hagesenter"),
     ("Gartnerassistent", "Hagearbeider")),
)  # fmt: skip

CONTACT_TITLES = ("Daglig leder", "Butikksjef", "Avdelingsleder", "HR-rådgiver", "Driftsleder")

JOB_PREFERENCES = (
    "Lager og logistikk", "Butikk", "Kafé og kantine", "Kjøkken", "Renhold", "Sjåfør",
    "Bygg og anlegg", "Kontor", "IT-støtte", "Hage og grøntarbeid", "Dyrepass", "Omsorg",
    "Bilverksted", "Produksjon",
)  # fmt: skip
PREFERRED_HOURS = (
    "Deltid, dagtid",
    "Heltid",
    "Inntil 20 timer i uka",
    "Kveld og helg",
    "Fleksibelt",
)
WORK_HISTORY = (
    "Flere år på lager, ute av arbeid siden 2019", "Butikkjobb i ungdomstiden",
    "Håndverker i ti år", "Ingen tidligere arbeidserfaring", "Sommerjobber og vikariater",
    "Kokk på restaurant, sykmeldt lenge", "Avbrutt lærlingeløp som tømrer",
)  # fmt: skip
EDUCATION = (
    "Grunnskole", "Påbegynt videregående", "Fagbrev", "Videregående, studiespesialisering",
    "Påbegynt bachelor",
)  # fmt: skip
STRENGTHS = (
    "Nøyaktig og pliktoppfyllende", "God med folk", "Praktisk anlagt", "Sterk og utholdende",
    "Flink med datamaskiner", "Kreativ", "Rolig og stabil",
)  # fmt: skip
SUPPORT_NEEDS = (
    "Faste rammer og forutsigbarhet", "Hjelp med reise til og fra jobb", "Kortere dager i starten",
    "Tett oppfølging de første ukene", "Støtte i kontakt med arbeidsgiver", "",
)  # fmt: skip
TREATMENT_PLACES = ("DPS", "Rusteam", "Psykisk helseteam", "Ruspoliklinikk")

#: Short notes for activities, by with whom.
NOTES = {
    "candidate": (
        "Samtale om jobbønsker", "Jobbsøk sammen på kafé", "Oppdaterte CV",
        "Forberedte jobbintervju", "Fulgte til jobbintervju", "Oppfølging etter første arbeidsuke",
        "Gikk gjennom arbeidsavtalen", "Snakket om åpenhet overfor arbeidsgiver",
        "Tur og samtale om veien videre", "Søkte stillinger på nett sammen", "",
    ),
    "employer": (
        "Bedriftsbesøk, presenterte kandidat", "Avklarte arbeidsoppgaver og tilrettelegging",
        "Oppfølging på arbeidsplassen", "Drøftet lønnstilskudd", "Spurte om ledige stillinger",
        "Trepartsmøte med kandidat og leder",
    ),
    "treatment_team": (
        "Samarbeidsmøte med behandler", "Felles møte i behandlingsteamet",
        "Drøftet oppfølging med behandler",
    ),
    "nav_adviser": (
        "Avklaring med NAV-veileder om ytelser", "Søknad om lønnstilskudd",
        "Møte med veileder om aktivitetsplan", "Gevinstberegning",
    ),
    "family": ("Samtale med pårørende", "Møte med nettverket"),
    "none": (
        "Dokumentasjon", "Kartla arbeidsgivere i området", "Fagmøte IPS",
        "Veiledning med metodeveileder",
    ),
}  # fmt: skip
