"""The pipeline's one resource: where its input is and where the warehouse and reports go."""

from pathlib import Path

import dagster as dg

from orchestration.settings import Settings
from transforms.samples import SAMPLE_REPORTS


class FazhiPaths(dg.ConfigurableResource):
    """Input folder (empty: the bundled sample reports), warehouse file and HTML report folder."""

    input_dir: str = ""
    warehouse_path: str = ""
    reports_dir: str = ""

    def input_folder(self) -> Path:
        return Path(self.input_dir) if self.input_dir else SAMPLE_REPORTS

    def warehouse(self) -> Path:
        return Path(self.warehouse_path) if self.warehouse_path else Settings.from_env().warehouse

    def reports(self) -> Path:
        return Path(self.reports_dir) if self.reports_dir else Settings.from_env().reports
