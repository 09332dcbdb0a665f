"""Shared fixtures. `built_corpus`: the corpus built once per session into corpus/build/."""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
BUILD_DIR = CORPUS / "build"


def _builder_manifest_module():
    """corpus/builder/manifest.py, loaded without putting corpus/ on sys.path."""
    spec = importlib.util.spec_from_file_location("_corpus_manifest", CORPUS / "builder" / "manifest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_corpus(out: Path, *args: str) -> None:
    """Run corpus/build.py into `out` (extra args such as --only ID, --variants)."""
    cmd = [sys.executable, str(CORPUS / "build.py"), "--out", str(out), *args]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if result.returncode != 0:
        raise RuntimeError(f"corpus build failed:\n{result.stdout}\n{result.stderr}")


def corpus_is_current(out: Path, variants: bool = True) -> bool:
    """True when `out` holds a complete build of the current sources and builder code."""
    mf = _builder_manifest_module()
    manifest = mf.read_manifest(out)
    if not manifest or manifest.get("fingerprint") != mf.fingerprint(CORPUS / "sources", None, variants):
        return False
    return all((out / f["path"]).exists() for f in [*manifest["files"], *manifest.get("scans", [])])


@pytest.fixture(scope="session")
def built_corpus() -> Path:
    """Path of a complete, up-to-date corpus build (with PDF variants); rebuilt only when stale."""
    lock_name = "ivpcheck-corpus-" + hashlib.sha1(str(BUILD_DIR).encode()).hexdigest()[:12] + ".lock"
    with open(Path(tempfile.gettempdir()) / lock_name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # concurrent test sessions: build once, others wait
        try:
            if not corpus_is_current(BUILD_DIR):
                build_corpus(BUILD_DIR, "--variants")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return BUILD_DIR


def batch_exit_code(summary: str) -> int:
    """The exit code `ivpcheck batch` owes for its printed summary: 1 when a file failed or a path
    matched nothing, else 0."""
    failed = int(re.search(r"mislukt:\s+(\d+)", summary).group(1))
    return 1 if failed or "niet gevonden:" in summary else 0


def heldout_ids() -> set[str]:
    """The held-out plans of corpus/split.yaml: only measured (tests/test_heldout.py), never tuned on."""
    import yaml

    return set(yaml.safe_load((CORPUS / "split.yaml").read_text(encoding="utf-8"))["heldout"])


@pytest.fixture(scope="session")
def full_manifest(built_corpus: Path) -> dict:
    """The parsed manifest.json of `built_corpus`, held-out plans included."""
    import json

    return json.loads((built_corpus / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_manifest(full_manifest: dict) -> dict:
    """The manifest without the held-out plans: what development tests may look at."""
    heldout = heldout_ids()
    return {**full_manifest, "files": [f for f in full_manifest["files"] if f.get("id") not in heldout]}
