"""Render the notebooks in notebooks/ to HTML against a warehouse, with a real Jupyter kernel.

Notebooks are jupytext percent scripts; the warehouse path reaches them through the environment
variable FAZHI_WAREHOUSE, which the notebooks read in their first cell. Charts use Altair's SVG
renderer, which needs no JavaScript from a CDN.
"""

import os
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
KERNEL_TIMEOUT = 300


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.py"))


def execute_notebook(path: Path, warehouse: Path) -> nbformat.NotebookNode:
    notebook = jupytext.read(path)
    previous = os.environ.get("FAZHI_WAREHOUSE")
    os.environ["FAZHI_WAREHOUSE"] = str(warehouse)
    try:
        NotebookClient(
            notebook,
            timeout=KERNEL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        ).execute()
    finally:
        if previous is None:
            os.environ.pop("FAZHI_WAREHOUSE", None)
        else:
            os.environ["FAZHI_WAREHOUSE"] = previous
    return notebook


def render_reports(warehouse: Path, out_dir: Path) -> list[Path]:
    """Execute every notebook and write one HTML file per notebook; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab", exclude_input=True)
    written = []
    for path in notebook_paths():
        html, _ = exporter.from_notebook_node(execute_notebook(path, warehouse))
        target = out_dir / f"{path.stem}.html"
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written
