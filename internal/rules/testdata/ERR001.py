try:
    pass
except:
    pass
try:
    pass
except Exception:
    raise
def f():
    try:
        return 1
    except:  # nested in a function too
        raise
try:
    pass
except:  # cleans up and re-raises: not reported
    rollback()
    raise
try:
    pass
except:  # a new exception instead: still reported
    raise RuntimeError("failed")
try:
    pass
except:  # the raise is in a function that runs later: still reported
    def later():
        raise
