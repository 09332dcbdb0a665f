"""Configuration: `ivpcheck.toml` or `[tool.ivpcheck]` in pyproject.toml, plus command-line options.

Where the file is found (first hit wins; in one folder ivpcheck.toml beats pyproject.toml, and a
pyproject.toml without [tool.ivpcheck] is skipped):
1. `--config PATH`;
2. the input file's folder and its parents;
3. the current directory and its parents.

Keys (hyphens or underscores; paths are relative to the config file):

    select = ["K", "A1"]          # rule ids or section letters (like ruff's select)
    ignore = ["L3"]               # disable rules or sections
    rules = ["extra-rules/"]      # extra rule packs
    replace-rules = false         # true: `rules` replace the default pack
    check-date = 2025-06-01       # date for K6 actualiteit
    lang = "nl"                   # nl | en
    reader = "pdfium"             # pdfium | pdfplumber
    ocr = "auto"                  # auto | always | never: OCR for PDF pages without a text layer
    force = false                 # score documents that are not an IVP
    fail-under = 60               # exit 1 below this total
    format = "terminal"           # terminal | json | jsonl | markdown | html | docx | concise
    waivers = "waivers.yaml"      # waiver file (see ivpcheck.run.waivers)
    [weights]                     # rule id -> weight (0 = informational)
    K5 = 2
    [params.P2]                   # rule id -> detector parameter overrides
    max_voldoet = 5               # P2: at most 5 priorities for voldoet

Command-line options beat the file: --select replaces `select`, --ignore adds to `ignore`,
--rules adds to `rules`.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ivpcheck.model.errors import UsageError
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings

CONFIG_NAMES = ("ivpcheck.toml", "pyproject.toml")
Format = Literal["terminal", "json", "jsonl", "markdown", "html", "docx", "concise"]


class FileConfig(BaseModel):
    """The keys a config file may set (unknown keys are an error; built when a config file is read)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    replace_rules: bool = False
    check_date: dt.date | None = None
    lang: Literal["nl", "en"] | None = None
    reader: Literal["pdfium", "pdfplumber"] | None = None
    ocr: Literal["auto", "always", "never"] | None = None
    force: bool = False
    fail_under: float | None = Field(default=None, ge=0, le=100)
    format: Format | None = None
    waivers: str | None = None
    weights: dict[str, int] = Field(default_factory=dict)
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)


@dataclass
class CliOptions:
    """What the user gave on the command line (None or empty: not given)."""

    config: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)
    replace_rules: bool = False
    check_date: dt.date | None = None
    lang: str | None = None
    reader: str | None = None
    ocr: str | None = None
    force: bool = False
    fail_under: float | None = None
    format: str | None = None
    waivers: Path | None = None
    review: Path | None = None


@dataclass
class RunConfig:
    """Settings for one input file plus the options that only the CLI uses."""

    settings: Settings
    config_path: Path | None
    fail_under: float | None
    format: str
    waivers_path: Path | None
    review_path: Path | None = None  # --review: one review file for every plan (else each plan's sidecar)
    fixed_check_date: dt.date | None = None  # the check date given by option or file (None: today)


def split_ids(values: tuple[str, ...] | list[str] | None) -> list[str]:
    """'K1,A' 'L3' -> ['K1', 'A', 'L3'] (comma- or space-separated, repeatable options)."""
    out: list[str] = []
    for value in values or ():
        out += [part.strip().upper() for part in value.replace(",", " ").split() if part.strip()]
    return out


