"""`pasarela certificar`: the guided rehearsal from the command line (rehearsal.py). Exit codes: 0 when approved
(with a merchant command: every rule proven and met, every step ended with 0; grading only the journal: no rule
`no_cumple`), 1 when not (a merchant's CI fails), 2 for a bad option (one Spanish line, like every `pasarela`
option), 3 when the rehearsal could not run (the simulator unreachable, the merchant unknown)."""
from __future__ import annotations

import argparse
import os
import sys
from urllib.parse import urlsplit

from simulator.certification.rehearsal import RehearsalError, RehearsalSettings, Walk, command_runner, summary
from simulator.certification.scenarios import BY_CODE, SCENARIOS
from simulator.cli_errors import USAGE_EXIT

NOT_MET_EXIT = 1
COULD_NOT_RUN_EXIT = 3


def add_parser(commands: argparse._SubParsersAction) -> None:
    certify = commands.add_parser(
        "certificar", help="ensaya la certificación de un comercio contra un simulador en marcha y la califica")
    certify.add_argument("--comercio", type=int, required=True, help="número del comercio (id_tienda)")
    certify.add_argument("--url", help="URL del simulador (PASARELA_URL, por defecto http://127.0.0.1:8000)")
    certify.add_argument("--token", help="token de la API de control (PASARELA_CONTROL_TOKEN)")
    certify.add_argument("--escenarios", help=f"escenarios separados por comas (por defecto todos: "
                         f"{', '.join(BY_CODE)})")
    certify.add_argument("--paginas", action="store_true", help="revisar también la página de resultado del comercio")
    certify.add_argument("--desde", type=int, help="calificar desde esta entrada del diario (sin orden del comercio)")
    certify.add_argument("--tiempo-paso", type=float, default=60.0, help="segundos máximos de cada paso del comercio")
    certify.add_argument("orden", nargs=argparse.REMAINDER,
                         help="-- orden del comercio, ejecutada una vez por paso con PASARELA_ESCENARIO y "
                         "PASARELA_PASO")


def _usage(message: str) -> int:
    print(f"pasarela: {message} (pasarela certificar --help explica cada opción)", file=sys.stderr)
    return USAGE_EXIT


def certify(args: argparse.Namespace) -> int:
    url = args.url or os.environ.get("PASARELA_URL") or "http://127.0.0.1:8000"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _usage(f"opción no válida: --url = {url} debe empezar por http:// o https:// y nombrar un servidor")
    if args.comercio <= 0:
        return _usage(f"opción no válida: --comercio = {args.comercio} debe ser mayor que 0")
    if args.desde is not None and args.desde < 0:
        return _usage(f"opción no válida: --desde = {args.desde} debe ser mayor o igual a 0")
    if not 0 < args.tiempo_paso <= 3600:
        return _usage(f"opción no válida: --tiempo-paso = {args.tiempo_paso} debe estar entre 0 y 3600")
    scenarios = SCENARIOS
    if args.escenarios:
        codes = [code.strip() for code in args.escenarios.split(",") if code.strip()]
        unknown = [code for code in codes if code not in BY_CODE]
        if unknown or not codes:
            return _usage(f"opción no válida: --escenarios = {args.escenarios} debe nombrar escenarios de "
                          f"{', '.join(BY_CODE)}")
        scenarios = tuple(BY_CODE[code] for code in codes)
    command = list(args.orden[1:] if args.orden[:1] == ["--"] else args.orden)
    settings = RehearsalSettings(url=url, merchant_id=args.comercio, command=command,
                                 token=args.token or os.environ.get("PASARELA_CONTROL_TOKEN") or None,
                                 pages=args.paginas, step_timeout=args.tiempo_paso, scenarios=scenarios,
                                 since=args.desde)
    try:
        report = Walk(settings, command_runner(settings), lambda line: print(line, flush=True)).run()
    except RehearsalError as error:
        print(f"pasarela: {error}", file=sys.stderr)
        return COULD_NOT_RUN_EXIT
    print("\n".join(summary(report)), flush=True)
    return 0 if report["aprobada"] else NOT_MET_EXIT
