"""Table of value strings and their expected normalisation, in the five languages.

Money rows give the value in the original currency; the test converts it with the
ECB rate reported in ``Quantity.fx``. Other rows give the canonical value.
"""

from decimal import Decimal
from typing import NamedTuple


class Case(NamedTuple):
    lang: str
    text: str
    value: str
    unit: str
    original_unit: str
    bound: str = "exact"
    low: str | None = None
    high: str | None = None


def money(lang: str, text: str, value: str, currency: str) -> Case:
    return Case(lang, text, value, "USD", currency)


def count(lang: str, text: str, value: str, thing: str, bound: str = "exact") -> Case:
    return Case(lang, text, value, thing, thing, bound)


def ratio(lang: str, text: str, value: str, written: str = "%", bound: str = "exact") -> Case:
    return Case(lang, text, value, "ratio", written, bound)


def number(lang: str, text: str, value: str, bound: str = "exact") -> Case:
    return Case(lang, text, value, "1", "", bound)


def power(lang: str, text: str, value: str, written: str) -> Case:
    unit = "Wh" if written.endswith("Wh") else "W"
    return Case(lang, text, value, unit, written)


def ranged(case: Case, low: str, high: str) -> Case:
    return case._replace(bound="range", low=low, high=high)


def hedged(case: Case, bound: str) -> Case:
    low = case.value if bound == "at_least" else None
    high = case.value if bound == "at_most" else None
    return case._replace(bound=bound, low=low, high=high)


def capped(case: Case) -> Case:
    """An approximate amount meaning "just under": the stated value is also the upper limit."""
    return case._replace(bound="approximate", low=None, high=case.value)


SCALES = [
    money("en", "$2.4 billion", "2400000000", "USD"),
    money("en", "$2.4bn", "2400000000", "USD"),
    money("en", "$5m", "5000000", "USD"),
    money("en", "$5M", "5000000", "USD"),
    money("en", "$500k", "500000", "USD"),
    money("en", "$1.2 trillion", "1200000000000", "USD"),
    money("en", "$1.2tn", "1200000000000", "USD"),
    money("en", "$3 mn", "3000000", "USD"),
    money("en", "$7 thousand", "7000", "USD"),
    money("en", "$3b", "3000000000", "USD"),
    number("en", "2.4 billion", "2400000000"),
    number("en", "3 million", "3000000"),
    number("en", "12 trillion", "12000000000000"),
    money("fr", "38 milliards de dollars", "38000000000", "USD"),
    money("fr", "1,7 milliard d'euros", "1700000000", "EUR"),
    money("fr", "2 millions d'euros", "2000000", "EUR"),
    money("fr", "3 billions de dollars", "3000000000000", "USD"),
    money("fr", "5 Md€", "5000000000", "EUR"),
    money("fr", "5 Mds €", "5000000000", "EUR"),
    money("fr", "2,5 Mrd €", "2500000000", "EUR"),
    money("fr", "5 M€", "5000000", "EUR"),
    money("fr", "300 mille euros", "300000", "EUR"),
    money("fr", "mille milliards de dollars", "1000000000000", "USD"),
    number("fr", "38 milliards", "38000000000"),
    number("fr", "2 billions", "2000000000000"),
    money("it", "5 miliardi di euro", "5000000000", "EUR"),
    money("it", "1 miliardo di dollari", "1000000000", "USD"),
    money("it", "300 milioni di euro", "300000000", "EUR"),
    money("it", "1 milione di euro", "1000000", "EUR"),
    money("it", "3 mila miliardi di dollari", "3000000000000", "USD"),
    money("it", "2 trilioni di dollari", "2000000000000", "USD"),
    money("it", "4 bilioni di euro", "4000000000000", "EUR"),
    money("it", "50 mila euro", "50000", "EUR"),
    money("it", "7 mln di euro", "7000000", "EUR"),
    money("it", "2 mld di euro", "2000000000", "EUR"),
    number("it", "5 miliardi", "5000000000"),
    money("de", "3,5 Mrd. Euro", "3500000000", "EUR"),
    money("de", "3,5 Mrd Euro", "3500000000", "EUR"),
    money("de", "2 Milliarden Euro", "2000000000", "EUR"),
    money("de", "1 Milliarde Dollar", "1000000000", "USD"),
    money("de", "1,2 Billionen Dollar", "1200000000000", "USD"),
    money("de", "1 Billion Euro", "1000000000000", "EUR"),
    money("de", "400 Millionen Euro", "400000000", "EUR"),
    money("de", "1 Million Euro", "1000000", "EUR"),
    money("de", "20 Mio. Euro", "20000000", "EUR"),
    money("de", "20 Mio. US-Dollar", "20000000", "USD"),
    money("de", "15 Tausend Euro", "15000", "EUR"),
    number("de", "5 Milliarden", "5000000000"),
    money("es", "4.000 millones de dólares", "4000000000", "USD"),
    money("es", "100.000 millones de euros", "100000000000", "EUR"),
    money("es", "3 mil millones de dólares", "3000000000", "USD"),
    money("es", "2 millardos de dólares", "2000000000", "USD"),
    money("es", "1 billón de dólares", "1000000000000", "USD"),
    money("es", "2 billones de euros", "2000000000000", "EUR"),
    money("es", "1 millón de euros", "1000000", "EUR"),
    money("es", "20 millones de euros", "20000000", "EUR"),
    money("es", "500 mil euros", "500000", "EUR"),
    number("es", "7 mil millones", "7000000000"),
]