def _has_tool_section(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "ivpcheck" in data.get("tool", {})


def find_config(start: Path) -> Path | None:
    """The nearest ivpcheck.toml or pyproject.toml with [tool.ivpcheck], from `start` upward."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "ivpcheck.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_section(candidate):
            return candidate
    return None


def config_path_for(cli: CliOptions, input_path: Path | None) -> Path | None:
    """--config, else the nearest config above the input's folder, else above the current directory."""
    if cli.config is not None:
        return cli.config
    found = find_config(input_path.parent) if input_path is not None else None
    return found or find_config(Path.cwd())


def load_config(path: Path) -> FileConfig:
    """Read and validate one config file; errors name the file, the key and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise UsageError(str(path), "configuratiebestand niet gevonden / config file not found") from error
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(str(path), f"configuratiebestand onleesbaar: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise UsageError(str(path), f"ongeldige TOML: {error}") from error
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("ivpcheck", {})
    data = {key.replace("-", "_"): value for key, value in data.items()}
    try:
        config = FileConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]).replace("_", "-")
        raise UsageError(str(path), f"sleutel '{key}': {first['msg']}") from error
    config.weights = {key.upper(): value for key, value in config.weights.items()}
    config.params = {key.upper(): value for key, value in config.params.items()}
    for key, weight in config.weights.items():
        if weight < 0:
            raise UsageError(str(path), f"sleutel 'weights.{key}': gewicht moet 0 of hoger zijn")
    return config


def build_run_config(cli: CliOptions, config_path: Path | None) -> RunConfig:
    """Merge a config file (from `config_path_for`; None: defaults) with the command-line options."""
    file_config = load_config(config_path) if config_path else FileConfig()
    base = config_path.parent if config_path else Path.cwd()

    replace = cli.replace_rules or file_config.replace_rules
    rules = [] if replace else [DEFAULT_RULES_DIR]
    rules += [(base / p).resolve() for p in file_config.rules]
    rules += [p.resolve() for p in cli.rules]
    for rule_path in rules:
        if not rule_path.exists():
            raise UsageError(str(rule_path), "regelbestand of -map niet gevonden / rule pack not found")
    if not rules:
        raise UsageError(
            "--replace-rules", "geen regels over: geef --rules PAD / no rules left: give --rules"
        )

    select = cli.select if cli.select is not None else split_ids(file_config.select) or []
    settings = Settings(
        rules=rules,
        replace_rules=replace,
        select=select,
        ignore=split_ids(file_config.ignore) + list(cli.ignore),
        weights=file_config.weights,
        params=file_config.params,
        check_date=cli.check_date or file_config.check_date or dt.date.today(),
        language=cli.lang or file_config.lang or "nl",
        reader=cli.reader or file_config.reader or "pdfium",
        ocr=cli.ocr or file_config.ocr or "auto",
        force=cli.force or file_config.force,
    )
    _check_ids(cli, file_config, config_path, settings)
    waivers_path = cli.waivers or ((base / file_config.waivers) if file_config.waivers else None)
    return RunConfig(
        settings=settings,
        config_path=config_path,
        fail_under=cli.fail_under if cli.fail_under is not None else file_config.fail_under,
        format=cli.format or file_config.format or "terminal",
        waivers_path=waivers_path,
        review_path=cli.review,
        fixed_check_date=cli.check_date or file_config.check_date,
    )


def _check_ids(
    cli: CliOptions, file_config: FileConfig, config_path: Path | None, settings: Settings
) -> None:
    """Every rule id and section letter named on the command line or in the config file exists in the
    run's rules (the file's too where an option replaces them); an unknown one is a usage error that
    names where it was written, with the nearest known id."""
    from ivpcheck.judge.pack import check_ids
    from ivpcheck.run.pipeline import base_pack_for

    pack = base_pack_for(settings)
    check_ids(pack, cli.select or [], "--select")
    check_ids(pack, cli.ignore, "--ignore")
    if config_path is not None:
        check_ids(pack, split_ids(file_config.select), f"{config_path}: select")
        check_ids(pack, split_ids(file_config.ignore), f"{config_path}: ignore")
        check_ids(pack, file_config.weights, f"{config_path}: weights", sections=False)
        check_ids(pack, file_config.params, f"{config_path}: params", sections=False)
