"""Scale benchmark: how the content check, the site build and search cost grow with the content.

Prints figures; it is not a timed test. For each size N (calls; stories ≈ N/10; the five
services) it generates a synthetic, valid content tree with ``benchmarks/generate.py`` and
measures:

* ``check``: wall time of ``python -m build_tools check`` (the editors' command, a fresh
  process), and of the checks alone in-process (``build_tools.pipeline.run_checks``); each is
  compared with the same amount of raw work: reading every file, splitting its front
  matter and ``yaml.load(..., CSafeLoader)`` — in a fresh process, and in-process.
* the full site build (``python -m build_tools build``: checks, generated pages, MkDocs +
  Material, Pagefind), wall time and peak memory (largest high-water mark of a process in
  the tree, sampled from /proc), against a *plain MkDocs baseline*: the
  Markdown bodies of the same published items (scheduled and draft ones are not built) as
  plain pages (``not_in_nav``), same theme, Markdown extensions and CSS/JS, no plugin of
  ours, Material's own search on. With ``--repeat``, site and baseline builds alternate: the
  build target is judged on the median of the pairs' ratios (each site build over the baseline
  build right after it, which ran under the same load from elsewhere); the best of each is
  printed too, but on a shared machine it may pair a lucky baseline with an unlucky site.
  How the site build's time splits, as the build itself reports it (``$LAB_TIMINGS_FILE``):
  start-up, the pipeline (checks, derived site, every output including the pages' HTML), MkDocs
  rendering the theme while Pagefind indexes alongside, and the index after the last page;
  Pagefind alone over the finished site is timed too;
* the compressed bytes ``/bandi/`` loads before any interaction (``tests/browser/pageweight.py``):
  it shows its first page of cards at any size (``/bandi/pagina/N/`` the rest), so the figure
  stays flat; and the gzip size of the explorer's complete list (``bandi/elenco.json``), which
  it loads at the first filter, sort or "Mostra altri";
* output size per published item (site bytes / items published);
* the compressed bytes a visitor downloads before the first search results appear: Chromium
  with a cold cache opens the search page (``/cerca/``) of the site served over HTTP with
  gzip on 127.0.0.1, types a query and waits for the results (all rendered); the encoded
  body sizes of every response (pages and Pagefind's worker) are summed, headers excluded.
  The same for a visitor who lands on ``/bandi/`` and goes to the search from there;
* "Quale bando fa per me?": the size of its data (``/bandi/quale-bando/dati.json``, raw and
  gzip) for the current calls and, as the worst case, with every generated call counted as
  current; and the time Chromium takes to answer a Lazio cooperative (the rule on every call,
  grouped and sorted; median of 9 runs) for both;
* the largest/smallest size ratio of each cost, to show how it grows;
* the demo site (``benchmarks/demo.py``): bytes per page type against the budgets, the W3C Nu
  HTML Checker's errors, Lighthouse (mobile) on home, ``/bandi/``, a call, a story, the finder
  and ``/cerca/``.

Targets (PASS/FAIL printed beside each figure; the exit status is 1 if any fails):

* check ≤ 3 × the raw front-matter parse, both in-process, timed in seven pairs one after the
  other, the median pair judged (the editors' command, a fresh process, is printed too: it adds
  a fixed ~0.2 s of imports);
* build ≤ 1.5 × the plain MkDocs baseline (median of the pairs), peak memory ≤ 2 × the baseline's;
* cost ratios between the largest and smallest size ≤ 1.1 × the size ratio (5.5 for 5,000/1,000);
* first search ≤ 160 KB (compressed) at 5,000 calls (checked at the largest size ≥ 5,000);
* ``/bandi/`` ≤ 80 KB (the demo's budget) at every size, and flat: at the largest size ≤ 1.25 × the
  smallest's;
* demo site: bytes per page type within budget (``tests/browser/pageweight.py``), 0 HTML
  errors, Lighthouse performance ≥ 98 and 100 in the other three categories on every page.

Usage (from the repository root)::

    .venv/bin/python benchmarks/run.py                   # sizes 1000,5000, demo site (~9 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick           # sizes 200,1000 (~1 minute)
    .venv/bin/python benchmarks/run.py --sizes 1000,5000 --profile   # + where the build time goes
    make bench BENCH_ARGS=--quick

Options: ``--no-demo`` skips the demo site, ``--demo-only`` measures only the demo site; ``--lighthouse-runs K`` keeps the best of K
Lighthouse runs per page (default 2: its simulated timings follow the machine's load);
``--out DIR`` keeps the generated content and sites (default: a temporary
directory, removed at the end unless ``--keep``); ``--repeat K`` runs the site and the baseline
builds K times each, in pairs (default 5; the median pair is judged, the best of each printed);
``--no-browser`` skips the search measurement; ``--profile`` shows where the build time goes
at the largest size: each plugin event, the lab pipeline step by step (checks, each output
builder), Markdown and template time per template, for the site and the baseline, then a
cProfile of the site build. Needs ``/usr/bin/chromium`` (or
``$CHROMIUM_PATH``) for the search measurement. Times are wall-clock: run it on an idle
machine (the load average is printed at the start and the end).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "benchmarks" / "generate.py"
TODAY = "2026-11-25"
QUERY = "cooperative"  # typed in the search box; the synthetic content is about cooperatives
SEARCH_PAGE = "cerca/"
LISTING_PAGE = "bandi/"
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "benchmarks"))

CHECK_TARGET = 3.0
#: In-process checks timed, each beside a raw parse (the median pair is judged; under a second each at 1,000 calls).
CHECK_PAIRS = 7
BUILD_TARGET = 1.5
MEMORY_TARGET = 2.0
LINEAR_SLACK = 1.1
FIRST_SEARCH_TARGET = 160 * 1000  # bytes, compressed
FIRST_SEARCH_AT = 5000
#: /bandi/ shows its first page of cards at any size: its bytes at the largest size ≤ this × the smallest's.
LISTING_FLAT = 1.25

# Same flags as the browser tests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# --------------------------------------------------------------------------------------------
# measuring processes


@dataclass
class Run:
    seconds: float
    max_rss: int  # bytes, largest resident set in the process tree
    returncode: int
    output: str = ""
    total_rss: int = 0  # bytes, largest sum of the resident sets of the tree's live processes (sampled)
    own_rss: int = 0  # bytes, largest resident set among the tree's processes that are not Pagefind
    pagefind_rss: int = 0  # bytes, largest resident set among Pagefind's processes
    times: dict[str, float] = field(default_factory=dict)  # the lab plugin's own split ($LAB_TIMINGS_FILE)


def _tree_memory(root: int) -> tuple[int, int, int, int]:
    """Resident bytes of ``root`` and every live descendant, the largest high-water mark
    (``VmHWM``) among them, the largest among those that are not Pagefind, and among Pagefind's
    (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, largest, own, pagefind_largest, todo = 0, 0, 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, [])
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        pagefind = status.startswith("Name:\tpagefind")
        for line in status.splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                kib = int(line.split()[1]) * 1024
                if line.startswith("VmRSS:"):
                    total += kib
                else:
                    largest = max(largest, kib)
                    if pagefind:
                        pagefind_largest = max(pagefind_largest, kib)
                    else:
                        own = max(own, kib)
    return total, largest, own, pagefind_largest


