for item in items:
    try:
        pass
    except ValueError:
        pass
    except KeyError:
        continue
    except OSError:
        ...
    except TypeError:
        "documented as fine"
        pass
    except IndexError:
        log(item)
try:
    pass
except Exception:  # broad: ERR002's
    pass
try:
    pass
except:  # bare: ERR001's
    pass