SPELLED = [
    money("fr", "le milliard de dollars", "1000000000", "USD"),
    money("it", "il miliardo di euro", "1000000000", "EUR"),
    money("de", "die Milliarde Euro", "1000000000", "EUR"),
    money("es", "el billón de dólares", "1000000000000", "USD"),
    money("fr", "deux millions d'euros", "2000000", "EUR"),
    money("fr", "quarante et un milliards de dollars", "41000000000", "USD"),
    money("fr", "un milliard d'euros", "1000000000", "EUR"),
    number("fr", "quatre-vingt-dix millions", "90000000"),
    count("fr", "trois cents salariés", "300", "employee"),
    money("it", "cinquecento milioni di euro", "500000000", "EUR"),
    money("it", "un miliardo di dollari", "1000000000", "USD"),
    number("it", "duemila miliardi", "2000000000000"),
    number("it", "trentacinque milioni", "35000000"),
    money("de", "zwei Milliarden Euro", "2000000000", "EUR"),
    money("de", "eine Milliarde Dollar", "1000000000", "USD"),
    number("de", "zweihundertfünfzig Millionen", "250000000"),
    number("de", "zweieinhalb Milliarden", "2500000000"),
    money("es", "cuatro mil millones de dólares", "4000000000", "USD"),
    money("es", "un millón de euros", "1000000", "EUR"),
    number("es", "treinta y dos millones", "32000000"),
    number("es", "cien mil millones", "100000000000"),
    money("en", "a billion dollars", "1000000000", "USD"),
    number("en", "one hundred million", "100000000"),
    number("en", "forty-one billion", "41000000000"),
    number("en", "half a billion", "500000000"),
    count("en", "twelve thousand employees", "12000", "employee"),
]

