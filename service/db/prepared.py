"""Read statements compiled once and run straight on the request's asyncpg connection.

Building a SQLAlchemy `select()` and executing it through the ORM session costs far more
Python time than the query takes in PostgreSQL: on the read path of this service, a few
hundred microseconds per statement against tens for asyncpg itself. A `Prepared` statement
is built and compiled once, at import, with named `bindparam()`s; each call then hands the
SQL text and the values to asyncpg (whose per-connection cache keeps it prepared on the
server) and gets named tuples that read like SQLAlchemy's rows (`row.id`, `row[0]`). asyncpg
already returns the Python type of each column; the service's `TypeDecorator`s (`ExactNumeric`)
are applied to their columns' values as SQLAlchemy would.

It runs on the session's own connection, so it sees what the session sees. When that
connection has not yet begun the transaction SQLAlchemy would open (a writing request's
first statement), the statement goes through the session as usual instead.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import asyncpg
from sqlalchemy import Select, TypeDecorator
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]
_DIALECT.paramstyle = "numeric_dollar"
_DRIVER_KEY = "aifacts_driver"


class Prepared:
    """A statement compiled once; `fetch` runs it with values for its bind parameters.

    Lists go in as one array parameter (`column = any(bindparam("ids"))`), never as an
    expanding `IN`, so the SQL text, and the server's prepared statement, stay the same.
    """

    def __init__(self, statement: Select[*tuple[Any, ...]]) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.statement = statement
        self.sql = compiled.string
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        # Values written in the statement itself (`rank == "preferred"`) are bound as well.
        self._fixed = {
            name: bind.effective_value
            for name, bind in compiled.binds.items()
            if not bind.required and name in self.names
        }
        row_type: Any = namedtuple("Row", list(statement.selected_columns.keys()), rename=True)  # type: ignore[misc]
        self._make: Callable[[Iterable[Any]], Any] = row_type._make
        self._decorated = [
            (index, column.type)
            for index, column in enumerate(statement.selected_columns)
            if isinstance(column.type, TypeDecorator)
        ]

    async def fetch(self, session: AsyncSession, **values: Any) -> Sequence[Any]:
        """The rows of the statement with `values` bound, read on `session`'s connection."""
        adapted, driver = await _driver_of(session)
        if not (adapted.autocommit or driver.is_in_transaction()):
            rows: Sequence[Any] = (await session.execute(self.statement, values)).all()
            return rows
        arguments = self.arguments(**values)
        try:
            records: list[Any] = await driver.fetch(self.sql, *arguments)
        except Exception as error:
            raise await _as_sqlalchemy_error(session, self.sql, error) from error
        make = self._make
        if not self._decorated:
            return [make(record) for record in records]
        return [make(self._decorate(record)) for record in records]

    def arguments(self, **values: Any) -> list[Any]:
        """The positional arguments of the SQL text for `values` of its bind parameters."""
        given = self._fixed | values
        return [given[name] for name in self.names]

    def _decorate(self, record: Any) -> list[Any]:
        """The record's values, read back by the `TypeDecorator`s of their columns."""
        values = list(record)
        for index, decorator in self._decorated:
            values[index] = decorator.process_result_value(values[index], _DIALECT)
        return values


async def _as_sqlalchemy_error(session: AsyncSession, sql: str, error: Exception) -> DBAPIError:
    """The error as SQLAlchemy would raise it, so that it is handled like the ORM's.

    An error PostgreSQL answered (with its SQLSTATE: a timeout, text it cannot store...) leaves
    the connection usable; any other (connection lost, protocol) invalidates the connection,
    so the pool replaces it instead of handing it out broken.
    """
    if isinstance(error, asyncpg.PostgresError):
        return DBAPIError(sql, None, error)
    await (await session.connection()).invalidate(error)
    return DBAPIError(sql, None, error, connection_invalidated=True)


async def _driver_of(session: AsyncSession) -> tuple[Any, asyncpg.Connection]:
    """The DBAPI adapter and asyncpg connection of the session's current transaction.

    Kept in `session.info` for the life of that transaction, so later statements of the
    request skip SQLAlchemy's connection lookup.
    """
    transaction = session.sync_session.get_transaction()
    cached = session.info.get(_DRIVER_KEY)
    if transaction is not None and cached is not None and cached[0] is transaction:
        return cached[1], cached[2]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    session.info[_DRIVER_KEY] = (
        session.sync_session.get_transaction(),
        raw.dbapi_connection,
        raw.driver_connection,
    )
    return raw.dbapi_connection, raw.driver_connection


async def fetch_text(session: AsyncSession, sql: str, *arguments: Any) -> list[Any]:
    """The records of SQL text (`$1`.. parameters) run straight on the session's connection.

    For the one-statement reads, whose SQL is written by hand: no SQLAlchemy statement, no row
    objects, asyncpg's records as they come (kept prepared by its per-connection cache).
    """
    _, driver = await _driver_of(session)
    try:
        records: list[Any] = await driver.fetch(sql, *arguments)
    except Exception as error:
        raise await _as_sqlalchemy_error(session, sql, error) from error
    return records
