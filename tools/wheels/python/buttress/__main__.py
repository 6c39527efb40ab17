"""``python -m buttress ARGS...`` runs the buttress binary with ARGS, and exits as it does."""

import os
import sys

from buttress import find_buttress_bin


def main() -> None:
    exe = os.fsdecode(find_buttress_bin())
    args = [exe, *sys.argv[1:]]
    if sys.platform == "win32":
        # Windows has no exec: run the binary as a child and exit with its code. Ctrl-C reaches
        # the child through the console; this process only waits for it.
        import signal
        import subprocess

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.exit(subprocess.run(args).returncode)
    os.execv(exe, args)


if __name__ == "__main__":
    main()
