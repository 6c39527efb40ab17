# BND002: broad handlers in a boundary module that neither log nor re-raise.
import sys
import logging
import traceback
from traceback import format_exc

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
            continue


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


def explained(queue):
    for message in queue:
        try:
            handle_message(message)
        except Exception:
            continue  # a poison message must not stop the consumer; the broker dead-letters it


def raises_new(raw):
    try:
        return decode(raw)
    except Exception:
        raise ValidationError("not base64")


def handed_on(request):
    try:
        return get_response(request)
    except Exception as exc:
        return response_for_exception(request, exc)


def shown(code):
    try:
        exec(code)
    except Exception:
        self_showtraceback()


def rpc_call(func, args):
    try:
        return ("#RETURN", func(*args))
    except Exception as exc:
        return ("#ERROR", exc)  # the caller raises it again


def rpc_call_traceback(func, args):
    try:
        return ("#RETURN", func(*args))
    except Exception:
        return ("#TRACEBACK", format_exc())


def text_only(request):
    try:
        return ok(place(request))
    except Exception as err:
        return JsonResponse({"detail": f"failed: {err}", "why": "%s" % err}, status=500)


class Connection:
    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def parse_mode(arg):
    try:
        name, mode = arg.split()
    except Exception:
        name = arg
    return name


def switch(arg):
    try:
        apply(arg)
    except Exception:
        arg_err(arg)


def make(arg):
    try:
        apply(arg)
    except Exception as e:
        uni_print("failed: %s" % e, sys.stderr)
