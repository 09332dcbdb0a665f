"""`ivpcheck schema`: print the JSON schema of the Report (the public, versioned contract)."""

from __future__ import annotations

import json
from typing import Any

import click

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def report_schema() -> dict[str, Any]:
    """Report's JSON schema with $schema, $id and the schema version."""
    from ivpcheck.model.report import REPORT_SCHEMA_VERSION, Report

    schema = Report.model_json_schema()
    head = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"urn:ivpcheck:report:{REPORT_SCHEMA_VERSION}",
        "title": "ivpcheck Report",
        "version": REPORT_SCHEMA_VERSION,
        "description": (
            "Result of checking one Integraal Veiligheidsplan against the CCV checklist. "
            "Versioned with semver: minor = optional fields added, major = fields renamed, removed "
            "or changed in meaning."
        ),
    }
    schema.pop("title", None)
    schema.pop("description", None)
    return {**head, **schema}


@click.command("schema", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--indent", type=int, default=2, show_default=True, help="Inspringing van de JSON.")
def schema(indent: int) -> None:
    """Toon het JSON-schema van het rapport (Report) met versie.

    Print the JSON schema of ivpcheck's report, with its $id and semver version.
    """
    click.echo(json.dumps(report_schema(), indent=indent or None, ensure_ascii=False))