SEPARATORS = [
    count("fr", "7 000 GPU", "7000", "gpu"),
    count("fr", "7\u00a0000 GPU", "7000", "gpu"),
    count("fr", "7\u202f000 GPU", "7000", "gpu"),
    count("fr", "1 234 567 utilisateurs", "1234567", "user"),
    count("it", "300.000 clienti", "300000", "customer"),
    count("de", "1.200 Mitarbeiter", "1200", "employee"),
    count("de", "1'000 Mitarbeiter", "1000", "employee"),
    count("en", "1,200 employees", "1200", "employee"),
    count("en", "1'000 users", "1000", "user"),
    count("en", "12,345,678 users", "12345678", "user"),
    count("en", "7 000 GPUs", "7000", "gpu"),
    money("en", "$1,234.56", "1234.56", "USD"),
    money("fr", "1 234,56 €", "1234.56", "EUR"),
    money("de", "1.234,56 Euro", "1234.56", "EUR"),
    money("de", "3.5 Mrd. Euro", "3500000000", "EUR"),
    number("fr", "1,5 milliard", "1500000000"),
    number("fr", "1.5 milliard", "1500000000"),
    number("it", "2,75 miliardi", "2750000000"),
    number("es", "1,5 millones", "1500000"),
    number("de", "1,5 Mrd.", "1500000000"),
    number("en", "1.25 billion", "1250000000"),
    count("en", "1.200 users", "1200", "user"),
    count("fr", "1,200 utilisateurs", "1200", "user"),
    ratio("fr", "4,7 %", "0.047"),
    ratio("fr", "4,7\u00a0%", "0.047"),
    ratio("en", "4.7%", "0.047"),
]

CURRENCIES = [
    money("en", "US$5 billion", "5000000000", "USD"),
    money("en", "€3.5bn", "3500000000", "EUR"),
    money("en", "£2bn", "2000000000", "GBP"),
    money("en", "¥500 billion", "500000000000", "JPY"),
    money("en", "CHF 300 million", "300000000", "CHF"),
    money("en", "C$2 billion", "2000000000", "CAD"),
    money("en", "A$1.5 billion", "1500000000", "AUD"),
    money("de", "fünf Milliarden Australischen Dollar", "5000000000", "AUD"),
    money("de", "2 Mrd. kanadischen Dollar", "2000000000", "CAD"),
    money("en", "HK$10 billion", "10000000000", "HKD"),
    money("en", "USD 2.4 billion", "2400000000", "USD"),
    money("en", "2.4 billion USD", "2400000000", "USD"),
    money("en", "2.4 billion euros", "2400000000", "EUR"),
    money("en", "3 billion pounds", "3000000000", "GBP"),
    money("en", "100 billion yen", "100000000000", "JPY"),
    money("en", "50 billion yuan", "50000000000", "CNY"),
    money("en", "1 trillion won", "1000000000000", "KRW"),
    money("en", "10 billion rupees", "10000000000", "INR"),
    money("en", "2 billion Swiss francs", "2000000000", "CHF"),
    money("en", "RMB 5 billion", "5000000000", "CNY"),
    money("en", "€100", "100", "EUR"),
    money("fr", "EUR 3 Mrd", "3000000000", "EUR"),
    money("fr", "5 milliards de livres sterling", "5000000000", "GBP"),
    money("fr", "5 milliards de yens", "5000000000", "JPY"),
    money("fr", "2 milliards de francs suisses", "2000000000", "CHF"),
    money("fr", "2 milliards de yuans", "2000000000", "CNY"),
    money("fr", "3 milliards de roupies", "3000000000", "INR"),
    money("fr", "3 milliards de dollars américains", "3000000000", "USD"),
    money("fr", "500 millions de wons", "500000000", "KRW"),
    money("it", "2 miliardi di sterline", "2000000000", "GBP"),
    money("it", "2 miliardi di dollari statunitensi", "2000000000", "USD"),
    money("it", "300 milioni di franchi svizzeri", "300000000", "CHF"),
    money("it", "100 miliardi di yen", "100000000000", "JPY"),
    money("de", "2 Milliarden Pfund", "2000000000", "GBP"),
    money("de", "5 Milliarden Yen", "5000000000", "JPY"),
    money("de", "3 Milliarden Schweizer Franken", "3000000000", "CHF"),
    money("de", "EUR 3 Mrd.", "3000000000", "EUR"),
    money("de", "10 Milliarden Yuan", "10000000000", "CNY"),
    money("es", "2.000 millones de dólares estadounidenses", "2000000000", "USD"),
    money("es", "300 millones de libras", "300000000", "GBP"),
    money("es", "5.000 millones de yenes", "5000000000", "JPY"),
    money("es", "500 millones de francos suizos", "500000000", "CHF"),
    money("es", "US$ 2.400 millones", "2400000000", "USD"),
    money("es", "3.000 millones de rupias", "3000000000", "INR"),
]

