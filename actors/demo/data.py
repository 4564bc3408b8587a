"""Reference data for the demo and benchmark data set (``manage.py seed_demo``).

Real countries (ISO 3166-1 alpha-2, UN short names), capitals and field cities with the
province or region they lie in (the "areas away from the capital" of ¶17), IANA time zones,
real UN agencies, funds and programmes, and name pools in the scripts people write their
names in. Countries come in a fixed order: the demo shrinks by taking the first ones, so
Kenya (Nairobi, the large duty station the benchmark needs) and Afghanistan are always there
and the demo logins keep their names at every scale.
"""

from __future__ import annotations

# The tables stay laid out by hand, one record per line or two: easier to read and review.
# fmt: off

# --- Organizations --------------------------------------------------------------------------
# code, name, kind, share of all personnel (per cent, scale 1), headquarters city,
# countries it works in (None: everywhere), security MOU date for partners (¶8(l)).
# UNICEF's 10 % gives the ~10,000-person organization the benchmark needs.
ORGANIZATIONS: list[tuple[str, str, str, float, str, tuple[str, ...] | None, str | None]] = [
    ("unsecoord", "Office of the United Nations Security Coordinator", "unsecoord", 0.8,
     "New York", None, None),
    ("undp", "United Nations Development Programme", "programme", 11.0, "New York", None, None),
    ("unicef", "United Nations Children's Fund", "fund", 10.0, "New York", None, None),
    ("wfp", "World Food Programme", "programme", 10.0, "Rome", None, None),
    ("unhcr", "Office of the United Nations High Commissioner for Refugees", "programme", 8.0,
     "Geneva", None, None),
    ("who", "World Health Organization", "agency", 7.0, "Geneva", None, None),
    ("fao", "Food and Agriculture Organization of the United Nations", "agency", 6.0, "Rome",
     None, None),
    ("iom", "International Organization for Migration", "partner_igo", 6.0, "Geneva", None,
     "2002-06-14"),
    ("unfpa", "United Nations Population Fund", "fund", 4.0, "New York", None, None),
    ("nrc", "Norwegian Refugee Council", "partner_ngo", 3.0, "Oslo", None, "2003-03-03"),
    ("unesco", "United Nations Educational, Scientific and Cultural Organization", "agency",
     2.7, "Paris", None, None),
    ("ilo", "International Labour Organization", "agency", 2.0, "Geneva", None, None),
    ("unops", "United Nations Office for Project Services", "programme", 4.0, "Copenhagen",
     None, None),
    ("ocha", "Office for the Coordination of Humanitarian Affairs", "programme", 2.0,
     "New York", None, None),
    ("ohchr", "Office of the United Nations High Commissioner for Human Rights", "programme",
     1.5, "Geneva", None, None),
    ("unaids", "Joint United Nations Programme on HIV/AIDS", "programme", 1.0, "Geneva", None,
     None),
    ("unhabitat", "United Nations Human Settlements Programme", "programme", 1.5, "Nairobi",
     None, None),
    ("unep", "United Nations Environment Programme", "programme", 1.5, "Nairobi", None, None),
    ("unodc", "United Nations Office on Drugs and Crime", "programme", 1.5, "Vienna", None,
     None),
    ("unv", "United Nations Volunteers", "programme", 4.0, "Bonn", None, None),
    ("unrwa", "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
     "agency", 3.0, "Amman", ("JO", "LB", "SY"), None),
    ("unido", "United Nations Industrial Development Organization", "agency", 1.0, "Vienna",
     None, None),
    ("ifad", "International Fund for Agricultural Development", "agency", 1.0, "Rome", None,
     None),
    ("iaea", "International Atomic Energy Agency", "agency", 1.5, "Vienna", None, None),
    ("itu", "International Telecommunication Union", "agency", 1.0, "Geneva", None, None),
    ("wmo", "World Meteorological Organization", "agency", 0.5, "Geneva", None, None),
    ("icao", "International Civil Aviation Organization", "agency", 0.5, "Montreal", None,
     None),
    ("unifem", "United Nations Development Fund for Women", "fund", 0.5, "New York", None,
     None),
    ("unctad", "United Nations Conference on Trade and Development", "programme", 0.5,
     "Geneva", None, None),
    ("ifrc", "International Federation of Red Cross and Red Crescent Societies",
     "partner_igo", 3.0, "Geneva", None, "2003-11-20"),
]

# Agencies that field their own security officers (¶12).
SECURITY_OFFICER_AGENCIES = ("unhcr", "unicef", "wfp", "undp", "who")
# Heads of agency most often on a Security Management Team, in order of preference.
CORE_AGENCIES = ("unicef", "wfp", "unhcr", "who", "fao", "unfpa", "ocha")

