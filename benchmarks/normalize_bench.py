"""Throughput of the normalisation library; writes benchmarks/NORMALIZE_RESULTS.md."""

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.normalize import find_quantities, parse_quantity

REF_DATE = date(2024, 6, 3)
ROUNDS = 7
VALUE_STRINGS = [
    ("en", "$2.4 billion"), ("en", "€3.5bn"), ("en", "about $157bn"), ("en", "5 GW"),
    ("en", "800 million weekly users"), ("en", "36 per cent"), ("en", "20x"),
    ("en", "between 3 and 5 billion dollars"), ("en", "tens of billions of dollars"),
    ("en", "350,000 Nvidia H100 GPUs"),
    ("fr", "38 milliards de dollars"), ("fr", "1,7 milliard d'euros"), ("fr", "4,7 %"),
    ("fr", "plus de 3 000 salariés"), ("fr", "quarante et un milliards"), ("fr", "5 M€"),
    ("fr", "entre 3 et 5 milliards d'euros"), ("fr", "des dizaines de milliards d'euros"),
    ("fr", "20 térawattheures"), ("fr", "800 millions d'utilisateurs par semaine"),
    ("it", "5 miliardi di euro"), ("it", "circa 300.000 clienti"), ("it", "il doppio"),
    ("it", "cinquecento milioni"), ("it", "3 mila miliardi"), ("it", "fino a 10 GW"),
    ("it", "36 per cento"), ("it", "centinaia di milioni"), ("it", "tra 3 e 5 miliardi"),
    ("it", "10 milioni di utenti"),
    ("de", "3,5 Mrd. Euro"), ("de", "rund 2 Milliarden Dollar"), ("de", "dreimal"),
    ("de", "zwei Milliarden Euro"), ("de", "10.000 Mitarbeiter"), ("de", "36 Prozent"),
    ("de", "20 TWh pro Jahr"), ("de", "Dutzende Milliarden Dollar"),
    ("de", "zwischen 3 und 5 Milliarden Euro"), ("de", "bis zu 5 GW"),
    ("es", "4.000 millones de dólares"), ("es", "más de 10.000 empleados"),
    ("es", "cuatro mil millones de dólares"), ("es", "el doble"), ("es", "75 por ciento"),
    ("es", "entre 3 y 5 mil millones de dólares"), ("es", "5 gigavatios"),
    ("es", "decenas de miles de millones"), ("es", "100 millones de usuarios"),
    ("es", "1 billón de dólares"),
]  # fmt: skip
SENTENCES = {
    "en": "The group raised $6.6 billion at a valuation of about $157bn, and plans 5 GW of "
    "data centers with 350,000 GPUs; revenue grew 20x while 36 per cent of its 800 million "
    "weekly users pay, in 2025 and 2026, according to GPT-4 notes on Q3. ",
    "fr": "Le groupe a levé 1,7 milliard d'euros et vise plus de 38 milliards de dollars, "
    "avec 800 millions d'utilisateurs par semaine, 4,7 % de marge et 3 000 salariés, "
    "selon un communiqué du 3 juillet 2025 sur des dizaines de milliards d'euros. ",
    "it": "L'azienda investirà circa 5 miliardi di euro in centri dati da 1,5 GW, con "
    "300.000 clienti e 10 milioni di utenti; i ricavi sono il doppio del 2024, "
    "tra 3 e 5 miliardi nel 2026, con centinaia di milioni di utenti. ",
    "de": "Das Unternehmen investiert rund 3,5 Mrd. Euro in Rechenzentren mit 5 GW und "
    "20 TWh pro Jahr, beschäftigt 10.000 Mitarbeiter und erwartet zwischen 3 und 5 "
    "Milliarden Euro Umsatz, dreimal so viel wie 2024. ",
    "es": "La empresa invertirá entre 3 y 5 mil millones de dólares, tiene más de 10.000 "
    "empleados y 100 millones de usuarios, con un 75 por ciento de margen y el doble de "
    "centros de datos que en 2024, decenas de miles de millones en juego. ",
}
ADVERSARIAL = {
    "grouped '1 000 000 000 '": "1 000 000 000 ",
    "dotted '1.1.1.1'": "1.1.",
    "commas '1,1,1,1'": "1,1,",
    "spaced '1 1 1 1'": "1 ",
    "nbsp '1\\u00a0000'": "1\u00a0000 ",
}


def _article(lang: str) -> str:
    sentence = SENTENCES[lang]
    return (sentence * (3000 // len(sentence) + 1))[:3000]


def _rate(work: int, run: Callable[[], object]) -> float:
    rounds = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run()
        rounds.append(work / (time.perf_counter() - started))
    return statistics.median(rounds)


def _strings_per_second() -> float:
    batch = VALUE_STRINGS * 40

    def run() -> None:
        for lang, text in batch:
            parse_quantity(text, lang, REF_DATE)

    return _rate(len(batch), run)


def _articles_per_second(lang: str) -> float:
    article = _article(lang)
    return _rate(20, lambda: [find_quantities(article, lang, REF_DATE) for _ in range(20)])


def _adversarial_ms(chunk: str) -> float:
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    worst = 0.0
    for lang in SENTENCES:
        started = time.perf_counter()
        find_quantities(text, lang, REF_DATE)
        worst = max(worst, time.perf_counter() - started)
    return worst * 1000


def main() -> None:
    for lang, text in VALUE_STRINGS:
        parse_quantity(text, lang, REF_DATE)
    rows = [("parse_quantity short strings/s (median)", f"{_strings_per_second():,.0f}")]
    rows += [
        (f"find_quantities 3 kB articles/s ({lang})", f"{_articles_per_second(lang):,.0f}")
        for lang in SENTENCES
    ]
    rows += [
        (f"100 kB adversarial {name}, worst language (ms)", f"{_adversarial_ms(chunk):.1f}")
        for name, chunk in ADVERSARIAL.items()
    ]
    lines = [
        "# Normalisation benchmark",
        "",
        f"- platform: {platform.platform()}",
        f"- python: {platform.python_version()}",
        f"- cpu count: {os.cpu_count()}",
        f"- rounds: {ROUNDS} (median reported)",
        "",
        "| measure | result |",
        "| --- | ---: |",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
    ]
    report = "\n".join(lines)
    Path(__file__).with_name("NORMALIZE_RESULTS.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
