# A module that has not adopted annotations: only the functions annotated in part are
# reported; the unannotated ones are not (a typed module, or require = "all", reports them).
def no_return(a: int):
    return a
def with_return(a: int) -> int:
    return a
def untyped(a, b):
    return a
class C:
    def __init__(self, x: int): ...
    def __init_subclass__(cls, flag: bool = False):
        pass
    def method(self):
        pass
    def other(self, a, b, c):
        pass
async def fetch(url: str):
    pass
def outer(a, b, c):
    def inner(d: int):
        pass
    for i in a:
        def in_loop(e: int):
            pass
    with b:
        def in_with(f, g):
            pass
def more(a, b, c, d, e, f): ...
def still_more(a, b, c, d, e, f): ...
