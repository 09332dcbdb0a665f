"""The whole check: file -> Document -> Profile -> Report, with the rule pack loaded once per process."""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

from ivpcheck import __version__
from ivpcheck.judge.engine import judge, new_report
from ivpcheck.judge.pack import RulePack, apply_settings, load_pack, pack_paths, param_strings
from ivpcheck.model.document import Document
from ivpcheck.model.report import Profile, Report
from ivpcheck.model.settings import Settings
from ivpcheck.text.cache import cached_object
from ivpcheck.text.term_index import INDEX, Batch, term_batch
from ivpcheck.text.terms import register_terms


def _pack_files(path: Path) -> list[Path]:
    """A pack path's YAML files: the file and those beside and below it (its vocab/ and cues/)."""
    folder = path if path.is_dir() else path.parent
    files = sorted(folder.rglob("*.y*ml")) if folder.is_dir() else []
    return [*files, path] if path.is_file() else files


def _file_stamp(path: Path) -> tuple[str, float]:
    """A pack path with the newest modification time of its YAML files."""
    path = path.resolve()
    return str(path), max((p.stat().st_mtime for p in _pack_files(path)), default=0.0)


def _digest(files: list[Path]) -> str:
    """A digest of files' names and content."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file}\0".encode())
        digest.update(file.read_bytes() if file.is_file() else b"\0missing")
    return digest.hexdigest()


def _code_stamp() -> str:
    """The size and modification time of ivpcheck's own modules: the classes a cached pack is made of."""
    package = Path(__file__).resolve().parent.parent
    stats = ((p, p.stat()) for p in sorted(package.rglob("*.py")))
    return hashlib.sha256("".join(f"{p}:{s.st_size}:{s.st_mtime_ns};" for p, s in stats).encode()).hexdigest()


LoadedPack = tuple[RulePack, str, Batch, tuple[str, ...]]  # with its files' digest and its term index


def _loaded_pack(paths: list[Path]) -> LoadedPack:
    """The validated rule pack and the index of its terms, from the per-user cache when its files
    have not changed (keyed by their content, ivpcheck's code and Python's version; checked against
    the files it was loaded from)."""
    files = [f for p in paths for f in _pack_files(p)]
    key = "|".join([__version__, sys.version, _code_stamp(), _digest(files)])

    def build() -> LoadedPack:
        pack = load_pack(paths)
        return pack, _digest([Path(f) for f in pack.files]), *term_batch(pack_terms(pack))

    def valid(cached: LoadedPack) -> bool:
        return isinstance(cached[0], RulePack) and cached[1] == _digest([Path(f) for f in cached[0].files])

    return cached_object("rulepack", key, build, valid)


@lru_cache(maxsize=16)
def _cached_pack(stamps: tuple[tuple[str, float], ...]) -> RulePack:
    from ivpcheck.profile.municipalities import name_terms

    pack, _, batch, terms = _loaded_pack([Path(p) for p, _ in stamps])
    INDEX.adopt(batch, terms)  # the profile's vocabularies are pack vocabularies
    register_terms(name_terms())  # municipality names (data files, not the pack's)
    return pack


def pack_terms(pack: RulePack) -> list[str]:
    """Every vocabulary term and every word in the rules' detector parameters (term lists among them),
    so that the shared term index is built in one batch before any matching."""
    terms = [t for vocab in pack.vocab.items.values() for t in vocab.terms]
    for rule in pack.rules:
        for params in rule.detectors.values():
            terms += [text for _, text in param_strings(params.model_dump()) if not text.startswith("@")]
    return terms


@lru_cache(maxsize=64)
def _cached_applied(stamps: tuple[tuple[str, float], ...], overrides: str) -> RulePack:
    settings = Settings.model_validate_json(overrides)
    return apply_settings(_cached_pack(stamps), settings)


def base_pack_for(settings: Settings) -> RulePack:
    """The rule packs of these settings as loaded, before --select/--ignore and overrides (cached)."""
    return _cached_pack(tuple(_file_stamp(p) for p in pack_paths(settings)))


def pack_for(settings: Settings) -> RulePack:
    """The rule pack for these settings, cached by pack paths (and their mtimes) and overrides."""
    stamps = tuple(_file_stamp(p) for p in pack_paths(settings))
    overrides = settings.model_dump_json(include={"select", "ignore", "weights", "params"})
    return _cached_applied(stamps, overrides)


def profile_document(doc: Document, settings: Settings) -> Profile:
    """The profile of a Document, read with the vocabularies of the settings' rule pack."""
    from ivpcheck.profile import build_profile

    return build_profile(doc, pack_for(settings).vocab)


def not_an_ivp(doc: Document, settings: Settings, pack: RulePack, profile) -> Report:
    """The report for a document that is not an IVP: its profile and reason, no criteria, no score."""
    return new_report(doc, profile, pack, settings, scored=False)


def check_document(doc: Document, settings: Settings, pack: RulePack | None = None) -> Report:
    """Profile and judge a Document (documents that are not an IVP are not scored unless --force)."""
    from ivpcheck.profile import build_profile

    pack = pack or pack_for(settings)
    profile = build_profile(doc, pack.vocab)
    if not profile.doc_type.is_ivp and not settings.force:
        return not_an_ivp(doc, settings, pack, profile)
    return judge(doc, profile, pack, settings)


def check_file(path: str | Path, settings: Settings) -> Report:
    """Read a file (any supported format) and check it."""
    from ivpcheck.read import read_document

    pack = pack_for(settings)  # rule errors surface before the (slower) reading
    doc = read_document(path, settings.reader, settings.ocr)
    return check_document(doc, settings, pack)
