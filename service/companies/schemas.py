"""Public shapes of companies."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from service.web.http import Base, NextCursor

CompanyKind = Literal["company", "joint_venture", "project"]


class Alias(Base):
    """A name the company goes by."""

    alias: Annotated[str, msgspec.Meta(description="The name as written.")]
    language: Annotated[
        str | None, msgspec.Meta(description="ISO 639-1 language it is used in; null for any.")
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