class _MemorySampler(threading.Thread):
    """Samples the process tree every 50 ms: the sum of the resident sets (processes that run side
    by side, MkDocs and Pagefind's service, add up) and the largest process's high-water mark.

    Not ``wait4``'s ``ru_maxrss``: Linux keeps a process's peak across ``exec``, so a command
    started by this (large) Python process would report this process's size as its own."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.largest, self.own, self.pagefind = pid, 0, 0, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            total, largest, own, pagefind = _tree_memory(self.pid)
            self.peak, self.largest, self.own = max(self.peak, total), max(self.largest, largest), max(self.own, own)
            self.pagefind = max(self.pagefind, pagefind)


def run_measured(command: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> Run:
    """Run a command; wall time and peak memory of it and its descendants (:class:`_MemorySampler`)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    full_env.update({"LAB_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"})
    full_env.update(env or {})
    log = tempfile.TemporaryFile(mode="w+")
    timings = Path(tempfile.mkstemp(prefix="lab-timings-")[1])
    full_env["LAB_TIMINGS_FILE"] = str(timings)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    sampler = _MemorySampler(process.pid)
    sampler.start()
    _, status, _usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    log.seek(0)
    times = json.loads(timings.read_text() or "{}")
    timings.unlink()
    largest = sampler.largest  # the last 50 ms of a process may be missed: its peak is rarely there
    return Run(seconds, largest, process.returncode, log.read(), total_rss=max(sampler.peak, largest), times=times,
               own_rss=sampler.own, pagefind_rss=sampler.pagefind)


def best_of(repeat: int, command: list[str], **kwargs) -> Run:  # noqa: ANN003
    runs = [run_measured(command, **kwargs) for _ in range(repeat)]
    for run in runs:
        if run.returncode != 0:
            raise SystemExit(f"command failed ({run.returncode}): {' '.join(command)}\n{run.output[-4000:]}")
    return min(runs, key=lambda r: r.seconds)


# --------------------------------------------------------------------------------------------
# inputs


