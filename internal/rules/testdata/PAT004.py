from os.path import *
from . import *
from .. sibling import *
from os.path import join
from ._impl import *  # a private module: its implementation passed on, not reported
try:
    from _speedups import *  # an accelerator: not reported
except ImportError:
    pass
try:
    from fast_json import *  # may be missing: not reported
except (ImportError, AttributeError):
    pass
if True:
    from helpers import *


def uses_them():
    return join("a", "b")
