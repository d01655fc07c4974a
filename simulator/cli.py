"""`pasarela`: the command line. `pasarela serve` starts the simulator (with the recaudo portal at /recaudo/);
`pasarela portal` runs the portal alone against a remote gateway. (The Gherkin step catalogue belongs to the
acceptance suite: `./dev pasos`, i.e. `python -m features.catalog`.)"""
from __future__ import annotations

import argparse
import asyncio
import signal
import sqlite3
import sys

from pydantic import ValidationError

from simulator.bootstrap import (
    DatabaseUnavailable, base_url, bootstrap, build_standalone_portal, prepare_database, redacted,
)
from simulator.certification import command as certification_command
from simulator.cli_errors import USAGE_EXIT, SpanishParser, settings_error
from simulator.portal_standalone import create_standalone_app
from simulator.process import free_port
from simulator.serving import Connections, GuardedSite, Limits, app_runner, quiet_refused_requests
from simulator.supervisor import WORKER_READY, Supervisor, claimed_port, die_with_supervisor, watch_supervisor
from simulator.control.logs import FORMATS, LEVELS
from simulator.control.logs import configure as configure_logs
from simulator.control.security import control_token_for
from simulator.zonapagos.seed import (
    DEMO_MERCHANT_ID, DEMO_ROUTE, DEMO_SERVICE_CODE, DEMO_START_PASSWORD, DEMO_VERIFY_PASSWORD, DEMO_VERIFY_USER,
)
from simulator.settings import Settings
from simulator.zonapagos.contracts import ALL_SERVICES


def _parser() -> argparse.ArgumentParser:
    parser = SpanishParser(prog="pasarela", description="Simulador local de RedCoop/ZonaPAGOS/PSE")
    commands = parser.add_subparsers(dest="command", required=True, metavar="orden")
    serve = commands.add_parser("serve", help="inicia el simulador")
    serve.add_argument("--host", help="dirección de escucha (PASARELA_HOST, por defecto 127.0.0.1)")
    serve.add_argument("--port", type=int, help="puerto (PASARELA_PORT, por defecto 8000; 0 = uno libre)")
    serve.add_argument("--db", help="archivo SQLite o postgresql://usuario@host:puerto/base (PASARELA_DB, por defecto "
                       "pasarela.sqlite3)")
    serve.add_argument("--seed", type=int, help="semilla de los datos de demostración (PASARELA_SEED)")
    serve.add_argument("--journal", choices=["off", "metadata", "full"],
                       help="diario de solicitudes (PASARELA_JOURNAL, por defecto full: cuerpos enmascarados)")
    serve.add_argument("--control-token", help="token de /_sim/ (PASARELA_CONTROL_TOKEN; se genera uno si "
                       "--host no es de loopback)")
    serve.add_argument("--workers", type=int, help="procesos que comparten puerto y base de datos (PASARELA_WORKERS)")
    serve.add_argument("--header-timeout", type=float, help="segundos para recibir las cabeceras de una solicitud "
                       "(PASARELA_HEADER_TIMEOUT, por defecto 15)")
    serve.add_argument("--body-timeout", type=float, help="segundos para recibir el cuerpo de una solicitud "
                       "(PASARELA_BODY_TIMEOUT, por defecto 60)")
    serve.add_argument("--keepalive-timeout", type=float, help="segundos que una conexión inactiva sigue abierta "
                       "(PASARELA_KEEPALIVE_TIMEOUT, por defecto 75)")
    serve.add_argument("--max-connections", type=int, help="conexiones atendidas a la vez por proceso; las demás "
                       "reciben 503 (PASARELA_MAX_CONNECTIONS, por defecto 1024)")
    serve.add_argument("--log-level", choices=list(LEVELS), help="nivel del registro (PASARELA_LOG_LEVEL, por "
                       "defecto warning)")
    serve.add_argument("--log-format", choices=list(FORMATS), help="formato del registro: text o json, una línea "
                       "JSON por evento con el request_id del diario (PASARELA_LOG_FORMAT, por defecto text)")
    serve.add_argument("--worker", action="store_true", default=None, help=argparse.SUPPRESS)
    portal = commands.add_parser("portal", help="inicia solo el portal de recaudo contra una pasarela remota")
    portal.add_argument("--gateway", required=True, help="URL base de ZonaPAGOS (p. ej. http://127.0.0.1:8000)")
    portal.add_argument("--host", help="dirección de escucha (por defecto 127.0.0.1)")
    portal.add_argument("--port", type=int, help="puerto (por defecto 8000; 0 = uno libre)")
    portal.add_argument("--db", help="archivo SQLite o postgresql://… del portal (por defecto pasarela.sqlite3)")
    portal.add_argument("--seed", type=int, help="semilla de los datos de la cooperativa (PASARELA_SEED)")
    portal.add_argument("--bot-check", choices=["off", "challenge"], help="verificación anti-bots (PASARELA_BOT_CHECK)")
    certification_command.add_parser(commands)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {k: v for k, v in vars(args).items() if k != "command" and v is not None}
    return Settings(**overrides)


