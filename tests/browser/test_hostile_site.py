"""A site built from hostile content, opened in Chromium: no injected code runs, nothing leaves 127.0.0.1.

Two kinds of payload reach the browser here:

- content that **passes** the check (so the strict build publishes it): front-matter text made to
  break out of ``<title>``, ``<meta name="description">`` and the header without any ``<``
  (quotes, ``0;url=`` for a refresh), Jinja syntax, and body HTML the checker only warns about;
- the sanitised HTML of every body the checker **refuses** (``tests/test_hostile.py``), placed
  in a published page of the same site: the last line of defence if a refused body ever got
  through.

Each payload would set ``window.__labPwned``, open a dialog or request another host.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sitebuild  # noqa: E402
import static_server  # noqa: E402
from content_factory import call_data, front_matter  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PWN = "window.__labPwned=1;alert(1)"
TITLE = f'Bando" autofocus onfocus="{PWN}" x="'
SUMMARY = '0;url=https://evil-tracker.net/" http-equiv="refresh" content="0;url=https://evil-tracker.net/'
BODY = f"""## Cosa finanzia

Calcolo {{{{ 7*7 }}}} e {{% raw %}}testo{{% endraw %}}: resta scritto così.

<font color="red">Testo</font> con un <a href="https://evil-tracker.net/" target="_blank">link</a>.

Paragrafo con classe non ammessa.
{{: .evidenziato }}
"""
#: Bodies the checker refuses (they would stop the build); their sanitised HTML is still tested here.
REFUSED = [
    "<script>window.__labPwned=1</script>",
    f'<div><img/src="x.jpg"/onerror="{PWN}"></div>',
    f'<div><a title="x"onmouseover="{PWN}" id="hover">passa</a></div>',
    f"## Titolo {{: onclick=\"{PWN}\" id=\"clic\" }}",
    f'<a id="js" href="java&#x0A;script:{PWN}">clic</a>',
    f"[clic](javascript:{PWN})",
    "```\n<script>window.__labPwned=1</script>\n```",
    '<base href="https://evil-tracker.net/">',
    '<meta http-equiv="refresh" content="0;url=https://evil-tracker.net/">',
    '<link rel="stylesheet" href="https://evil-tracker.net/x.css">',
    "<style>@import url(https://evil-tracker.net/x.css);</style>",
    '<p style="background:url(https://evil-tracker.net/t.gif)">sfondo</p>',
    '<img src="https://evil-tracker.net/pixel.gif" alt="">',
    f'<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>',
    f'<svg><script>{PWN}</script><image href="https://evil-tracker.net/i.png"/></svg>',
    f'<math><mtext><img src=x onerror="{PWN}"></mtext></math>',
    '<object data="https://evil-tracker.net/x.swf"></object>',
    '<div><a id="ping" href="#x" ping="https://evil-tracker.net/p">avvisa</a></div>',
    '<div id="__config">{"base": "https://evil-tracker.net/"}</div>',
    f'<form action="https://evil-tracker.net/"><button id="send" formaction="javascript:{PWN}">Invia</button></form>',
]
SLUG = "bando-ostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's site inputs with hostile content, built by the real strict build."""
    work = tmp_path_factory.mktemp("hostile")
    for name in ("mkdocs.yml", "pages", "overrides"):
        source = sitebuild.REPO / name
        if source.is_dir():
            shutil.copytree(source, work / name)
        elif source.is_file():
            shutil.copy(source, work / name)
    content = work / "content"
    shutil.copytree(sitebuild.REPO / "content", content)  # the hand-written pages link to the demo items
    (content / "calls" / f"{SLUG}.md").write_text(
        front_matter(call_data(title=TITLE, summary=SUMMARY, funder=TITLE), BODY), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "build_tools", "check", "--today", sitebuild.TODAY],
                           cwd=work, capture_output=True, text=True, env=_env())
    assert check.returncode == 0, check.stdout + check.stderr
    assert "warning" in check.stdout  # the harmless removals are reported, not silent
    out = work / "site"
    result = subprocess.run([sys.executable, "-m", "build_tools", "build", "--today", sitebuild.TODAY, "--", "-d", str(out)],
                            cwd=work, capture_output=True, text=True, env=_env(), timeout=900)
    assert result.returncode == 0 and (out / "index.html").is_file(), (result.stdout + result.stderr)[-3000:]
    _add_refused_page(out)
    return out


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_NOW", "LAB_TODAY")}
    env["PYTHONPATH"] = os.pathsep.join([str(sitebuild.REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _add_refused_page(site: Path) -> None:
    """``rifiutati/``: the published call page with the sanitised refused bodies in place of its text."""
    from build_tools.reading.markdown import render_markdown
    from build_tools.reading.sanitize import sanitize_html

    page = (site / "bandi" / SLUG / "index.html").read_text(encoding="utf-8")
    marker = "<h2 id=\"cosa-finanzia\""
    assert marker in page, "the hostile call's body is not on its page"
    hostile = "\n".join(sanitize_html(render_markdown(body)) for body in REFUSED)
    target = site / "bandi" / SLUG / "rifiutati"
    target.mkdir()
    (target / "index.html").write_text(page.replace(marker, hostile + marker, 1).replace('href="../', 'href="../../')
                                       .replace('src="../', 'src="../../'), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    with static_server.serve(hostile_site) as url:
        yield url


def _visit(browser, url: str, path: str) -> dict:
    context = browser.new_context(base_url=url, locale="it-IT", timezone_id="Europe/Rome", service_workers="block")
    requests: list[str] = []
    dialogs: list[str] = []

    def route(route, request) -> None:  # noqa: ANN001
        requests.append(request.url)
        if urlsplit(request.url).hostname == "127.0.0.1" or urlsplit(request.url).scheme in ("data", "blob", "about"):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    for selector in ("#hover", "#clic", "#js", "#send", "#ping", "h1", "a"):  # what a visitor would touch
        element = page.locator(selector).first
        if element.count():
            element.hover(timeout=2000, force=True)
    page.keyboard.press("Tab")
    page.wait_for_timeout(1500)  # a refresh or a timer would have fired by now
    state = {
        "pwned": page.evaluate("typeof window.__labPwned !== 'undefined'"),
        "url": page.url,
        "title": page.title(),
        "description": page.evaluate("document.querySelector('meta[name=description]')?.content || ''"),
        "refresh": page.evaluate("document.querySelectorAll('meta[http-equiv]').length"),
        "text": page.inner_text("body"),
        "foreign": [u for u in requests if urlsplit(u).hostname not in (None, "127.0.0.1")
                    and urlsplit(u).scheme not in ("data", "blob", "about")],
        "dialogs": dialogs,
    }
    context.close()
    return state


@pytest.mark.parametrize("path", [f"bandi/{SLUG}/", f"bandi/{SLUG}/rifiutati/", "bandi/", ""])
def test_hostile_content_runs_nothing_and_requests_only_the_site(browser, hostile_url, path) -> None:
    state = _visit(browser, hostile_url, path)
    assert state["pwned"] is False
    assert state["dialogs"] == []
    assert state["foreign"] == []
    assert state["url"].startswith(hostile_url + path)  # no refresh, no redirect
    assert state["refresh"] == 0


def test_front_matter_text_is_shown_as_text(browser, hostile_url) -> None:
    state = _visit(browser, hostile_url, f"bandi/{SLUG}/")
    assert TITLE in state["title"]
    assert state["description"] == SUMMARY
    assert TITLE in state["text"]  # the header shows the title as the editor wrote it
    assert "{{ 7*7 }}" in state["text"] and "49" not in state["text"]