PHYSICAL = [
    power("en", "5 GW", "5000000000", "GW"),
    power("en", "1.2 GW", "1200000000", "GW"),
    power("en", "500 MW", "500000000", "MW"),
    power("en", "300 kW", "300000", "kW"),
    power("en", "2 TW", "2000000000000", "TW"),
    power("en", "5 gigawatts", "5000000000", "GW"),
    power("en", "1 gigawatt", "1000000000", "GW"),
    power("en", "100 megawatts", "100000000", "MW"),
    power("en", "20 TWh", "20000000000000", "TWh"),
    power("en", "415 TWh", "415000000000000", "TWh"),
    power("en", "50 GWh", "50000000000", "GWh"),
    power("en", "10 MWh", "10000000", "MWh"),
    power("en", "3 kWh", "3000", "kWh"),
    power("en", "10 terawatt-hours", "10000000000000", "TWh"),
    power("en", "5 gigawatt hours", "5000000000", "GWh"),
    power("fr", "5 gigawatts", "5000000000", "GW"),
    power("fr", "300 mégawatts", "300000000", "MW"),
    power("fr", "20 térawattheures", "20000000000000", "TWh"),
    power("fr", "1,5 GW", "1500000000", "GW"),
    power("fr", "40 TWh", "40000000000000", "TWh"),
    power("it", "2 gigawatt", "2000000000", "GW"),
    power("it", "300 megawatt", "300000000", "MW"),
    power("it", "10 gigawattora", "10000000000", "GWh"),
    power("it", "1,5 GW", "1500000000", "GW"),
    power("de", "5 Gigawatt", "5000000000", "GW"),
    power("de", "20 Terawattstunden", "20000000000000", "TWh"),
    power("de", "1,2 GW", "1200000000", "GW"),
    power("de", "300 Megawatt", "300000000", "MW"),
    power("es", "5 gigavatios", "5000000000", "GW"),
    power("es", "10 gigavatios hora", "10000000000", "GWh"),
    power("es", "300 megavatios", "300000000", "MW"),
    power("es", "1,5 GW", "1500000000", "GW"),
]

COUNTS = [
    count("en", "350,000 GPUs", "350000", "gpu"),
    count("en", "350,000 Nvidia H100 GPUs", "350000", "gpu"),
    count("en", "2 million chips", "2000000", "chip"),
    count("en", "800 million weekly users", "800000000", "user"),
    count("en", "10,000 employees", "10000", "employee"),
    count("en", "1,000 customers", "1000", "customer"),
    count("en", "3 fabs", "3", "fab"),
    count("en", "20 data centers", "20", "data_center"),
    count("en", "5,000 servers", "5000", "server"),
    count("en", "405 billion parameters", "405000000000", "parameter"),
    count("en", "405B parameters", "405000000000", "parameter"),
    count("en", "2m subscribers", "2000000", "subscriber"),
    count("fr", "100 000 puces", "100000", "chip"),
    count("fr", "10 000 processeurs", "10000", "processor"),
    count("fr", "800 millions d'utilisateurs", "800000000", "user"),
    count("fr", "3 000 salariés", "3000", "employee"),
    count("fr", "500 clients", "500", "customer"),
    count("fr", "2 usines de semi-conducteurs", "2", "fab"),
    count("fr", "35 centres de données", "35", "data_center"),
    count("fr", "1 000 serveurs", "1000", "server"),
    count("fr", "20 000 GPU", "20000", "gpu"),
    count("fr", "100 millions de GPU", "100000000", "gpu"),
    count("it", "2 milioni di nuovi utenti", "2000000", "user"),
    count("es", "3 millones de nuevos usuarios", "3000000", "user"),
    count("it", "10 milioni di utenti", "10000000", "user"),
    count("it", "5.000 dipendenti", "5000", "employee"),
    count("it", "300.000 clienti", "300000", "customer"),
    count("it", "3 fabbriche", "3", "fab"),
    count("it", "12 centri dati", "12", "data_center"),
    count("it", "1.000 server", "1000", "server"),
    count("it", "50.000 GPU", "50000", "gpu"),
    count("de", "500 Millionen Nutzer", "500000000", "user"),
    count("de", "10.000 Mitarbeiter", "10000", "employee"),
    count("de", "2.000 Kunden", "2000", "customer"),
    count("de", "3 Rechenzentren", "3", "data_center"),
    count("de", "100.000 Chips", "100000", "chip"),
    count("de", "4 Chipfabriken", "4", "fab"),
    count("de", "20.000 Server", "20000", "server"),
    count("de", "10.000 Nvidia-GPUs", "10000", "gpu"),
    count("es", "100 millones de usuarios", "100000000", "user"),
    count("es", "5.000 empleados", "5000", "employee"),
    count("es", "2.000 clientes", "2000", "customer"),
    count("es", "10 centros de datos", "10", "data_center"),
    count("es", "3 fábricas de chips", "3", "fab"),
    count("es", "1.000 servidores", "1000", "server"),
    count("es", "25.000 GPU", "25000", "gpu"),
]