def generate(content: Path, calls: int) -> None:
    if not GENERATOR.is_file():
        raise SystemExit(f"{GENERATOR.relative_to(REPO)} is missing: the benchmark needs the content generator")
    stories = max(1, calls // 10)
    command = [sys.executable, str(GENERATOR), "--calls", str(calls), "--stories", str(stories), "--out", str(content)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"generate.py failed:\n{done.stdout}\n{done.stderr}")


def content_files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*.md") if not p.name.startswith(("_", ".")))


def split_front_matter(text: str) -> tuple[str, str]:
    """(yaml, body) of a ``---`` fenced file; the minimum any reader has to do."""
    head, _, rest = text.partition("\n---\n")
    return head[4:] if head.startswith("---\n") else head, rest


RAW_PARSE = textwrap.dedent("""
    import sys, yaml
    from pathlib import Path
    for path in sorted(Path(sys.argv[1]).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\\n---\\n")
        yaml.load(head[4:], Loader=yaml.CSafeLoader)
""")


def raw_parse_in_process(files: list[Path]) -> float:
    import yaml

    start = time.perf_counter()
    for path in files:
        head, _ = split_front_matter(path.read_text(encoding="utf-8"))
        yaml.load(head, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def check_in_process(content: Path) -> float:
    from build_tools.pipeline import run_checks
    from build_tools.clock import resolve_now

    now = resolve_now(TODAY)
    gc.collect()
    start = time.perf_counter()
    result = run_checks(content, now, 14, root=content.parent)
    seconds = time.perf_counter() - start
    errors = [d for d in result.report.sorted() if d.is_error]
    if errors:
        raise SystemExit("generated content has errors:\n" + "\n".join(d.format() for d in errors[:20]))
    return seconds


def index_in_process(site: Path) -> float:
    """Seconds Pagefind takes over the built site (run again: it rewrites the same index)."""
    from build_tools.renderers.search import index_site

    start = time.perf_counter()
    index_site(site)
    return time.perf_counter() - start


def site_project(work: Path, content: Path) -> Path:
    """The real mkdocs.yml, pages and overrides, with the generated content in place of content/."""
    project = work / "site-project"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("pages", "overrides"):
        if not (project / name).exists():
            (project / name).symlink_to(REPO / name, target_is_directory=True)
    if not (project / "content").exists():
        (project / "content").symlink_to(content.resolve(), target_is_directory=True)
    return project


BASELINE_YML = """\
# Plain MkDocs baseline: the same bodies as plain pages, same theme and Markdown, Material's search.
site_name: Laboratorio di Contaminazione Digitale
site_url: https://example.org/laboratorio/
theme:
  name: material
  language: it
  font: false
  features: [navigation.tabs, navigation.top, toc.follow]
plugins: [search]
markdown_extensions:
  - toc: {permalink: true}
  - admonition
  - attr_list
  - md_in_html
  - tables
  - def_list
extra_css: [assets/lab.css]
extra_javascript: [assets/lab.js]
nav: [index.md]
not_in_nav: |
  /bandi/
  /storie/
  /servizi/
"""
_BASELINE_FOLDERS = {"calls": "bandi", "stories": "storie", "services": "servizi"}


def baseline_project(work: Path, content: Path, site: Path) -> tuple[Path, int]:
    """The bodies of the items the site published (scheduled and draft items are not built)."""
    import yaml

    project = work / "baseline-project"
    docs = project / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "assets").mkdir(parents=True)
    for asset in ("lab.css", "lab.js"):
        if (REPO / "pages" / "assets" / asset).is_file():
            shutil.copy(REPO / "pages" / "assets" / asset, docs / "assets" / asset)
        else:
            (docs / "assets" / asset).write_text("", encoding="utf-8")
    (docs / "index.md").write_text("# Laboratorio\n\nPagina iniziale.\n", encoding="utf-8")
    pages = 0
    for path in content_files(content):
        folder = _BASELINE_FOLDERS.get(path.parent.name, path.parent.name)
        if not (site / folder / path.stem / "index.html").is_file():
            continue
        pages += 1
        head, body = split_front_matter(path.read_text(encoding="utf-8"))
        title = (yaml.load(head, Loader=yaml.CSafeLoader) or {}).get("title", path.stem)
        target = docs / folder / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    (project / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    return project, pages


def tree_bytes(root: Path) -> tuple[int, dict[str, int]]:
    total, parts = 0, {"html": 0, "pagefind": 0, "other": 0}
    for path in root.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            rel = path.relative_to(root).as_posix()
            key = "pagefind" if rel.startswith("pagefind/") else "html" if rel.endswith(".html") else "other"
            parts[key] += size
    return total, parts


# --------------------------------------------------------------------------------------------
# the browser


@dataclass
class SearchCost:
    page: str
    bytes_before_results: int
    requests: int
    typed_to_results_s: float
    results: int
    biggest: list[tuple[int, str]] = field(default_factory=list)


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return candidate if Path(candidate).is_file() else shutil.which("chromium")


def measure_search(browser, base_url: str, start_page: str) -> SearchCost:  # noqa: ANN001
    """Cold cache: open ``start_page`` (then /cerca/ if it has no search box), type, wait for results."""
    from pagefind_ui import RESULT, RESULT_LINK, SEARCH_INPUT, wait_for_results

    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome", service_workers="block")
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))  # pages and workers
    page = context.new_page()
    # Requests are only observed: routing them (page.route) would disable the HTTP cache.
    foreign: list[str] = []
    context.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:")) else foreign.append(r.url))
    page.goto(base_url + start_page, wait_until="load")
    box = page.locator(SEARCH_INPUT)
    if start_page != SEARCH_PAGE and box.count() == 0:
        page.goto(base_url + SEARCH_PAGE, wait_until="load")  # the header's search button leads there
    box = page.locator(SEARCH_INPUT).first
    box.wait_for(state="visible", timeout=30_000)
    start = time.perf_counter()
    box.fill(QUERY)
    page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=60_000)
    typed = time.perf_counter() - start
    wait_for_results(page, timeout=60_000)  # every result shown has its fragment (title, excerpt)
    page.wait_for_load_state("networkidle")
    results = page.locator(RESULT).count()
    total, biggest = 0, []
    for request in finished:
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - a request the page cancelled
            continue
        body = sizes.get("responseBodySize", 0)
        total += body
        biggest.append((body, request.url.replace(base_url, "/")))
    context.close()
    if foreign:
        print(f"    (requests to other hosts: {foreign[:5]})")
    biggest.sort(reverse=True)
    return SearchCost(start_page, total, len(finished), typed, results, biggest[:6])


# --------------------------------------------------------------------------------------------
# "Quale bando fa per me?": its data and the browser's answer time


FINDER_DATA = "bandi/quale-bando/dati.json"
#: a Lazio cooperative that answered every question (the URL keys of the page)
FINDER_ANSWERS = {"beneficiari": ["cooperatives"], "percorso": "existing_business", "regione": "lazio",
                  "provincia": "RM", "comune": "058091", "dimensione": "small", "ateco": "K", "anni": "4",
                  "bisogni": ["digitalisation", "training"], "destinatari": ["youth"]}
