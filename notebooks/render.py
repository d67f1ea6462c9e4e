"""Render the notebooks in notebooks/ to self-contained HTML, executed by a real Jupyter kernel.

Notebooks are jupytext percent scripts with a cell tagged "parameters"; like papermill, the
renderer adds a cell after it that sets the run's values (the warehouse, the chart folder, and
any of PROVINCE, REGIONS, INDICATORS…). The HTML uses the fazhi_offline template: no CDN, Vega
inlined once per page, every chart interactive offline. Jupyter's libraries take two seconds to
import, so they are imported when a notebook is rendered, not when the pipeline starts or finds
its reports up to date.
"""

import contextlib
import datetime as dt
import hashlib
import json
import os
import queue
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs
import vl_convert

from notebooks.chart_markup import STATIC_VIEW
from warehouse.queries import row_counts, run_query

if TYPE_CHECKING:
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbconvert import HTMLExporter

NOTEBOOKS = Path(__file__).resolve().parent
TEMPLATES = NOTEBOOKS / "templates"
# A notebook is a jupytext percent script, which opens with this header; the helpers beside it do not.
JUPYTEXT_HEADER = "# ---\n# jupyter:"
KERNEL_TIMEOUT = 600
RENDERED_FROM = ".rendered-from"
# A kernel's start and its imports (Altair, Polars, DuckDB, vl-convert's first chart) cost more than
# most notebooks' cells: so the notebooks share kernels, a kernel per core, each taking the next
# notebook not yet taken when it finishes one. At 1,000 reports on two cores the four pages took
# 11.0-11.7 s in one kernel, 10.1-10.4 s in two dealt two notebooks each (the longest with the
# shortest), 7.7-7.9 s in two taking the next (12.1 s in one and 15.4 s in two while each chart's
# PNG was drawn from its spec, which kept vl-convert busy on both cores).
KERNELS = os.cpu_count() or 1
# Between two notebooks in one kernel every name the first defined is deleted (imported modules
# stay loaded, which is the point), so no page can lean on another's variables.
RESET = "%reset -f"
# Where a chart's static SVG waits while nbconvert reparses the page (set_aside_static_charts):
# a comment no report text can make, since every "<" of it is escaped in a page.
SET_ASIDE = re.compile(r"<!--fazhi-static-chart-(\d+)-->")
T = TypeVar("T")


