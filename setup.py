"""Builds the compiled ladders into the wheel; everything else about the package is in pyproject.toml.

The ladder data is YAML under ladders/; an installed titlemap reads its compiled JSON form
(titlemap/bundle/, see titlemap.compiled), which is generated here, when the wheel is built, so
that it is never committed and never stale.
"""

import os
import sys

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithBundle(build_py):
    """build_py, then the compiled ladders written into the build's titlemap/bundle/."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads ladders/ and compiles it on first use
            return
        sys.path.insert(0, os.path.abspath(self.build_lib))  # the package as built, its ladders/ included
        try:
            from titlemap.compiled import BUNDLE_DIR, compile_bundled, write_bundle
        finally:
            sys.path.pop(0)
        write_bundle(os.path.join(self.build_lib, "titlemap", BUNDLE_DIR), compile_bundled())


setup(cmdclass={"build_py": BuildPyWithBundle})
