"""HTTP route of the normalisation engine: text in, canonical quantities out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Final

import msgspec
from litestar import Controller, Litestar, post
from litestar.openapi.datastructures import ResponseSpec

from service.domain.errors import InvalidInputError
from service.normalize import NormalizeError, detect_language, find_quantities
from service.normalize.language import fallback_needed, load_fallback
from service.normalize_api.schemas import NormalizeRequest, NormalizeResponse, QuantityOut
from service.web.offload import in_daemon_thread, off_loop
from service.web.problems import PROBLEM_MEDIA_TYPE, Problem

NORMALIZE_BUDGET: Final = 2.0
"""Seconds one normalisation may take (its text is at most 10,000 characters)."""
MAX_QUANTITIES: Final = 1000
"""Most quantities one answer lists, which bounds its size whatever the text."""


def _warm_up() -> None:
    detect_language("Zentor a levé deux milliards de dollars pour ses centres de données.")
    find_quantities("1,5 Mrd. Euro und 5 GW", "de", date(2025, 1, 2))


@asynccontextmanager
async def warm_normaliser(_: Litestar) -> AsyncIterator[None]:
    """Load the lexicons, unit and rate tables before serving, in a thread.

    The first normalisation would otherwise spend its budget loading them. lingua's language
    models are not among them: most processes never need them (see `prepare_detection`).
    """
    await asyncio.to_thread(_warm_up)
    yield


def _prepare_detection(text: str) -> None:
    if fallback_needed(text):
        load_fallback()


async def prepare_detection(request: NormalizeRequest) -> None:
    """Load lingua's models, off the event loop, if detecting the request's language needs them.

    Only a text without `lang` that our own detector cannot decide (a few words, mixed
    languages) needs them; loading takes a second or more and does not count against the
    normalisation's budget.
    """
    if request.lang is None:
        await in_daemon_thread(_prepare_detection, request.text)


def normalize_text(request: NormalizeRequest) -> NormalizeResponse:
    """Read every quantity of the request's text; domain errors for undecidable input."""
    lang = request.lang or detect_language(request.text)
    if lang is None:
        raise InvalidInputError("the language could not be detected: pass `lang`")
    ref_date = request.date or datetime.now(UTC).date()
    try:
        found = find_quantities(request.text, lang, ref_date)
    except NormalizeError as error:
        raise InvalidInputError(str(error)) from error
    if len(found) > MAX_QUANTITIES:
        raise InvalidInputError(
            f"the text holds more than {MAX_QUANTITIES} quantities: split it into shorter texts"
        )
    quantities = [msgspec.convert(q, QuantityOut, from_attributes=True) for q in found]
    return NormalizeResponse(lang=lang, date=ref_date, quantities=quantities)  # type: ignore[arg-type]


class NormalizeController(Controller):
    """Multilingual quantities to canonical, comparable values."""

    path = "/v1/normalize"
    tags = ["normalize"]

    @post(
        operation_id="normalizeText",
        summary="Normalise the quantities of a text",
        description="Finds every amount of money, power, energy, count or ratio in a text in "
        "English, French, Italian, German or Spanish and returns each in canonical units "
        "(USD at the ECB rate of `date`, W, Wh, ratio, counts) with its uncertainty, the "
        "original as written and its character offsets.",
        status_code=200,
        responses={
            422: ResponseSpec(
                data_container=Problem,
                media_type=PROBLEM_MEDIA_TYPE,
                description="The language could not be detected (pass `lang`), a quantity "
                "could not be normalised (e.g. no exchange rate for `date`), the text holds "
                "more than 1,000 quantities or takes more than 2 s to read.",
                generate_examples=False,
            )
        },
    )
    async def normalize(self, data: NormalizeRequest) -> NormalizeResponse:
        """Normalise a text, off the event loop and within its budget."""
        await prepare_detection(data)
        return await off_loop(NORMALIZE_BUDGET, normalize_text, data)
