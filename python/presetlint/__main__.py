"""`python -m presetlint ARGS`: runs the binary the wheel installed, with the same arguments
and exit code."""

import os
import subprocess
import sys

from presetlint import find_presetlint_bin


def main() -> int:
    binary = find_presetlint_bin()
    if sys.platform == "win32":
        return subprocess.run([binary, *sys.argv[1:]]).returncode
    os.execvp(binary, [binary, *sys.argv[1:]])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
