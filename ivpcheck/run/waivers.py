"""Waivers: an advisor's decision that a criterion does not apply to one plan, with a reason.

A PDF cannot hold `# noqa`, so waivers live in a YAML file beside the plan
(`<plan>.waivers.yaml`, found automatically) or given with --waivers / `waivers =` in the config:

    K5: "Het sociaal domein heeft een eigen veiligheidsparagraaf"   # every plan checked with it
    amersfoort-2024.pdf:                    # only this plan: file name, stem or SHA-256 (>= 12 hex)
      L3: "Juridische tekst, korte zinnen niet haalbaar"
    "*":                                    # explicitly every plan
      L5: "Toegankelijke versie volgt"

A waived criterion keeps its measured verdict, is shown as waived with the reason, and is left out
of the score (like n.v.t.).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ivpcheck.model.errors import UsageError, WaiverFileError

if TYPE_CHECKING:
    from ivpcheck.judge.pack import RulePack

RULE_ID = re.compile(r"^[A-Z]{1,3}\d{0,3}$")
SHA_PREFIX = re.compile(r"^[0-9a-f]{12,64}$")
SIDECAR_SUFFIXES = (".waivers.yaml", ".waivers.yml")

WaiverFile = dict[str, object]


def load_waiver_file(path: Path) -> WaiverFile:
    """Read and validate a waiver file; errors name the file and the entry."""
    data = read_yaml_mapping(
        path, WaiverFileError, "verwacht een YAML-mapping {K5: reden} / expected a mapping"
    )
    for key, value in data.items():
        if isinstance(value, dict):
            for rule, reason in value.items():
                _check_entry(path, f"{key}.{rule}", str(rule), reason)
        else:
            _check_entry(path, str(key), str(key), value)
    return {str(k): v for k, v in data.items()}


def read_yaml_mapping(path: Path, error: type[UsageError], expected: str) -> dict:
    """A small YAML file beside the plan (waivers, review) as a mapping ({} when empty); every
    problem is `error` naming the file, with `expected` when the file holds no mapping."""
    import yaml  # only when there is such a file

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as missing:
        raise error(str(path), "bestand niet gevonden / file not found") from missing
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as problem:
        raise error(str(path), first_line(problem)) from problem
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise error(str(path), expected)
    return data


def first_line(error: Exception) -> str:
    """A YAML or OS error as one line (YAML errors span several, with a caret drawing)."""
    return " ".join(str(error).split())


def _check_entry(path: Path, where: str, rule: str, reason: object) -> None:
    if not RULE_ID.match(rule.upper()):
        raise WaiverFileError(str(path), f"'{where}': geen criteriumcode (zoals K5) / not a rule id")
    if not isinstance(reason, str) or not reason.strip():
        raise WaiverFileError(str(path), f"'{where}': geef een reden (tekst) / give a reason")


def is_sidecar(path: Path) -> bool:
    """Whether a file is a sidecar waiver file (`*.waivers.yaml`), not a plan."""
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def sidecar_for(plan: Path, suffixes: tuple[str, ...] = SIDECAR_SUFFIXES) -> Path | None:
    """`<plan><suffix>` (or `<stem><suffix>`) beside the plan, when it exists: by default its waiver file."""
    for name in (plan.name, plan.stem):
        for suffix in suffixes:
            candidate = plan.with_name(name + suffix)
            if candidate.is_file():
                return candidate
    return None


def waivers_for(data: WaiverFile, plan: Path, sha256: str | None = None) -> dict[str, str]:
    """The waivers (rule id -> reason) that apply to one plan (its SHA-256 computed only when a key
    needs it and not given)."""

    def matches(key: str) -> bool:
        nonlocal sha256
        if key == "*" or key in (plan.name, plan.stem, str(plan)):
            return True
        if not SHA_PREFIX.match(key.lower()):
            return False
        if sha256 is None and plan.is_file():
            sha256 = hashlib.sha256(plan.read_bytes()).hexdigest()
        return sha256 is not None and sha256.startswith(key.lower())

    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            if matches(key):
                out.update({str(rule).upper(): str(reason).strip() for rule, reason in value.items()})
        else:
            out[key.upper()] = str(value).strip()
    return out


def check_waiver_ids(path: Path, data: WaiverFile, pack: RulePack) -> None:
    """Refuse a criterion id the rule pack does not know, with the nearest one as suggestion."""
    from ivpcheck.judge.pack import check_ids

    for key, value in data.items():
        where, ids = (f"{path}: {key}", value) if isinstance(value, dict) else (str(path), [key])
        check_ids(pack, ids, where, sections=False, error=WaiverFileError)


@dataclass
class WaiverSource:
    """Where the plans of one run get their waivers: the given file for every plan, else each
    plan's sidecar. Files are read once; a broken given file fails at once (WaiverFileError), and so
    does a rule id that `pack` (the run's rules before --select/--ignore) does not know."""

    path: Path | None = None
    pack: RulePack | None = None
    _files: dict[Path, WaiverFile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.path is not None:
            self._load(self.path)

    def _load(self, path: Path) -> WaiverFile:
        if path not in self._files:
            data = load_waiver_file(path)
            if self.pack is not None:
                check_waiver_ids(path, data, self.pack)
            self._files[path] = data
        return self._files[path]

    def for_plan(self, plan: Path, sha256: str | None = None) -> dict[str, str]:
        """The waivers of one plan (raises WaiverFileError for a broken waiver file)."""
        waiver_path = self.path or sidecar_for(plan)
        if waiver_path is None:
            return {}
        return waivers_for(self._load(waiver_path), plan, sha256)
