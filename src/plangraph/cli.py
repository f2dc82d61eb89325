"""The ``plangraph`` command: parses arguments, calls the library, maps errors to exit codes.

Exit codes: 0 ok, 1 SHACL violations, 2 bad input or usage, 3 internal error.
Heavy libraries are imported inside the commands, so ``plangraph --help`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from plangraph._version import __version__
from plangraph.errors import InputError, PlangraphError

__all__ = ["main"]

_DEFAULT_DATA = "out/graph.trig"


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    from plangraph.pipeline.builder import build_to

    result = build_to(
        args.inputs,
        args.output,
        source_dirs=args.source_dir,
        options=_extract_options(args),  # type: ignore[arg-type]
        html=not args.no_html,
        progress=None if args.quiet else _progress(),
        store=args.store,
        jobs=args.jobs,
        cache=not args.no_cache,
        keep_going=True,
    )
    if not args.quiet and result.documents:
        docs = len(result.documents)
        html = f", {result.nodes} nodes drawn" if not args.no_html else ""
        _say(f"built {docs} document(s): {result.triples} triples{html}")
    for failure in result.failures:
        print(f"plangraph: error: {failure} (document skipped)", file=sys.stderr)
    return 2 if result.failures else 0


def _progress() -> Callable[[str], None]:
    from plangraph.pipeline.corpus import terminal_progress

    def show(message: str) -> None:
        counted = re.match(r"(?:extracted|made graph) (\d+)/(\d+):", message)
        if counted is None:
            _say(message)
            return
        terminal_progress(message)  # one updating line on a terminal, lines in a log
        if sys.stderr.isatty() and counted.group(1) == counted.group(2):
            sys.stderr.write("\n")

    return show


def _extract_options(args: argparse.Namespace) -> object:
    from plangraph.extraction import ExtractOptions

    return ExtractOptions(
        doc_id=getattr(args, "id", None),
        region=args.region,
        year=args.year,
        encoding=args.encoding,
    )


_KINDS = ("keywords", "measures", "projects", "tasks", "targets", "outcomes", "regions")


def _cmd_extract(args: argparse.Namespace) -> int:
    from plangraph._files import atomic_write
    from plangraph.extraction import extract
    from plangraph.records.reader import dump_records
    from plangraph.sources.text import read_source

    source = read_source(args.text, encoding=args.encoding)
    records = extract(source, _extract_options(args))  # type: ignore[arg-type]
    text = dump_records(records)
    if args.text_out:
        atomic_write(args.text_out, source.text)
    if args.output:
        atomic_write(args.output, text)
        if not args.quiet:
            counts = ", ".join(f"{len(getattr(records, k))} {k}" for k in _KINDS)
            _say(f"extracted {args.text}: {counts} → {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    from plangraph.extraction.inspection import inspect_document

    found = inspect_document(args.document, _extract_options(args))  # type: ignore[arg-type]
    print(found.to_json() if args.format == "json" else found.table())
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from plangraph.extraction.goldset import GOLD_FORMAT
    from plangraph.extraction.scoring import evaluate

    gold = Path(args.gold)
    if gold.is_dir() or (gold.suffix in (".yaml", ".yml") and GOLD_FORMAT in _head(gold)):
        return _eval_gold(args)
    from plangraph.pipeline.corpus import read_inputs

    # a report given as PREDICTED is extracted on the fly; GOLD must be reviewed records
    (predicted,) = read_inputs([args.predicted])
    (gold_records,) = read_inputs([args.gold])
    print(evaluate(predicted, gold_records).table(errors=args.errors))
    return 0


def _head(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.read(200)
    except OSError:
        return ""


def _eval_gold(args: argparse.Namespace) -> int:
    """PREDICTED: the report (or the folder the check sets' sources are relative to); GOLD: a
    check set of mentions, or a folder of them (scores summed)."""
    from plangraph.extraction import extract
    from plangraph.extraction.goldset import evaluate_gold, load_gold, merge_reports

    gold_path = Path(args.gold)
    files = sorted(gold_path.glob("*.yaml")) if gold_path.is_dir() else [gold_path]
    reports = []
    for file in files:
        gold = load_gold(file)
        predicted = Path(args.predicted)
        text = predicted / gold.source if predicted.is_dir() else predicted
        report = evaluate_gold(extract(text), gold)
        if len(files) > 1 and args.errors:
            print(f"== {file.name}")
            print(report.table(errors=True))
        reports.append(report)
    print(merge_reports(reports).table(errors=args.errors and len(files) == 1))
    return 0


def _cmd_track(args: argparse.Namespace) -> int:
    from plangraph.pipeline.corpus import read_inputs
    from plangraph.pipeline.track import format_links, format_unreported, link_corpus

    if args.gold:
        return _track_gold(args)
    if args.second:
        raise InputError("--second goes with --gold: the first reader's check sets")
    if not args.inputs:
        raise InputError("give the reports to track (INPUT...), or --gold CHECKSETS --reports DIR")
    records = read_inputs(args.inputs, options=_extract_options(args))
    if args.unreported:
        from plangraph.pipeline.track import unreported_corpus

        found = unreported_corpus(records)
        if args.format == "csv":
            import csv

            writer = csv.writer(sys.stdout)
            writer.writerow(["earlier", "later", "kind", "step", "commitment", "evidence"])
            for earlier, later, silent in found:
                for c in silent:
                    span = c.evidence[0]
                    evidence = f"「{span.quote}」 {span.start}–{span.end}"
                    row = [earlier.document.id, later.document.id, c.kind, c.step or ""]
                    writer.writerow([*row, c.object, evidence])
        else:
            for earlier, later, silent in found:
                print(f"{earlier.document.id} → {later.document.id}: {len(silent)} not reported")
                print(format_unreported(earlier, silent))
        if not found:
            _say("no pair to read: give a region's plan for year Y and its report for Y+1")
        return 0
    links = link_corpus(records)
    if args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        head = ["earlier", "later", "kind", "status", "commitment", "outcome", "reports"]
        writer.writerow([*head, "commitment_evidence", "outcome_evidence"])
        for k in links:
            row = [k.earlier, k.later, k.kind, k.status, k.commitment_label, k.outcome_label]
            writer.writerow([*row, k.commitment, k.commitment_evidence, k.outcome_evidence])
    else:
        print(format_links(links))
        if not links:
            _say("no outcome linked: give a region's plan for year Y and its report for Y+1")
    return 0


def _track_gold(args: argparse.Namespace) -> int:
    from plangraph.pipeline.goldlinks import (
        check_agreement,
        check_tracking,
        format_agreement,
        format_scores,
    )

    if not args.reports:
        raise InputError("--gold needs --reports DIR: the folder the check sets' reports are in")
    if args.inputs:
        raise InputError("give either INPUT... or --gold, not both")
    if args.second:
        print(format_agreement(check_agreement(args.gold, args.second, args.reports)))
        return 0
    print(format_scores(check_tracking(args.gold, args.reports), errors=args.errors))
    return 0


def _extract_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--region", metavar="CODE", help="issuing region's code, if the header lacks it"
    )
    parser.add_argument("--year", type=int, help="plan year, if the header lacks it")
    parser.add_argument(
        "--encoding",
        help="encoding of .txt/.md reports (and of web pages that do not say theirs);"
        " default: UTF-8, UTF-16 with a byte order mark or GB18030, detected",
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    from plangraph.graph.shacl import validate

    report = validate(args.path)
    print(report.summary())
    conforms = report.conforms
    if args.source_dir:
        from plangraph.pipeline.quotes import check_quotes

        quotes = check_quotes(args.path, args.source_dir)
        print(quotes.summary())
        conforms = conforms and quotes.conforms
    return 0 if conforms else 1


def _bindings(pairs: Sequence[str]) -> dict[str, str]:
    bindings = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise InputError(f"--bind expects name=value, not {pair!r}")
        bindings[name.strip()] = value
    return bindings


def _data(args: argparse.Namespace) -> str:
    """The --store or --data argument; the default file must exist (a hint if not)."""
    from pathlib import Path

    if args.store:
        return str(args.store)
    if args.data is None:
        if not Path(_DEFAULT_DATA).exists():
            raise InputError(
                "no such file; build it with `plangraph build`, or give --data or --store",
                path=_DEFAULT_DATA,
            )
        return _DEFAULT_DATA
    return str(args.data)


def _cmd_query(args: argparse.Namespace) -> int:
    from plangraph.sparql.catalogue import describe_named_queries
    from plangraph.sparql.execute import run
    from plangraph.sparql.prepare import prepare
    from plangraph.sparql.results import evaluation, gather
    from plangraph.sparql.store import open_data, open_store
    from plangraph.sparql.terminal import format_table
    from plangraph.sparql.writers import write

    if args.list:
        print(describe_named_queries())
        return 0
    if args.query is None:
        raise InputError("give a query: SPARQL text, a .rq file or a named query (see --list)")
    prepared = prepare(args.query, _bindings(args.bind), text_bindings=True)
    store = open_store(args.store) if args.store else open_data(_data(args))
    answer = run(store, prepared)
    with evaluation(prepared.origin):
        if args.format == "table":
            print(format_table(gather(answer)))
        else:
            sys.stdout.flush()
            write(answer, args.format, sys.stdout.buffer)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from plangraph.sparql.compare import compare, format_table, indicator_names
    from plangraph.sparql.store import open_store

    names = indicator_names(args.indicator)  # an unknown name fails before any data is read
    data = open_store(args.store) if args.store else _data(args)
    table = compare(data, names, year=args.year, region=args.region)
    if args.format == "csv":
        sys.stdout.write(table.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    elif table.empty:
        _say("no target of these concepts in the data (were the documents built with concepts?)")
    else:
        print(format_table(table))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from plangraph.sparql.serve.server import Limits, make_server, serve

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        _say(f"warning: serving on {args.host}, reachable from other machines")

    def ready(server: object) -> None:
        _say(f"serving {getattr(server, 'url', '')} (query page at /; Ctrl-C stops)")

    server = make_server(
        None if args.store else _data(args),
        store=args.store,
        host=args.host,
        port=args.port,
        limits=Limits(timeout=args.timeout, max_rows=args.max_rows, memory_mb=args.memory_limit),
        cors=args.cors,
        workers=args.workers,
        log=None if args.quiet else _say,
        memory=args.in_memory,
    )
    try:
        serve(server, ready=ready)
    except BrokenPipeError:  # `plangraph … | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — silence the flush at exit
        return 0
    except KeyboardInterrupt:
        _say("stopped")
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    import os

    from plangraph.sparql.push import push

    password = os.environ.get("PLANGRAPH_PUSH_PASSWORD")
    if args.user and password is None:
        raise InputError(
            "--user needs the password in the environment variable PLANGRAPH_PUSH_PASSWORD"
        )
    results = push(
        _data(args),
        args.endpoint,
        protocol=args.protocol,
        user=args.user,
        password=password,
        graphs=args.graph or None,
        progress=None if args.quiet else _say,
    )
    if not args.quiet:
        _say(f"pushed {len(results)} graph(s): {sum(r.triples for r in results)} triples")
    return 0


def _data_flags(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data", metavar="PATH", help=f"RDF file or store folder (default: {_DEFAULT_DATA})"
    )
    where.add_argument("--store", metavar="DIR", help="store folder (made by build --store)")


def _cmd_viz(args: argparse.Namespace) -> int:
    from plangraph.pipeline.draw import draw

    net = draw(
        args.path,
        args.output,
        keyword=args.keyword,
        types=args.types,
        document=args.document,
        region=args.region,
        industry=args.industry,
        view=args.view,
        embed_font=not args.no_font,
    )
    if not args.quiet:
        _say(f"wrote {args.output}: {len(net)} nodes, {net.number_of_edges()} links")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from plangraph.view.export import export

    written = export(_data(args), args.output, args.format)
    if not args.quiet:
        _say("wrote " + ", ".join(map(str, written)))
    return 0


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
        help="records and reports → graph.trig, graph.html and texts/",
        description="Build the RDF dataset (one named graph per document; each report's outcomes "
        "linked to the commitments of its region's previous year) and its HTML network. With no "
        "INPUT, builds the bundled Shanxi 2024 sample. The text read from each report is saved as "
        "DIR/texts/ID.txt (every evidence offset points into it). Unchanged documents are taken "
        "from DIR/.cache; when nothing changed, the outputs are kept. One build at a time writes "
        "into DIR; an input that cannot be read is named and the others are built (exit 2).",
    )
    build.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="records (.yaml), reports (.txt, .md, .docx, .html, .htm, .pdf with a text layer) or"
        " folders of them (subfolders too); none: the bundled sample",
    )
    build.add_argument(
        "-o", "--output", default="out", metavar="DIR", help="output folder (default: out)"
    )
    build.add_argument(
        "--source-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="where to find the source texts of records files, to check evidence spans against"
        " them (repeatable)",
    )
    build.add_argument("--no-html", action="store_true", help="write graph.trig only")
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes reading, linking and writing documents (default: one per core)",
    )
    build.add_argument(
        "--no-cache", action="store_true", help="redo every document (default: reuse DIR/.cache)"
    )
    build.add_argument(
        "--store", metavar="DIR", help="also load the dataset into this store folder (replaced)"
    )
    _extract_flags(build)
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
    check.add_argument(
        "--source-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also check every quote against the texts in DIR: a build's texts/ folder (ID.txt),"
        " or the reports themselves (repeatable)",
    )
    check.set_defaults(run=_cmd_validate)

    viz = sub.add_parser(
        "viz",
        help="the HTML network of a dataset, or of a part of it",
        description="Draw the interactive network of an RDF file (e.g. out/graph.trig) or of "
        "records (.yaml) as one self-contained HTML page. Filters narrow it to a part; all "
        "given filters must hold.",
    )
    viz.add_argument("path", metavar="PATH", help="RDF file, records file (.yaml) or folder")
    viz.add_argument("-o", "--output", required=True, metavar="FILE", help="the page to write")
    viz.add_argument(
        "--keyword",
        action="append",
        metavar="K",
        help="a keyword (label or IRI) and everything under it (repeatable)",
    )
    viz.add_argument(
        "--types",
        nargs="+",
        metavar="TYPE",
        help="only these node types, e.g. Keyword Project Region (or 关键词 项目 地区)",
    )
    viz.add_argument("--document", metavar="D", help="the facts of one document (id or title)")
    viz.add_argument(
        "--region", metavar="R", help="facts located in a region (name or adcode) or inside it"
    )
    viz.add_argument("--industry", metavar="I", help="facts of an industry")
    viz.add_argument(
        "--view",
        choices=("auto", "full", "overview", "matrix"),
        default="auto",
        help="what the page opens on (default auto: the matrix of themes × documents from 3"
        " documents on, else the keyword overview above 1500 nodes, else the full network)",
    )
    viz.add_argument(
        "--no-font",
        action="store_true",
        help="leave out the embedded CJK font (smaller; Chinese then needs a font on the reader's"
        " machine)",
    )
    viz.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    viz.set_defaults(run=_cmd_viz)

    ext = sub.add_parser(
        "extract",
        help="report → records (.yaml)",
        description="Extract keywords, measures, projects, regions, industries, targets, outcomes "
        "and livelihood tasks from a report into records: a text (UTF-8, UTF-16 or GB18030), a "
        "Word file (.docx), a saved web page (.html) or a PDF with a text layer. Offsets point "
        "into the text read; --text FILE saves it.",
    )
    ext.add_argument(
        "text", metavar="REPORT", help="the report: .txt, .md, .docx, .html, .htm or .pdf"
    )
    ext.add_argument(
        "--text",
        dest="text_out",
        metavar="FILE",
        help="also save the text read (UTF-8), into which every offset points",
    )
    ext.add_argument("-o", "--output", metavar="FILE", help="records file (default: stdout)")
    ext.add_argument("--id", help="document id (default: from the file name)")
    _extract_flags(ext)
    ext.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    ext.set_defaults(run=_cmd_extract)

    ins = sub.add_parser(
        "inspect",
        help="what plangraph takes a report to be: header, parts, keywords, counts",
        description="Read DOC as `extract` does and show what was found where: each header "
        "field (title, year, issuing region, date, session, speaker) with the characters it was "
        "read from, the typed parts (review, five-year review and goals, the year's plan, the "
        "government's own work, appendices) with their ranges, the keywords, the livelihood "
        "tasks, and the facts of each part.",
    )
    ins.add_argument("document", metavar="DOC", help="the report, a .txt or .md file")
    ins.add_argument("--format", choices=["table", "json"], default="table")
    _extract_flags(ins)
    ins.set_defaults(run=_cmd_inspect)

    ev = sub.add_parser(
        "eval",
        help="precision and recall of extracted records against reviewed ones",
        description="Compare PREDICTED (records, or a text to extract) with GOLD records,"
        " per kind of fact.",
    )
    ev.add_argument(
        "predicted",
        metavar="PREDICTED",
        help="records (.yaml) or a report; with a folder of check sets as GOLD, the folder their"
        " sources are relative to",
    )
    ev.add_argument(
        "gold",
        metavar="GOLD",
        help="reviewed records (.yaml), a check set of mentions (plangraph-gold/1), or a folder"
        " of check sets",
    )
    ev.add_argument("--errors", action="store_true", help="list each miss and each extra")
    ev.set_defaults(run=_cmd_eval)

    tr = sub.add_parser(
        "track",
        help="commitments of one year against results reported the next",
        description="Link what a region's year Y+1 report says of year Y (its figures and the "
        "events of its review part) to the commitment of its year Y plan it reports on, with a "
        "status (met, exceeded, not-met, partly, started, finished, approved, reported). INPUTs "
        "are records (.yaml) or texts, at least two documents of one region.",
    )
    tr.add_argument("inputs", nargs="*", metavar="INPUT", help="records (.yaml), texts, or folders")
    tr.add_argument("--format", choices=["table", "csv"], default="table")
    tr.add_argument(
        "--unreported",
        action="store_true",
        help="list instead the concrete commitments of year Y (figures, named projects,"
        " livelihood tasks, quoted names of programmes) that the Y+1 report does not speak of",
    )
    tr.add_argument(
        "--gold",
        nargs="+",
        metavar="CHECKSET",
        help="score tracking against check sets of links (plangraph-gold-links/1, files or"
        " folders): precision and recall per pair and in total",
    )
    tr.add_argument(
        "--second",
        nargs="+",
        metavar="CHECKSET",
        help="with --gold: a second reader's check sets of the same pairs (same file names):"
        " how the readers agree, and tracking against both",
    )
    tr.add_argument(
        "--reports", metavar="DIR", help="with --gold: the folder the check sets' reports are in"
    )
    tr.add_argument(
        "--errors", action="store_true", help="with --gold: list each wrong and each missed link"
    )
    _extract_flags(tr)
    tr.set_defaults(run=_cmd_track)

    qry = sub.add_parser(
        "query",
        help="run SPARQL on a built graph or a store",
        description="Run a SPARQL query (text, a .rq file, or the NAME of a named query) on a "
        "built graph or a store. Prefixes pg, id, rdf, rdfs, owl, xsd, skos, qudt, unit, dcterms "
        "and prov are predeclared; all named graphs together form the default graph.",
    )
    qry.add_argument("query", nargs="?", metavar="SPARQL|FILE.rq|NAME", help="the query")
    _data_flags(qry)
    qry.add_argument(
        "--format",
        choices=["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"],
        default="table",
        help="SELECT/ASK: table, csv, tsv, json, xml (SPARQL results); "
        "CONSTRUCT/DESCRIBE: Turtle (table), ntriples, json (JSON-LD), xml (RDF/XML)",
    )
    qry.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help='a value for ?NAME (repeatable); in SPARQL syntax (<iri>, pg:Exact, 42, "x"@zh) '
        "unless the named query declares its kind",
    )
    qry.add_argument("--list", action="store_true", help="list the named queries and exit")
    qry.set_defaults(run=_cmd_query)

    cmp = sub.add_parser(
        "compare",
        help="one indicator across the regions and years of a build",
        description="Line up the targets of one or more indicator concepts (gdp-growth, "
        "cpi-growth, …) across the documents of a built graph: a row per target with its region, "
        "year, numbers and qualifier, and the outcome a later report gives for it with its status "
        "(from a tracking link, or found by concept, region and year: column match).",
    )
    cmp.add_argument(
        "--indicator",
        required=True,
        metavar="NAME[,NAME…]",
        help="indicator concept names (data/indicators.yaml), comma-separated",
    )
    cmp.add_argument("--year", type=int, metavar="Y", help="only the targets for year Y")
    cmp.add_argument(
        "--region",
        metavar="CODE",
        help="only one region's documents (six-digit code, or 'national'): a time series",
    )
    _data_flags(cmp)
    cmp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    cmp.set_defaults(run=_cmd_compare)

    srv = sub.add_parser(
        "serve",
        help="SPARQL endpoint at /sparql",
        description="Serve the SPARQL 1.1 Protocol (read-only) at /sparql, with a query page at /.",
    )
    _data_flags(srv)
    srv.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    srv.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0: any free)")
    srv.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="time limit per query (default 30)"
    )
    srv.add_argument(
        "--max-rows", type=int, default=10_000, metavar="N", help="result row limit (default 10000)"
    )
    srv.add_argument(
        "--memory-limit",
        type=int,
        default=2048,
        metavar="MIB",
        help="address space per query worker, in MiB (default 2048; 0: none); a query that"
        " needs more is stopped (503)",
    )
    srv.add_argument("--cors", metavar="ORIGIN", help="allow cross-origin requests from ORIGIN, *")
    srv.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    srv.add_argument(
        "--in-memory",
        action="store_true",
        help="each worker copies the store into memory: queries several times faster, more RAM",
    )
    srv.add_argument("-q", "--quiet", action="store_true", help="no request log")
    srv.set_defaults(run=_cmd_serve)

    psh = sub.add_parser(
        "push",
        help="named graphs into an external SPARQL store",
        description="Replace each document's named graph in a SPARQL 1.1 store (Graph Store "
        "Protocol PUT, or SPARQL Update) and merge the shared reference graph. The password for "
        "--user is read from PLANGRAPH_PUSH_PASSWORD.",
    )
    psh.add_argument("--endpoint", required=True, metavar="URL", help="Graph Store or Update URL")
    _data_flags(psh)
    psh.add_argument("--protocol", choices=["gsp", "update"], default="gsp", help="default: gsp")
    psh.add_argument("--user", help="user for HTTP Basic or Digest authentication")
    psh.add_argument(
        "--graph", action="append", default=[], metavar="IRI", help="push only this graph (repeat)"
    )
    psh.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    psh.set_defaults(run=_cmd_push)

    exp = sub.add_parser(
        "export",
        help="the graph for other tools: GraphML, GEXF, CSV tables, JSON-LD",
        description="Write a built graph for other tools: the network (as drawn by viz, with "
        "the page's positions as x and y) as GraphML or GEXF, or as CSV tables (nodes.csv and "
        "edges.csv in the folder -o names); or the RDF dataset as JSON-LD with plangraph's "
        "context.",
    )
    exp.add_argument(
        "--format",
        required=True,
        choices=("graphml", "gexf", "csv", "jsonld"),
        help="graphml, gexf, csv (a folder of nodes.csv and edges.csv) or jsonld",
    )
    _data_flags(exp)
    exp.add_argument("-o", "--output", required=True, metavar="FILE", help="file (csv: folder)")
    exp.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    exp.set_defaults(run=_cmd_export)
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
    previous = None
    if threading.current_thread() is threading.main_thread():
        # a polite kill (SIGTERM) stops the command as Ctrl-C does: clean-up runs, outputs stay
        previous = signal.signal(signal.SIGTERM, _interrupt)
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
    except BrokenPipeError:  # the reader went away (plangraph query … | head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
