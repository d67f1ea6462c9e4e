"""The rendered notebooks: executed by a kernel, self-contained, interactive offline, and inert
whatever text the reports contain. Opened in headless Chromium with the network off."""

import re
from pathlib import Path

import pytest
from nbclient.exceptions import CellExecutionError
from playwright.sync_api import sync_playwright

from notebooks.render import execute_in_one_kernel, execute_notebooks, notebook_paths, render_reports
from tests.conftest import sample_load
from tests.processes import CHROMIUM, CHROMIUM_ARGS
from warehouse import queries
from warehouse.build import build_warehouse

pytestmark = pytest.mark.slow
INJECTED = "<script>window.fazhiInjected = true; alert('injected')</script>"
EXTERNAL_REFERENCE = re.compile(
    r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, sample_paths) -> Path:
    root = tmp_path_factory.mktemp("reports")
    hostile = root / "hostile.txt"
    text = (
        sample_paths[0]
        .read_text(encoding="utf-8")
        .replace("全年受理复议案件232起", f"全年{INJECTED}受理复议案件232起")
    )
    hostile.write_text(text, encoding="utf-8")
    warehouse = root / "warehouse.duckdb"
    build_warehouse(warehouse, sample_load([*sample_paths[1:], hostile]))
    render_reports(warehouse, root / "html", {"PROVINCE": None, "INDICATORS": None})
    return root / "html"


def test_every_notebook_is_rendered_with_its_charts_as_files(rendered):
    assert sorted(p.stem for p in rendered.glob("*.html")) == sorted(p.stem for p in notebook_paths())
    pngs = list((rendered / "charts").glob("*.png"))
    assert len(pngs) >= 5
    assert all(p.stat().st_size > 5000 for p in pngs)


def test_no_external_script_or_style_reference(rendered):
    for page in rendered.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not EXTERNAL_REFERENCE.search(html), page.name
        assert html.count("window.vegaEmbed=") == 1, page.name