RATIOS = [
    ratio("en", "36 per cent", "0.36"),
    ratio("en", "36 percent", "0.36"),
    ratio("en", "75%", "0.75"),
    ratio("en", "0.5%", "0.005"),
    ratio("fr", "36 pour cent", "0.36"),
    ratio("fr", "12,5 %", "0.125"),
    ratio("it", "36 per cento", "0.36"),
    ratio("it", "4,7%", "0.047"),
    ratio("de", "36 Prozent", "0.36"),
    ratio("de", "4,7 %", "0.047"),
    ratio("es", "36 por ciento", "0.36"),
    ratio("es", "4,7 %", "0.047"),
    ratio("en", "20x", "20", "x"),
    ratio("en", "four times", "4", "x"),
    ratio("en", "10 times", "10", "x"),
    ratio("en", "twice", "2", "x"),
    ratio("fr", "10 fois", "10", "x"),
    ratio("fr", "quatre fois", "4", "x"),
    ratio("fr", "le double", "2", "x"),
    ratio("it", "il doppio", "2", "x"),
    ratio("it", "doppio", "2", "x"),
    ratio("it", "10 volte", "10", "x"),
    ratio("it", "tre volte", "3", "x"),
    ratio("de", "dreimal", "3", "x"),
    ratio("de", "zehnmal", "10", "x"),
    ratio("de", "das Doppelte", "2", "x"),
    ratio("de", "10-mal", "10", "x"),
    ratio("es", "el doble", "2", "x"),
    ratio("es", "10 veces", "10", "x"),
    ratio("es", "cuatro veces", "4", "x"),
]

NOT_QUANTITIES = [
    ("en", "2030"), ("en", "in 2030"), ("fr", "en 2027"), ("fr", "le 3 juillet 2025"),
    ("en", "2025-07-01"), ("en", "3rd"), ("fr", "1er"), ("fr", "2e"), ("es", "3º"),
    ("en", "+33 1 23 45 67 89"), ("en", "555-123-4567"), ("en", "GPT-4"), ("en", "4o"),
    ("en", "Q3"), ("de", "36"), ("en", "the company"), ("it", "nel 2026"),
    ("fr", "le marché"), ("es", "el mercado"),
    ("de", "am 3. Juli 2025"), ("es", "el 1 de enero de 2026"), ("en", "500 XYZ"),
    ("en", "version 1.2.3"), ("en", "3D chips"), ("fr", "un"), ("de", "eine"),
    ("en", "10:30"), ("en", "3/4"), ("en", "H100"), ("en", "5m"), ("es", "COVID-19"),
]  # fmt: skip

CENT = Decimal("0.01")
