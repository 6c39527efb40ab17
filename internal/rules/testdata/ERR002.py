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
try:
    pass
except Exception:  # a new exception without its cause: reported
    raise RuntimeError("failed")
try:
    pass
except Exception as err:  # the cause kept: not reported
    raise RuntimeError("failed") from err
try:
    pass
except Exception as err:  # the cause dropped on purpose: reported, as Ruff's BLE001
    raise RuntimeError("failed") from None
try:
    pass
except Exception as err:  # re-raised by name
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
try:
    pass
except Exception as err:  # handed on
    errors.append(err)
try:
    pass
except Exception as err:  # logged with its message
    log.warning(f"skipping plugin: {err}")
try:
    pass
except Exception:  # logged without the traceback: still a trace
    self.logger.warning("could not connect")
try:
    pass
except Exception:
    warnings.warn("cache disabled")
try:
    pass
except Exception as err:  # bound but unused: reported
    return None
for x in xs:
    try:
        pass
    except Exception:  # reported
        continue
try:
    pass
except builtins.Exception:  # reported
    pass
try:
    pass
except errors.Exception:  # another module's Exception: not broad
    pass
try:
    pass
except Exception:  # a framework's handler reads the exception itself
    exceptions.handle(request, "Unable to retrieve the image.")
try:
    pass
except Exception:
    sentry_sdk.capture_exception()
try:
    pass
except Exception:
    self.report_error("sync")
try:
    pass
except Exception:  # a call that says nothing of errors: reported
    self.reset()
