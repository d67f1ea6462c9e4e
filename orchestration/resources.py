"""The pipeline's one resource: where its input comes from and where everything goes."""

from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.settings import Settings
from transforms.rawstore import RawStore
from transforms.samples import SAMPLE_REPORTS, folder_reports, new_reports, scraped_reports
from transforms.sources import SourcesFile, read_sources
from warehouse.queries import loaded_versions


class FazhiPaths(dg.ConfigurableResource):
    """Input: a folder of files (empty: the bundled sample reports), or the sites of a sources
    file; output: the warehouse file and the HTML report folder. Empty means the default under
    FAZHI_HOME."""

    input_dir: str = ""
    sources_file: str = ""
    warehouse_path: str = ""
    reports_dir: str = ""
    raw_dir: str = ""

    def input_folder(self) -> Path:
        return Path(self.input_dir) if self.input_dir else SAMPLE_REPORTS

    def sources(self) -> SourcesFile | None:
        return read_sources(Path(self.sources_file)) if self.sources_file else None

    def deployed_sources(self) -> SourcesFile | None:
        """The configured sources file, else the deployment's (FAZHI_SOURCES, or sources.toml in
        FAZHI_HOME) when there is one: what a schedule tick scrapes."""
        if self.sources_file:
            return self.sources()
        path = Settings.from_env().sources_file
        return read_sources(path) if path.is_file() else None

    def raw_store(self) -> RawStore:
        return RawStore(Path(self.raw_dir) if self.raw_dir else Settings.from_env().raw)

    def warehouse(self) -> Path:
        return Path(self.warehouse_path) if self.warehouse_path else Settings.from_env().warehouse

    def reports(self) -> Path:
        return Path(self.reports_dir) if self.reports_dir else Settings.from_env().reports

    def input_files(self) -> tuple[int, pl.DataFrame]:
        """(files found, the RAW_REPORTS rows the warehouse has not seen): the files of the input
        folder, or the scraped reports of the sources file."""
        sources = self.sources()
        if sources is None:
            found = folder_reports(self.input_folder())
        else:
            found = scraped_reports(self.raw_store(), [(s.name, s.region) for s in sources.sources])
        return found.height, new_reports(found, loaded_versions(self.warehouse()))
