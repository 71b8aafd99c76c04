"""Table rows for hedge words, ranges, vague amounts and rate periods."""

from tests.normalize.cases_units import capped, count, hedged, money, number, power, ranged, ratio

_HEDGES = {
    "en": [("about", "approximate"), ("around", "approximate"), ("roughly", "approximate"),
           ("nearly", "just_under"), ("almost", "just_under"), ("some", "approximate"),
           ("~", "approximate"), ("≈", "approximate"), ("more than", "at_least"),
           ("over", "at_least"), ("above", "at_least"), ("at least", "at_least"),
           ("exceeding", "at_least"), ("up to", "at_most"), ("as much as", "at_most"),
           ("less than", "at_most"), ("under", "at_most"), ("below", "at_most")],
    "fr": [("environ", "approximate"), ("près de", "approximate"), ("presque", "just_under"),
           ("quelque", "approximate"), ("autour de", "approximate"), ("plus de", "at_least"),
           ("au moins", "at_least"), ("au-delà de", "at_least"), ("jusqu'à", "at_most"),
           ("moins de", "at_most")],
    "it": [("circa", "approximate"), ("quasi", "just_under"), ("intorno a", "approximate"),
           ("oltre", "at_least"), ("più di", "at_least"), ("almeno", "at_least"),
           ("fino a", "at_most"), ("meno di", "at_most")],
    "de": [("rund", "approximate"), ("etwa", "approximate"), ("ungefähr", "approximate"),
           ("knapp", "just_under"), ("fast", "just_under"), ("über", "at_least"),
           ("mehr als", "at_least"), ("mindestens", "at_least"), ("bis zu", "at_most"),
           ("weniger als", "at_most"), ("höchstens", "at_most")],
    "es": [("unos", "approximate"), ("alrededor de", "approximate"),
           ("cerca de", "approximate"), ("aproximadamente", "approximate"),
           ("casi", "just_under"), ("más de", "at_least"), ("al menos", "at_least"),
           ("por encima de", "at_least"), ("hasta", "at_most"), ("menos de", "at_most")],
}  # fmt: skip
_HEDGED_BASE = {
    "en": money("en", "$5 billion", "5000000000", "USD"),
    "fr": count("fr", "300 000 utilisateurs", "300000", "user"),
    "it": money("it", "5 miliardi di euro", "5000000000", "EUR"),
    "de": count("de", "10.000 Mitarbeiter", "10000", "employee"),
    "es": money("es", "2.000 millones de dólares", "2000000000", "USD"),
}
HEDGES = [
    hedged(base._replace(text=f"{word} {base.text}"), bound)
    if bound != "just_under"
    else capped(base._replace(text=f"{word} {base.text}"))
    for lang, base in _HEDGED_BASE.items()
    for word, bound in _HEDGES[lang]
] + [
    hedged(money("fr", "plus d'1 milliard d'euros", "1000000000", "EUR"), "at_least"),
    hedged(count("es", "unas 300 empresas", "300", "company"), "approximate"),
    hedged(power("en", "up to 5 GW", "5000000000", "GW"), "at_most"),
]

RANGES = [
    ranged(money("en", "between 3 and 5 billion dollars", "4000000000", "USD"),
           "3000000000", "5000000000"),
    ranged(money("en", "$3bn-$5bn", "4000000000", "USD"), "3000000000", "5000000000"),
    ranged(money("en", "$3-5 billion", "4000000000", "USD"), "3000000000", "5000000000"),
    ranged(money("en", "from $3 billion to $5 billion", "4000000000", "USD"),
           "3000000000", "5000000000"),
    ranged(number("en", "3 to 5 billion", "4000000000"), "3000000000", "5000000000"),
    ranged(power("en", "3–5 GW", "4000000000", "GW"), "3000000000", "5000000000"),
    ranged(ratio("en", "10-20%", "0.15"), "0.1", "0.2"),
    ranged(money("fr", "entre 3 et 5 milliards d'euros", "4000000000", "EUR"),
           "3000000000", "5000000000"),
    ranged(money("fr", "de 3 à 5 milliards de dollars", "4000000000", "USD"),
           "3000000000", "5000000000"),
    ranged(count("fr", "2 000 à 3 000 salariés", "2500", "employee"), "2000", "3000"),
    ranged(money("it", "tra 3 e 5 miliardi di euro", "4000000000", "EUR"),
           "3000000000", "5000000000"),
    ranged(power("it", "da 10 a 20 GW", "15000000000", "GW"), "10000000000", "20000000000"),
    ranged(number("it", "3-5 miliardi", "4000000000"), "3000000000", "5000000000"),
    ranged(money("de", "zwischen 3 und 5 Milliarden Euro", "4000000000", "EUR"),
           "3000000000", "5000000000"),
    ranged(ratio("de", "von 10 bis 20 Prozent", "0.15"), "0.1", "0.2"),
    ranged(money("de", "3 bis 5 Mrd. Euro", "4000000000", "EUR"), "3000000000", "5000000000"),
    ranged(money("es", "entre 3 y 5 mil millones de dólares", "4000000000", "USD"),
           "3000000000", "5000000000"),
    ranged(power("es", "de 10 a 20 GW", "15000000000", "GW"), "10000000000", "20000000000"),
]  # fmt: skip

