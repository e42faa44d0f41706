"""Lookups made on every guarded request, their SQL written by Tortoise once per database.

Building a query through a QuerySet costs several times what the database takes to answer it
(0.33 ms against 0.05 ms for a user by id on SQLite): these run the same SQL, made once.
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from tortoise import connections
from tortoise.models import Model
from tortoise.queryset import QuerySet

Row = TypeVar("Row", bound=Model)


class Lookup(Generic[Row]):
    """The rows a query of one parameter finds, as models, e.g. `Lookup(lambda id: User.filter(id=id))`."""

    def __init__(self, query: Callable[[Any], QuerySet[Row]]) -> None:
        self._query = query
        self._sql: dict[str, tuple[type[Row], str]] = {}

    async def all(self, value: Any) -> list[Row]:
        connection = connections.get("default")
        dialect = connection.capabilities.dialect
        if dialect not in self._sql:
            query = self._query(value)
            self._sql[dialect] = query.model, query.sql()
        model, sql = self._sql[dialect]
        _, rows = await connection.execute_query(sql, [value])
        # How Tortoise's own executor turns a row into a model, each field converted its way.
        return [model._init_from_db(**dict(row)) for row in rows]

    async def first(self, value: Any) -> Row | None:
        found = await self.all(value)
        return found[0] if found else None
