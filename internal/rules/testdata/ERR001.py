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
try:
    pass
except:  # a catch-all boundary that reports what it caught: not reported
    traceback.print_exc()
try:
    pass
except:
    logger.error("worker crashed", exc_info=True)
try:
    pass
except:  # reported: nothing left of the exception
    return None
