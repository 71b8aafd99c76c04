"""Table rows for constructions met in real news articles (own sentences, own numbers)."""

from tests.normalize.cases_units import capped, count, hedged, money, number, power, ranged, ratio

# '.' groups thousands in es/it/de/fr when exactly three digits follow it; otherwise it is a
# decimal point (Mexican Spanish "12.7%"). English reads '.' as decimal and ',' as thousands.
THOUSANDS = [
    money("es", "18.250 millones de dólares", "18250000000", "USD"),
    money("es", "16.400 millones de euros", "16400000000", "EUR"),
    number("es", "12.7 millones", "12700000"),
    ratio("es", "12.7%", "0.127"),
    ratio("es", "0.5%", "0.005"),
    power("es", "1.845 megavatios", "1845000000", "MW"),
    power("fr", "2.400 mégawatts", "2400000000", "MW"),
    power("en", "1.200 GW", "1200000000", "GW"),
    power("en", "1,200 GW", "1200000000000", "GW"),
    power("de", "1,200 GW", "1200000000", "GW"),
    money("de", "3.400 Millionen Euro", "3400000000", "EUR"),
    money("de", "1.250 Milliarden Euro", "1250000000000", "EUR"),
    number("de", "2.5 Milliarden", "2500000000"),
    money("de", "1’500’000 Franken", "1500000", "CHF"),
    count("de", "4\u202f500 Mitarbeiter", "4500", "employee"),
    money("it", "2.750 milioni di euro", "2750000000", "EUR"),
    number("it", "2.75 miliardi", "2750000000"),
    # A comma before three zeros groups thousands whatever the language (Mexican usage).
    money("es", "700,000 millones de dólares", "700000000000", "USD"),
    money("fr", "250,000 euros", "250000", "EUR"),
    count("it", "3,000 GPU", "3000", "gpu"),
    money("es", "1,250 millones de euros", "1250000", "EUR"),
    hedged(count("de", "120.000+ Chips", "120000", "chip"), "at_least"),
    hedged(count("en", "100k+ users", "100000", "user"), "at_least"),
    hedged(count("fr", "2 000+ salariés", "2000", "employee"), "at_least"),
    hedged(money("en", "$5bn+", "5000000000", "USD"), "at_least"),
]  # fmt: skip

# A count cannot be fractional: a thousands-shaped number before a counted thing is whole,
# whatever mark the language uses for decimals; a scaled or non-count amount keeps decimals.
WHOLE_COUNTS = [
    count("en", "2.750 customers", "2750", "customer"),
    count("fr", "4,300 salariés", "4300", "employee"),
    count("es", "3,600 usuarios", "3600", "user"),
    count("it", "1,250 dipendenti", "1250", "employee"),
    count("de", "7,500 Nutzer", "7500", "user"),
    count("en", "1.000 users", "1000", "user"),
    count("fr", "2,000 salariés", "2000", "employee"),
    ranged(count("en", "1.200 to 1.800 servers", "1500", "server"), "1200", "1800"),
    count("fr", "1,250 million d'utilisateurs", "1250000", "user"),
    count("en", "2.5 million subscribers", "2500000", "subscriber"),
    power("fr", "1,200 GW", "1200000000", "GW"),
    number("en", "1.250 billion", "1250000000"),
]  # fmt: skip

# "Nearly", "knapp", "presque", "quasi", "casi" mean just under: approximate, value = high.
JUST_UNDER = [
    capped(money("de", "knapp 4,8 Milliarden Euro", "4800000000", "EUR")),
    capped(ratio("en", "nearly 40%", "0.4")),
    capped(count("en", "almost 9,000 employees", "9000", "employee")),
    capped(power("fr", "presque 2 GW", "2000000000", "GW")),
    capped(money("fr", "quasi 12 milliards d'euros", "12000000000", "EUR")),
    capped(number("fr", "quasiment 3 milliards", "3000000000")),
    capped(money("it", "quasi 7 miliardi di euro", "7000000000", "EUR")),
    capped(money("es", "casi 1.500 millones de dólares", "1500000000", "USD")),
    capped(count("de", "fast 300 Rechenzentren", "300", "data_center")),
]  # fmt: skip

# A spelled one (an indefinite article, "one") before a scale word or a power/energy unit.
ONE_BEFORE_UNIT = [
    hedged(power("fr", "près d'un gigawatt", "1000000000", "GW"), "approximate"),
    hedged(power("it", "fino a un gigawatt", "1000000000", "GW"), "at_most"),
    power("es", "un gigavatio", "1000000000", "GW"),
    power("de", "ein Gigawatt", "1000000000", "GW"),
    power("en", "a gigawatt", "1000000000", "GW"),
    power("en", "half a gigawatt", "500000000", "GW"),
    power("fr", "un mégawatt", "1000000", "MW"),
    power("de", "eine Terawattstunde", "1000000000000", "TWh"),
    hedged(count("es", "más de un millón de clientes", "1000000", "customer"), "at_least"),
    number("de", "eine Milliarde", "1000000000"),
    number("en", "one trillion", "1000000000000"),
    money("en", "a billion euros", "1000000000", "EUR"),
    money("it", "un miliardo di euro", "1000000000", "EUR"),
]

