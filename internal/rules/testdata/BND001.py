# BND001: public functions of a boundary module whose parameters say nothing of what they hold.
import typing
from collections.abc import Mapping
from typing import Any, Dict, Optional, Union

from pydantic import BaseModel


class OrderIn(BaseModel):
    sku: str
    quantity: int


# Findings.


def create_order(payload: dict, user_id):
    ...


def update_order(order_id: int, changes: Dict[str, Any]) -> None:
    ...


async def webhook(event: typing.Any) -> None:
    ...


def search(filters: Optional[Mapping[str, Any]] = None) -> list:
    ...


def bulk(items: "dict[str, Any]", mode: Union[int, dict]) -> None:
    ...


def meta(extra: dict[str, object] | None = None) -> None:
    ...


class OrderView:
    def __init__(self, config):
        self.config = config

    def post(self, request, order_id: int):
        ...

    @classmethod
    def from_settings(cls, settings: Mapping) -> "OrderView":
        ...

    @staticmethod
    def parse(raw) -> OrderIn:
        ...


# Silent twins.


def create_order_typed(payload: OrderIn, user_id: int) -> None:
    ...


def headers(values: dict[str, str]) -> None:  # a dict that says what it holds
    ...


def forward(*args, **kwargs):  # forwarding, not input
    ...


def _helper(payload):  # private
    ...


def outer(x: int) -> None:
    def inner(payload):  # nested: no part of the interface
        ...


class _Private:
    def post(self, request):
        ...


class Typed:
    def post(self, request: OrderIn) -> None:
        ...

    @property
    def value(self) -> int:
        return 1

    @value.setter
    def value(self, new):
        ...

    def __eq__(self, other):
        return True

    @typing.overload
    def get(self, key: int) -> int: ...


class Any:  # the project's own class named Any is not typing.Any
    pass
