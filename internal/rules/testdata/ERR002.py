import logging
logger = logging.getLogger(__name__)
try:
    pass
except Exception:
    x = 1
try:
    pass
except Exception as e:
    logger.error("failed: %s", e)
try:
    pass
except Exception:
    logger.exception("failed")
try:
    pass
except BaseException:
    logger.error("failed", exc_info=True)
try:
    pass
except (ValueError, Exception):
    raise
try:
    pass
except Exception:
    logging.warning("failed", exc_info=False)
try:
    pass
except Exception:
    def later():
        raise RuntimeError()
try:
    pass
except ValueError:
    x = 2
try:  # a new exception without its cause: reported
    pass
except Exception:
    raise RuntimeError("failed")
try:  # the cause kept: not reported
    pass
except Exception as err:
    raise RuntimeError("failed") from err
try:  # the cause dropped on purpose: reported, as Ruff's BLE001
    pass
except Exception as err:
    raise RuntimeError("failed") from None
try:  # re-raised by name
    pass
except Exception as err:
    raise err
try:
    pass
except Exception:
    traceback.print_exc()
try:
    pass
except Exception:
    message = traceback.format_exc()
    notify(message)
try:  # handed on
    pass
except Exception as err:
    errors.append(err)
try:  # logged with its message
    pass
except Exception as err:
    log.warning(f"skipping plugin: {err}")
try:  # logged without the traceback: still a trace
    pass
except Exception:
    self.logger.warning("could not connect")
try:
    pass
except Exception:
    warnings.warn("cache disabled")
try:  # bound but unused: reported
    pass
except Exception as err:
    return None
for x in xs:
    try:  # reported
        pass
    except Exception:
        continue
try:  # reported
    pass
except builtins.Exception:
    pass
try:  # another module's Exception: not broad
    pass
except errors.Exception:
    pass
try:  # a framework's handler reads the exception itself
    pass
except Exception:
    exceptions.handle(request, "Unable to retrieve the image.")
try:
    pass
except Exception:
    sentry_sdk.capture_exception()
try:
    pass
except Exception:
    self.report_error("sync")
try:  # a call that says nothing of errors: reported
    pass
except Exception:
    self.reset()
try:
    pass
except Exception:  # plugins may raise anything; a broken one must not stop the others
    pass
try:
    pass
except Exception:
    # the probe is best effort: a missing tool is not an error
    return False
try:
    pass
except Exception:  # pragma: no cover
    pass
class Handle:
    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
try:
    message = str(exception)
    # the exception may not convert to str
except Exception:
    message = None
try:
    dvr = trait.default_value_repr()
except Exception:
    dvr = None  # ignore defaults we cannot build
try:  # a comment before the try block explains nothing of the handler: reported
    pass
except Exception:
    dvr = None
