"""The HTML of a chart's output, written by the notebooks' renderer (charts.py, in the kernel) and
read by the page exporter (render.py, which should not import Altair to know it): the chart's
static SVG in its view, where the page draws the interactive chart, then its spec."""

import re

CHART_VIEW = '<div class="fazhi-chart-view">'
CHART_SPEC = '<script type="application/json" class="fazhi-spec">'
STATIC_VIEW = re.compile(f"(?<={re.escape(CHART_VIEW)}).*?(?={re.escape('</div>' + CHART_SPEC)})", re.DOTALL)
