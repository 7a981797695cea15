"""The theme's stylesheet keeps every rule the site can use, and only those (build_tools/renderers/theme_css.py)."""

from __future__ import annotations

from pathlib import Path

from build_tools.renderers.markup import tidy_page
from build_tools.renderers.theme_css import ClassNames, purge, purge_theme_css

CSS = ('@charset "UTF-8";:root{--x:1}html{font-size:125%}'
       '.md-header{color:red}.md-search{color:blue}.md-header .md-search__input{x:1}'
       '.md-nav:not(.md-nav--secondary){y:2}.md-typeset a[href$=".pdf"]{z:3}'
       '.md-tabs,.md-blog{w:4}'
       '@media screen and (min-width:60em){.md-header{v:5}.md-blog{v:6}}'
       '@keyframes spin{0%{a:1}to{a:2}}'
       '.md-typeset .md-clipboard:after{content:"{"}.md-header:before{content:"}"}')


def test_rules_for_classes_the_site_never_uses_go() -> None:
    out = purge(CSS, {"md-header", "md-nav", "md-typeset", "md-tabs"})
    assert ".md-search" not in out and ".md-blog" not in out and "md-clipboard" not in out
    for kept in ('@charset "UTF-8";', ":root{--x:1}", "html{font-size:125%}", ".md-header{color:red}",
                 ".md-nav:not(.md-nav--secondary){y:2}", '.md-typeset a[href$=".pdf"]{z:3}', ".md-tabs{w:4}",
                 "@media screen and (min-width:60em){.md-header{v:5}}", "@keyframes spin{0%{a:1}to{a:2}}",
                 '.md-header:before{content:"}"}'):
        assert kept in out, kept


def test_the_site_keeps_what_its_pages_and_scripts_name(tmp_path: Path) -> None:
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.css").write_text(".md-header{a:1}.lab-zero .md-icon{b:2}.md-dialog{c:3}.md-typeset{d:4}",
                                     encoding="utf-8")
    (tmp_path / "assets" / "lab.js").write_text('el.classList.toggle("lab-zero", n === 0);', encoding="utf-8")
    names = ClassNames()
    names.add_html(tidy_page('<header class="md-header"><span class="md-icon"></span></header>'))
    names.add_html("<article class='md-typeset'>a hand-written page</article>")
    purge_theme_css(tmp_path, names)
    assert (sheets / "main.css").read_text(encoding="utf-8") == ".md-header{a:1}.lab-zero .md-icon{b:2}.md-typeset{d:4}"


def test_checkbox_toggles_lose_autocomplete_and_nothing_else_changes() -> None:
    html = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="search" name="q" autocomplete="off">')
    assert tidy_page(html) == ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
                               '<input type="search" name="q" autocomplete="off">')
