"""The type checker runs clean (pyproject's [tool.pyright]): `make lint` runs it too, this test
keeps CI from landing a change it would refuse."""

import tomllib

import pytest

from tests.processes import ROOT, run_tool

pytestmark = pytest.mark.slow


def test_pyright_finds_no_error():
    check = run_tool("pyright", "--outputjson", env={"PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"})
    assert '"errorCount": 0' in check.stdout, check.stdout[-5000:] + check.stderr[-2000:]
    assert check.returncode == 0


def test_logic_layers_are_checked_in_strict_mode():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pyright"]
    assert {"transforms", "warehouse"} <= set(config["strict"])
    assert (ROOT / config["stubPath"] / "cn2an" / "__init__.pyi").is_file()
