# BND002: broad handlers in a boundary module that neither log nor re-raise.
import logging
import traceback

logger = logging.getLogger(__name__)


# Findings.


def create_order(request):
    try:
        return ok(place(request))
    except Exception as err:
        return JsonResponse({"detail": str(err)}, status=500)


def ping():
    try:
        return check()
    except:
        return False


def consume(queue):
    for message in queue:
        try:
            handle_message(message)
        except (ValueError, BaseException):
            continue  # skipped on purpose: a comment does not excuse it here


async def stream(request):
    try:
        await send(request)
    except Exception:
        pass


# Silent twins.


def logged(request):
    try:
        return ok(place(request))
    except Exception:
        logger.exception("placing the order failed")
        return JsonResponse({}, status=500)


def reraised(request):
    try:
        return ok(place(request))
    except Exception as err:
        raise OrderFailed() from err


def bare_reraise(request):
    try:
        return ok(place(request))
    except BaseException:
        cleanup()
        raise


def printed(request):
    try:
        return ok(place(request))
    except Exception:
        traceback.print_exc()
        return JsonResponse({}, status=500)


def reported(request):
    try:
        return ok(place(request))
    except Exception as err:
        self_report_error(err)
        return JsonResponse({}, status=500)


def specific(request):
    try:
        return ok(place(request))
    except KeyError:
        return error(400)


class Connection:
    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