# An article before an ordinary noun, or a definite article before a unit, is no amount.
NOT_QUANTITIES = [
    ("fr", "un utilisateur"), ("en", "a dollar"), ("es", "un cliente"), ("it", "un euro"),
    ("de", "ein Rechenzentrum"), ("fr", "le gigawatt"), ("en", "a GPU"), ("fr", "la 5G"),
    ("fr", "5G"), ("es", "en 2024 mil 200"),
]  # fmt: skip

# Ranges whose first end borrows the scale and currency written after the second.
BORROWED_RANGES = [
    ranged(money("en", "between $40 and $45 billion", "42500000000", "USD"),
           "40000000000", "45000000000"),
    ranged(money("en", "between 40 and €45 billion", "42500000000", "EUR"),
           "40000000000", "45000000000"),
    ranged(number("fr", "de 48 à 52 milliards", "50000000000"), "48000000000", "52000000000"),
    ranged(money("de", "zwischen 8 und 9 Milliarden Euro", "8500000000", "EUR"),
           "8000000000", "9000000000"),
    ranged(number("it", "tra 6 e 7 miliardi", "6500000000"), "6000000000", "7000000000"),
    ranged(money("es", "entre 7 y 8 mil millones de dólares", "7500000000", "USD"),
           "7000000000", "8000000000"),
    ranged(money("en", "4 or 5 billion dollars", "4500000000", "USD"),
           "4000000000", "5000000000"),
    ranged(number("fr", "2 ou 3 milliards", "2500000000"), "2000000000", "3000000000"),
    ranged(money("it", "6 o 7 miliardi di euro", "6500000000", "EUR"),
           "6000000000", "7000000000"),
    ranged(number("de", "4 oder 5 Milliarden", "4500000000"), "4000000000", "5000000000"),
    ranged(money("es", "3 o 4 mil millones de dólares", "3500000000", "USD"),
           "3000000000", "4000000000"),
    ranged(power("en", "2 or 3 GW", "2500000000", "GW"), "2000000000", "3000000000"),
]  # fmt: skip

# Scale words, abbreviations and currency marks written in news in the five languages.
NEWS_SCALES = [
    money("es", "US$250.000 millones", "250000000000", "USD"),
    money("es", "US$ 11,6 mil millones", "11600000000", "USD"),
    money("es", "530 mil 400 millones de dólares", "530400000000", "USD"),
    money("es", "mil 300 millones de dólares", "1300000000", "USD"),
    count("es", "3 mil 250 empleados", "3250", "employee"),
    money("es", "el millón de millones de dólares", "1000000000000", "USD"),
    money("es", "3 millones de millones de dólares", "3000000000000", "USD"),
    money("de", "4,2 Mrd. Dollar", "4200000000", "USD"),
    money("de", "850 Mio. Euro", "850000000", "EUR"),
    money("fr", "6,1 mds de dollars", "6100000000", "USD"),
    money("fr", "6,1 Mds d'euros", "6100000000", "EUR"),
    money("fr", "2 md$", "2000000000", "USD"),
    money("fr", "2,2 Md$", "2200000000", "USD"),
    money("fr", "450 M$", "450000000", "USD"),
    money("fr", "7 G$", "7000000000", "USD"),
    money("fr", "€ 2,1 milliard", "2100000000", "EUR"),
    money("fr", "2,1 milliard d'euros", "2100000000", "EUR"),
    money("it", "4 mld di dollari", "4000000000", "USD"),
    money("it", "650 mln di euro", "650000000", "EUR"),
    money("en", "$7bn", "7000000000", "USD"),
    money("en", "$7 bln", "7000000000", "USD"),
    money("en", "A$900 million", "900000000", "AUD"),
    money("en", "AU$1.1 billion", "1100000000", "AUD"),
    money("en", "£650 million", "650000000", "GBP"),
]

# A written sign is kept: declines are negative, a plus sign is positive.
SIGNS = [
    ratio("fr", "-3,8 %", "-0.038"),
    ratio("en", "−1.9%", "-0.019"),
    ratio("de", "minus 6 Prozent", "-0.06"),
    ratio("de", "–2,4 Prozent", "-0.024"),
    ratio("es", "-12.5%", "-0.125"),
    ratio("it", "+11%", "0.11"),
    ratio("en", "-0.4 percent", "-0.004"),
    money("en", "-$1.5 billion", "-1500000000", "USD"),
    number("de", "-2,5 Milliarden", "-2500000000"),
    ranged(ratio("en", "from -3% to 2%", "-0.005"), "-0.03", "0.02"),
]
