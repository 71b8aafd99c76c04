"""The API docs UI at /schema, its assets served by the service itself (no CDN, no network).

Swagger UI comes from the `swagger-ui-py` package, which ships its built files; the render
plugin's page points at them under `/schema/assets`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Final

from litestar import Router
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

ASSETS: Final = "/schema/assets"
"""Where the docs UI's files are served."""


def assets_directory() -> Path:
    """The directory of Swagger UI's built files inside the installed `swagger_ui` package."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the swagger-ui-py package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def docs_plugin(path: str = "/") -> SwaggerRenderPlugin:
    """Swagger UI at `/schema{path}`, loading its scripts, styles and icon from the service."""
    return SwaggerRenderPlugin(
        path=path,
        js_url=f"{ASSETS}/swagger-ui-bundle.js",
        css_url=f"{ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
    )


def docs_assets() -> Router:
    """The router serving the docs UI's files, kept out of the contract."""
    return create_static_files_router(
        path=ASSETS,
        directories=[assets_directory()],
        include_in_schema=False,
        cache_control=None,
    )
