from service.ingest.gazetteer import Gazetteer, slugify
from service.ingest.types import NewCompany


def _found(gazetteer: Gazetteer, text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(m.company, text[m.start : m.end]) for m in gazetteer.find(text, language)]


def test_longest_alias_wins_over_its_prefix(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "a deal with Amazon Web Services today") == [
        ("amazon", "Amazon Web Services")
    ]


def test_matching_ignores_case_and_accents(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "NVIDIA et nvidia et Ńvidia") == [
        ("nvidia", "NVIDIA"),
        ("nvidia", "nvidia"),
        ("nvidia", "Ńvidia"),
    ]


def test_elided_articles_before_a_name_are_not_part_of_it(gazetteer: Gazetteer) -> None:
    text = "les revenus d'OpenAI et d’Oracle, dell'OpenAI"
    assert _found(gazetteer, text, "fr") == [
        ("openai", "OpenAI"),
        ("oracle", "Oracle"),
        ("openai", "OpenAI"),
    ]


def test_possessive_and_genitive_forms_are_found(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "Nvidia's chips and OpenAIs Umsatz", "de") == [
        ("nvidia", "Nvidia"),
        ("openai", "OpenAI"),
    ]


def test_only_whole_words_match(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "Amazonas river and Oraclenet servers") == []


def test_language_specific_alias_applies_only_to_its_language(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "le projet Stargate", "fr") == [("stargate", "projet Stargate")]
    assert _found(gazetteer, "le projet Stargate", "en") == [("stargate", "Stargate")]


def test_offsets_are_relative_to_the_whole_text_when_a_span_is_given(
    gazetteer: Gazetteer,
) -> None:
    text = "Oracle. Then TSMC."
    mentions = gazetteer.find(text, "en", start=8, end=len(text))
    assert [(m.company, text[m.start : m.end]) for m in mentions] == [("tsmc", "TSMC")]


def test_extend_adds_new_companies_without_touching_copies(gazetteer: Gazetteer) -> None:
    extended = gazetteer.copy()
    extended.extend([NewCompany(slug="verano-ai", name="Verano AI", aliases=["Verano"])])
    assert _found(extended, "Verano signed") == [("verano-ai", "Verano")]
    assert extended.name_of("verano-ai") == "Verano AI"
    assert _found(gazetteer, "Verano signed") == []


def test_copies_share_the_compiled_pattern_until_one_is_extended(gazetteer: Gazetteer) -> None:
    _found(gazetteer.copy(), "Oracle signed")
    first, second = gazetteer.copy(), gazetteer.copy()
    first.extend([])  # an article naming no new company changes nothing
    assert first._pattern("en") is second._pattern("en") is gazetteer._pattern("en")

    second.extend([NewCompany(slug="verano-ai", name="Verano AI", aliases=[])])
    assert second._pattern("en") is not gazetteer._pattern("en")
    assert _found(second, "Verano AI signed") == [("verano-ai", "Verano AI")]
    assert _found(first, "Verano AI signed") == []
    assert _found(gazetteer.copy(), "Oracle and Verano AI") == [("oracle", "Oracle")]


def test_rows_from_the_database_build_a_gazetteer() -> None:
    gazetteer = Gazetteer([("Aleph Alpha", "aleph-alpha", None), ("Aleph", "aleph-alpha", "de")])
    assert [m.company for m in gazetteer.find("Aleph wächst", "de")] == ["aleph-alpha"]
    assert gazetteer.find("Aleph grows", "en") == []


def test_slugs_are_lowercase_ascii_words_joined_by_hyphens() -> None:
    assert slugify("Telefónica S.A.") == "telefonica-s-a"
    assert slugify("Mistral AI") == "mistral-ai"


def test_an_alias_that_is_an_ordinary_word_counts_only_capitalised(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "an arm of the group, unlike Arm") == [("arm", "Arm")]


def test_an_alias_followed_by_an_elided_word_is_not_a_name() -> None:
    gazetteer = Gazetteer([("Dell", "dell", None), ("OpenAI", "openai", None)])
    assert [m.company for m in gazetteer.find("i ricavi dell'OpenAI", "it")] == ["openai"]
