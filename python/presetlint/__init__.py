"""presetlint: the binary, installed by the wheel. `find_presetlint_bin()` says where."""

import os
import sys
import sysconfig


def find_presetlint_bin() -> str:
    """The presetlint executable the wheel installed: in this environment's scripts folder,
    or in the user's (``pip install --user``)."""
    exe = "presetlint.exe" if sys.platform == "win32" else "presetlint"
    folders = [sysconfig.get_path("scripts")]
    if hasattr(sysconfig, "get_preferred_scheme"):
        folders.append(sysconfig.get_path("scripts", scheme=sysconfig.get_preferred_scheme("user")))
    for folder in folders:
        path = os.path.join(folder, exe)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"presetlint is not installed in {folders[0]}")
