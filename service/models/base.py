"""Declarative base and the value domains shared by the tables (from `domain.vocabulary`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Final, get_args

from sqlalchemy import DateTime, Dialect, MetaData, Numeric, TypeDecorator, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from service.domain.vocabulary import (
    Basis,
    BoundName,
    CompanyKind,
    DealKind,
    DealStatus,
    FigureRank,
    FigureStatus,
    MetricKind,
    Precision,
)

NAMING_CONVENTION: Final = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

COMPANY_KINDS: Final = get_args(CompanyKind)
METRIC_KINDS: Final = get_args(MetricKind)
BOUNDS: Final = get_args(BoundName)
PRECISIONS: Final = get_args(Precision)
FIGURE_STATUSES: Final = get_args(FigureStatus)
FIGURE_RANKS: Final = get_args(FigureRank)
FIGURE_BASES: Final = get_args(Basis)
DEAL_KINDS: Final = get_args(DealKind)
DEAL_STATUSES: Final = get_args(DealStatus)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL CHECK expression restricting `column` to `values`."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def plain_decimal(value: Decimal) -> Decimal:
    """The same number with no exponent in its text (`1.30E+10` -> `13000000000`)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize() if value.adjusted() >= -6 else value


class ExactNumeric(TypeDecorator[Decimal]):
    """PostgreSQL NUMERIC read back as a Decimal written without exponent."""

    impl = Numeric
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:  # noqa: ARG002
        """Normalise the driver's Decimal (asyncpg may return `1.30E+10`)."""
        return None if value is None else plain_decimal(value)


class Base(DeclarativeBase):
    """Base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    """Creation and last-change times, kept by the database."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )
