"""The endpoint under a fuzz: random requests plus runaway queries against a real
``plangraph serve`` on 127.0.0.1, with the peak memory of all its processes measured.

Starts ``plangraph serve`` on the bundled sample (or ``--data``), a TCP listener on loopback
that a SERVICE call would reach, and a sampler that sums the resident memory (RSS) of the server
and its worker processes every 20 ms. Sends ``--requests`` random requests (methods, paths,
query strings, headers, bodies, some valid queries, some malformed) from ``--clients`` threads,
with the runaway queries of issue 17 mixed in: a cross join sorted (memory), a triple join
(time), 5,000 nested brackets, SERVICE calls dressed to pass a token scan, GROUP_CONCAT over
everything, FROM a graph that does not exist. Then checks the server still answers.

Prints the statuses, the peak memory (server, workers, all together), what the listener got
(must be nothing), and the bound the limits give: main process + workers × ``--memory-limit``.

Run: ``python benchmarks/fuzz_endpoint.py`` (a few minutes; ``--requests 1000`` for a look).
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

RUNAWAY = [
    "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "ASK " + "{" * 5000 + "}" * 5000,
    "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o . ?x ?y ?o }",
    "SELECT (COUNT(*) AS ?n) FROM <http://nowhere.example/g> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o }",
]
SERVICE = [
    "PREFIX k: <https://w3id.org/plangraph/ontology#Keyword>"
    " SELECT * WHERE {{ ?s a k: SERVICE <http://127.0.0.1:{port}/x> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?a?b?c SERVICE<http://127.0.0.1:{port}/x>{{?a ?b ?c}} }}",
    "select * {{ service silent <http://127.0.0.1:{port}/x> {{ ?a ?b ?c }} }}",
]
VALID = [
    "ASK { ?p a pg:Project }",
    "SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type",
    "CONSTRUCT { <s> <p> 1 } WHERE {}",
    "DESCRIBE pg:Exact",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 50",
]
NOISE = "{}()[]<>?$:;,.'\"#\\ SELECT WHERE SERVICE FROM NAMED GRAPH INSERT pg: _:b @zh 1e9 \n\t"


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(NOISE) for _ in range(rng.randint(0, 80)))


def _query(rng: random.Random, port: int) -> str:
    pick = rng.random()
    if pick < 0.3:
        return rng.choice(VALID)
    if pick < 0.4:
        return rng.choice(SERVICE).format(port=port)
    if pick < 0.7:
        return _random_text(rng)
    base = rng.choice(VALID)
    cut = rng.randint(0, len(base))
    return base[:cut] + _random_text(rng)[:10] + base[cut:]


def _request(rng: random.Random, port: int) -> tuple[str, str, dict[str, str], bytes | None]:
    method = rng.choice(["GET"] * 5 + ["POST"] * 4 + ["HEAD", "PUT", "OPTIONS", "DELETE"])
    path = rng.choice(["/sparql"] * 8 + ["/sparql/", "/", "/nothing", "/sparql?"])
    params: list[tuple[str, str]] = []
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        key = rng.choice(
            ["query"] * 6 + ["update", "default-graph-uri", "named-graph-uri", "format"]
        )
        value = _query(rng, port) if key in ("query", "update") else _random_text(rng)
        params.append((key, value))
    headers = {}
    if rng.random() < 0.5:
        headers["Accept"] = rng.choice(
            ["text/csv", "*/*", "application/sparql-results+xml", "text/turtle", "x/y;q=oops"]
        )
    body = None
    target = path
    if method == "POST":
        kind = rng.choice(["form", "direct", "update", "none", "bad"])
        if kind == "form":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(params).encode()
        elif kind == "direct":
            headers["Content-Type"] = "application/sparql-query"
            body = _query(rng, port).encode("utf-8", "replace")
        elif kind == "update":
            headers["Content-Type"] = "application/sparql-update"
            body = b"DELETE WHERE { ?s ?p ?o }"
        elif kind == "bad":
            headers["Content-Type"] = "application/sparql-query"
            body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))
    elif params:
        target = path + ("&" if "?" in path else "?") + urllib.parse.urlencode(params)
    return method, target, headers, body


def _send(port: int, method: str, target: str, headers: dict[str, str], body: bytes | None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as exc:
        return -1 if not isinstance(exc, TimeoutError) else -2
    finally:
        connection.close()


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = collections.defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children[parent].append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children[pid])
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_total = self.peak_main = self.peak_worker = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.root)
            sizes = {pid: _rss(pid) for pid in pids}
            self.peak_total = max(self.peak_total, sum(sizes.values()))
            self.peak_main = max(self.peak_main, sizes.get(self.root, 0))
            others = [v for pid, v in sizes.items() if pid != self.root]
            self.peak_worker = max([self.peak_worker, *others])
            time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--data", help="RDF file or store folder (default: the bundled sample)")
    parser.add_argument("--timeout", type=float, default=10.0, help="serve --timeout")
    parser.add_argument("--memory-limit", type=int, default=2048, help="serve --memory-limit")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="plangraph-fuzz-") as scratch:
        data = args.data
        if data is None:
            import plangraph

            data = str(Path(scratch) / "graph.trig")
            Path(data).write_text(plangraph.build().serialize(format="trig"), encoding="utf-8")
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        port_seen = listener.getsockname()[1]
        reached: list[bytes] = []
        done = threading.Event()

        def accept() -> None:
            while not done.is_set():
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                with conn:
                    reached.append(conn.recv(200) or b"<connected>")

        threading.Thread(target=accept, daemon=True).start()
        command = [sys.executable, "-m", "plangraph.cli", "serve", "--data", data, "-q"]
        command += ["--port", "0", "--timeout", str(args.timeout)]
        command += ["--memory-limit", str(args.memory_limit), "--workers", str(args.workers)]
        server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        try:
            assert server.stderr is not None
            line = server.stderr.readline()
            found = re.search(r"serving http://127\.0\.0\.1:(\d+)/sparql", line)
            if not found:
                raise SystemExit(f"the server did not start: {line}{server.stderr.read()}")
            port = int(found.group(1))
            sampler = Sampler(server.pid)
            sampler.start()
            rng = random.Random(args.seed)
            jobs = [_request(rng, port_seen) for _ in range(args.requests)]
            for i, text in enumerate(RUNAWAY * 3):  # the runaway queries, spread through
                encoded = urllib.parse.urlencode({"query": text})
                at = (i + 1) * len(jobs) // (len(RUNAWAY) * 3 + 1)
                jobs.insert(
                    at,
                    (
                        "POST",
                        "/sparql",
                        {"Content-Type": "application/x-www-form-urlencoded"},
                        encoded.encode(),
                    ),
                )
            statuses: collections.Counter[int] = collections.Counter()
            lock = threading.Lock()
            todo = iter(jobs)
            started = time.monotonic()

            def client() -> None:
                while True:
                    with lock:
                        job = next(todo, None)
                    if job is None:
                        return
                    status = _send(port, *job)
                    with lock:
                        statuses[status] += 1

            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            alive = _send(
                port, "GET", "/sparql?" + urllib.parse.urlencode({"query": VALID[0]}), {}, None
            )
            time.sleep(0.5)
            sampler.stop.set()
            sampler.join()
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
            done.set()
            listener.close()

    mib = 1024 * 1024
    print(
        f"{len(jobs)} requests ({args.requests} random + {len(RUNAWAY) * 3} runaway) "
        f"from {args.clients} clients in {elapsed:.1f} s"
    )
    print("statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"after the fuzz the server answers: {alive == 200} (status {alive})")
    print(f"SERVICE calls that reached the loopback listener: {len(reached)}")
    print(
        f"peak RSS: all processes {sampler.peak_total / mib:.0f} MiB, server "
        f"{sampler.peak_main / mib:.0f} MiB, largest worker {sampler.peak_worker / mib:.0f} MiB"
    )
    bound = sampler.peak_main / mib + args.workers * args.memory_limit
    print(
        f"bound by the limits: server + {args.workers} × {args.memory_limit} MiB ≈ {bound:.0f} MiB"
    )
    if reached or alive != 200:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
