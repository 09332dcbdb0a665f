"""The built wheel works on its own: rule pack, vocabularies and data ship inside the package."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "amersfoort-2024.pdf"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel . --no-deps` builds from a copy of the checkout (no build/ left behind)."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "corpus", "tests", "bench", "*.egg-info", "build", "__pycache__", "*_cache"
    )
    shutil.copytree(REPO, src, ignore=ignore)
    out = root / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    return next(out.glob("ivpcheck-*.whl"))


def test_wheel_ships_rules_and_data(wheel: Path) -> None:
    """Every rule file, vocabulary, cue list and data table of the checkout is in the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "ivpcheck"
    expected = [*package.glob("rules/**/*.yaml"), *package.glob("data/*.csv")]
    assert len(expected) > 30
    missing = [str(p.relative_to(REPO)) for p in expected if str(p.relative_to(REPO)) not in names]
    assert missing == []


def test_installed_wheel_checks_the_sample(wheel: Path, tmp_path: Path) -> None:
    """Installed into a fresh venv outside the checkout, `python -m ivpcheck check` gives a real report."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)]
    subprocess.run(install, check=True, capture_output=True, text=True)
    work = tmp_path / "cwd"
    work.mkdir()
    plan = work / SAMPLE.name
    shutil.copy(SAMPLE, plan)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}  # no PYTHONPATH to the checkout
    where = subprocess.run(
        [str(python), "-c", "import ivpcheck; print(ivpcheck.__file__)"],
        capture_output=True, text=True, cwd=work, env=env, check=True,
    )  # fmt: skip
    assert str(venv) in where.stdout and str(REPO) not in where.stdout
    result = subprocess.run(
        [str(python), "-m", "ivpcheck", "check", plan.name, "--format", "json", "--check-date", "2025-01-01"],
        capture_output=True, text=True, cwd=work, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ids = {c["id"] for c in report["criteria"]}
    assert {"K1", "P4", "L7"} <= ids
    assert 0 < report["total"] <= 100