# --- Countries ------------------------------------------------------------------------------
# iso, name, capital, time zone, name pool, security phase (0–5) at the capital,
# field cities: (city, area or None for headquarters cities, time zone if not the capital's).
Field = tuple[str, str | None, str | None]
COUNTRIES: list[tuple[str, str, str, str, str, int, list[Field]]] = [
    ("KE", "Kenya", "Nairobi", "Africa/Nairobi", "east_africa", 0, [
        ("Mombasa", "Coast", None), ("Kisumu", "Nyanza", None), ("Lodwar", "Turkana", None),
        ("Garissa", "North Eastern", None), ("Dadaab", "North Eastern", None)]),
    ("AF", "Afghanistan", "Kabul", "Asia/Kabul", "persian", 4, [
        ("Kandahar", "Southern Region", None), ("Herat", "Western Region", None),
        ("Mazar-i-Sharif", "Northern Region", None), ("Jalalabad", "Eastern Region", None),
        ("Kunduz", "North-Eastern Region", None)]),
    ("CD", "Democratic Republic of the Congo", "Kinshasa", "Africa/Kinshasa", "fr", 3, [
        ("Goma", "North Kivu", "Africa/Lubumbashi"),
        ("Bukavu", "South Kivu", "Africa/Lubumbashi"),
        ("Bunia", "Ituri", "Africa/Lubumbashi"),
        ("Lubumbashi", "Haut-Katanga", "Africa/Lubumbashi"),
        ("Kisangani", "Tshopo", "Africa/Lubumbashi"),
        ("Kalemie", "Tanganyika", "Africa/Lubumbashi")]),
    ("SD", "Sudan", "Khartoum", "Africa/Khartoum", "arabic", 3, [
        ("El Fasher", "North Darfur", None), ("Nyala", "South Darfur", None),
        ("Geneina", "West Darfur", None), ("Kassala", "Kassala", None),
        ("El Obeid", "North Kordofan", None)]),
    ("SO", "Somalia", "Mogadishu", "Africa/Mogadishu", "somali", 4, [
        ("Hargeisa", "Somaliland", None), ("Garowe", "Puntland", None),
        ("Kismayo", "Jubaland", None), ("Baidoa", "South West State", None)]),
    ("SS", "South Sudan", "Juba", "Africa/Juba", "east_africa", 3, [
        ("Malakal", "Upper Nile", None), ("Wau", "Western Bahr el Ghazal", None),
        ("Bor", "Jonglei", None), ("Bentiu", "Unity", None)]),
    ("ET", "Ethiopia", "Addis Ababa", "Africa/Addis_Ababa", "ethiopic", 1, [
        ("Gambela", "Gambela", None), ("Jijiga", "Somali Region", None),
        ("Mekelle", "Tigray", None), ("Dire Dawa", "Dire Dawa", None)]),
    ("IQ", "Iraq", "Baghdad", "Asia/Baghdad", "arabic", 4, [
        ("Erbil", "Kurdistan Region", None), ("Basra", "Basra", None),
        ("Mosul", "Ninewa", None), ("Kirkuk", "Kirkuk", None)]),
    ("PK", "Pakistan", "Islamabad", "Asia/Karachi", "persian", 2, [
        ("Peshawar", "Khyber Pakhtunkhwa", None), ("Quetta", "Balochistan", None),
        ("Karachi", "Sindh", None), ("Lahore", "Punjab", None)]),
    ("YE", "Yemen", "Sana'a", "Asia/Aden", "arabic", 4, [
        ("Aden", "Aden", None), ("Al Hudaydah", "Al Hudaydah", None),
        ("Sa'dah", "Sa'dah", None), ("Marib", "Marib", None)]),
    ("HT", "Haiti", "Port-au-Prince", "America/Port-au-Prince", "fr", 3, [
        ("Cap-Haïtien", "Nord", None), ("Les Cayes", "Sud", None),
        ("Gonaïves", "Artibonite", None)]),
    ("CO", "Colombia", "Bogotá", "America/Bogota", "es", 2, [
        ("Medellín", "Antioquia", None), ("Cúcuta", "Norte de Santander", None),
        ("Quibdó", "Chocó", None), ("Pasto", "Nariño", None)]),
    ("MM", "Myanmar", "Naypyidaw", "Asia/Yangon", "sea_mm", 3, [
        ("Yangon", "Yangon Region", None), ("Sittwe", "Rakhine", None),
        ("Myitkyina", "Kachin", None), ("Lashio", "Shan", None)]),
    ("BD", "Bangladesh", "Dhaka", "Asia/Dhaka", "bengali", 1, [
        ("Cox's Bazar", "Chattogram Division", None), ("Sylhet", "Sylhet Division", None),
        ("Khulna", "Khulna Division", None)]),
    ("NP", "Nepal", "Kathmandu", "Asia/Kathmandu", "devanagari", 1, [
        ("Biratnagar", "Koshi Province", None), ("Nepalgunj", "Lumbini Province", None),
        ("Pokhara", "Gandaki Province", None)]),
    ("IN", "India", "New Delhi", "Asia/Kolkata", "devanagari", 0, [
        ("Mumbai", "Maharashtra", None), ("Kolkata", "West Bengal", None),
        ("Chennai", "Tamil Nadu", None), ("Srinagar", "Jammu and Kashmir", None)]),
    ("LK", "Sri Lanka", "Colombo", "Asia/Colombo", "sa_latin", 1, [
        ("Jaffna", "Northern Province", None), ("Trincomalee", "Eastern Province", None),
        ("Batticaloa", "Eastern Province", None)]),
    ("ID", "Indonesia", "Jakarta", "Asia/Jakarta", "sea_id", 1, [
        ("Banda Aceh", "Aceh", None), ("Jayapura", "Papua", "Asia/Jayapura"),
        ("Ambon", "Maluku", "Asia/Jayapura"), ("Kupang", "East Nusa Tenggara", "Asia/Makassar")]),
    ("PH", "Philippines", "Manila", "Asia/Manila", "sea_ph", 1, [
        ("Cotabato City", "Bangsamoro", None), ("Davao City", "Davao Region", None),
        ("Zamboanga City", "Zamboanga Peninsula", None)]),
    ("NG", "Nigeria", "Abuja", "Africa/Lagos", "west_africa", 2, [
        ("Maiduguri", "Borno", None), ("Lagos", "Lagos State", None),
        ("Port Harcourt", "Rivers", None), ("Yola", "Adamawa", None)]),
    ("ML", "Mali", "Bamako", "Africa/Bamako", "west_africa", 3, [
        ("Gao", "Gao", None), ("Timbuktu", "Tombouctou", None), ("Mopti", "Mopti", None),
        ("Kidal", "Kidal", None)]),
    ("NE", "Niger", "Niamey", "Africa/Niamey", "west_africa", 2, [
        ("Agadez", "Agadez", None), ("Diffa", "Diffa", None), ("Zinder", "Zinder", None)]),
    ("TD", "Chad", "N'Djamena", "Africa/Ndjamena", "west_africa", 2, [
        ("Abéché", "Ouaddaï", None), ("Goz Beïda", "Sila", None),
        ("Moundou", "Logone Occidental", None)]),
    ("CF", "Central African Republic", "Bangui", "Africa/Bangui", "fr", 4, [
        ("Bambari", "Ouaka", None), ("Bossangoa", "Ouham", None),
        ("Kaga-Bandoro", "Nana-Grébizi", None)]),
    ("BF", "Burkina Faso", "Ouagadougou", "Africa/Ouagadougou", "west_africa", 2, [
        ("Bobo-Dioulasso", "Hauts-Bassins", None), ("Dori", "Sahel", None),
        ("Kaya", "Centre-Nord", None)]),
    ("CM", "Cameroon", "Yaoundé", "Africa/Douala", "fr", 1, [
        ("Maroua", "Far North", None), ("Bamenda", "North-West", None),
        ("Buea", "South-West", None), ("Bertoua", "East", None)]),
    ("UG", "Uganda", "Kampala", "Africa/Kampala", "east_africa", 1, [
        ("Gulu", "Acholi", None), ("Arua", "West Nile", None), ("Mbarara", "Ankole", None)]),
    ("MZ", "Mozambique", "Maputo", "Africa/Maputo", "pt", 1, [
        ("Pemba", "Cabo Delgado", None), ("Beira", "Sofala", None), ("Nampula", "Nampula", None)]),
    ("LB", "Lebanon", "Beirut", "Asia/Beirut", "arabic", 2, [
        ("Tyre", "South Lebanon", None), ("Zahlé", "Beqaa", None),
        ("Tripoli", "North Lebanon", None)]),
    ("JO", "Jordan", "Amman", "Asia/Amman", "arabic", 0, [
        ("Irbid", "Irbid", None), ("Mafraq", "Mafraq", None)]),
    ("SY", "Syrian Arab Republic", "Damascus", "Asia/Damascus", "arabic", 4, [
        ("Aleppo", "Aleppo", None), ("Homs", "Homs", None), ("Qamishli", "Al-Hasakah", None)]),
    ("LY", "Libya", "Tripoli", "Africa/Tripoli", "arabic", 4, [
        ("Benghazi", "Cyrenaica", None), ("Sabha", "Fezzan", None)]),
    ("TJ", "Tajikistan", "Dushanbe", "Asia/Dushanbe", "cyrillic", 1, [
        ("Khujand", "Sughd", None), ("Khorog", "Gorno-Badakhshan", None)]),
    ("GE", "Georgia", "Tbilisi", "Asia/Tbilisi", "georgian", 1, [
        ("Zugdidi", "Samegrelo-Zemo Svaneti", None), ("Gori", "Shida Kartli", None)]),
    ("UA", "Ukraine", "Kyiv", "Europe/Kyiv", "cyrillic", 3, [
        ("Kharkiv", "Kharkiv Oblast", None), ("Dnipro", "Dnipropetrovsk Oblast", None),
        ("Odesa", "Odesa Oblast", None)]),
    ("CH", "Switzerland", "Bern", "Europe/Zurich", "europe", 0, [("Geneva", None, None)]),
    ("US", "United States of America", "Washington, D.C.", "America/New_York", "europe", 0, [
        ("New York", None, None)]),
    ("IT", "Italy", "Rome", "Europe/Rome", "europe", 0, [("Brindisi", "Apulia", None)]),
    ("AT", "Austria", "Vienna", "Europe/Vienna", "europe", 0, []),
    ("FR", "France", "Paris", "Europe/Paris", "fr", 0, []),
    ("DK", "Denmark", "Copenhagen", "Europe/Copenhagen", "europe", 0, []),
    ("NO", "Norway", "Oslo", "Europe/Oslo", "europe", 0, []),
    ("DE", "Germany", "Berlin", "Europe/Berlin", "europe", 0, [("Bonn", None, None)]),
    ("CA", "Canada", "Ottawa", "America/Toronto", "europe", 0, [("Montreal", None, None)]),
    ("TH", "Thailand", "Bangkok", "Asia/Bangkok", "thai", 0, [("Mae Sot", "Tak", None)]),
    ("EG", "Egypt", "Cairo", "Africa/Cairo", "arabic", 0, [("Alexandria", "Alexandria", None)]),
    ("TR", "Türkiye", "Ankara", "Europe/Istanbul", "turkic", 1, [
        ("Gaziantep", "Gaziantep", None), ("Şanlıurfa", "Şanlıurfa", None)]),
    ("IR", "Iran (Islamic Republic of)", "Tehran", "Asia/Tehran", "persian", 0, [
        ("Kerman", "Kerman", None)]),
    ("SN", "Senegal", "Dakar", "Africa/Dakar", "west_africa", 0, [
        ("Ziguinchor", "Ziguinchor", None)]),
    ("CI", "Côte d'Ivoire", "Yamoussoukro", "Africa/Abidjan", "west_africa", 1, [
        ("Abidjan", "Abidjan District", None), ("Bouaké", "Vallée du Bandama", None)]),
    ("GN", "Guinea", "Conakry", "Africa/Conakry", "west_africa", 1, [
        ("N'Zérékoré", "Nzérékoré", None)]),
    ("LR", "Liberia", "Monrovia", "Africa/Monrovia", "west_africa", 2, [
        ("Gbarnga", "Bong", None), ("Zwedru", "Grand Gedeh", None)]),
    ("SL", "Sierra Leone", "Freetown", "Africa/Freetown", "west_africa", 1, [
        ("Kenema", "Eastern Province", None), ("Bo", "Southern Province", None)]),
    ("ER", "Eritrea", "Asmara", "Africa/Asmara", "ethiopic", 2, []),
    ("RW", "Rwanda", "Kigali", "Africa/Kigali", "east_africa", 0, [
        ("Huye", "Southern Province", None)]),
    ("BI", "Burundi", "Gitega", "Africa/Bujumbura", "east_africa", 2, [
        ("Bujumbura", "Bujumbura Mairie", None), ("Ngozi", "Ngozi", None)]),
    ("TZ", "United Republic of Tanzania", "Dodoma", "Africa/Dar_es_Salaam", "east_africa", 0, [
        ("Dar es Salaam", "Dar es Salaam Region", None), ("Kigoma", "Kigoma Region", None)]),
    ("MW", "Malawi", "Lilongwe", "Africa/Blantyre", "east_africa", 0, [
        ("Blantyre", "Southern Region", None)]),
    ("ZM", "Zambia", "Lusaka", "Africa/Lusaka", "east_africa", 0, [
        ("Kasama", "Northern Province", None)]),
    ("ZW", "Zimbabwe", "Harare", "Africa/Harare", "east_africa", 1, [
        ("Bulawayo", "Matabeleland", None)]),
    ("AO", "Angola", "Luanda", "Africa/Luanda", "pt", 1, [("Huambo", "Huambo", None)]),
    ("CG", "Congo", "Brazzaville", "Africa/Brazzaville", "fr", 1, [
        ("Pointe-Noire", "Pointe-Noire", None)]),
    ("MG", "Madagascar", "Antananarivo", "Indian/Antananarivo", "fr", 0, [
        ("Toamasina", "Atsinanana", None)]),
    ("DZ", "Algeria", "Algiers", "Africa/Algiers", "arabic", 1, [("Tindouf", "Tindouf", None)]),
    ("MA", "Morocco", "Rabat", "Africa/Casablanca", "arabic", 0, []),
    ("TN", "Tunisia", "Tunis", "Africa/Tunis", "arabic", 0, []),
    ("MR", "Mauritania", "Nouakchott", "Africa/Nouakchott", "arabic", 1, [
        ("Bassikounou", "Hodh Ech Chargui", None)]),
    ("DJ", "Djibouti", "Djibouti", "Africa/Djibouti", "somali", 0, []),
    ("GT", "Guatemala", "Guatemala City", "America/Guatemala", "es", 0, [
        ("Quetzaltenango", "Quetzaltenango", None)]),
    ("HN", "Honduras", "Tegucigalpa", "America/Tegucigalpa", "es", 1, [
        ("San Pedro Sula", "Cortés", None)]),
    ("SV", "El Salvador", "San Salvador", "America/El_Salvador", "es", 0, []),
    ("NI", "Nicaragua", "Managua", "America/Managua", "es", 0, []),
    ("PE", "Peru", "Lima", "America/Lima", "es", 0, [("Ayacucho", "Ayacucho", None)]),
    ("BO", "Bolivia (Plurinational State of)", "La Paz", "America/La_Paz", "es", 0, [
        ("Cochabamba", "Cochabamba", None)]),
    ("EC", "Ecuador", "Quito", "America/Guayaquil", "es", 1, [
        ("Lago Agrio", "Sucumbíos", None), ("Guayaquil", "Guayas", None)]),
    ("VE", "Venezuela (Bolivarian Republic of)", "Caracas", "America/Caracas", "es", 2, [
        ("Maracaibo", "Zulia", None), ("San Cristóbal", "Táchira", None)]),
    ("BR", "Brazil", "Brasília", "America/Sao_Paulo", "pt", 0, [
        ("Manaus", "Amazonas", "America/Manaus"), ("Boa Vista", "Roraima", "America/Boa_Vista")]),
    ("MX", "Mexico", "Mexico City", "America/Mexico_City", "es", 0, [
        ("Tapachula", "Chiapas", None), ("Tijuana", "Baja California", "America/Tijuana")]),
    ("PA", "Panama", "Panama City", "America/Panama", "es", 0, []),
    ("DO", "Dominican Republic", "Santo Domingo", "America/Santo_Domingo", "es", 0, []),
    ("CU", "Cuba", "Havana", "America/Havana", "es", 0, []),
    ("AR", "Argentina", "Buenos Aires", "America/Argentina/Buenos_Aires", "es", 0, []),
    ("CL", "Chile", "Santiago", "America/Santiago", "es", 0, []),
    ("PY", "Paraguay", "Asunción", "America/Asuncion", "es", 0, []),
    ("UY", "Uruguay", "Montevideo", "America/Montevideo", "es", 0, []),
    ("CR", "Costa Rica", "San José", "America/Costa_Rica", "es", 0, []),
    ("JM", "Jamaica", "Kingston", "America/Jamaica", "europe", 0, []),
    ("TT", "Trinidad and Tobago", "Port of Spain", "America/Port_of_Spain", "europe", 0, []),
    ("GY", "Guyana", "Georgetown", "America/Guyana", "europe", 0, []),
    ("BZ", "Belize", "Belmopan", "America/Belize", "es", 0, []),
    ("SR", "Suriname", "Paramaribo", "America/Paramaribo", "europe", 0, []),
    ("BB", "Barbados", "Bridgetown", "America/Barbados", "europe", 0, []),
    ("KH", "Cambodia", "Phnom Penh", "Asia/Phnom_Penh", "sea_mm", 0, [
        ("Battambang", "Battambang", None)]),
    ("LA", "Lao People's Democratic Republic", "Vientiane", "Asia/Vientiane", "sea_mm", 0, []),
    ("VN", "Viet Nam", "Hanoi", "Asia/Ho_Chi_Minh", "sea_vn", 0, [
        ("Ho Chi Minh City", "Southeast", None)]),
    ("CN", "China", "Beijing", "Asia/Shanghai", "chinese", 0, []),
    ("MN", "Mongolia", "Ulaanbaatar", "Asia/Ulaanbaatar", "cyrillic", 0, []),
    ("KP", "Democratic People's Republic of Korea", "Pyongyang", "Asia/Pyongyang", "hangul", 1,
     []),
    ("KR", "Republic of Korea", "Seoul", "Asia/Seoul", "hangul", 0, []),
    ("JP", "Japan", "Tokyo", "Asia/Tokyo", "japanese", 0, []),
    ("TL", "Timor-Leste", "Dili", "Asia/Dili", "pt", 1, []),
    ("PG", "Papua New Guinea", "Port Moresby", "Pacific/Port_Moresby", "europe", 1, [
        ("Buka", "Bougainville", None)]),
    ("SB", "Solomon Islands", "Honiara", "Pacific/Guadalcanal", "europe", 1, []),
    ("VU", "Vanuatu", "Port Vila", "Pacific/Efate", "europe", 0, []),
    ("FJ", "Fiji", "Suva", "Pacific/Fiji", "europe", 0, []),
    ("WS", "Samoa", "Apia", "Pacific/Apia", "europe", 0, []),
    ("TO", "Tonga", "Nuku'alofa", "Pacific/Tongatapu", "europe", 0, []),
    ("KZ", "Kazakhstan", "Astana", "Asia/Almaty", "cyrillic", 0, [
        ("Almaty", "Almaty Region", None)]),
    ("KG", "Kyrgyzstan", "Bishkek", "Asia/Bishkek", "cyrillic", 1, [("Osh", "Osh Region", None)]),
    ("UZ", "Uzbekistan", "Tashkent", "Asia/Tashkent", "cyrillic", 0, [
        ("Termez", "Surxondaryo", None)]),
    ("TM", "Turkmenistan", "Ashgabat", "Asia/Ashgabat", "cyrillic", 0, []),
    ("AZ", "Azerbaijan", "Baku", "Asia/Baku", "turkic", 0, []),
    ("AM", "Armenia", "Yerevan", "Asia/Yerevan", "cyrillic", 0, []),
    ("BY", "Belarus", "Minsk", "Europe/Minsk", "cyrillic", 0, []),
    ("MD", "Republic of Moldova", "Chișinău", "Europe/Chisinau", "europe", 0, []),
    ("RU", "Russian Federation", "Moscow", "Europe/Moscow", "cyrillic", 0, [
        ("Nazran", "Ingushetia", None)]),
    ("RS", "Serbia", "Belgrade", "Europe/Belgrade", "cyrillic", 0, []),
    ("BA", "Bosnia and Herzegovina", "Sarajevo", "Europe/Sarajevo", "europe", 0, [
        ("Banja Luka", "Republika Srpska", None)]),
    ("AL", "Albania", "Tirana", "Europe/Tirane", "europe", 0, []),
    ("MK", "North Macedonia", "Skopje", "Europe/Skopje", "cyrillic", 0, []),
    ("ME", "Montenegro", "Podgorica", "Europe/Podgorica", "europe", 0, []),
    ("HR", "Croatia", "Zagreb", "Europe/Zagreb", "europe", 0, []),
    ("BG", "Bulgaria", "Sofia", "Europe/Sofia", "cyrillic", 0, []),
    ("RO", "Romania", "Bucharest", "Europe/Bucharest", "europe", 0, []),
    ("PL", "Poland", "Warsaw", "Europe/Warsaw", "europe", 0, []),
    ("HU", "Hungary", "Budapest", "Europe/Budapest", "europe", 0, []),
    ("CZ", "Czechia", "Prague", "Europe/Prague", "europe", 0, []),
    ("BE", "Belgium", "Brussels", "Europe/Brussels", "fr", 0, []),
    ("NL", "Netherlands", "Amsterdam", "Europe/Amsterdam", "europe", 0, [
        ("The Hague", "South Holland", None)]),
    ("GB", "United Kingdom of Great Britain and Northern Ireland", "London", "Europe/London",
     "europe", 0, []),
    ("IE", "Ireland", "Dublin", "Europe/Dublin", "europe", 0, []),
    ("ES", "Spain", "Madrid", "Europe/Madrid", "es", 0, [
        ("Valencia", "Valencian Community", None)]),
    ("PT", "Portugal", "Lisbon", "Europe/Lisbon", "pt", 0, []),
    ("GR", "Greece", "Athens", "Europe/Athens", "europe", 0, []),
    ("CY", "Cyprus", "Nicosia", "Asia/Nicosia", "europe", 0, []),
    ("SE", "Sweden", "Stockholm", "Europe/Stockholm", "europe", 0, []),
    ("FI", "Finland", "Helsinki", "Europe/Helsinki", "europe", 0, []),
    ("SA", "Saudi Arabia", "Riyadh", "Asia/Riyadh", "arabic", 0, []),
    ("KW", "Kuwait", "Kuwait City", "Asia/Kuwait", "arabic", 0, []),
    ("QA", "Qatar", "Doha", "Asia/Qatar", "arabic", 0, []),
    ("AE", "United Arab Emirates", "Abu Dhabi", "Asia/Dubai", "arabic", 0, [
        ("Dubai", "Dubai", None)]),
    ("OM", "Oman", "Muscat", "Asia/Muscat", "arabic", 0, []),
    ("BH", "Bahrain", "Manama", "Asia/Bahrain", "arabic", 0, []),
    ("MY", "Malaysia", "Kuala Lumpur", "Asia/Kuala_Lumpur", "sea_id", 0, []),
    ("BT", "Bhutan", "Thimphu", "Asia/Thimphu", "sa_latin", 0, []),
    ("MV", "Maldives", "Malé", "Indian/Maldives", "sa_latin", 0, []),
    ("GH", "Ghana", "Accra", "Africa/Accra", "west_africa", 0, [
        ("Tamale", "Northern Region", None)]),
    ("TG", "Togo", "Lomé", "Africa/Lome", "west_africa", 0, []),
    ("BJ", "Benin", "Porto-Novo", "Africa/Porto-Novo", "west_africa", 0, [
        ("Cotonou", "Littoral", None)]),
    ("GM", "Gambia", "Banjul", "Africa/Banjul", "west_africa", 0, []),
    ("GW", "Guinea-Bissau", "Bissau", "Africa/Bissau", "pt", 1, []),
    ("CV", "Cabo Verde", "Praia", "Atlantic/Cape_Verde", "pt", 0, []),
    ("GA", "Gabon", "Libreville", "Africa/Libreville", "fr", 0, []),
    ("GQ", "Equatorial Guinea", "Malabo", "Africa/Malabo", "es", 0, []),
    ("NA", "Namibia", "Windhoek", "Africa/Windhoek", "east_africa", 0, []),
    ("BW", "Botswana", "Gaborone", "Africa/Gaborone", "east_africa", 0, []),
    ("ZA", "South Africa", "Pretoria", "Africa/Johannesburg", "east_africa", 0, [
        ("Johannesburg", "Gauteng", None), ("Durban", "KwaZulu-Natal", None)]),
    ("LS", "Lesotho", "Maseru", "Africa/Maseru", "east_africa", 0, []),
    ("SZ", "Eswatini", "Mbabane", "Africa/Mbabane", "east_africa", 0, []),
    ("KM", "Comoros", "Moroni", "Indian/Comoro", "fr", 0, []),
    ("MU", "Mauritius", "Port Louis", "Indian/Mauritius", "europe", 0, []),
]

