try:
    pass
except ValueError:
    raise ConfigError("bad")
try:
    pass
except ValueError as err:
    raise ConfigError("bad") from err
try:
    pass
except ValueError as err:
    raise err
try:
    pass
except ValueError:
    raise
try:
    pass
except ValueError:
    raise ConfigError("bad") from None
try:
    pass
except ValueError:
    def later():
        raise RuntimeError("not while handling")
    if retry:
        raise Retry()
def tokens(self):
    try:
        return self.items[self.pos]
    except IndexError:
        raise StopIteration  # the end of the iteration: not reported