def vega_bundle(folder: Path | None = None) -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert), safe to inline in HTML. Building
    it takes vl-convert 1.5 s (2 s beside the kernels on two cores), so it is kept, one file per
    vl-convert version, in the user's cache (XDG_CACHE_HOME on Linux, read at each call): every
    home and output folder of the machine shares it. Where the cache cannot be written, it is
    built every time."""
    folder = folder or Path(platformdirs.user_cache_dir("fazhi"))
    kept = folder / f"vega-bundle-{version('vl-convert-python')}.js"
    if kept.exists():
        return kept.read_text("utf-8")
    bundle: str = vl_convert.javascript_bundle()  # pyright: ignore[reportCallIssue] (snippet defaults to None)
    bundle = bundle.replace("</script", "<\\/script")
    written = kept.with_name(f"{kept.name}.{os.getpid()}.partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written.write_text(bundle, encoding="utf-8")
        written.replace(kept)
    except OSError:
        with contextlib.suppress(OSError):
            written.unlink(missing_ok=True)
    return bundle


def notebook_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.py") if p.read_text("utf-8").startswith(JUPYTEXT_HEADER))


def page_helpers() -> list[Path]:
    """The files besides a notebook and the warehouse that its page is made from: the chart and
    table helpers, the labels, the template."""
    notebooks = set(notebook_paths())
    files = (p for p in NOTEBOOKS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(p for p in files if not p.name.startswith(".") and p not in notebooks)


def inject_parameters(notebook: "nbformat.NotebookNode", parameters: dict[str, Any]) -> None:
    """Add a cell after the one tagged "parameters" that assigns the given values."""
    import nbformat  # noqa: PLC0415 (see the module docstring)

    position = next(
        (
            i
            for i, cell in enumerate(notebook.cells)
            if "parameters" in cell.get("metadata", {}).get("tags", [])
        ),
        -1,
    )
    source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(position + 1, cell)


def execute_notebooks(
    paths: list[Path], parameters: dict[str, Any], then: Callable[["nbformat.NotebookNode"], T]
) -> list[T]:
    """Each notebook executed, in up to KERNELS kernels at once, and `then` applied to it as soon
    as it has run, in a thread of its own: a kernel goes on to its next notebook meanwhile (making
    a page takes this process 0.1-0.3 s, the first one 0.8 s as it imports nbconvert's parts and
    compiles the template; in the kernel's thread it held the kernel idle)."""
    pending: queue.SimpleQueue[Path] = queue.SimpleQueue()
    for path in paths:
        pending.put(path)
    executed: queue.SimpleQueue[tuple[Path, nbformat.NotebookNode] | None] = queue.SimpleQueue()
    kernels = max(1, min(KERNELS, len(paths)))

    def one_kernel() -> None:
        try:
            execute_in_one_kernel(taken_from(pending), parameters, lambda *pair: executed.put(pair))
        finally:
            executed.put(None)  # this kernel is done, whether or not its notebooks ran

    with ThreadPoolExecutor(max_workers=kernels + 1) as pool:
        applied = pool.submit(apply_as_executed, executed, kernels, then)
        runs = [pool.submit(one_kernel) for _ in range(kernels)]
        for run in runs:
            run.result()
        done = applied.result()
    return [done[path] for path in paths]


def apply_as_executed(
    executed: "queue.SimpleQueue[tuple[Path, nbformat.NotebookNode] | None]",
    kernels: int,
    then: Callable[["nbformat.NotebookNode"], T],
) -> dict[Path, T]:
    """`then` of each executed notebook, in the order they finish, until every kernel is done."""
    done: dict[Path, T] = {}
    finished = 0
    while finished < kernels:
        item = executed.get()
        if item is None:
            finished += 1
        else:
            path, notebook = item
            done[path] = then(notebook)
    return done


def taken_from(pending: "queue.SimpleQueue[Path]") -> Iterator[Path]:
    """The notebooks a kernel runs: the next one no other kernel has taken, until none is left."""
    while True:
        try:
            yield pending.get_nowait()
        except queue.Empty:
            return


def execute_in_one_kernel(
    paths: Iterable[Path],
    parameters: dict[str, Any],
    executed: Callable[[Path, "nbformat.NotebookNode"], object],
) -> None:
    """Each notebook run in one kernel, handed to `executed` as soon as it has run."""
    from jupyter_client.manager import KernelManager  # noqa: PLC0415 (see the module docstring)

    kernel = KernelManager(kernel_name="python3")
    kernel.start_kernel(cwd=str(NOTEBOOKS))
    try:
        for path in paths:
            executed(path, execute_notebook(path, parameters, kernel))
    finally:
        kernel.shutdown_kernel(now=True)


def execute_notebook(
    path: Path, parameters: dict[str, Any], kernel: "KernelManager"
) -> "nbformat.NotebookNode":
    """Run a notebook's cells in a running kernel, then clear the names it defined."""
    import jupytext  # noqa: PLC0415 (see the module docstring)
    from jupyter_client.blocking.client import BlockingKernelClient  # noqa: PLC0415
    from nbclient import NotebookClient  # noqa: PLC0415

    notebook = jupytext.read(path)
    inject_parameters(notebook, parameters)
    client = NotebookClient(
        notebook,
        km=kernel,
        timeout=KERNEL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    channel = client.kc  # left open by nbclient, the kernel being ours; closed here
    assert isinstance(channel, BlockingKernelClient)  # a blocking manager's client
    try:
        reply = channel.execute_interactive(RESET, store_history=False, timeout=KERNEL_TIMEOUT)
    finally:
        channel.stop_channels()
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{path.name}: the kernel's names could not be cleared after it ran")
    return notebook


def exporter() -> "HTMLExporter":
    from nbconvert import HTMLExporter  # noqa: PLC0415 (see the module docstring)

    html = HTMLExporter(
        template_name="fazhi_offline", extra_template_basedirs=[str(TEMPLATES)], exclude_input=True
    )
    html.exclude_input_prompt = True
    html.exclude_output_prompt = True
    return html


def set_aside_static_charts(notebook: "nbformat.NotebookNode") -> list[str]:
    """Each chart output's static SVG replaced by a marker (SET_ASIDE), the SVGs returned in the
    markers' order. nbconvert's exporter parses the whole page again with BeautifulSoup's
    pure-Python parser to give images an alt text and outputs a tab stop; a chart's SVG is
    hundreds of elements it does not change, so the SVGs wait outside and go back in as
    vl-convert drew them (at 1,000 reports the trends page's export took 0.82 s, now 0.22-0.42
    s; the four pages 1.84 s, now 1.0 s)."""
    static: list[str] = []

    def marker(match: re.Match[str]) -> str:
        static.append(match.group(0))
        return f"<!--fazhi-static-chart-{len(static) - 1}-->"

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if isinstance(data.get("text/html"), str):
                data["text/html"] = STATIC_VIEW.sub(marker, data["text/html"])
    return static


def rendered_from(warehouse: Path, parameters: dict[str, Any], notebooks: list[Path]) -> str:
    """What the HTML shows: the notebooks and what renders them, the warehouse's row counts and
    last load, and the parameters. A rerun that changes none of these need not run a notebook again."""
    state = [
        [(path.name, hashlib.sha256(path.read_bytes()).hexdigest()) for path in notebooks],
        [(str(p.relative_to(NOTEBOOKS)), hashlib.sha256(p.read_bytes()).hexdigest()) for p in page_helpers()],
        row_counts(warehouse),
        run_query(warehouse, "last_load").rows(),
        sorted(parameters.items(), key=str),
    ]
    return json.dumps(state, default=str)


def page_header(warehouse: Path, parameters: dict[str, Any]) -> dict[str, Any]:
    """The header every page carries: when, from which warehouse (its name, never a local path),
    how many reports and figures, with which parameters and which fazhi and rules versions."""
    counts = row_counts(warehouse)
    shown = {k: v for k, v in parameters.items() if k not in ("WAREHOUSE", "CHART_DIR")}
    rules = run_query(warehouse, "rules_versions").to_series().to_list()
    return {
        "date": dt.date.today().isoformat(),
        "warehouse": warehouse.name,
        "reports": counts["dim_document"],
        "facts": counts["fact_indicator"],
        "parameters": ", ".join(f"{k} = {v!r}" for k, v in sorted(shown.items())) or "默认 (default)",
        "version": f"fazhi {version('fazhi')}, rules {', '.join(rules) or '—'}",
    }


def render_reports(
    warehouse: Path, out_dir: Path, parameters: dict[str, Any] | None = None, names: list[str] | None = None
) -> list[Path]:
    """Execute the notebooks (all, or those named) against the warehouse; one HTML file each,
    charts as PNG/SVG. Nothing is re-rendered when the notebooks, the warehouse and the
    parameters are those of the last rendering."""
    out_dir.mkdir(parents=True, exist_ok=True)
    notebooks = selected_notebooks(names)
    values = {"WAREHOUSE": str(warehouse), "CHART_DIR": str(out_dir / "charts"), **(parameters or {})}
    marker = out_dir / (RENDERED_FROM + ("-" + "-".join(sorted(names)) if names else ""))
    source = rendered_from(warehouse, values, notebooks)
    expected = [out_dir / f"{path.stem}.html" for path in notebooks]
    if marker.exists() and marker.read_text() == source and all(p.exists() for p in expected):
        return expected
    bundle, header = vega_bundle(), page_header(warehouse, values)

    html = cache(exporter)  # made by the first page, in the one thread that makes the pages

    def page(notebook: "nbformat.NotebookNode") -> str:
        resources = {"vega_bundle": bundle, "fazhi_header": header}
        static = set_aside_static_charts(notebook)
        body, _ = html().from_notebook_node(notebook, resources=resources)
        return SET_ASIDE.sub(lambda marker: static[int(marker.group(1))], body)

    pages = execute_notebooks(notebooks, values, page)
    for body, target in zip(pages, expected, strict=True):  # written once every page is made
        target.write_text(body, encoding="utf-8")
    marker.write_text(source)
    return expected


def selected_notebooks(names: list[str] | None) -> list[Path]:
    available = {path.stem: path for path in notebook_paths()}
    unknown = sorted(set(names or []) - set(available))
    if unknown:
        raise ValueError(f"no notebook {', '.join(unknown)}; there are {', '.join(sorted(available))}")
    return [available[name] for name in names] if names else list(available.values())


def parameters_from(pairs: list[str]) -> dict[str, Any]:
    """-p province=河南省 -p top=5 → {"PROVINCE": "河南省", "TOP": 5}: names as the notebooks'
    parameter cells spell them, values read as JSON where they are JSON (numbers, lists, null)."""
    parameters = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"a parameter is KEY=VALUE, got {pair!r}")
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = text
        parameters[name.strip().upper()] = value
    return parameters
