"""Turn ivpcheck's input errors into a one-line message and their exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import click

from ivpcheck.model.errors import IvpcheckError

P = ParamSpec("P")
R = TypeVar("R")


def reports_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator for click commands: an IvpcheckError becomes a message on stderr and its exit code."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except IvpcheckError as error:
            click.echo(f"ivpcheck: {error.one_line()}", err=True)
            sys.exit(error.exit_code)

    return wrapper
