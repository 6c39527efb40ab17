"""Offset pagination for list endpoints."""

from shop.api.schemas.base import PageMeta

MAX_PAGE_SIZE = 100


def page_bounds(page: int, size: int) -> tuple[int, int]:
    """The slice ``[start, end)`` of page ``page`` (1-based) with ``size`` items per page."""
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        raise ValueError(f"bad page {page} of size {size}")
    start = (page - 1) * size
    return start, start + size


def paginate(items, page: int, size: int):
    start, end = page_bounds(page, size)
    return list(items[start:end]), PageMeta(page=page, size=size, total_items=len(items))