def test_each_chart_keeps_its_static_image_for_a_browser_without_scripts(rendered):
    """The SVGs are set aside while nbconvert reparses a page, and put back as drawn; outputs keep
    the tab stops nbconvert gives them."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True, java_script_enabled=False)
        try:
            for page_file in sorted(rendered.glob("*.html")):
                html = page_file.read_text(encoding="utf-8")
                assert "fazhi-static-chart" not in html, page_file.name
                page = context.new_page()
                page.goto(page_file.as_uri())
                views = page.locator("div.fazhi-chart-view")
                assert views.count() >= 1, page_file.name
                assert page.locator("div.fazhi-chart-view > svg").count() == views.count(), page_file.name
                assert page.locator("div.jp-OutputArea-output[tabindex='0']").count() >= views.count()
                page.close()
        finally:
            browser.close()


def test_report_text_is_escaped(rendered):
    for page in rendered.glob("*.html"):
        assert INJECTED not in page.read_text(encoding="utf-8"), page.name


def test_every_chart_renders_offline_without_errors(rendered):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True)
        context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
        try:
            for page_file in sorted(rendered.glob("*.html")):
                check_page(context, page_file)
        finally:
            browser.close()


def check_page(context, page_file: Path) -> None:
    page = context.new_page()
    errors, dialogs = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    charts = page.locator("div.fazhi-chart")
    count = charts.count()
    drawn = "document.querySelectorAll('div.fazhi-chart-view > div.vega-embed svg').length"
    page.wait_for_function(f"{drawn} >= {count}", timeout=30_000)
    assert count >= 1, page_file.name
    assert errors == [], (page_file.name, errors)
    assert dialogs == [], page_file.name
    assert page.evaluate("window.fazhiInjected === undefined"), page_file.name
    page.close()


def test_the_trends_page_drawing_medians_reads_only_the_figures_its_table_shows(rendered, tmp_path):
    """With more regions than MAX_REGIONS the charts draw DuckDB's medians: the page reads the
    first SHOWN_FIGURES figures for its table, which still says how many there are."""
    warehouse = rendered.parent / "warehouse.duckdb"
    total, regions = queries.query(
        warehouse, "SELECT count(*) AS n, count(DISTINCT region) AS r FROM v_indicator"
    ).row(0)
    assert regions > 1
    assert total > 10
    (page,) = render_reports(
        warehouse, tmp_path, {"MAX_REGIONS": 1, "SHOWN_FIGURES": 10}, ["indicator_trends"]
    )
    html = page.read_text(encoding="utf-8")
    shown, more, _ = html.partition(f"<p>前 10 行，共 {total} 行</p>")
    assert more
    table = shown.rsplit("<table", 1)[1]
    assert table.count("<tr>") == 1 + 10


def test_fazhi_report_with_a_parameter_says_so_in_the_header(rendered, tmp_path):
    from orchestration.cli import main

    warehouse = rendered.parent / "warehouse.duckdb"
    out = tmp_path / "henan"
    assert (
        main(
            [
                "report",
                "--warehouse",
                str(warehouse),
                "--notebook",
                "indicator_trends",
                "-p",
                "province=河南省",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    page = (out / "indicator_trends.html").read_text(encoding="utf-8")
    assert "PROVINCE = '河南省'" in page
    assert "数据仓库 warehouse.duckdb" in page
    assert str(rendered.parent) not in page  # no local path in the page
    assert not (out / "overview.html").exists()


def test_the_render_cache_follows_the_notebooks_source(rendered, tmp_path):
    from notebooks.render import notebook_paths, rendered_from

    warehouse = rendered.parent / "warehouse.duckdb"
    notebooks = notebook_paths()
    before = rendered_from(warehouse, {}, notebooks)
    copy = tmp_path / notebooks[0].name
    copy.write_text(
        notebooks[0].read_text(encoding="utf-8") + "\n# %%\nPROVINCE = '湖南省'\n", encoding="utf-8"
    )
    assert rendered_from(warehouse, {}, [copy, *notebooks[1:]]) != before
    assert rendered_from(warehouse, {}, notebooks) == before


def test_notebooks_are_the_jupytext_scripts_and_their_helpers_are_inputs_of_every_page(tmp_path, monkeypatch):
    from notebooks.render import NOTEBOOKS, notebook_paths, page_helpers, vega_bundle

    names = [path.stem for path in notebook_paths()]
    assert names == ["audit", "indicator_trends", "overview", "themes_terms"]
    helpers = {str(path.relative_to(NOTEBOOKS)) for path in page_helpers()}
    assert {"charts.py", "labels.py", "data/labels.toml", "templates/fazhi_offline/index.html.j2"} <= helpers
    assert not helpers & {f"{name}.py" for name in names}
    bundle = vega_bundle(tmp_path)
    assert "</script" not in bundle  # the inlined bundle cannot end its own script tag
    assert "vegaEmbed" in bundle
    kept = next(tmp_path.glob("vega-bundle-*.js"))
    kept.write_text("kept", encoding="utf-8")
    assert vega_bundle(tmp_path) == "kept"  # built once per vl-convert version
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert vega_bundle(tmp_path / "a-file" / "cache") == bundle  # a cache that cannot be written
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    (tmp_path / "user-cache" / "fazhi").mkdir(parents=True)
    kept.rename(tmp_path / "user-cache" / "fazhi" / kept.name)
    assert vega_bundle() == "kept"  # by default, the user's cache of the moment


def test_parameters_are_read_as_the_notebooks_spell_them():
    from notebooks.render import parameters_from

    assert parameters_from(["province=河南省", "top=5", 'indicators=["review_received"]']) == {
        "PROVINCE": "河南省",
        "TOP": 5,
        "INDICATORS": ["review_received"],
    }
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parameters_from(["province"])


def test_notebooks_find_the_warehouse_of_fazhi_home_whatever_the_working_directory(tmp_path, monkeypatch):
    from warehouse.home import default_warehouse

    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert default_warehouse() == (tmp_path / "home" / "warehouse.duckdb").resolve()
    for notebook in notebook_paths():
        source = notebook.read_text(encoding="utf-8")
        assert "WAREHOUSE = None" in source
        assert "default_warehouse()" in source


def test_pages_show_labels_not_stored_codes(rendered):
    """What a reader sees in charts and tables (their labels and cells, not the prose) names
    levels, parts, flags, document types and chapters in Chinese; no page shows a local path."""
    from notebooks.labels import labels

    codes = {code for kind in ("level", "part", "flag", "doc_type", "chapter") for code in labels()[kind]}
    for page_file in sorted(rendered.glob("*.html")):
        html = page_file.read_text(encoding="utf-8")
        labels_and_cells = re.findall(r"<(?:text|td|th)\b[^>]*>([^<]*)<", html)
        assert labels_and_cells, page_file.name
        shown = {word for text in labels_and_cells for word in re.findall(r"[a-z][a-z_]+", text)} & codes
        assert shown == set(), (page_file.name, shown)
        visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
        assert str(rendered.parent) not in visible, page_file.name


def test_every_stored_level_and_document_type_has_a_label():
    from notebooks.labels import labels
    from warehouse.schema import sql_files

    ddl = dict(sql_files("tables"))
    for column, kind, table in (
        ("level", "level", "01_dim_region.sql"),
        ("doc_type", "doc_type", "04_dim_document.sql"),
    ):
        allowed = re.search(rf"{column} VARCHAR NOT NULL CHECK \({column} IN \(([^)]*)\)\)", ddl[table])
        assert allowed is not None
        assert set(re.findall(r"'(\w+)'", allowed.group(1))) == set(labels()[kind])


def test_notebooks_sharing_a_kernel_share_its_imports_but_not_their_names(tmp_path):
    header = notebook_paths()[0].read_text("utf-8").split("\n\n", 1)[0] + "\n\n"  # the kernelspec
    first, second = tmp_path / "first.py", tmp_path / "second.py"
    first.write_text(header + "# %%\nimport colorsys\n\nleft_over = CHART_DIR\n", encoding="utf-8")
    shown = "print(sorted({'left_over', 'colorsys'} & set(dir())), 'colorsys' in sys.modules)"
    second.write_text(
        header + f"# %%\nimport sys\n\n{shown}\n",
        encoding="utf-8",
    )
    executed = {}
    execute_in_one_kernel([first, second], {"CHART_DIR": "charts"}, executed.__setitem__)
    assert executed[second].cells[-1].outputs[0]["text"] == "[] True\n"


def test_a_notebook_or_page_that_fails_fails_the_render(tmp_path):
    """The kernels and the thread that makes the pages all stop: the error reaches the caller."""
    header = notebook_paths()[0].read_text("utf-8").split("\n\n", 1)[0] + "\n\n"
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(header + "# %%\nx = 1\n", encoding="utf-8")
    bad.write_text(header + "# %%\nraise ValueError('a broken page')\n", encoding="utf-8")
    with pytest.raises(CellExecutionError, match="a broken page"):
        execute_notebooks([bad, good, good], {}, lambda notebook: notebook)

    def unwritable(_: object) -> str:
        raise OSError("no space left")

    with pytest.raises(OSError, match="no space left"):
        execute_notebooks([good, good, good], {}, unwritable)
