"""The `ivpcheck` command line: a thin click group whose commands live in their own modules.

Commands are imported lazily so that `ivpcheck check` does not pay for `serve` or `batch`.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from ivpcheck import __version__

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


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command is used."""

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
@click.version_option(__version__, prog_name="ivpcheck")
def main() -> None:
    """ivpcheck: toets een Integraal Veiligheidsplan aan de CCV-checklist.

    Check a Dutch integral safety plan (IVP) against the CCV checklist.
    """
