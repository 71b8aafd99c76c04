"""Repairs to the framework's routing."""

from __future__ import annotations

from litestar import Litestar
from litestar.routes import HTTPRoute


def repair_allow_headers(app: Litestar) -> None:
    """Make every automatic OPTIONS answer list all the methods of its path in `Allow`.

    Litestar 2 builds a path's automatic OPTIONS handler with the first handler registered on
    the path and keeps it when a controller adds more (litestar-org/litestar#4169, fixed in 3),
    so its `Allow` header misses the methods added later. Each such handler reads the methods
    of the route it closes over: point it at the complete route of its path.
    """
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if handler.http_methods != {"OPTIONS"} or handler.include_in_schema:
                continue
            for cell in getattr(handler.fn, "__closure__", None) or ():
                if isinstance(cell.cell_contents, HTTPRoute):
                    cell.cell_contents = route
