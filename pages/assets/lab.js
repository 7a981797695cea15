/* Laboratorio di Contaminazione Digitale: small progressive enhancements, no dependencies.
 *
 * 1. Status badges: the build computed each call's status; the page also carries its dates
 *    (data-opens, data-deadline, data-windows, ISO with offset), so the visitor's browser
 *    recomputes the status with today's date: a page built yesterday never says "Aperto"
 *    after the deadline. Same rules as build_tools/deriving/status.py (tests/browser/test_status_parity.py).
 * 2. Facet filters on /bandi/ and /storie/: checkboxes (OR within a facet, AND across
 *    facets), reflected in the query string (?fonte=pnrr&beneficiari=cooperatives) so a
 *    filtered view can be shared, with result and per-option counts. Without JavaScript
 *    the form stays hidden and the list is complete.
 * 3. A search button in the header, linking to /cerca/.
 * 4. Before a click day, the sheet's countdown to the opening, from the visitor's clock.
 * Works with Material's instant navigation too (document$), though it is not enabled.
 */
(function () {
  "use strict";

  var DAY = 86400000;
  var romeDay = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit"
  });

  /* Wording from the build (page.html): status labels, "mancano N giorni". */
  function fromPage(id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }

  function labels() { return fromPage("lab-status-labels"); }

  function parse(value) { return value ? new Date(value) : null; }

  /* Calendar days between two instants, counted in Rome (0 = same day). */
  function daysBetween(now, deadline) {
    var a = romeDay.format(now).split("-"), b = romeDay.format(deadline).split("-");
    return Math.round((Date.UTC(+b[0], b[1] - 1, +b[2]) - Date.UTC(+a[0], a[1] - 1, +a[2])) / DAY);
  }

  /* [opens, deadline] that matters at `now`: the current or next window, else the last. */
  function currentSpan(data, now) {
    var spans;
    if (data.windows) {
      spans = JSON.parse(data.windows).map(function (s) { return [parse(s[0]), parse(s[1])]; });
    } else {
      spans = data.deadline ? [[parse(data.opens), parse(data.deadline)]] : [];
    }
    for (var i = 0; i < spans.length; i++) {
      if (now <= spans[i][1]) return { opens: spans[i][0], deadline: spans[i][1], dated: true };
    }
    if (spans.length) return { opens: spans[spans.length - 1][0], deadline: spans[spans.length - 1][1], dated: true };
    return { opens: parse(data.opens), deadline: null, dated: false };
  }

  /* `data`: a badge's dataset (override, opens, deadline, windows, rolling; soon = the build's
     closing_soon_days). */
  function statusOf(data, now) {
    if (data.override) return data.override;
    var span = currentSpan(data, now);
    if (span.dated && now > span.deadline) return "closed";
    if (span.opens && now < span.opens) return "forthcoming";
    var soon = parseInt(data.soon, 10);
    if (span.deadline && daysBetween(now, span.deadline) <= soon) return "closing_soon";
    if (data.rolling) return "rolling";
    return "open";
  }

  function daysText(days) {
    var words = fromPage("lab-days-words");
    var key = days < 0 ? "past" : days === 0 ? "today" : days === 1 ? "tomorrow" : "many";
    return words[key] ? words[key].replace("{n}", days) : null;
  }

  function refreshStatuses(root, now) {
    var names = labels();
    root.querySelectorAll("[data-lab-status]").forEach(function (badge) {
      var status = statusOf(badge.dataset, now);
      if (status === badge.dataset.labStatus) return;
      badge.className = badge.className.replace(/lab-badge--[a-z_]+/, "lab-badge--" + status);
      badge.dataset.labStatus = status;
      if (names[status]) badge.textContent = names[status];
      var card = badge.closest("[data-lab-item]");
      if (card) card.dataset.status = status;
      if (status === "closed") {
        root.querySelectorAll("[data-lab-closed-banner]").forEach(function (b) { b.hidden = false; });
      }
    });
    root.querySelectorAll("[data-lab-days]").forEach(function (el) {
      var deadline = currentSpan(el.dataset, now).deadline;
      var text = deadline && daysText(daysBetween(now, deadline));
      if (text) el.textContent = text;
    });
  }

  /* The rules above, for tests (and other pages' scripts): statusOf(badge.dataset, new Date()). */
  window.LabStatus = { statusOf: statusOf, daysBetween: daysBetween, daysText: daysText, refresh: refreshStatuses };

  /* ---- click day: "apre tra N giorni" (data-lab-opens-in, data-opens), as the sheet's build
     wrote it (build_tools/outputs/requirements.py), then hours and minutes on the day itself ---- */

  function opensInText(now, opens, deadline) {
    if (deadline && now > deadline) return "le domande sono chiuse";
    if (now >= opens) return "le domande sono aperte";
    var days = daysBetween(now, opens);
    if (days > 1) return "apre tra " + days + " giorni";
    if (days === 1) return "apre domani";
    var minutes = Math.ceil((opens - now) / 60000), h = Math.floor(minutes / 60), m = minutes % 60;
    var parts = [];
    if (h) parts.push(h + (h === 1 ? " ora" : " ore"));
    if (m) parts.push(m + (m === 1 ? " minuto" : " minuti"));
    return "apre tra " + parts.join(" e ");
  }

  function startCountdowns(root) {
    var nodes = root.querySelectorAll("[data-lab-opens-in]");
    if (!nodes.length) return;
    function tick() {
      var now = new Date();
      nodes.forEach(function (el) {
        el.textContent = opensInText(now, new Date(el.dataset.opens), parse(el.dataset.deadline));
      });
    }
    tick();
    window.setInterval(tick, 30000);
  }

  /* ---- facet filters ---- */

  function setupFilters(form) {
    var list = document.getElementById(form.dataset.labFilter);
    if (!list) return;
    var target = form.dataset.labFilter;
    var counter = document.querySelector('[data-lab-results="' + target + '"]');
    var empty = document.querySelector('[data-lab-empty="' + target + '"]');
    var active = form.querySelector("[data-lab-active]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (f) {
      return f.dataset.facet;
    });
    var items = Array.prototype.map.call(list.querySelectorAll("[data-lab-item]"), function (el) {
      var values = {};
      facets.forEach(function (key) {
        values[key] = (el.getAttribute("data-" + key) || "").split(" ").filter(Boolean);
      });
      return { el: el, values: values };
    });

    function selection() {
      var chosen = {};
      facets.forEach(function (key) { chosen[key] = []; });
      boxes.forEach(function (box) { if (box.checked) chosen[box.name].push(box.value); });
      return chosen;
    }

    function matches(item, chosen, skip) {
      return facets.every(function (key) {
        var wanted = chosen[key];
        if (key === skip || !wanted.length) return true;
        return item.values[key].some(function (v) { return wanted.indexOf(v) !== -1; });
      });
    }

    function apply() {
      var chosen = selection(), shown = 0, picked = 0;
      items.forEach(function (item) {
        var ok = matches(item, chosen, null);
        item.el.hidden = !ok;
        if (ok) shown++;
      });
      boxes.forEach(function (box) {
        var n = items.filter(function (item) {
          return matches(item, chosen, box.name) && item.values[box.name].indexOf(box.value) !== -1;
        }).length;
        var count = box.parentNode.querySelector("[data-lab-count]");
        if (count) count.textContent = n;
        box.parentNode.classList.toggle("lab-zero", n === 0 && !box.checked);
        if (box.checked) picked++;
      });
      if (counter) {
        var noun = shown === 1 ? counter.dataset.one : counter.dataset.many;
        counter.textContent = picked ? shown + " " + noun + " su " + items.length : shown + " " + noun;
      }
      if (empty) empty.hidden = shown > 0;
      if (active) active.textContent = picked ? "(" + picked + (picked === 1 ? " filtro attivo)" : " filtri attivi)") : "";
      var query = new URLSearchParams();
      facets.forEach(function (key) { chosen[key].forEach(function (v) { query.append(key, v); }); });
      var search = query.toString();
      history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) {
      var wanted = params.getAll(box.name).join(",").split(",");
      box.checked = wanted.indexOf(box.value) !== -1;
    });
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    var panel = form.querySelector("details");
    if (panel && (boxes.some(function (b) { return b.checked; }) || window.matchMedia("(min-width: 60em)").matches)) {
      panel.open = true;
    }
    apply();
  }

  /* ---- header search button ---- */

  /* The site's root, from this script's own address (assets/lab.js): works under any base path. */
  var ROOT = (function () {
    var src = document.currentScript && document.currentScript.src;
    return src ? src.replace(/assets\/lab\.js(\?.*)?$/, "") : "/";
  })();
  var MAGNIFY = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function addHeaderSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".lab-header-search")) return;
    var link = document.createElement("a");
    link.href = ROOT + (location.protocol === "file:" ? "cerca.html" : "cerca/");
    link.className = "md-header__button md-icon lab-header-search";
    link.title = "Cerca nel sito";
    link.setAttribute("aria-label", "Cerca nel sito");
    link.innerHTML = MAGNIFY;
    header.insertBefore(link, header.querySelector(".md-header__source"));
  }

  function init() {
    var now = new Date();
    refreshStatuses(document, now);
    startCountdowns(document);
    document.querySelectorAll("form[data-lab-filter]").forEach(setupFilters);
    addHeaderSearch();
  }

  /* Material treats every <link rel="alternate"> as another language of the site and fetches
     sitemap.xml next to it (a 404 under feed/ on every page). Feed readers read the served
     HTML, so here, before Material's DOMContentLoaded handler, the live DOM gives feed links
     (they have no hreflang) a second rel token that Material's exact [rel=alternate] skips. */
  document.querySelectorAll("link[rel=alternate]:not([hreflang])").forEach(function (link) {
    link.setAttribute("rel", "alternate feed");
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
