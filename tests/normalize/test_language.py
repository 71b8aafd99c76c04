"""Language detection: our lexicon decides ordinary text alone, lingua only what it cannot."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.normalize import LANGUAGES
from service.normalize.language import UNDECIDED, detect_language, language_scores, own_language
from tests.normalize.language_cases import SENTENCES, SHORT

CASES = [(lang, sentence) for lang, sentences in SENTENCES.items() for sentence in sentences]


def paragraphs(lang: str) -> st.SearchStrategy[str]:
    """Three to eight different sentences of a language in any order, joined as a paragraph."""
    sentences = st.sampled_from(SENTENCES[lang])
    return st.lists(sentences, min_size=3, max_size=8, unique=True).map(" ".join)


def test_the_lexicon_covers_exactly_the_supported_languages() -> None:
    raw = json.loads(resources.files("service.normalize").joinpath("languages.json").read_bytes())

    assert set(raw) == set(LANGUAGES) == set(SENTENCES)
    assert all(len(table["words"]) == len(set(table["words"])) for table in raw.values())


@pytest.mark.parametrize(("lang", "sentence"), CASES)
def test_a_news_sentence_is_detected_in_its_language(lang: str, sentence: str) -> None:
    assert detect_language(sentence) == lang


@pytest.mark.parametrize(("lang", "sentence"), CASES)
def test_our_lexicon_never_decides_a_sentence_wrongly(lang: str, sentence: str) -> None:
    assert own_language(sentence) in {lang, UNDECIDED}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
@given(data=st.data())
def test_a_paragraph_is_decided_by_our_lexicon_alone(lang: str, data: st.DataObject) -> None:
    text = data.draw(paragraphs(lang))

    assert own_language(text) == lang


@pytest.mark.parametrize("lang", sorted(SENTENCES))
@given(data=st.data())
def test_a_sentence_quoted_in_another_language_leaves_the_paragraph_in_its_own(
    lang: str, data: st.DataObject
) -> None:
    other = data.draw(st.sampled_from(sorted(set(SENTENCES) - {lang})))
    text = data.draw(paragraphs(lang).filter(lambda t: t.count(". ") >= 3))
    quoted = data.draw(st.sampled_from(SENTENCES[other]))
    at = data.draw(st.integers(0, len(text)))
    cut = text.rfind(" ", 0, at) + 1

    mixed = f'{text[:cut]}"{quoted}" {text[cut:]}'

    assert own_language(mixed) in {lang, UNDECIDED}
    assert detect_language(mixed) == lang


@pytest.mark.parametrize("lang", sorted(SENTENCES))
@given(data=st.data())
def test_numbers_and_symbols_weigh_nothing(lang: str, data: st.DataObject) -> None:
    text = data.draw(paragraphs(lang))
    noise = data.draw(st.lists(st.sampled_from(["12", "3,5", "$", "%", "€", "2025", "(", "-"])))

    assert language_scores(f"{' '.join(noise)} {text}") == language_scores(text)


@given(st.text(alphabet=st.characters(categories=["Nd", "P", "S", "Zs"]), max_size=200))
def test_text_without_letters_has_no_language(text: str) -> None:
    assert own_language(text) is None
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, text) for lang, texts in SHORT.items() for text in texts]
)
def test_a_headline_too_short_for_the_lexicon_is_left_to_lingua(lang: str, text: str) -> None:
    assert own_language(text) is UNDECIDED
    assert detect_language(text) == lang
