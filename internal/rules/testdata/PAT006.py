import enum
import functools
import functools as ft
from functools import lru_cache, cache


class Repo:
    @functools.lru_cache(maxsize=1024)
    def user(self, user_id):
        return user_id

    @lru_cache
    def group(self, group_id):
        return group_id

    @cache
    async def token(self):
        return 1

    @ft.cache
    def plain(self):
        return 2

    @staticmethod
    @lru_cache
    def static(x):  # no instance in the key
        return x

    @classmethod
    @functools.cache
    def klass(cls):  # the class lives as long as its cache
        return cls

    @functools.cached_property
    def per_instance(self):  # stored on the instance
        return 3

    def helper(self):
        @lru_cache
        def inner(x):  # a function, not a method
            return x
        return inner


class Color(enum.Enum):
    RED = 1

    @functools.lru_cache
    def label(self):  # members live forever anyway
        return self.name


@lru_cache
def module_level(x):
    return x


class NotFunctools:
    @some.lru_cache
    def other(self):  # another library's cache
        return 1


class Interned:
    @functools.lru_cache()
    def __new__(cls, root):  # a static method without the decorator: no instance in the key
        return super().__new__(cls)