FINDER_TIMING = """
([calls, tables, answers, runs]) => {
  const times = [];
  let counts = null;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const groups = {compatibile: [], da_verificare: [], non_compatibile: []};
    for (const call of calls) groups[window.labFinder.evaluate(call, answers, tables).verdict].push(call);
    for (const key in groups) groups[key].sort((a, b) => (a.deadline || "9").localeCompare(b.deadline || "9"));
    times.push(performance.now() - start);
    counts = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.length]));
  }
  times.sort((a, b) => a - b);
  return {median_ms: times[Math.floor(runs / 2)], counts};
}
"""


#: On the page itself: tick a box (a change event), until the three groups are drawn (the
#: handler has run: rule, sort, HTML written) and painted (the frame after it). Median of `runs`.
FINDER_PAGE_TIMING = """
(runs) => new Promise((resolve) => {
  const box = document.querySelector('form[data-lab-finder] input[name="bisogni"][value="training"]');
  const drawn = [], painted = [];
  let i = 0;
  const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];
  function one() {
    const start = performance.now();
    box.click();
    drawn.push(performance.now() - start);
    requestAnimationFrame(() => setTimeout(() => {
      painted.push(performance.now() - start);
      if (++i < runs) one();
      else resolve({drawn_ms: median(drawn), painted_ms: median(painted),
                    items: document.querySelectorAll('[data-lab-finder-list] li.lab-finder__item').length});
    }, 0));
  }
  one();
})
"""


@dataclass
class FinderCost:
    current_calls: int
    data_bytes: int
    data_gzip: int
    all_calls: int  # every generated call, as if all were current: the worst case
    all_bytes: int
    all_gzip: int
    ms_current: float | None = None
    ms_all: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    page_all: dict[str, float] = field(default_factory=dict)  # on /bandi/quale-bando/, every call current


def finder_all_calls(content: Path) -> dict:
    """The finder's data with every published call counted as current (the worst case)."""
    from build_tools.clock import resolve_now
    from build_tools.deriving.site import build_site
    from build_tools.outputs.finder import finder_data, finder_item
    from build_tools.pipeline import run_checks

    now = resolve_now(TODAY)
    site = build_site(run_checks(content, now, 14, root=content.parent).content, now)
    data = finder_data(site)
    data["calls"] = [finder_item(p) for p in site.calls]
    return data


def measure_finder(browser, base_url: str, site: Path, content: Path) -> FinderCost:  # noqa: ANN001
    import gzip

    raw = (site / FINDER_DATA).read_bytes()
    current = json.loads(raw)
    every = finder_all_calls(content)
    every_raw = json.dumps(every, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    cost = FinderCost(len(current["calls"]), len(raw), len(gzip.compress(raw, 9)),
                      len(every["calls"]), len(every_raw), len(gzip.compress(every_raw, 9)))
    if browser is None:
        return cost
    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome", service_workers="block")
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    page.add_script_tag(url=base_url + "assets/finder.js")
    for calls, attr in ((current["calls"], "ms_current"), (every["calls"], "ms_all")):
        found = page.evaluate(FINDER_TIMING, [calls, current["tables"], FINDER_ANSWERS, 9])
        setattr(cost, attr, found["median_ms"])
        cost.counts = found["counts"]
    context.close()
    as_current = {**every, "calls": [{**c, "status": "open"} if c["status"] == "closed" else c for c in every["calls"]]}
    cost.page_all = measure_finder_page(browser, base_url, json.dumps(as_current, ensure_ascii=False).encode("utf-8"))
    return cost


def measure_finder_page(browser, base_url: str, data: bytes) -> dict[str, float]:  # noqa: ANN001
    """The page answering a change, with ``data`` served as its dati.json (every call current; the
    clock before every deadline, so that the page hides none)."""
    from urllib.parse import urlencode

    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome", service_workers="block",
                                  viewport={"width": 360, "height": 780}, is_mobile=True)
    page = context.new_page()
    page.route("**/" + FINDER_DATA, lambda route: route.fulfill(body=data, content_type="application/json"))
    page.clock.set_fixed_time("2020-01-01T10:00:00+01:00")  # before every deadline: all calls listed
    page.goto(base_url + "bandi/quale-bando/?" + urlencode(FINDER_ANSWERS, doseq=True), wait_until="load")
    page.locator("[data-lab-finder-list] [data-group]").first.wait_for()
    found = page.evaluate(FINDER_PAGE_TIMING, 9)
    context.close()
    return found


# --------------------------------------------------------------------------------------------
# profiling the build


