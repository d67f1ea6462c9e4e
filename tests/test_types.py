"""The type checker runs clean (pyproject's [tool.pyright]): `make lint` runs it too, this test
keeps CI from landing a change it would refuse."""

import pytest

from tests.processes import run_tool

pytestmark = pytest.mark.slow


def test_pyright_finds_no_error():
    check = run_tool("pyright", "--outputjson", env={"PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"})
    assert '"errorCount": 0' in check.stdout, check.stdout[-5000:] + check.stderr[-2000:]
    assert check.returncode == 0
