/* /cerca/: results from Pagefind's own API (self-hosted in pagefind/), written into the page.
 *
 * The search box is in the HTML (a form that sends ?q= to this page); this script loads
 * pagefind/pagefind.js on first use, searches as the visitor types, and lists the first
 * results with their excerpt and the matching sections, more on request. Pagefind's default
 * UI (about 30 KB compressed, plus its CSS) is not loaded. Italian stemming and accent folding
 * are in the index (built with lang="it"). Besides:
 * - what is typed is normalised like what was indexed (build_tools/renderers/search.py):
 *   typographic apostrophes become plain ones, so "dell’impresa" and "impresa" both match;
 * - current pages come first, the archive after: each year of the archive has an index of its own
 *   (pagefind/archivio/<anno>/, build_tools/renderers/search.py; the years are listed in
 *   data-lab-archive), all merged into Pagefind's only when the
 *   visitor goes past the current results ("Cerca anche tra i bandi chiusi") or when there are
 *   fewer of them than one page; the first search downloads the current pages' index alone.
 *   Among the current results, calls are ranked by their status at the last build (the `stato`
 *   filter, whose values the page lists best first in data-lab-search-ranks: open, about to open,
 *   stopped): one filtered search per rank says which results are calls of which rank, and the
 *   calls are put back in the places calls held, open ones first; stories, services, events and
 *   pages keep their relevance order and their places. The badge each result shows is still
 *   today's status;
 * - each result says its kind (Bando, Storia, Servizio, Evento, Pagina); a call shows its
 *   status badge, recomputed with today's date (window.LabStatus, assets/lab.js), and deadline;
 * - "Solo bandi aperti" (?aperti=1) keeps calls open at the last build and still open today.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 5;
  var ARCHIVE = "pagefind/archivio/";
  var SUB_RESULTS = 3;
  var EVENT = /#evento-/;

  /* ``all`` in relevance order, with the calls among them re-ordered by rank (``byRank``: the results
   * of one filtered search per rank, best first) in the places calls held; the rest stays put. */
  function ranked(all, byRank) {
    var rankOf = {}, order = {};
    byRank.forEach(function (results, rank) {
      results.forEach(function (r) { if (!(r.id in rankOf)) rankOf[r.id] = rank; });
    });
    all.forEach(function (r, i) { order[r.id] = i; });
    var calls = all.filter(function (r) { return r.id in rankOf; }).sort(function (a, b) {
      return rankOf[a.id] - rankOf[b.id] || order[a.id] - order[b.id];
    });
    var next = 0;
    return all.map(function (r) { return r.id in rankOf ? calls[next++] : r; });
  }

  function normalise(query) { return query.replace(/[\u2019\u2018\u02bc\u2032]/g, "'").trim(); }

  function start() {
    var root = document.getElementById("lab-search");
    var form = document.querySelector("form[data-lab-search]");
    if (!root || !form) return;
    var input = form.querySelector("input[name=q]");
    var only = form.querySelector("[data-lab-search-open]");
    var message = root.querySelector("[data-lab-search-message]");
    var list = root.querySelector("[data-lab-search-results]");
    var more = root.querySelector("[data-lab-search-more]");
    var base = new URL(root.getAttribute("data-base") || ".", window.location.href);
    var RANKS = (root.getAttribute("data-lab-search-ranks") || "aperto").split("|");
    var archiveYears = (root.getAttribute("data-lab-archive") || "").split(" ").filter(Boolean);
    var hasArchive = archiveYears.length > 0;
    var moreLabel = more.textContent;
    var engine = null, merged = null, results = [], shown = 0, turn = 0;
    var query = "", term = "", current = 0, archiveDone = true;  /* archiveDone: its results are in `results` */

    var OPTIONS = { baseUrl: base.pathname, excerptLength: 24 };

    function pagefind() {
      if (!engine) {
        engine = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
          return module.options(OPTIONS).then(function () { return module; });
        });
      }
      return engine;
    }

    /* Pagefind with the archive's indexes (one per year) merged in, once: from then on every search covers all. */
    function withArchive() {
      if (!merged) {
        merged = pagefind().then(function (module) {
          return Promise.all(archiveYears.map(function (year) {
            return module.mergeIndex(new URL(ARCHIVE + year + "/", base).pathname, OPTIONS);
          })).then(function () { return module; });
        });
      }
      return merged;
    }

    function find(module, term, filters) {
      return module.search(term, { filters: filters }).then(function (f) { return f ? f.results : []; });
    }

    function text(tag, className, content) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (content) node.textContent = content;
      return node;
    }

    /* Pagefind's excerpts are the page's text, escaped by Pagefind, with <mark> around the hits. */
    function excerpt(html) {
      var p = text("p", "lab-search__excerpt");
      p.innerHTML = html;
      return p;
    }

    function live(data) {
      if (!data.meta || !data.meta.lab) return null;
      try { return JSON.parse(data.meta.lab); } catch (e) { return null; }
    }

    function statusOf(info) {
      return info && window.LabStatus ? window.LabStatus.statusOf(info, new Date()) : null;
    }

    function meta(data) {
      var p = text("p", "lab-search__meta"), info = live(data), status = statusOf(info);
      p.appendChild(text("span", "lab-search__kind", (data.meta && data.meta.tipo) || "Pagina"));
      if (status) {
        var badge = text("span", "lab-badge lab-badge--" + status, window.LabStatus.info().names[status] || status);
        badge.dataset.labSearchStatus = status;
        p.appendChild(badge);
      }
      if (info && info.scadenza) p.appendChild(text("span", "lab-muted", "Scadenza: " + info.scadenza));
      return p;
    }

    function item(data) {
      var li = text("li", "lab-search__result");
      li.appendChild(meta(data));
      var link = text("a", "lab-search__link", (data.meta && data.meta.title) || data.url);
      link.href = data.url;
      var title = text("h2", "lab-search__title");
      title.appendChild(link);
      li.appendChild(title);
      li.appendChild(excerpt(data.excerpt || ""));
      var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
      if (subs.length) {
        var nested = text("ul", "lab-search__sections");
        subs.slice(0, SUB_RESULTS).forEach(function (sub) {
          var entry = text("li");
          if (EVENT.test(sub.url)) entry.appendChild(text("span", "lab-search__kind", "Evento"));
          var a = text("a", "lab-search__link lab-search__link--section", sub.title);
          a.href = sub.url;
          entry.appendChild(a);
          entry.appendChild(excerpt(sub.excerpt || ""));
          nested.appendChild(entry);
        });
        li.appendChild(nested);
      }
      return li;
    }

    function stillOpen(data) {
      var status = statusOf(live(data));
      return !only.checked || !status || window.LabStatus.info().applying.indexOf(status) !== -1;
    }

    /* "N risultati per …": the archive's share once it has been searched. */
    function say() {
      var n = results.length, where = only.checked ? " tra i bandi aperti" : "";
      if (!archiveDone) where = " tra bandi correnti, storie e servizi";
      var text = n === 0 ? "Nessun risultato per “" + query + "”" + where
        : n + (n === 1 ? " risultato" : " risultati") + " per “" + query + "”" + where;
      if (archiveDone && !only.checked && n > current) text += " (" + (n - current) + " nell'archivio dei bandi chiusi)";
      message.textContent = text;
    }

    /* The archive's results after the current ones. */
    function addArchive(term, mine) {
      return withArchive().then(function (module) { return find(module, term, { archivio: "sì" }); }).then(function (found) {
        if (mine !== turn) return;
        results = results.concat(found);
        archiveDone = true;
        say();
      });
    }

    function showMore(mine) {
      var next = results.slice(shown, shown + PAGE_SIZE);
      shown += next.length;
      more.hidden = shown >= results.length && archiveDone;
      more.textContent = shown >= results.length && !archiveDone ? "Cerca anche tra i bandi chiusi (archivio)" : moreLabel;
      root.setAttribute("aria-busy", "true");
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== turn) return;
        pages.filter(stillOpen).forEach(function (data) { list.appendChild(item(data)); });
        root.removeAttribute("aria-busy");
      });
    }

    function remember(query) {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (only.checked) url.searchParams.set("aperti", "1"); else url.searchParams.delete("aperti");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }

    function run(typed) {
      var mine = ++turn;
      query = typed.trim();
      term = normalise(typed);
      if (!term) {
        list.textContent = "";
        message.textContent = "";
        more.hidden = true;
        return Promise.resolve();
      }
      return pagefind().then(function (module) {
        /* Until the archive is merged, the index holds only current pages (no filter to load); the
           ranks of `stato` other than "chiuso" are current calls' only. */
        if (only.checked) return find(module, term, { stato: RANKS[0] });
        var plain = merged ? merged.then(function (m) { return find(m, term, { archivio: "no" }); }) : find(module, term, {});
        var ranks = RANKS.map(function (rank) { return find(module, term, { stato: rank }); });
        return Promise.all([plain].concat(ranks)).then(function (found) { return ranked(found[0], found.slice(1)); });
      }).then(function (found) {
        if (mine !== turn) return;
        results = found;
        current = found.length;
        archiveDone = only.checked || !hasArchive;
        shown = 0;
        list.textContent = "";
        var fill = archiveDone || found.length >= PAGE_SIZE ? Promise.resolve() : addArchive(term, mine);
        return fill.then(function () {
          if (mine !== turn) return;
          say();
          return showMore(mine);
        });
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(input.value); remember(input.value.trim()); }, 250);
    });
    input.addEventListener("focus", function () { pagefind(); }, { once: true });
    only.addEventListener("change", function () { run(input.value); remember(input.value.trim()); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); remember(input.value.trim()); });
    more.addEventListener("click", function () {
      var mine = turn;
      if (shown < results.length || archiveDone) showMore(mine);
      else addArchive(term, mine).then(function () { if (mine === turn) showMore(mine); });
    });

    var params = new URLSearchParams(window.location.search);
    only.checked = params.get("aperti") === "1";
    var asked = params.get("q");
    if (asked) {
      input.value = asked;
      run(asked);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
