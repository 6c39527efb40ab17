# BND004: framework types in the signatures of domain modules.
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import sqlalchemy.orm as orm
from django.db.models import QuerySet
from django.http import HttpRequest
from flask import request
from starlette.requests import Request

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# Findings.


def overdue(invoices: QuerySet) -> QuerySet:
    ...


def current_user(request: HttpRequest) -> User:
    ...


async def client_ip(req: Optional[Request]) -> str:
    ...


def save(order: Order, session: "Session") -> None:
    ...


def rows(q: orm.Query[Order]) -> list[Order]:
    ...


def from_flask(r: request) -> None:
    ...


class InvoiceService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def pending(self) -> QuerySet[Invoice]:
        ...


# Silent twins.


def overdue_plain(invoices: list[Invoice]) -> list[Invoice]:
    ...


def untyped(request, session):
    ...


def outer() -> None:
    def inner(q: QuerySet) -> None:  # nested: not part of any interface
        ...


def named_like(session: MySession, request: "MyRequest") -> None:
    ...
