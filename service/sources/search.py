"""Full-text search over the stored sources, each in the text search configuration of its language.

`sources.search_vector` holds title (weight A) and text (weight B) in the configuration of the
source's language (`TEXT_SEARCH_CONFIGS`, `simple` for any other). A query is read with
`websearch_to_tsquery` in that same configuration, so French inflections match a French source
("investissements" finds "investissement"). Match rank, lower is better:
`round(1e6 * (1 - ts_rank(vector, query, 1|32)))` (rank divided by 1 + log of the length, then
scaled into [0, 1)).
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import ColumnElement, Integer, and_, case, cast, func, literal_column, or_

from service.models import Source as SourceRow
from service.models.facts import TEXT_SEARCH_CONFIGS

RANK_NORMALIZATION: Final = 1 | 32
SNIPPET_OPTIONS: Final = "MaxFragments=2, MaxWords=25, MinWords=8, StartSel=<mark>, StopSel=</mark>"
"""ts_headline options: at most two fragments, matched words wrapped in `<mark>...</mark>`."""


def _regconfig(name: str) -> ColumnElement[Any]:
    # The names come from TEXT_SEARCH_CONFIGS, never from the request.
    return literal_column(f"'{name}'::regconfig")


def source_config() -> ColumnElement[Any]:
    """The text search configuration of each source row, by its language."""
    whens = [
        (SourceRow.language == code, _regconfig(name)) for code, name in TEXT_SEARCH_CONFIGS.items()
    ]
    return case(*whens, else_=_regconfig("simple"))


def matches(query: str) -> ColumnElement[bool]:
    """Sources whose vector matches `query` read in their own configuration.

    One branch per configuration, so that each can use the GIN index of the vector.
    """
    vector = SourceRow.search_vector
    branches = [
        and_(SourceRow.language == code, vector.op("@@")(_tsquery(_regconfig(name), query)))
        for code, name in TEXT_SEARCH_CONFIGS.items()
    ]
    other = or_(SourceRow.language.is_(None), SourceRow.language.not_in(TEXT_SEARCH_CONFIGS))
    branches.append(and_(other, vector.op("@@")(_tsquery(_regconfig("simple"), query))))
    return or_(*branches)


def match_rank(query: str) -> ColumnElement[int]:
    """The match rank of a matching source (lower is better)."""
    rank = func.ts_rank(
        SourceRow.search_vector, _tsquery(source_config(), query), RANK_NORMALIZATION
    )
    return cast(func.round((1 - rank) * 1_000_000), Integer)


def snippet(query: str) -> ColumnElement[str]:
    """A short passage of the source's text (or title) with the matched words marked."""
    return func.ts_headline(
        source_config(),
        func.coalesce(SourceRow.text, SourceRow.title, ""),
        _tsquery(source_config(), query),
        SNIPPET_OPTIONS,
    )


def _tsquery(config: ColumnElement[Any], query: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(config, query)
