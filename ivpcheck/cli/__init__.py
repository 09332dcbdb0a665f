"""The `ivpcheck` command line: a thin click group whose commands live in their own modules.

Commands are imported lazily so that `ivpcheck check` does not pay for `serve` or `batch`.
"""

from __future__ import annotations

import gettext
import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import click

from ivpcheck import __version__

# ivpcheck uses no pydantic plugins: the command line turns off their discovery, in which pydantic reads
# the entry points of every installed distribution when it builds its first model (~40 ms of each start
# with ~150 distributions installed), unless the user set PYDANTIC_DISABLE_PLUGINS.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# command name -> "module:attribute"; each module owns one command.
COMMANDS: dict[str, str] = {
    "read": "ivpcheck.cli.read_cmd:read",
    "check": "ivpcheck.cli.check_cmd:check",
    "diff": "ivpcheck.cli.diff_cmd:diff",
    "rules": "ivpcheck.cli.rules_cmd:rules",
    "schema": "ivpcheck.cli.schema_cmd:schema",
    "eval": "ivpcheck.cli.eval_cmd:eval_",
    "profile": "ivpcheck.cli.profile_cmd:profile",
    "batch": "ivpcheck.cli.batch_cmd:batch",
    "export": "ivpcheck.cli.batch_cmd:export",
    "analyse": "ivpcheck.cli.batch_cmd:analyse",
    "merge": "ivpcheck.cli.batch_cmd:merge",
    "serve": "ivpcheck.cli.serve_cmd:serve",
}


LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"  # click's messages in Dutch (click.po)


def language_of(args: list[str]) -> str:
    """The language asked for on the command line (`--lang en`, `--lang=en`); Dutch otherwise."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return "nl"


def use_language(lang: str) -> None:
    """Let click speak `lang`: click translates its messages ("Error: No such option") with the
    standard library's gettext, which takes the catalog of the `click` domain from LOCALE_DIR and
    the language from $LANGUAGE. English is click's own; any other language falls back to it."""
    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain("click", str(LOCALE_DIR))
    gettext.textdomain("click")


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command is used, and speaks
    the language of --lang."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        use_language(language_of(args))
        return super().main(args, *rest, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._available(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module_name, attr = COMMANDS[cmd_name].split(":")
        return getattr(importlib.import_module(module_name), attr)

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ivpcheck", help="Toon de versie en stop.")
def main() -> None:
    """ivpcheck: toets een Integraal Veiligheidsplan aan de CCV-checklist.

    Check a Dutch integral safety plan (IVP) against the CCV checklist.
    """
