"""The ``plangraph`` command: parses arguments, calls the library, maps errors to exit codes.

Exit codes: 0 ok, 1 SHACL violations, 2 bad input or usage, 3 internal error.
Heavy libraries are imported inside the commands, so ``plangraph --help`` answers at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import InputError, PlangraphError

__all__ = ["main"]


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build_to

    result = build_to(
        args.inputs,
        args.output,
        source_dirs=args.source_dir,
        html=not args.no_html,
        progress=None if args.quiet else _say,
    )
    if not args.quiet:
        docs = len(result.records)
        html = f", {result.nodes} nodes drawn" if not args.no_html else ""
        _say(f"built {docs} document(s): {result.triples} triples{html}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .shacl import validate

    report = validate(args.path)
    print(report.summary())
    return 0 if report.conforms else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plangraph",
        description="Turn Chinese government planning documents into a traceable RDF"
        " knowledge graph.",
        epilog="Exit codes: 0 ok, 1 SHACL violations, 2 bad input or usage, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"plangraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="records → graph.trig and graph.html",
        description="Build the RDF dataset (one named graph per document) and its HTML network. "
        "With no INPUT, builds the bundled Shanxi 2024 sample.",
    )
    build.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="records files (.yaml) or folders of them"
    )
    build.add_argument(
        "-o", "--output", default="out", metavar="DIR", help="output folder (default: out)"
    )
    build.add_argument(
        "--source-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="where to find the source texts, to check evidence spans against them (repeatable)",
    )
    build.add_argument("--no-html", action="store_true", help="write graph.trig only")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    build.set_defaults(run=_cmd_build)

    check = sub.add_parser(
        "validate",
        help="SHACL report of a built graph",
        description="Check an RDF file against the plangraph SHACL shapes. "
        "Exit 0 when it conforms, 1 when it does not, 2 when it cannot be read.",
    )
    check.add_argument(
        "path", nargs="?", default="out/graph.trig", help="RDF file (default: out/graph.trig)"
    )
    check.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except InputError as exc:
        print(f"plangraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except PlangraphError as exc:
        print(f"plangraph: internal error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("plangraph: interrupted; earlier outputs are left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
