"""buttress: the structure of a Python codebase, explicit and enforceable.

buttress is one static binary (written in Go) that reads a codebase without importing it.
The wheel installs that binary as the script ``buttress``; this package only finds it, so
that ``python -m buttress`` runs it too.
"""

import os
import sys
import sysconfig

__all__ = ["find_buttress_bin"]


def find_buttress_bin() -> str:
    """Return the path of the buttress binary this wheel installed.

    Looked for, in order: the scripts directory of this interpreter's installation (a venv,
    uvx, a system install), the user scheme's (``pip install --user``), and the ``bin`` (or
    ``Scripts``) directory beside the package (``pip install --target DIR``).
    """
    exe = "buttress" + (sysconfig.get_config_var("EXE") or "")
    candidates = [os.path.join(sysconfig.get_path("scripts"), exe)]
    if sys.version_info >= (3, 10):
        user_scheme = sysconfig.get_preferred_scheme("user")
    elif os.name == "nt":
        user_scheme = "nt_user"
    elif sys.platform == "darwin" and getattr(sys, "_framework", None):
        user_scheme = "osx_framework_user"
    else:
        user_scheme = "posix_user"
    try:
        candidates.append(os.path.join(sysconfig.get_path("scripts", scheme=user_scheme), exe))
    except KeyError:
        pass
    target = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates.append(os.path.join(target, "Scripts" if os.name == "nt" else "bin", exe))
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "buttress: the buttress binary is not where the wheel installs it; looked at "
        + ", ".join(candidates)
        + ". Reinstall buttress (pip install --force-reinstall buttress)."
    )