def _print_urls(url: str) -> None:
    lines = [f"pasarela-sim escuchando en {url}", "", "Servicios SOAP (ZonaPAGOS):"]
    lines += [f"  {s.path.split('/')[-1]:<24} {url}{s.path}?wsdl" for s in ALL_SERVICES]
    lines += [
        "", "ACH PSE (simulado):",
        f"  MainServices.asmx        {url}/PSEWebServices3/MainServices.asmx?wsdl",
        "", f"Página de pago:    {url}/{DEMO_ROUTE}/pago.asp?estado_pago=iniciar_pago&identificador=…",
        f"Portal de recaudo: {url}/recaudo/",
        f"Tablero:           {url}/_sim/   ·  buzón {url}/_sim/buzon",
        f"API de control:    {url}/_sim/openapi.json  ·  {url}/_sim/health  ·  {url}/_sim/payments",
        "", f"Comercio demo {DEMO_MERCHANT_ID}: clave inicio '{DEMO_START_PASSWORD}', usuario V4 "
        f"'{DEMO_VERIFY_USER}', clave V4 '{DEMO_VERIFY_PASSWORD}', código de servicio {DEMO_SERVICE_CODE}",
        "Ctrl-C para detener.",
    ]
    print("\n".join(lines), flush=True)


async def _until_signalled(also: asyncio.Event | None = None) -> None:
    stop = also or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def serve(settings: Settings) -> None:
    """One process serving the simulator; as a worker it shares the port with its siblings. A process of its
    own claims the port before it touches the database: a busy port leaves the file as it was."""
    if settings.worker:
        await _serve(settings)
        return
    with claimed_port(settings.host, settings.port):
        prepare_database(settings)
        await _serve(settings)


async def _serve(settings: Settings) -> None:
    built = bootstrap(settings)
    limits = Limits.of(settings)
    runner = app_runner(built.app(), limits)
    await runner.setup()
    site = GuardedSite(runner, settings.host, settings.port, Connections(limits), reuse_port=settings.worker or None,
                       backlog=4096)
    try:
        await site.start()
    except OSError:  # the port is taken: undo the start-up (the portal's session, the sonda) before saying so
        await runner.cleanup()
        built.close()
        raise
    port = runner.addresses[0][1]
    stop = asyncio.Event()
    if settings.worker:
        watching = asyncio.create_task(watch_supervisor(stop))  # where prctl is missing; costless elsewhere
        print(WORKER_READY, flush=True)
    else:
        _print_urls(base_url(settings, port))
    await _until_signalled(stop)
    if settings.worker:
        watching.cancel()
    else:
        print("deteniendo…", flush=True)
    await runner.cleanup()  # stops accepting, lets in-flight requests finish, runs cleanups
    built.close()
    if not settings.worker:
        print("detenido.", flush=True)


async def serve_workers(settings: Settings) -> int:
    """A supervisor that claims the port, prepares the database once and keeps `workers` processes serving
    on that port (simulator/supervisor.py). Its exit code: 0 after a clean stop, 1 after a crash loop."""
    port = settings.port or free_port()
    with claimed_port(settings.host, port):
        prepare_database(settings)

        def ready() -> None:
            _print_urls(base_url(settings, port))
            print(f"{settings.workers} procesos de trabajo comparten el puerto {port} y {redacted(settings.db)}", flush=True)

        code = await Supervisor(settings, port).run(ready)
    if code == 0:
        print("detenido.", flush=True)
    return code


async def serve_portal(settings: Settings) -> None:
    """`pasarela portal`: the recaudo portal alone, paying through the gateway at `--gateway`."""
    portal, store = build_standalone_portal(settings)
    limits = Limits.of(settings)
    runner = app_runner(create_standalone_app(portal, store), limits)
    await runner.setup()
    await GuardedSite(runner, settings.host, settings.port, Connections(limits)).start()
    url = base_url(settings, runner.addresses[0][1])
    print(f"Portal de recaudo: {url}/recaudo/  (pasarela {settings.gateway})", flush=True)
    print(f"Códigos de seguridad enviados: {url}/_sim/inbox?para=<celular o correo>", flush=True)
    print("Ctrl-C para detener.", flush=True)
    await _until_signalled()
    await runner.cleanup()
    store.close()
    print("detenido.", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "certificar":  # a client of a running simulator: none of serve's settings
        return certification_command.certify(args)
    try:
        settings = _settings(args)
    except ValidationError as error:  # one Spanish line naming the flag (and its variable), no traceback
        given = {name for name, value in vars(args).items() if value is not None}
        print(f"pasarela: {settings_error(error, given)}", file=sys.stderr)
        return USAGE_EXIT
    configure_logs(settings.log_level, settings.log_format)
    quiet_refused_requests()
    if settings.port == 0 and not settings.worker:  # one port known before building: the portal calls itself
        settings = settings.model_copy(update={"port": free_port()})
    if args.command == "portal":
        try:
            asyncio.run(serve_portal(settings))
        except (sqlite3.Error, DatabaseUnavailable) as error:
            print(f"no fue posible usar la base de datos {redacted(settings.db)}: {error}", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"no fue posible iniciar el portal: {error}", file=sys.stderr)
            return 1
    if args.command == "serve":
        if settings.worker and not die_with_supervisor():
            return 0  # the supervisor that started this worker is gone already
        token = control_token_for(settings.host, settings.control_token)
        if token and not settings.control_token and not settings.worker:
            print(f"La API de control /_sim/ exige el token: {token}", flush=True)
        settings = settings.model_copy(update={"control_token": token})
        try:
            if settings.workers > 1 and not settings.worker:
                return asyncio.run(serve_workers(settings))
            asyncio.run(serve(settings))
        except (sqlite3.Error, DatabaseUnavailable) as error:  # no such folder, not a database, server down...
            print(f"no fue posible usar la base de datos {redacted(settings.db)}: {error}", file=sys.stderr)
            return 1
        except OSError as error:  # port in use...
            print(f"no fue posible iniciar el simulador: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
