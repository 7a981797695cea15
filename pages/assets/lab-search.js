/* /cerca/: results from Pagefind's own API (self-hosted in pagefind/), written into the page.
 *
 * The search box is in the HTML (a form that sends ?q= to this page); this script loads
 * pagefind/pagefind.js on first use, searches as the visitor types, and lists the first
 * results with their excerpt and the matching sections, more on request. Pagefind's default
 * UI (about 30 KB compressed, plus its CSS) is not loaded: on a phone the first result comes
 * sooner. Italian stemming and accent folding are in the index (built with lang="it").
 */
(function () {
  "use strict";

  var PAGE_SIZE = 5;
  var SUB_RESULTS = 3;

  function start() {
    var root = document.getElementById("lab-search");
    var form = document.querySelector("form[data-lab-search]");
    if (!root || !form) return;
    var input = form.querySelector("input[name=q]");
    var message = root.querySelector("[data-lab-search-message]");
    var list = root.querySelector("[data-lab-search-results]");
    var more = root.querySelector("[data-lab-search-more]");
    var base = new URL(root.getAttribute("data-base") || ".", window.location.href);
    var engine = null, current = null, shown = 0, turn = 0;

    function pagefind() {
      if (!engine) {
        engine = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
          return module.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () { return module; });
        });
      }
      return engine;
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

    function item(data) {
      var li = text("li", "lab-search__result");
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

    function showMore(mine) {
      var next = current.results.slice(shown, shown + PAGE_SIZE);
      shown += next.length;
      more.hidden = shown >= current.results.length;
      root.setAttribute("aria-busy", "true");
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== turn) return;
        pages.forEach(function (data) { list.appendChild(item(data)); });
        root.removeAttribute("aria-busy");
      });
    }

    function run(query) {
      var mine = ++turn;
      query = query.trim();
      if (!query) {
        list.textContent = "";
        message.textContent = "";
        more.hidden = true;
        return Promise.resolve();
      }
      return pagefind().then(function (module) { return module.search(query); }).then(function (search) {
        if (mine !== turn || !search) return;
        current = search;
        shown = 0;
        list.textContent = "";
        var n = search.results.length;
        message.textContent = n === 0 ? "Nessun risultato per “" + query + "”"
          : n + (n === 1 ? " risultato" : " risultati") + " per “" + query + "”";
        return showMore(mine);
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        run(input.value);
        var url = new URL(window.location.href);
        if (input.value.trim()) url.searchParams.set("q", input.value.trim()); else url.searchParams.delete("q");
        history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      }, 250);
    });
    input.addEventListener("focus", function () { pagefind(); }, { once: true });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
    more.addEventListener("click", function () { showMore(turn); });

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      run(query);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