# Neighbourhoods of large cities, used as warden zones (¶19). Other large stations get
# compass-point zones.
NEIGHBOURHOODS: dict[str, list[str]] = {
    "Nairobi": ["Gigiri", "Westlands", "Kilimani", "Lavington", "Karen", "Runda"],
    "Kabul": ["Wazir Akbar Khan", "Shar-e-Naw", "Karte Seh", "Qala-e-Fathullah", "Taimani"],
    "Kinshasa": ["Gombe", "Ngaliema", "Limete", "Binza", "Lingwala"],
    "Khartoum": ["Amarat", "Riyadh", "Khartoum 2", "Manshia"],
    "Mogadishu": ["Hodan", "Wadajir", "Hamar Weyne", "Airport Zone"],
    "Juba": ["Thongpiny", "Hai Malakal", "Munuki", "Gudele", "Jebel"],
    "Addis Ababa": ["Bole", "Kazanchis", "Piassa", "Old Airport", "CMC"],
    "Baghdad": ["International Zone", "Karrada", "Mansour", "Jadriya"],
    "Islamabad": ["F-6", "F-7", "E-7", "G-6", "F-8"],
    "Sana'a": ["Hadda", "Al-Sabeen", "Old City", "Al-Tahrir"],
    "Port-au-Prince": ["Pétion-Ville", "Delmas", "Tabarre", "Canapé-Vert"],
    "Bogotá": ["Chapinero", "Usaquén", "Teusaquillo", "Salitre"],
    "Yangon": ["Bahan", "Kamayut", "Mayangon", "Dagon"],
    "Dhaka": ["Gulshan", "Banani", "Baridhara", "Dhanmondi"],
    "Kathmandu": ["Pulchowk", "Baluwatar", "Thamel", "Maharajgunj"],
    "New Delhi": ["Chanakyapuri", "Lodhi Estate", "Vasant Vihar", "Defence Colony"],
    "Colombo": ["Kollupitiya", "Cinnamon Gardens", "Havelock Town", "Bambalapitiya"],
    "Jakarta": ["Menteng", "Kebayoran Baru", "Kuningan", "Kemang"],
    "Manila": ["Makati", "Ortigas", "Taguig", "Quezon City"],
    "Abuja": ["Maitama", "Asokoro", "Wuse II", "Garki"],
    "Bamako": ["ACI 2000", "Hippodrome", "Badalabougou", "Hamdallaye"],
    "Niamey": ["Plateau", "Koira Kano", "Yantala"],
    "N'Djamena": ["Klemat", "Chagoua", "Moursal"],
    "Bangui": ["Centre-ville", "Sica", "Lakouanga"],
    "Ouagadougou": ["Ouaga 2000", "Zone du Bois", "Koulouba"],
    "Yaoundé": ["Bastos", "Golf", "Nlongkak"],
    "Kampala": ["Kololo", "Nakasero", "Muyenga", "Ntinda"],
    "Maputo": ["Sommerschield", "Polana", "Coop"],
    "Beirut": ["Hamra", "Achrafieh", "Verdun"],
    "Amman": ["Abdoun", "Jabal Amman", "Sweifieh", "Shmeisani"],
    "Damascus": ["Abu Rummaneh", "Mezzeh", "Malki", "Kafr Sousa"],
    "Goma": ["Himbi", "Les Volcans", "Katindo"],
    "Geneva": ["Pâquis", "Champel", "Petit-Saconnex", "Carouge"],
    "New York": ["Turtle Bay", "Upper East Side", "Upper West Side", "Roosevelt Island"],
    "Rome": ["Aventino", "Parioli", "Trastevere", "EUR"],
    "Vienna": ["Donaustadt", "Innere Stadt", "Döbling", "Wieden"],
    "Bangkok": ["Sukhumvit", "Silom", "Sathorn", "Phra Nakhon"],
    "Cairo": ["Zamalek", "Maadi", "Garden City", "Heliopolis"],
}
COMPASS_ZONES = ["North", "South", "East", "West", "Centre"]

