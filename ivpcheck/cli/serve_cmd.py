"""`ivpcheck serve`: the upload page and JSON API on a local web server (uvicorn)."""

from __future__ import annotations

from pathlib import Path

import click

from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.cli.options import WithOldNames, ocr_option
from ivpcheck.run.config import CliOptions, RunConfig, build_run_config, config_path_for

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@click.command("serve", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Poort.")
@click.option(
    "--max-upload-mb",
    default=50.0,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="Grootste bestand dat wordt aangenomen (MB).",
)
@click.option(
    "--max-pages", default=300, show_default=True, type=click.IntRange(min=1), help="Meeste pagina's."
)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Werkprocessen.")
@click.option(
    "--timeout", default=120.0, show_default=True, type=click.FloatRange(min=1), help="Seconden per controle."
)
@click.option(
    "--cpu-limit",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="CPU-seconden per controle in het werkproces.",
)
@click.option(
    "--queue",
    default=16,
    show_default=True,
    type=click.IntRange(min=0),
    help="Wachtrij; daarboven: 503 bezet.",
)
@click.option(
    "--reports-kept", default=50, show_default=True, type=click.IntRange(min=1), help="Rapporten in geheugen."
)
@click.option(
    "--max-memory",
    "--memory-limit-mb",
    "memory_limit_mb",
    cls=WithOldNames,
    old_names=("--memory-limit-mb",),
    default=640,
    show_default=True,
    type=click.IntRange(min=0),
    help="Maximaal geheugen per werkproces (MB, 0 = geen).",
)
@click.option(
    "--heavy-upload-mb",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Grotere bestanden gebruiken hoogstens workers-1 werkprocessen tegelijk.",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconden om de kopregels van een verzoek te sturen.",
)
@click.option(
    "--body-timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconden voor de upload, plus 1 per --min-upload-rate ontvangen bytes.",
)
@click.option(
    "--min-upload-rate",
    default=10_000.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Minimale uploadsnelheid (bytes/s).",
)
@click.option(
    "--max-connections",
    default=256,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open verbindingen; daarboven: 503.",
)
@ocr_option
@click.option(
    "--config", type=click.Path(path_type=Path), help="Configuratiebestand (ivpcheck.toml/pyproject.toml)."
)
@reports_input_errors
def serve(
    host: str,
    port: int,
    max_upload_mb: float,
    max_pages: int,
    workers: int,
    timeout: float,
    cpu_limit: float,
    queue: int,
    reports_kept: int,
    memory_limit_mb: int,
    heavy_upload_mb: float,
    header_timeout: float,
    body_timeout: float,
    min_upload_rate: float,
    max_connections: int,
    ocr: str | None,
    config: Path | None,
) -> None:
    """Start de webdienst: controleer een plan in de browser, of via de JSON-API.

    De controle gebruikt dezelfde configuratie als ivpcheck check: --config PAD, of ivpcheck.toml of
    [tool.ivpcheck] in pyproject.toml vanaf de huidige map omhoog (select, ignore, rules, weights,
    params, lang, reader, ocr, force, check-date; zonder check-date geldt de dag van de controle).
    De grenzen (tijd, CPU, geheugen, wachtrij, trage verbindingen) staan in de README onder
    "limits and how to change them".

    Start the web service: an upload page and a JSON API (POST /api/check), on localhost by default.
    """
    import uvicorn

    from ivpcheck.web.app import create_app
    from ivpcheck.web.config import ServeConfig
    from ivpcheck.web.guard import uvicorn_config

    run = _run_config(config, ocr)
    allowed: tuple[str, ...] = ()
    if host in LOOPBACK:  # refuse other Host headers (DNS rebinding)
        allowed = ("127.0.0.1", "localhost", "[::1]", "::1")
    serve_config = ServeConfig(
        max_upload_mb=max_upload_mb,
        max_pages=max_pages,
        workers=workers,
        timeout=timeout,
        cpu_limit=cpu_limit,
        queue=queue,
        reports_kept=reports_kept,
        memory_limit_mb=memory_limit_mb,
        heavy_upload_mb=heavy_upload_mb,
        header_timeout=header_timeout,
        body_timeout=body_timeout,
        min_upload_rate=min_upload_rate,
        max_connections=max_connections,
        allowed_hosts=allowed,
        settings=run.settings,
        check_date=run.fixed_check_date,
    )
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"ivpcheck serve: open http://{shown}:{port}/ in uw browser (Ctrl+C stopt de dienst).", err=True
    )
    uvicorn.Server(uvicorn_config(create_app(serve_config), serve_config, host, port)).run()


def _run_config(config: Path | None, ocr: str | None) -> RunConfig:
    """The configuration `check` would use from the current directory (a broken one stops here, exit 2);
    its rule pack is loaded once, so that a broken pack stops the service before it starts."""
    from ivpcheck.run.pipeline import pack_for

    options = CliOptions(config=config, ocr=ocr)
    run = build_run_config(options, config_path_for(options, None))
    pack_for(run.settings)
    return run
