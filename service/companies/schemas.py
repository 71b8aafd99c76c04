"""Public shapes of companies."""

from __future__ import annotations

from typing import Annotated

import msgspec

from service.domain.vocabulary import CompanyKind, Language
from service.facts.inputs import Name, Slug
from service.web.http import Base, InputBase, NextCursor
from service.web.params import WEB_ADDRESS


class Alias(Base):
    """A name the company goes by."""

    alias: Annotated[str, msgspec.Meta(description="The name as written.")]
    language: Annotated[
        str | None,
        msgspec.Meta(
            description="ISO 639-1 language it is used in (`de` for `Schwarz Gruppe`), and only "
            "matched in text of that language; null: the same in every language, as brand and "
            "legal names are (the company's name is always an alias with null)."
        ),
    ]


class Identifiers(Base):
    """The company in other registries."""

    wikidata: Annotated[str | None, msgspec.Meta(description="Wikidata QID, e.g. `Q21708200`.")]
    lei: Annotated[str | None, msgspec.Meta(description="ISO 17442 Legal Entity Identifier.")]
    ticker: Annotated[str | None, msgspec.Meta(description="Stock ticker of its main listing.")]


class Company(Base):
    """An organisation of the AI industry."""

    slug: Annotated[str, msgspec.Meta(description="Stable identifier, e.g. `openai`.")]
    name: Annotated[str, msgspec.Meta(description="Usual name.")]
    kind: Annotated[CompanyKind, msgspec.Meta(description="Company, joint venture or project.")]
    parent: Annotated[str | None, msgspec.Meta(description="Slug of the parent organisation.")]
    country: Annotated[str | None, msgspec.Meta(description="ISO 3166-1 alpha-2 country code.")]
    website: Annotated[str | None, msgspec.Meta(description="Official website.")]
    identifiers: Annotated[Identifiers, msgspec.Meta(description="Identifier crosswalk.")]
    aliases: Annotated[list[Alias], msgspec.Meta(description="Other names, by language.")]


class CompanyPage(Base):
    """A page of companies."""

    data: Annotated[list[Company], msgspec.Meta(description="Items of this page, in list order.")]
    next_cursor: NextCursor


Country = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
# Patterns spell their character classes out: `\d`, `\s` and `\S` do not match the same
# characters in Python (which validates) and in the ECMA dialect of JSON Schema (which clients use).
Website = Annotated[str, msgspec.Meta(pattern=WEB_ADDRESS, max_length=2048)]
WikidataQid = Annotated[str, msgspec.Meta(pattern=r"^Q[1-9][0-9]*$")]
Lei = Annotated[str, msgspec.Meta(pattern=r"^[A-Z0-9]{20}$")]
Ticker = Annotated[str, msgspec.Meta(min_length=1, max_length=20)]


class AliasInput(InputBase):
    """Another name of a company."""

    alias: Annotated[Name, msgspec.Meta(description="The name as written.")]
    language: Annotated[
        Language | None,
        msgspec.Meta(
            description="Language it is used in, and only matched in text of that language; "
            "null (the default): the same in every language."
        ),
    ] = None


class IdentifiersInput(InputBase):
    """The company in other registries."""

    wikidata: Annotated[
        WikidataQid | None, msgspec.Meta(description="Wikidata QID, e.g. `Q21708200`.")
    ] = None
    lei: Annotated[Lei | None, msgspec.Meta(description="ISO 17442 Legal Entity Identifier.")] = (
        None
    )
    ticker: Annotated[
        Ticker | None, msgspec.Meta(description="Stock ticker of its main listing.")
    ] = None


class CompanyCreate(InputBase):
    """A company to add to the catalogue."""

    slug: Annotated[Slug, msgspec.Meta(description="Stable identifier, e.g. `openai`.")]
    name: Annotated[Name, msgspec.Meta(description="Usual name; also matched as an alias.")]
    kind: Annotated[CompanyKind, msgspec.Meta(description="What sort of organisation.")] = "company"
    parent: Annotated[Slug | None, msgspec.Meta(description="Slug of the parent company.")] = None
    country: Annotated[
        Country | None, msgspec.Meta(description="ISO 3166-1 alpha-2 country code.")
    ] = None
    website: Annotated[Website | None, msgspec.Meta(description="Official website.")] = None
    identifiers: Annotated[IdentifiersInput, msgspec.Meta(description="Identifier crosswalk.")] = (
        msgspec.field(default_factory=IdentifiersInput)
    )
    aliases: Annotated[
        list[AliasInput], msgspec.Meta(description="Other names it goes by, by language.")
    ] = msgspec.field(default_factory=list)


class CompanyUpdate(InputBase):
    """Changes to a company: only the fields given change."""

    name: Annotated[Name | msgspec.UnsetType, msgspec.Meta(description="Usual name.")] = (
        msgspec.UNSET
    )
    kind: Annotated[
        CompanyKind | msgspec.UnsetType, msgspec.Meta(description="What sort of organisation.")
    ] = msgspec.UNSET
    parent: Annotated[
        Slug | msgspec.UnsetType | None,
        msgspec.Meta(description="Slug of the parent company; null removes it."),
    ] = msgspec.UNSET
    country: Annotated[
        Country | msgspec.UnsetType | None, msgspec.Meta(description="ISO 3166-1 alpha-2 code.")
    ] = msgspec.UNSET
    website: Annotated[
        Website | msgspec.UnsetType | None, msgspec.Meta(description="Official website.")
    ] = msgspec.UNSET
    identifiers: Annotated[
        IdentifiersInput | msgspec.UnsetType,
        msgspec.Meta(description="Identifier crosswalk; replaces all three identifiers."),
    ] = msgspec.UNSET
    aliases: Annotated[
        list[AliasInput] | msgspec.UnsetType,
        msgspec.Meta(description="Other names; replaces every alias (the name stays one)."),
    ] = msgspec.UNSET