PROFILE_SCRIPT = textwrap.dedent("""
    # Times one MkDocs build by phase: each plugin event, Markdown conversion and template
    # rendering per template, the lab plugin's content pipeline by step; optionally cProfile.
    import cProfile, pstats, sys, time, collections, io
    from mkdocs.config import load_config
    from mkdocs.commands import build as mkbuild
    from mkdocs import plugins as mkplugins

    config_file, site_dir, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    events = collections.defaultdict(float)
    def timed(self, name, item=None, **kwargs):  # mkdocs' run_event, timed per plugin
        pass_item = item is not None
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, '<unknown>')
            start = time.perf_counter()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            events[f"on_{name} ({self._current_plugin})"] += time.perf_counter() - start
            if result is not None:
                item = result
        self._current_plugin = None
        return item
    mkplugins.PluginCollection.run_event = timed

    markdown = collections.defaultdict(lambda: [0.0, 0])
    render = collections.defaultdict(lambda: [0.0, 0])
    original_populate, original_build_page = mkbuild._populate_page, mkbuild._build_page
    def populate(page, config, files, dirty=False):
        start = time.perf_counter()
        original_populate(page, config, files, dirty)
        entry = markdown[page.meta.get('template') or 'main.html']; entry[0] += time.perf_counter() - start; entry[1] += 1
    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        start = time.perf_counter()
        original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        entry = render[page.meta.get('template') or 'main.html']; entry[0] += time.perf_counter() - start; entry[1] += 1
    mkbuild._populate_page, mkbuild._build_page = populate, build_page

    steps = collections.defaultdict(float)  # the lab plugin's pipeline, if present
    try:
        import build_tools.pipeline as lab_pipeline, build_tools.outputs as lab_outputs
        import build_tools.outputs.html.pages as lab_pages
        def timing(label, function):
            def wrapper(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    steps[label] += time.perf_counter() - start
            return wrapper
        lab_pipeline.run_checks = timing("checks (load + validate)", lab_pipeline.run_checks)
        lab_pipeline.read_history = timing("history", lab_pipeline.read_history)
        lab_pipeline.build_site = timing("derive site", lab_pipeline.build_site)
        original_builders = lab_outputs.file_builders
        lab_outputs.file_builders = lambda: [timing(f"output {b.__name__}", b) for b in original_builders()]
        lab_outputs.build_pages = lab_pages.build_pages = timing("output pages", lab_pages.build_pages)
    except ImportError:
        pass

    config = load_config(config_file, site_dir=site_dir)
    profiler = cProfile.Profile() if mode == 'cprofile' else None
    start = time.perf_counter()
    if profiler: profiler.enable()
    mkbuild.build(config)
    if profiler: profiler.disable()
    wall = time.perf_counter() - start
    print(f"build: {wall:.1f} s{' (under cProfile: slower)' if profiler else ''}")
    print("plugin events (s):")
    for label, seconds in sorted(events.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.05:
            print(f"  {seconds:8.2f}  {label}")
    for label, seconds in sorted(steps.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:8.2f}    of which {label}")
    md_total = sum(v[0] for v in markdown.values())
    tpl_total = sum(v[0] for v in render.values())
    print(f"Markdown to HTML {md_total:.1f} s, templates {tpl_total:.1f} s (incl. writing); "
          f"rest of MkDocs (files, nav, copying) {wall - md_total - tpl_total - sum(events.values()):.1f} s")
    print("per template: pages, Markdown ms/page, template ms/page")
    for template, (seconds, count) in sorted(render.items(), key=lambda kv: -kv[1][0]):
        md = markdown[template][0]
        print(f"  {count:6d}  {1000*md/max(count,1):7.2f}  {1000*seconds/max(count,1):7.2f}  {template}")
    if profiler:
        for order, limit in (('cumulative', 30), ('tottime', 15)):
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(limit)
            lines = [l for l in stream.getvalue().splitlines() if l.strip()]
            print(f"top functions by {order} time:")
            print("\\n".join(lines[3:]))
""")


