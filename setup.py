"""Ship the theme (theme/) and the sample site (content/) inside the wheel.

They live at the top of the repository because that is where staff and the
card expect them; a regular install copies them to pufa/_data/.  An editable
install finds them in the checkout instead (see pufa.resources).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "pufa" / "_data"
        for name in ("theme", "content"):
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(ROOT / name, dest)


setup(cmdclass={"build_py": BuildWithData})
