"""The docs UI at /schema loads nothing from another host: its assets come from the service."""

from __future__ import annotations

import re

import httpx
import pytest

ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/schema", "/schema/swagger"])
async def test_docs_page_and_all_its_assets_are_served_locally(
    client: httpx.AsyncClient, page: str
) -> None:
    response = await client.get(page)

    assert response.status_code == 200
    assets = ASSET.findall(response.text)
    assert len(assets) >= 4
    assert all(url.startswith("/schema/assets/") for url in assets), assets
    assert "cdn" not in response.text.lower()
    for url in assets:
        served = await client.get(url)
        assert served.status_code == 200, url
        assert served.content


async def test_docs_page_holds_the_contract_and_its_operations(client: httpx.AsyncClient) -> None:
    page = (await client.get("/schema")).text

    assert "SwaggerUIBundle" in page
    for operation in ("listFigures", "createSource", "getJob"):
        assert operation in page