def profile_build(config_file: Path, out: Path, cprofile: bool = False) -> str:
    """Run :data:`PROFILE_SCRIPT` on a project; returns its report."""
    script = out.parent / "profile_build.py"
    script.write_text(PROFILE_SCRIPT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env.update({"LAB_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"})
    mode = "cprofile" if cprofile else "timing"
    done = subprocess.run([sys.executable, str(script), str(config_file), str(out), mode],
                          cwd=REPO, env=env, capture_output=True, text=True)
    report = done.stdout
    if done.returncode != 0:
        report += "\n" + done.stderr[-3000:]
    return report


# --------------------------------------------------------------------------------------------
# the run


@dataclass
class Figures:
    calls: int
    items: int = 0
    check_cli: float = 0.0
    raw_cli: float = 0.0
    check_inproc: float = 0.0
    raw_inproc: float = 0.0
    check_pairs: list[float] = field(default_factory=list)  # in-process check / raw parse, one after the other
    build: Run | None = None
    baseline: Run | None = None
    site_bytes: int = 0
    site_parts: dict[str, int] = field(default_factory=dict)
    baseline_bytes: int = 0
    baseline_pages: int = 0  # item pages in the baseline (= calls, stories, services the site published)
    site_pages: int = 0  # index.html files in the site
    search: SearchCost | None = None
    listing: SearchCost | None = None
    finder: FinderCost | None = None
    listing_bytes: int = 0  # /bandi/ and all it loads, compressed
    listing_pages: int = 0  # /bandi/ and its next pages (/bandi/pagina/N/)
    archive_bytes: int = 0  # /bandi/archivio/ and all it loads, compressed
    archive_pages: int = 0  # /bandi/archivio/ and its next pages
    explorer_gzip: int = 0  # bandi/elenco.json, gzip: what the explorer loads at the first filter
    pairs: list[float] = field(default_factory=list)  # site / baseline, each pair run one after the other
    pipeline_s: float = 0.0  # checks + derived site + every output, as the site build reports it
    index_s: float = 0.0  # Pagefind over the built site


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"


def kb(n: int) -> str:
    return f"{n / 1000:.0f} KB"


def measure(calls: int, work: Path, repeat: int, profile: bool) -> Figures:
    """Checks and builds at one size, timed with no browser running (see :func:`measure_pages`)."""
    from pageweight import page_weight, compressed_size

    figures = Figures(calls)
    content = work / "content"
    print(f"\n== {calls} calls, {max(1, calls // 10)} stories, 5 services ==", flush=True)
    if content.exists():
        shutil.rmtree(content)
    generate(content, calls)
    files = content_files(content)
    figures.items = len(files)

    py = sys.executable
    check_repeat = max(3, repeat)  # cheap: best of three at least
    check = best_of(check_repeat, [py, "-m", "build_tools", "check", "--content", str(content), "--today", TODAY])
    raw_script = work / "raw_parse.py"
    raw_script.write_text(RAW_PARSE, encoding="utf-8")
    raw = best_of(check_repeat, [py, str(raw_script), str(content)])
    figures.check_cli, figures.raw_cli = check.seconds, raw.seconds
    check_in_process(REPO / "content")  # warm up: imports, validators built on first use
    # In pairs, as the builds: the machine's speed drifts by a tenth within minutes.
    checks, raws = [], []
    for _ in range(CHECK_PAIRS):
        checks.append(check_in_process(content))
        raws.append(raw_parse_in_process(files))
    figures.check_inproc, figures.raw_inproc = min(checks), min(raws)
    figures.check_pairs = [check / raw for check, raw in zip(checks, raws)]
    print(f"  check: {figures.check_cli:.2f} s (raw parse {figures.raw_cli:.2f} s); "
          f"in-process {figures.check_inproc:.2f} s (raw {figures.raw_inproc:.2f} s)", flush=True)

    project = site_project(work, content)
    site = work / "site"
    site_cmd = [py, "-m", "build_tools", "build", "--today", TODAY, "--",
                "-f", str(project / "mkdocs.yml"), "-d", str(site), "-q"]
    figures.build = best_of(1, site_cmd)
    print(f"  build: {figures.build.seconds:.1f} s, peak {mib(figures.build.max_rss)}", flush=True)

    plain, figures.baseline_pages = baseline_project(work, content, site)
    plain_site = work / "baseline-site"
    baseline_cmd = f"{py} -m mkdocs build -q -f {plain / 'mkdocs.yml'} -d {plain_site}"
    figures.baseline = best_of(1, ["/bin/sh", "-c", baseline_cmd])
    figures.pairs = [figures.build.seconds / figures.baseline.seconds]
    for _ in range(repeat - 1):  # alternate, so that load from elsewhere hits both alike
        site_run, baseline_run = best_of(1, site_cmd), best_of(1, ["/bin/sh", "-c", baseline_cmd])
        figures.pairs.append(site_run.seconds / baseline_run.seconds)
        figures.build = min(figures.build, site_run, key=lambda r: r.seconds)
        figures.baseline = min(figures.baseline, baseline_run, key=lambda r: r.seconds)
    figures.site_pages = sum(1 for _ in site.rglob("index.html"))
    print(f"  baseline ({figures.baseline_pages} item pages): {figures.baseline.seconds:.1f} s, "
          f"peak {mib(figures.baseline.max_rss)}", flush=True)

    figures.pipeline_s = figures.build.times.get("pipeline", 0.0)  # as the build itself reports it
    figures.index_s = index_in_process(site)
    figures.listing_bytes = page_weight(site, "bandi/index.html").total
    figures.listing_pages = 1 + sum(1 for _ in (site / "bandi" / "pagina").glob("*/index.html"))
    figures.archive_bytes = page_weight(site, "bandi/archivio/index.html").total
    figures.archive_pages = 1 + sum(1 for _ in (site / "bandi" / "archivio" / "pagina").glob("*/index.html"))
    explorer = site / "bandi" / "elenco.json"
    figures.explorer_gzip = compressed_size(explorer) if explorer.is_file() else 0
    print(f"  pipeline {figures.pipeline_s:.1f} s, search index {figures.index_s:.1f} s; "
          f"/bandi/ {kb(figures.listing_bytes)} before any interaction", flush=True)
    figures.site_bytes, figures.site_parts = tree_bytes(site)
    figures.baseline_bytes, _ = tree_bytes(plain_site)
    if profile:
        print("  where the site build's time goes (timed, no profiler):")
        print(textwrap.indent(profile_build(project / "mkdocs.yml", work / "profile-site"), "    "))
        print("  the plain MkDocs baseline, same measurement (its `pagefind` step is not included):")
        print(textwrap.indent(profile_build(plain / "mkdocs.yml", work / "profile-baseline"), "    "))
        print("  the site build under cProfile:")
        print(textwrap.indent(profile_build(project / "mkdocs.yml", work / "profile-site", cprofile=True), "    "))
    return figures


def measure_pages(figures: Figures, work: Path, browser) -> None:  # noqa: ANN001
    """The first search and the finder on the site :func:`measure` built, in Chromium: run once
    every build is timed. A browser left open beside the builds (even idle) took a share of a
    core from the site build, which uses both, and none from the one-core baseline (the same
    code read 1.58 at 1,000 calls with it open, 1.45 and 1.54 in two runs without); and the
    in-process check found the browser's threads and ran in one process (8.4x the raw parse
    against 4.3x)."""
    from static_server import serve

    site = work / "site"
    if browser is not None:
        with serve(site, gzip=True) as url:
            figures.search = measure_search(browser, url, SEARCH_PAGE)
            figures.listing = measure_search(browser, url, LISTING_PAGE)
    with serve(site, gzip=True) as url:
        figures.finder = measure_finder(browser, url, site, work / "content")


def report(all_figures: list[Figures], demo_figures=None) -> bool:  # noqa: ANN001
    from pageweight import BUDGETS

    ok = True
    print("\n" + "=" * 100)
    print("RESULTS")
    if demo_figures is not None:
        from demo import report_demo

        ok &= report_demo(demo_figures)
    for f in all_figures:
        b, base = f.build, f.baseline
        assert b and base
        cli_ratio, inproc_ratio = f.check_cli / f.raw_cli, statistics.median(f.check_pairs)
        build_ratio = statistics.median(f.pairs)
        print(f"\n{f.calls} calls ({f.items} files; {f.baseline_pages} published as pages, "
              f"{f.site_pages} pages in all):")
        print(f"  check (in-process)           {f.check_inproc:7.2f} s   raw parse {f.raw_inproc:6.2f} s   "
              f"ratio {inproc_ratio:5.2f}  (≤ {CHECK_TARGET}) {verdict(inproc_ratio <= CHECK_TARGET)}  "
              f"(median of {len(f.check_pairs)} pairs: {', '.join(f'{r:.2f}' for r in sorted(f.check_pairs))})")
        print(f"  check (CLI, fresh process)   {f.check_cli:7.2f} s   raw parse {f.raw_cli:6.2f} s   "
              f"ratio {cli_ratio:5.2f}  (info: includes ~0.2 s of imports)")
        pairs = ", ".join(f"{ratio:.2f}" for ratio in f.pairs)
        print(f"  site build (median of {len(f.pairs)} pairs)                        "
              f"ratio {build_ratio:5.2f}  (≤ {BUILD_TARGET}) {verdict(build_ratio <= BUILD_TARGET)}  "
              f"(pairs: {pairs})")
        print(f"  site build (best of each)    {b.seconds:7.1f} s   baseline  {base.seconds:6.1f} s   "
              f"ratio {b.seconds / base.seconds:5.2f}  (info)")
        memory_ratio = b.max_rss / base.max_rss
        print(f"  peak memory (largest process) {mib(b.max_rss):>6}    baseline  {mib(base.max_rss):>7}   "
              f"ratio {memory_ratio:5.2f}  (≤ {MEMORY_TARGET}) {verdict(memory_ratio <= MEMORY_TARGET)}")
        print(f"  peak memory (ours, not Pagefind) {mib(b.own_rss):>3}    baseline  {mib(base.own_rss):>7}   "
              f"ratio {b.own_rss / max(base.own_rss, 1):5.2f}  (info: the largest process but Pagefind's)")
        print(f"  peak memory (Pagefind)      {mib(b.pagefind_rss):>8}    baseline  {mib(base.own_rss):>7}   "
              f"ratio {b.pagefind_rss / max(base.own_rss, 1):5.2f}  (info: its largest process, writing a bundle)")
        print(f"  peak memory (all processes)   {mib(b.total_rss):>6}    baseline  {mib(base.total_rss):>7}   "
              f"ratio {b.total_rss / max(base.total_rss, 1):5.2f}  (info: MkDocs and Pagefind side by side, sampled)")
        split = b.times
        if split:
            startup = b.seconds - sum(split.values())
            print(f"  where the build's time goes  start-up {startup:.1f} s, pipeline (checks, site, outputs, pages) "
                  f"{split['pipeline']:.1f} s, rendering (MkDocs + theme, Pagefind indexing alongside) "
                  f"{split['rendering']:.1f} s, search index after the last page {split['search_wait']:.1f} s; "
                  f"Pagefind alone over the finished site {f.index_s:.1f} s")
        listing_ok = f.listing_bytes <= BUDGETS["listing"]
        ok &= listing_ok
        print(f"  /bandi/ before any interaction {kb(f.listing_bytes):>7} compressed (≤ {kb(BUDGETS['listing'])}, the demo's "
              f"budget) {verdict(listing_ok)}; {f.listing_pages} static pages; the explorer's complete list "
              f"(bandi/elenco.json) {kb(f.explorer_gzip)} gzip, loaded at the first filter, sort or \"Mostra altri\"")
        print(f"  /bandi/archivio/ before any interaction {kb(f.archive_bytes):>7} compressed (info); "
              f"{f.archive_pages} static pages of 100 calls")
        ok &= memory_ratio <= MEMORY_TARGET
        parts = ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in f.site_parts.items())
        per_item, base_per_item = f.site_bytes / f.baseline_pages, f.baseline_bytes / f.baseline_pages
        print(f"  output size                  {f.site_bytes / 1e6:7.1f} MB ({parts}); "
              f"{per_item / 1000:.1f} KB per published item; baseline {base_per_item / 1000:.1f} KB")
        ok &= inproc_ratio <= CHECK_TARGET and build_ratio <= BUILD_TARGET
        for cost in (f.search, f.listing):
            if cost is None:
                continue
            line = (f"  first search from /{cost.page:<8}  {kb(cost.bytes_before_results):>7} compressed, "
                    f"{cost.requests} requests, typed→results {cost.typed_to_results_s:.2f} s, {cost.results} results shown")
            if cost.page == SEARCH_PAGE and f.calls >= FIRST_SEARCH_AT:
                passed = cost.bytes_before_results <= FIRST_SEARCH_TARGET
                ok &= passed
                line += f"  (≤ {kb(FIRST_SEARCH_TARGET)}) {verdict(passed)}"
            print(line)
            print("      largest: " + ", ".join(f"{path} {kb(size)}" for size, path in cost.biggest[:4]))
        if f.finder is not None:
            fc = f.finder
            timing = lambda ms: f"{ms:.1f} ms" if ms is not None else "not measured"  # noqa: E731
            print(f"  finder data (/{FINDER_DATA})  {fc.current_calls} current calls: {kb(fc.data_bytes)}, "
                  f"{kb(fc.data_gzip)} gzip; answer (rule + sort) {timing(fc.ms_current)}")
            print(f"  finder, all {fc.all_calls} calls as if current: {kb(fc.all_bytes)}, {kb(fc.all_gzip)} gzip; "
                  f"answer {timing(fc.ms_all)} (target ≤ 100 ms, info); groups {fc.counts}")
            if fc.page_all:
                page = fc.page_all
                print(f"  finder page, all calls, 360 px: change → results drawn {page['drawn_ms']:.1f} ms, "
                      f"painted {page['painted_ms']:.1f} ms ({page['items']} results; target ≤ 100 ms, info)")
    if len(all_figures) >= 2:
        small, big = all_figures[0], all_figures[-1]
        scale = big.calls / small.calls
        limit = LINEAR_SLACK * scale
        print(f"\n{big.calls}/{small.calls} ratios (linear growth: ≤ {limit:.1f}):")
        pairs = [
            ("check (CLI)", big.check_cli, small.check_cli, True),
            ("check (in-process)", big.check_inproc, small.check_inproc, True),
            ("site build", big.build.seconds, small.build.seconds, True),
            ("baseline build", big.baseline.seconds, small.baseline.seconds, False),
            ("peak memory", big.build.max_rss, small.build.max_rss, True),
            ("pipeline", big.pipeline_s, small.pipeline_s, False),
            ("search index", big.index_s, small.index_s, False),
            ("/bandi/ bytes", big.listing_bytes, small.listing_bytes, None),
            ("output size", big.site_bytes, small.site_bytes, True),
        ]
        if big.search and small.search:
            pairs.append(("first search bytes", big.search.bytes_before_results, small.search.bytes_before_results, True))
        if big.listing and small.listing:
            pairs.append(("/bandi/ + search bytes", big.listing.bytes_before_results, small.listing.bytes_before_results, True))
        for label, a, b, target in pairs:
            ratio = a / b if b else float("inf")
            if target is None:  # flat: the first page of /bandi/ does not grow with the calls
                mark = f"(flat: ≤ {LISTING_FLAT}) {verdict(ratio <= LISTING_FLAT)}"
                ok &= ratio <= LISTING_FLAT
            else:
                mark = f"{verdict(ratio <= limit)}" if target else "(info)"
                ok &= ratio <= limit or not target
            print(f"  {label:<24} {ratio:6.2f}  {mark}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (other work on the machine makes times noisy)")
    print("OVERALL:", verdict(ok))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="numbers of calls, comma separated (default 1000,5000)")
    parser.add_argument("--quick", action="store_true", help="sizes 200,1000")
    parser.add_argument("--repeat", type=int, default=5,
                        help="site and baseline builds, in pairs (the median pair judged; default 5: the machine's speed drifts by a tenth within minutes)")
    parser.add_argument("--out", help="work directory to keep (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work directory")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurement")
    parser.add_argument("--profile", action="store_true", help="profile the site build at the largest size")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo site (bytes, HTML checker, Lighthouse)")
    parser.add_argument("--demo-only", action="store_true", help="only the demo site (bytes, HTML checker, Lighthouse)")
    parser.add_argument("--lighthouse-runs", type=int, default=2, help="Lighthouse runs per page, best kept")
    args = parser.parse_args(argv)
    sizes = [200, 1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.demo_only:
        sizes = []
    sizes.sort()
    work_root = Path(args.out).resolve() if args.out else Path(tempfile.mkdtemp(prefix="lab-bench-"))
    work_root.mkdir(parents=True, exist_ok=True)
    print(f"benchmark: sizes {sizes}, today {TODAY}, work dir {work_root}, {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    sys.path.insert(0, str(REPO))
    try:
        demo_figures = None if args.no_demo else measure_demo_site(work_root, args)
        figures = [measure(n, work_root / str(n), args.repeat, args.profile and n == sizes[-1]) for n in sizes]
        with _browser(args.no_browser) as browser:  # only once every build is timed
            for n, figure in zip(sizes, figures):
                measure_pages(figure, work_root / str(n), browser)
        ok = report(figures, demo_figures)
    finally:
        if not args.out and not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
    return 0 if ok else 1


def measure_demo_site(work_root: Path, args: argparse.Namespace):  # noqa: ANN201
    """Build the demo content as the tests do, then bytes, HTML errors and Lighthouse (benchmarks/demo.py)."""
    from demo import measure_demo
    from sitebuild import build_site

    site = work_root / "demo-site"
    print("\n== demo site (content/) ==", flush=True)
    done = build_site(site)
    if done.returncode != 0:
        raise SystemExit(f"the demo site did not build:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return measure_demo(site, args.lighthouse_runs, use_lighthouse=not args.no_browser)


class _browser:  # noqa: N801 - used as a context manager
    def __init__(self, disabled: bool) -> None:
        self.disabled = disabled
        self._playwright = None
        self._browser = None

    def __enter__(self):  # noqa: ANN204
        if self.disabled:
            return None
        executable = chromium_path()
        if executable is None:
            print("no Chromium found (/usr/bin/chromium or $CHROMIUM_PATH): search not measured; use --no-browser")
            return None
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        return self._browser

    def __exit__(self, *exc: object) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()


if __name__ == "__main__":
    sys.exit(main())
