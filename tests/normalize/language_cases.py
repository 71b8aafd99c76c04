"""Sentences written for the language tests: news constructions in the five languages.

Fictional companies and figures; each sentence is one a business article could hold.
"""

from __future__ import annotations

from typing import Final

SENTENCES: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Zentor said on Tuesday that it had raised $2 billion from a group of investors.",
        "The company expects its revenue to double by the end of next year.",
        "Shares of Ionyx Cloud fell 12% after the deal was announced.",
        "According to people familiar with the matter, the talks could still fall apart.",
        "The new data centre will draw up to 500 megawatts when it is finished.",
        "Analysts have warned that the cost of the chips is rising faster than sales.",
        "It was the largest funding round of the quarter, with a valuation of about $40 billion.",
        "Both firms declined to comment on the terms of the agreement.",
    ),
    "fr": (
        "Zentor a annoncé mardi avoir levé 2 milliards de dollars auprès de ses investisseurs.",
        "L'entreprise prévoit de doubler son chiffre d'affaires d'ici la fin de l'année prochaine.",
        "L'action d'Ionyx Cloud a chuté de 12 % après l'annonce de l'accord.",
        "Selon des sources proches du dossier, les négociations pourraient encore échouer.",
        "Le nouveau centre de données consommera jusqu'à 500 mégawatts une fois terminé.",
        "Les analystes estiment que le coût des puces augmente plus vite que les ventes.",
        "C'est la plus grosse levée de fonds du trimestre, pour une valorisation de 40 milliards.",
        "Les deux groupes n'ont pas souhaité commenter les termes de l'accord.",
    ),
    "it": (
        "Zentor ha annunciato martedì di aver raccolto 2 miliardi di dollari dagli investitori.",
        "La società prevede di raddoppiare i ricavi entro la fine del prossimo anno.",
        "Le azioni di Ionyx Cloud sono scese del 12% dopo l'annuncio dell'accordo.",
        "Secondo fonti vicine al dossier, le trattative potrebbero ancora saltare.",
        "Il nuovo centro dati assorbirà fino a 500 megawatt una volta completato.",
        "Gli analisti avvertono che il costo dei chip cresce più in fretta delle vendite.",
        "È stato il più grande round del trimestre, con una valutazione di 40 miliardi.",
        "Le due aziende non hanno voluto commentare le condizioni dell'intesa.",
    ),
    "de": (
        "Zentor hat am Dienstag mitgeteilt, dass es 2 Milliarden Dollar eingesammelt hat.",
        "Das Unternehmen erwartet, dass sich sein Umsatz bis Ende nächsten Jahres verdoppelt.",
        "Die Aktie von Ionyx Cloud fiel nach der Ankündigung der Übernahme um 12 Prozent.",
        "Laut Insidern könnten die Gespräche noch immer scheitern.",
        "Das neue Rechenzentrum soll nach seiner Fertigstellung bis zu 500 Megawatt verbrauchen.",
        "Analysten warnen, dass die Kosten für die Chips schneller steigen als der Absatz.",
        "Es war die größte Finanzierungsrunde des Quartals, bei einer Bewertung von 40 Milliarden.",
        "Beide Konzerne wollten sich zu den Bedingungen der Vereinbarung nicht äußern.",
    ),
    "es": (
        "Zentor anunció el martes que ha recaudado 2.000 millones de dólares de sus inversores.",
        "La empresa espera duplicar sus ingresos antes de que termine el próximo año.",
        "Las acciones de Ionyx Cloud cayeron un 12% tras el anuncio del acuerdo.",
        "Según fuentes cercanas a la operación, las negociaciones todavía podrían fracasar.",
        "El nuevo centro de datos consumirá hasta 500 megavatios cuando esté terminado.",
        "Los analistas advierten de que el coste de los chips crece más rápido que las ventas.",
        "Fue la mayor ronda de financiación del trimestre, valorada en unos 40.000 millones.",
        "Ambas compañías rechazaron comentar las condiciones del pacto.",
    ),
}
"""Eight sentences per language, each of them on its own a short text to detect."""

SHORT: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Zentor raised $2 billion.", "Profit rose 5%."),
    "fr": ("Zentor lève 2 milliards.", "Le bénéfice a progressé."),
    "it": ("Zentor raccoglie 2 miliardi.", "L'utile è cresciuto."),
    "de": ("Zentor sammelt 2 Milliarden ein.", "Der Gewinn stieg."),
    "es": ("Zentor recauda 2.000 millones.", "El beneficio creció."),
}
"""Headline-short texts: too little for our lexicon alone, the case lingua is kept for."""
