"""The `fazhi` command as a user runs it (in-process through `main`, or as the installed script)."""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.cli import main
from orchestration.settings import Settings


def test_extract_writes_one_json_record_per_file_and_carries_on_after_a_broken_one(
    sample_paths, tmp_path, capsys
):
    binary = tmp_path / "scan.html"
    binary.write_bytes(bytes(range(256)) * 100)
    missing = tmp_path / "gone.txt"
    assert (
        main(
            [
                "extract",
                str(sample_paths[0]),
                str(binary),
                str(missing),
                str(sample_paths[1]),
                "--format",
                "jsonl",
            ]
        )
        == 1
    )
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["source"]).name for r in records] == [
        sample_paths[0].name,
        "scan.html",
        "gone.txt",
        sample_paths[1].name,
    ]
    assert "binary" in records[1]["error"]
    assert "error" in records[2]
    first = records[0]
    assert first["region"] == {
        "name": "许昌市",
        "adcode": "411000",
        "level": "prefecture",
        "prefecture": "许昌市",
        "province": "河南省",
    }
    assert (first["report_year"], first["doc_date"], first["publish_date"]) == (
        2023,
        "2024-02-29",
        "2024-03-19",
    )
    assert {"code", "value", "unit", "qualifier", "evidence", "start", "end"} <= set(first["indicators"][0])


def test_extract_on_a_30_mb_page_records_an_error_and_goes_on(sample_paths, tmp_path, capsys):
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body>" + "法治政府建设".encode() * (30 * 1024 * 1024 // 18) + b"</body></html>")
    assert main(["extract", str(huge), str(sample_paths[0])]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "too large" in records[0]["error"]
    assert records[1]["region"]["adcode"] == "411000"


def test_extract_explain_lists_rejected_candidates(sample_paths, capsys):
    main(["extract", str(sample_paths[0]), "--explain"])
    record = json.loads(capsys.readouterr().out)
    verdicts = {(c["code"], c["verdict"], c["scope"]) for c in record["candidates"]}
    assert ("enforcement_inspections", "part_of_jurisdiction", "part_of_jurisdiction") in verdicts
    accepted = [c for c in record["candidates"] if c["verdict"] == "accepted"]
    review = [c for c in accepted if c["code"] == "review_received"]
    assert [(c["value"], c["scope"]) for c in review] == [(232, "whole")]


def test_sql_refuses_a_write_with_a_clear_message(sample_warehouse, capsys):
    assert main(["sql", "DELETE FROM dim_document", "--warehouse", str(sample_warehouse)]) == 2
    assert "DELETE statements are refused: fazhi sql only reads" in capsys.readouterr().err


def test_sql_formats(sample_warehouse, capsys):
    main(
        [
            "sql",
            "SELECT count(*) AS n FROM dim_document",
            "--format",
            "json",
            "--warehouse",
            str(sample_warehouse),
        ]
    )
    assert json.loads(capsys.readouterr().out) == [{"n": 5}]
    main(
        [
            "sql",
            "SELECT region, value FROM v_indicator WHERE indicator_code = 'review_received' ORDER BY region",
            "--format",
            "csv",
            "--warehouse",
            str(sample_warehouse),
        ]
    )
    assert capsys.readouterr().out.splitlines()[0] == "region,value"


def test_a_second_run_stops_at_once_while_one_is_running(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    lock = Settings.from_env().run_lock
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["run", "--warehouse", str(tmp_path / "w.duckdb")]) == 3
    assert "another `fazhi run` is running" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()


def test_every_command_has_help():
    script = Path(sys.executable).with_name("fazhi")
    for command in ("run", "extract", "sql", "search", "report", "export", "schema"):
        done = subprocess.run([script, command, "--help"], capture_output=True, text=True, check=True)
        assert "usage: fazhi" in done.stdout


def test_the_script_exits_with_the_status_of_the_command(tmp_path):
    """`fazhi` (entry_point) leaves its objects to the operating system, not its exit status or output."""
    script = Path(sys.executable).with_name("fazhi")
    env = {**os.environ, "FAZHI_HOME": str(tmp_path)}
    missing = tmp_path / "nope"
    done = subprocess.run(
        [script, "run", "--input", missing], check=False, capture_output=True, text=True, env=env
    )
    assert (done.returncode, done.stderr.strip()) == (2, f"fazhi: input folder not found: {missing}")
    done = subprocess.run([script, "schema"], check=False, capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert "dim_region" in done.stdout


@pytest.mark.slow
def test_a_rerun_with_nothing_new_is_done_without_importing_dagster(tmp_path, sample_paths):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_paths[0], inbox)
    env = {**os.environ, "FAZHI_HOME": str(tmp_path / "home")}
    script = Path(sys.executable).with_name("fazhi")
    subprocess.run([script, "run", "--input", inbox], env=env, capture_output=True, check=True)
    probe = (
        "import sys\n"
        "from orchestration.cli import main\n"
        "status = main(['run', '--input', sys.argv[1]])\n"
        "print('dagster imported:', 'dagster' in sys.modules)\n"
        "sys.exit(status)\n"
    )
    rerun = subprocess.run(
        [sys.executable, "-c", probe, inbox], env=env, capture_output=True, text=True, check=True
    )
    assert "nothing new to load" in rerun.stdout
    assert "dagster imported: False" in rerun.stdout
    assert (tmp_path / "home" / "reports" / "overview.html").is_file()


def test_run_refuses_a_missing_input_before_starting(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    assert main(["run", "--input", str(tmp_path / "nope")]) == 2
    assert "input folder not found" in capsys.readouterr().err
    assert main(["run", "--sources", str(tmp_path / "nope.toml")]) == 2
    assert "sources file not found" in capsys.readouterr().err
    assert not (tmp_path / "warehouse.duckdb").exists()


def test_long_stages_show_progress_on_a_terminal_only(tmp_path):
    """The parse stage draws a progress bar when stderr is a terminal (a pseudo-terminal here)
    and writes nothing when it is a pipe or a log."""
    import fcntl
    import os
    import struct
    import subprocess
    import sys
    import termios

    script = (
        "from transforms.parsing import parse_reports\n"
        "from transforms.samples import SAMPLE_REPORTS, folder_reports\n"
        "parse_reports(folder_reports(SAMPLE_REPORTS))\n"
    )
    primary, secondary = os.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 x 100
    with subprocess.Popen([sys.executable, "-c", script], stderr=secondary) as terminal:
        os.close(secondary)
        drawn = b""
        while chunk := read_or_end(primary):
            drawn += chunk
        terminal.wait(timeout=120)
    os.close(primary)
    piped = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, timeout=120)
    assert b"parse:" in drawn
    assert b"0/5" in drawn
    assert b"parse" not in piped.stderr


def read_or_end(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 4096)
    except OSError:  # the terminal closed: the process ended
        return b""
