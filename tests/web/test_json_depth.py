"""Request bodies nested deeper than any operation needs answer 400, not a 500."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.web.requests import MAX_JSON_DEPTH, json_depth
from tests.helpers import assert_problem

ADMIN = {"Authorization": "Bearer test-admin-token"}


@pytest.mark.parametrize(
    "body",
    [b"[" * 1000, b'{"text": ' + b"[" * 5000, b'{"a":' * 1000 + b"1" + b"}" * 1000],
    ids=["open-arrays", "arrays-in-a-field", "closed-objects"],
)
async def test_deeply_nested_body_answers_400_problem(
    client: httpx.AsyncClient, body: bytes
) -> None:
    response = await client.post(
        "/v1/normalize", content=body, headers={"content-type": "application/json"}
    )
    assert_problem(response, 400)
    assert response.json()["detail"] == f"JSON nests deeper than {MAX_JSON_DEPTH} levels"


async def test_deeply_nested_admin_body_answers_400_problem(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/admin/sources",
        content=b"[" * 2000,
        headers={"content-type": "application/json", **ADMIN},
    )
    assert_problem(response, 400)


async def test_body_nested_just_within_the_limit_is_read_as_usual(
    client: httpx.AsyncClient,
) -> None:
    nested = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    response = await client.post(
        "/v1/normalize",
        content=f'{{"text": {nested}}}'.encode(),
        headers={"content-type": "application/json"},
    )
    assert_problem(response, 400)
    assert "nests deeper" not in response.json()["detail"]


@given(
    st.recursive(
        st.none() | st.integers(),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3)
        ),
        max_leaves=20,
    )
)
def test_json_depth_counts_the_deepest_array_or_object(value: object) -> None:
    def depth(item: object) -> int:
        children = list(item.values()) if isinstance(item, dict) else item
        if not isinstance(children, list):
            return 0
        return 1 + max((depth(child) for child in children), default=0)

    assert json_depth(value) == depth(value)
