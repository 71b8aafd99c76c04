import time

from service.ingest.sentences import split_sentences


def test_every_sentence_is_the_exact_slice_at_its_offsets() -> None:
    text = "OpenAI lève des fonds\nLe chiffre atteint 4,7 %. Puis 1.5 GW !  Fin."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "OpenAI lève des fonds",
        "Le chiffre atteint 4,7 %.",
        "Puis 1.5 GW !",
        "Fin.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_headline_without_final_punctuation_is_its_own_sentence() -> None:
    sentences = split_sentences("Nvidia beats forecasts\nRevenue rose. Shares fell.")
    assert sentences[0].headline
    assert not sentences[1].headline
    assert len(sentences) == 3


def test_titles_and_company_abbreviations_do_not_end_a_sentence() -> None:
    text = "M. Altman a parlé. Dr. Su met Mr. Huang at Apple Inc. in May. Fin."
    assert [s.text for s in split_sentences(text)] == [
        "M. Altman a parlé.",
        "Dr. Su met Mr. Huang at Apple Inc. in May.",
        "Fin.",
    ]


def test_scale_abbreviation_before_a_currency_does_not_end_a_sentence() -> None:
    text = "Der Umsatz lag bei 5 Mrd. Euro im Quartal. Die Aktie stieg."
    assert len(split_sentences(text)) == 2


def test_scale_abbreviation_at_the_end_of_a_sentence_ends_it() -> None:
    assert len(split_sentences("It raised $5bn. The company said so.")) == 2


def test_closing_quote_stays_with_its_sentence() -> None:
    sentences = split_sentences("« Elle a besoin de plus. » Il a ajouté.")
    assert sentences[0].text == "« Elle a besoin de plus. »"


def test_lines_are_numbered_as_paragraphs() -> None:
    sentences = split_sentences("One. Two.\n\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_one_long_line_splits_in_linear_time() -> None:
    # A one-line article of 300,000 characters: the splitter used to copy the rest of the line
    # at every full stop (minutes); looking only near each stop takes well under a second.
    line = "Zentor raised 5 bn. Oskal lost 3 %. " * 8_000
    started = time.perf_counter()
    sentences = split_sentences(line)
    assert len(sentences) == 16_000
    assert time.perf_counter() - started < 5


def test_full_stop_after_a_long_word_still_ends_the_sentence() -> None:
    text = "The grid reached " + "x" * 60 + ". Then it stopped."
    assert [s.text for s in split_sentences(text)] == [
        "The grid reached " + "x" * 60 + ".",
        "Then it stopped.",
    ]
