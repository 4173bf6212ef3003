"""SQL that answers alike on SQLite and PostgreSQL: column types, text ordering, storable text.

SQLite orders text by its bytes and puts NULL first; PostgreSQL orders by the database's locale
(where "al-Bab" comes before "Azaz") and puts NULL last. Ordering through `text_order` gives SQLite's
order on both, so a listing does not depend on which database, or which server locale, is behind it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Connection, Integer, collate
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeEngine

# 64-bit integers: OpenSyria places without a GeoNames id have ids down to -2**32, and a figure read
# from a report can pass 2**31. SQLite's INTEGER is 64-bit already; PostgreSQL's is 32 (migration 0003).
WIDE_INTEGER: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")


class _ByteOrder(FunctionElement[Any]):
    """A text expression compared byte by byte (code point order for UTF-8), whatever the locale."""

    name = "byte_order"
    inherit_cache = True


@compiles(_ByteOrder)
def _byte_order_default(element: _ByteOrder, compiler: Any, **kw: Any) -> str:
    # SQLite's default collation, BINARY, compares bytes already.
    (argument,) = element.clauses
    return str(compiler.process(argument, **kw))


@compiles(_ByteOrder, "postgresql")
def _byte_order_postgresql(element: _ByteOrder, compiler: Any, **kw: Any) -> str:
    (argument,) = element.clauses
    return str(compiler.process(collate(argument, "C"), **kw))


def text_order(column: ColumnElement[Any]) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """ORDER BY terms for a text column: NULL first, then byte order, as SQLite sorts it on its own."""
    return column.is_not(None), _ByteOrder(column)


def byte_order(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The ORDER BY term for text that is never NULL (ids, claim kinds): byte order."""
    return _ByteOrder(column)


def storable(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the database can hold them: PostgreSQL text cannot contain NUL, which becomes U+FFFD
    there (one character for one, so every evidence offset still points at the same text)."""
    if conn.dialect.name != "postgresql":
        return rows
    return [
        {
            key: value.replace("\x00", "\ufffd") if isinstance(value, str) else value
            for key, value in row.items()
        }
        for row in rows
    ]