# --- Names ----------------------------------------------------------------------------------
# Given names by gender, family names; "masculine/feminine" where the family name agrees.
NAME_POOLS: dict[str, dict[str, list[str]]] = {
    "europe": {
        "m": ["James", "John", "David", "Michael", "Thomas", "Peter", "Lars", "Hans", "Marco",
              "Erik", "Piotr", "Jan", "Luca", "Henrik", "Pieter"],
        "f": ["Mary", "Sarah", "Emma", "Anna", "Laura", "Sophie", "Ingrid", "Katarzyna",
              "Giulia", "Eva", "Maja", "Hanna", "Chiara", "Astrid", "Claire"],
        "family": ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Anderson",
                   "Müller", "Schmidt", "Rossi", "Bianchi", "Jensen", "Hansen", "Kowalski",
                   "Nowak", "de Vries", "Jansen", "Nielsen", "O'Brien", "Murphy", "Larsen",
                   "Lindqvist", "Novák", "Popescu", "Horváth"],
    },
    "fr": {
        "m": ["Jean", "Pierre", "Jean-Baptiste", "Joseph", "Emmanuel", "Patrick", "Didier",
              "Olivier", "Thierry", "Guy", "Serge", "Alain"],
        "f": ["Marie", "Claire", "Aminata", "Chantal", "Béatrice", "Josiane", "Solange",
              "Nadège", "Élodie", "Françoise", "Jeanne", "Nathalie"],
        "family": ["Kabongo", "Lumbala", "Dubois", "Lefèvre", "Moreau", "Laurent", "Fontaine",
                   "Mercier", "Ngoy", "Kasongo", "Mbuyi", "Bakala", "Mabika", "Nkounkou",
                   "Saint-Fleur", "Jean-Louis", "Étienne", "Ilunga", "Mukendi", "Rakotomalala",
                   "Andriamanana"],
    },
    "es": {
        "m": ["José", "Juan", "Carlos", "Luis", "Jorge", "Miguel", "Andrés", "Diego",
              "Fernando", "Ricardo", "Alejandro", "Javier"],
        "f": ["María", "Ana", "Lucía", "Carmen", "Isabel", "Sofía", "Valentina", "Camila",
              "Gabriela", "Paula", "Daniela", "Rosa"],
        "family": ["García", "Rodríguez", "Martínez", "López", "González", "Hernández",
                   "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz",
                   "Morales", "Vargas", "Castro", "Ortiz", "Rojas", "Mendoza", "Quispe"],
    },
    "pt": {
        "m": ["João", "Pedro", "António", "Carlos", "Manuel", "Paulo", "Tiago", "Fernando",
              "Armando", "Eduardo"],
        "f": ["Maria", "Ana", "Francisca", "Luísa", "Beatriz", "Joana", "Rita", "Inês",
              "Graça", "Teresa"],
        "family": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
                   "Martins", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Almeida",
                   "Macuácua", "Cossa", "Nhantumbo", "Mondlane", "da Cruz", "Ximenes"],
    },
    "east_africa": {
        "m": ["Joseph", "Peter", "Daniel", "Samuel", "Baraka", "Juma", "Kiprono", "Tendai",
              "Tatenda", "Emmanuel", "Moses", "Brian"],
        "f": ["Grace", "Faith", "Mercy", "Esther", "Wanjiru", "Achieng", "Akinyi", "Chebet",
              "Neema", "Amani", "Chipo", "Nyasha", "Wambui"],
        "family": ["Kamau", "Mwangi", "Otieno", "Odhiambo", "Kariuki", "Njoroge", "Mutua",
                   "Wanjala", "Okello", "Mugisha", "Niyonzima", "Habimana", "Uwimana", "Banda",
                   "Phiri", "Moyo", "Ndlovu", "Mwale", "Chanda", "Mushi", "Mollel", "Deng",
                   "Garang", "Lual"],
    },
    "west_africa": {
        "m": ["Mamadou", "Ibrahim", "Moussa", "Ousmane", "Abdoulaye", "Adama", "Chinedu",
              "Oluwaseun", "Kwame", "Kofi", "Sékou", "Issa"],
        "f": ["Aminata", "Fatoumata", "Aïssata", "Kadiatou", "Mariam", "Ngozi", "Funmilayo",
              "Ama", "Efua", "Hawa", "Rokia", "Adjoa"],
        "family": ["Diallo", "Traoré", "Keïta", "Coulibaly", "Ouédraogo", "Sawadogo", "Camara",
                   "Konaté", "Touré", "Diarra", "Sow", "Bah", "Okafor", "Adeyemi", "Okonkwo",
                   "Mensah", "Boateng", "Owusu", "Kamara", "Sesay", "Mahamat", "Abakar"],
    },
    "somali": {
        "m": ["Mohamed", "Abdullahi", "Ahmed", "Hassan", "Ali", "Omar", "Abdirahman", "Yusuf",
              "Abdikarim", "Said"],
        "f": ["Hodan", "Fadumo", "Amina", "Sahra", "Hawa", "Ifrah", "Nasra", "Khadra", "Asha",
              "Deeqa"],
        "family": ["Farah", "Warsame", "Hussein", "Abdi", "Osman", "Jama", "Yusuf", "Aden",
                   "Mohamud", "Nur", "Hirsi", "Gedi", "Dahir", "Ismail", "Elmi", "Guled"],
    },
    "arabic": {
        "m": ["محمد", "أحمد", "علي", "عمر", "حسن", "يوسف", "خالد", "إبراهيم", "طارق", "سامي",
              "مصطفى", "كريم"],
        "f": ["فاطمة", "مريم", "خديجة", "زينب", "ليلى", "نور", "سارة", "هدى", "رنا", "منى",
              "ريم", "سلمى"],
        "family": ["العلي", "الحسن", "الخطيب", "حداد", "منصور", "عبد الله", "الشامي", "النجار",
                   "إبراهيم", "السيد", "يوسف", "العمري", "الزين", "صالح", "قاسم", "عثمان",
                   "البغدادي", "الحلبي", "المصري", "التميمي"],
    },
    "persian": {
        "m": ["احمد", "محمد", "علی", "حسین", "رحیم", "عبدالله", "حمید", "جاوید", "کریم",
              "نوید"],
        "f": ["مریم", "فاطمه", "زهرا", "نرگس", "شبنم", "پروین", "لیلا", "فریبا", "سحر",
              "مینا"],
        "family": ["احمدی", "محمدی", "حسینی", "رحیمی", "کریمی", "نوری", "هاشمی", "یوسفزی",
                   "صدیقی", "قادری", "عزیزی", "رسولی", "امینی", "نظری", "سلطانی", "خان"],
    },
    "cyrillic": {
        "m": ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Фарход", "Азиз",
              "Бахтиёр", "Нурлан", "Олександр", "Тимур", "Бат-Эрдэнэ"],
        "f": ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Гулнора", "Дильноза",
              "Айгуль", "Жанна", "Оксана", "Мадина", "Оюунчимэг"],
        "family": ["Иванов/Иванова", "Петров/Петрова", "Смирнов/Смирнова",
                   "Кузнецов/Кузнецова", "Соколов/Соколова", "Рахимов/Рахимова",
                   "Каримов/Каримова", "Юсупов/Юсупова", "Назаров/Назарова", "Шевченко",
                   "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Абдуллаев/Абдуллаева",
                   "Сулейменов/Сулейменова", "Ахмедов/Ахмедова", "Исмоилов/Исмоилова"],
    },
    "georgian": {
        "m": ["გიორგი", "დავით", "ლევან", "ნიკოლოზ", "ირაკლი", "ზურაბ"],
        "f": ["ნინო", "თამარ", "მარიამ", "ეკატერინე", "ანა", "ნათია"],
        "family": ["ბერიძე", "კაპანაძე", "გელაშვილი", "მაისურაძე", "ლომიძე", "ჯავახიშვილი",
                   "ხარაიშვილი", "ნოზაძე"],
    },
    "devanagari": {
        "m": ["राजेश", "अमित", "सुनील", "विकास", "अनिल", "राहुल", "संजय", "दीपक", "रमेश",
              "प्रकाश"],
        "f": ["प्रिया", "सुनीता", "अनीता", "पूजा", "कविता", "सीता", "गीता", "नेहा", "रीना",
              "सरिता"],
        "family": ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "कुमार", "पटेल", "श्रेष्ठ", "अधिकारी",
                   "थापा", "गुरुङ", "राई", "जोशी", "पाण्डे", "यादव", "मिश्रा"],
    },
    "bengali": {
        "m": ["মোহাম্মদ", "রহিম", "করিম", "আনিসুর", "জাহিদ", "সাকিব", "তানভীর", "রফিক"],
        "f": ["ফাতেমা", "নুসরাত", "সুমাইয়া", "তাসলিমা", "রুমানা", "শারমিন", "নাসরিন", "আয়েশা"],
        "family": ["রহমান", "হোসেন", "আহমেদ", "ইসলাম", "চৌধুরী", "খান", "উদ্দিন", "আলম",
                   "সরকার", "দাস", "বিশ্বাস", "মিয়া"],
    },
    "chinese": {
        "m": ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超"],
        "f": ["芳", "娜", "秀英", "敏", "静", "丽", "艳", "婷", "雪", "慧"],
        "family": ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
                   "朱", "胡"],
    },
    "japanese": {
        "m": ["翔太", "大輝", "健", "拓也", "直樹", "浩"],
        "f": ["陽菜", "美咲", "さくら", "由美", "愛", "恵子"],
        "family": ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"],
    },
    "hangul": {
        "m": ["민준", "지훈", "도윤", "성민", "현우", "준호"],
        "f": ["서연", "하은", "수빈", "지영", "민지", "은정"],
        "family": ["김", "이", "박", "최", "정", "강", "조", "윤"],
    },
    "ethiopic": {
        "m": ["ዮሐንስ", "ተስፋዬ", "ሙሉጌታ", "ዳዊት", "ኃይሉ", "ብርሃኑ", "ግርማ", "ሰለሞን"],
        "f": ["መሰረት", "ትዕግስት", "ሄለን", "ፀሐይ", "አልማዝ", "ብዙነሽ", "ሰናይት", "ራሔል"],
        "family": ["በቀለ", "ታደሰ", "ወልደ ማርያም", "ገብሬ", "አበበ", "ኃይሌ", "ተክሌ", "ደስታ",
                   "ከበደ", "አለሙ", "ጌታቸው"],
    },
    "thai": {
        "m": ["สมชาย", "วิชัย", "ประเสริฐ", "อนันต์", "สุรชัย", "ธนากร"],
        "f": ["สมศรี", "สุดา", "นภา", "มาลี", "อรุณี", "กัญญา"],
        "family": ["ศรีสุข", "วงศ์สวัสดิ์", "แสงทอง", "บุญมา", "จันทร์เพ็ญ", "ทองดี", "สุขสวัสดิ์",
                   "รัตนพงษ์"],
    },
    "turkic": {
        "m": ["Mehmet", "Mustafa", "Ahmet", "Emre", "Murat", "Elvin", "Rəşad", "Orxan"],
        "f": ["Ayşe", "Fatma", "Zeynep", "Elif", "Leyla", "Aynur", "Günel", "Selin"],
        "family": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Əliyev/Əliyeva",
                   "Məmmədov/Məmmədova", "Hüseynov/Hüseynova"],
    },
    "sea_id": {
        "m": ["Budi", "Agus", "Rizal", "Hendra", "Ahmad", "Bambang", "Faisal", "Hafiz"],
        "f": ["Siti", "Dewi", "Putri", "Sri", "Nurul", "Rina", "Aisyah", "Lestari"],
        "family": ["Santoso", "Wijaya", "Hidayat", "Saputra", "Kusuma", "Pratama", "Abdullah",
                   "Rahman", "Hasibuan", "Nasution"],
    },
    "sea_ph": {
        "m": ["Jose", "Mark", "Angelo", "Paolo", "Ramon", "Rodel", "Jericho", "Miguel"],
        "f": ["Maricel", "Jasmine", "Kristine", "Maria Luisa", "Rowena", "Joy", "Liza", "Ana"],
        "family": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva",
                   "Dela Cruz", "Aquino", "Ramos"],
    },
    "sea_vn": {
        "m": ["Văn An", "Minh Tuấn", "Quốc Huy", "Đức Anh", "Thanh Sơn", "Hoàng Long"],
        "f": ["Thị Lan", "Thu Hà", "Ngọc Anh", "Thị Hoa", "Mai Phương", "Thu Trang"],
        "family": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"],
    },
    "sea_mm": {
        "m": ["Aung", "Kyaw", "Zaw", "Min", "Sokha", "Dara", "Vilay", "Somphone"],
        "f": ["Su", "Mya", "Thida", "Hnin", "Sreymom", "Chanthy", "Noy", "Malaythong"],
        "family": ["Win", "Oo", "Soe", "Htun", "Aye", "Sok", "Chea", "Phommachanh",
                   "Vongsa"],
    },
    "sa_latin": {
        "m": ["Nuwan", "Kasun", "Tharindu", "Dinesh", "Ahmed", "Karma", "Rohan", "Ibrahim"],
        "f": ["Nadeesha", "Dilani", "Sanduni", "Aishath", "Pema", "Kumari", "Thilini",
              "Mariyam"],
        "family": ["Perera", "Fernando", "de Silva", "Jayasinghe", "Wickramasinghe",
                   "Bandara", "Dorji", "Tshering", "Rasheed", "Gunawardena"],
    },
}

