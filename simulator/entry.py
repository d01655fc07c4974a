"""`pasarela`'s entry point. `pasarela certificar` is a client of a running simulator: it starts without importing
the server (bootstrap, adapters, the SOAP contracts), which took about 1.5 s of CPU before the first line; every
other command is simulator/cli.py's."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["certificar"]:
        from simulator.certification.command import add_parser, certify
        from simulator.cli_errors import SpanishParser

        parser = SpanishParser(prog="pasarela", description="Simulador local de RedCoop/ZonaPAGOS/PSE")
        add_parser(parser.add_subparsers(dest="command", required=True, metavar="orden"))
        return certify(parser.parse_args(args))
    from simulator.cli import main as serve_or_portal

    return serve_or_portal(args)


if __name__ == "__main__":
    sys.exit(main())