# One partition of the decades of a scale word S: a bare plural is [S, 10 S),
# "tens of S" [10 S, 100 S), "hundreds of S" [100 S, 1000 S); the value is the midpoint.
VAGUE = [
    ranged(money("en", "billions of dollars", "5500000000", "USD"),
           "1000000000", "10000000000"),
    ranged(money("en", "trillions of dollars", "5500000000000", "USD"),
           "1000000000000", "10000000000000"),
    ranged(money("en", "tens of billions of dollars", "55000000000", "USD"),
           "10000000000", "100000000000"),
    ranged(count("en", "hundreds of millions of users", "550000000", "user"),
           "100000000", "1000000000"),
    ranged(number("fr", "milliards", "5500000000"), "1000000000", "10000000000"),
    ranged(number("fr", "billions", "5500000000000"), "1000000000000", "10000000000000"),
    ranged(money("fr", "billions de dollars", "5500000000000", "USD"),
           "1000000000000", "10000000000000"),
    ranged(money("fr", "dizaines de milliards d'euros", "55000000000", "EUR"),
           "10000000000", "100000000000"),
    ranged(money("fr", "des dizaines de milliards d'euros", "55000000000", "EUR"),
           "10000000000", "100000000000"),
    ranged(count("fr", "centaines de millions d'utilisateurs", "550000000", "user"),
           "100000000", "1000000000"),
    ranged(money("it", "trilioni di dollari", "5500000000000", "USD"),
           "1000000000000", "10000000000000"),
    ranged(number("it", "decine di miliardi", "55000000000"), "10000000000", "100000000000"),
    ranged(number("it", "centinaia di milioni", "550000000"), "100000000", "1000000000"),
    ranged(money("de", "Milliarden Euro", "5500000000", "EUR"), "1000000000", "10000000000"),
    ranged(money("de", "Dutzende Milliarden Dollar", "55000000000", "USD"),
           "10000000000", "100000000000"),
    ranged(count("de", "Hunderte Millionen Nutzer", "550000000", "user"),
           "100000000", "1000000000"),
    ranged(money("es", "miles de millones de dólares", "5500000000", "USD"),
           "1000000000", "10000000000"),
    ranged(number("es", "decenas de miles de millones", "55000000000"),
           "10000000000", "100000000000"),
    ranged(count("es", "cientos de millones de usuarios", "550000000", "user"),
           "100000000", "1000000000"),
]  # fmt: skip

PERIODS = [
    (count("fr", "800 millions d'utilisateurs par semaine", "800000000", "user"), "week"),
    (count("en", "800 million weekly users", "800000000", "user"), "week"),
    (count("en", "300 million monthly active users", "300000000", "user"), "month"),
    (money("en", "$20 per month", "20", "USD"), "month"),
    (money("en", "$5 billion annually", "5000000000", "USD"), "year"),
    (money("fr", "20 euros par mois", "20", "EUR"), "month"),
    (count("fr", "10 millions d'utilisateurs mensuels", "10000000", "user"), "month"),
    (money("it", "5 miliardi di euro all'anno", "5000000000", "EUR"), "year"),
    (count("it", "2 milioni di utenti settimanali", "2000000", "user"), "week"),
    (power("de", "20 TWh pro Jahr", "20000000000000", "TWh"), "year"),
    (count("de", "100 Millionen wöchentliche Nutzer", "100000000", "user"), "week"),
    (money("es", "20 dólares al mes", "20", "USD"), "month"),
    (count("es", "5 millones de usuarios semanales", "5000000", "user"), "week"),
]
