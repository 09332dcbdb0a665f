"""The stages import only what comes before them (docs/architecture.md): read -> profile -> judge ->
render, with shared model/ and text/ below and run/, batch/, web/, eval/ and cli/ above."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ivpcheck"
# Each folder's level: a module may import its own folder and folders of a lower level only.
LEVELS = {
    "model": 0,
    "text": 1,
    "read": 2,
    "profile": 3,
    "judge": 4,
    "render": 5,
    "run": 6,
    "batch": 7,
    "web": 7,
    "eval": 7,
    "cli": 8,
}
TOP_LEVEL = {"__init__": 0, "__main__": 8}


def _folder(module: str) -> str | None:
    """The top folder of an `ivpcheck.x.y` module name (None for other packages)."""
    parts = module.split(".")
    if parts[0] != "ivpcheck" or len(parts) == 1:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every ivpcheck module a file imports (also inside functions), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(name, node.lineno) for name in names if name.startswith("ivpcheck")]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("ivpcheck")]
    return found


def _level(folder: str) -> int:
    return LEVELS.get(folder, TOP_LEVEL.get(folder, 0))


def test_every_module_belongs_to_a_known_stage() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(LEVELS), f"folders without a level in docs/architecture.md: {folders - set(LEVELS)}"


def test_no_module_imports_a_later_stage() -> None:
    violations = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        own = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        for module, line in _imports(path):
            target = _folder(module)
            if target is None or target == own or target in TOP_LEVEL or target == "data":
                continue
            if target not in LEVELS:
                continue  # `from ivpcheck import __version__`
            same_level_other = own in LEVELS and _level(target) == _level(own) and target != own
            if _level(target) > _level(own) or same_level_other:
                violations.append(f"{relative}:{line} imports {module} ({own} -> {target})")
    assert not violations, "\n".join(violations)


def test_no_module_imports_the_command_line() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] != "cli"
        and path.name != "__main__.py"
        and any(_folder(m) == "cli" for m, _ in _imports(path))
    ]
    assert not offenders


def test_the_judge_does_not_import_rendering() -> None:
    judge = PACKAGE / "judge"
    offenders = [str(p) for p in judge.rglob("*.py") if any(_folder(m) == "render" for m, _ in _imports(p))]
    assert not offenders


def test_reading_a_file_does_not_load_the_profile_judge_or_readers_of_other_formats(built_corpus) -> None:
    """`ivpcheck read` of a PDF imports neither the later stages nor the DOCX and HTML readers."""
    import subprocess
    import sys

    pdf = built_corpus / "pdf" / "ede-2025.pdf"
    code = (
        "import sys; from ivpcheck.cli import main\n"
        f"try:\n    main(['read', {str(pdf)!r}, '--format', 'json'])\nexcept SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ivpcheck.', 'bs4', 'docx'))), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = eval(done.stderr.strip().splitlines()[-1])  # noqa: S307 - our own child's repr of a list
    assert "ivpcheck.read.pdf" in loaded
    later = [m for m in loaded if m.split(".")[1] in ("profile", "judge", "render", "run")]
    others = [m for m in loaded if m.startswith(("bs4", "docx", "ivpcheck.read.docx", "ivpcheck.read.html"))]
    assert later == [] and others == []


def test_checking_a_pdf_with_a_cached_rule_pack_does_not_import_yaml(built_corpus, tmp_path) -> None:
    """PyYAML is only needed to parse rule, waiver and review files: a check whose rule pack comes
    from the per-user cache does not import it (about a hundredth of a cold check)."""
    import os
    import subprocess
    import sys

    pdf = built_corpus / "pdf" / "ede-2025.pdf"
    code = (
        "import sys; from ivpcheck.cli import main\n"
        f"try:\n    main(['check', {str(pdf)!r}, '--format', 'json'])\nexcept SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "IVPCHECK_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env) for _ in (1, 2)
    ]
    assert [run.stderr.strip().splitlines()[-1] for run in runs] == ["True", "False"]  # built, then cached


def test_the_command_line_does_not_look_for_pydantic_plugins(built_corpus) -> None:
    """pydantic reads every installed distribution's entry points at its first model unless plugins are
    turned off: the command line turns them off (ivpcheck has none), but keeps a user's own setting."""
    import os
    import subprocess
    import sys

    pdf = built_corpus / "pdf" / "ede-2025.pdf"
    code = (
        "import os, sys; from ivpcheck.cli import main\n"
        f"try:\n    main(['check', {str(pdf)!r}, '--format', 'json'])\nexcept SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "import pydantic.plugin._loader as loader\n"
        "print(loader._plugins is None, os.environ['PYDANTIC_DISABLE_PLUGINS'], file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True),
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**env, "PYDANTIC_DISABLE_PLUGINS": "logfire"},
            check=True,
        ),
    ]
    assert [run.stderr.strip().splitlines()[-1] for run in runs] == ["True __all__", "False logfire"]
