"""The type checker runs clean (pyproject's [tool.pyright]): `make lint` runs it too, this test
keeps CI from landing a change it would refuse."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def test_pyright_finds_no_error():
    env = {**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}
    check = subprocess.run(
        [str(Path(sys.executable).with_name("pyright")), "--outputjson"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert '"errorCount": 0' in check.stdout, check.stdout[-5000:] + check.stderr[-2000:]
    assert check.returncode == 0
