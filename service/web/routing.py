"""Repairs to the framework's routing."""

from __future__ import annotations

from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute


class AllowHeaderRepair(ReceiveRoutePlugin):
    """Make every automatic OPTIONS answer list all the methods of its path in `Allow`.

    Litestar 2 builds a path's automatic OPTIONS handler with the first handler registered on
    the path and keeps it when a controller adds more (litestar-org/litestar#4169, fixed in 3),
    so its `Allow` header misses the methods added later. Each such handler reads the methods
    of the route it closes over: as each route of a path is registered, point it at that
    route, so that it ends on the complete route of its path.
    """

    def receive_route(self, route: BaseRoute) -> None:
        """Point the automatic OPTIONS handler of `route` at `route`."""
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if handler.http_methods != {"OPTIONS"} or handler.include_in_schema:
                continue
            for cell in getattr(handler.fn, "__closure__", None) or ():
                if isinstance(cell.cell_contents, HTTPRoute):
                    cell.cell_contents = route