# Where internationally recruited staff come from, roughly (name pool weights).
INTERNATIONAL_POOLS: dict[str, float] = {
    "europe": 30, "fr": 10, "es": 9, "pt": 3, "east_africa": 9, "west_africa": 8,
    "arabic": 7, "persian": 2, "cyrillic": 4, "devanagari": 5, "bengali": 2, "chinese": 2,
    "japanese": 1, "hangul": 1, "ethiopic": 2, "somali": 1, "sea_ph": 2, "sea_id": 1,
    "turkic": 1,
}

INTERNATIONAL_GRADES = [("P-2", 10), ("P-3", 30), ("P-4", 30), ("P-5", 18), ("D-1", 8),
                        ("D-2", 4)]
LOCAL_GRADES = [("G-2", 8), ("G-3", 15), ("G-4", 22), ("G-5", 20), ("G-6", 14), ("G-7", 6),
                ("NO-A", 5), ("NO-B", 5), ("NO-C", 4), ("NO-D", 1)]
INTERNATIONAL_CONTRACTS = [("fixed_term", 55), ("permanent", 20), ("temporary", 10),
                           ("consultant", 7), ("volunteer", 8)]
LOCAL_CONTRACTS = [("fixed_term", 60), ("permanent", 10), ("temporary", 18),
                   ("consultant", 4), ("volunteer", 3), ("other", 5)]
# fmt: on
