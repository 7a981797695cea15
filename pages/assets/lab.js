/* Laboratorio di Contaminazione Digitale: small progressive enhancements, no dependencies.
 *
 * 1. Status: the build computed each call's status; the page also carries its dates
 *    (data-opens, data-deadline, data-windows, ISO with offset), so the visitor's browser
 *    recomputes it with today's date (same rules as build_tools/deriving/status.py,
 *    tests/browser/test_status_parity.py) and
 *    everything that depends on it follows: badge, countdown (only while one can apply),
 *    calendar button and closed banner of a sheet, a card's place in lists that keep only
 *    some statuses (data-lab-keep: "In scadenza" on the home page, current calls on /bandi/).
 * 2. The explorer on /bandi/ (and the filters on /storie/): facets (OR within, AND across;
 *    data-dove="*" matches every region), quick filters computed from the dates, sorting,
 *    a panel opened from a button that counts the active filters; all reflected in the
 *    query string (?beneficiari=cooperatives&dove=lazio) so a view can be shared.
 *    Without JavaScript the form stays hidden, the list is complete and static listings
 *    (/bandi/per/cooperative/ …) narrow it.
 * 3. Compare (pick 2–3 calls on /bandi/), share (Web Share API, else links), header search.
 * window.LabStatus exposes the status rules to the compare and search pages.
 * 4. Before a click day, the sheet's countdown to the opening, from the visitor's clock.
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

  /* Status labels, and which statuses count as "aperti" (data-applying, from the build). */
  function statusInfo() {
    var node = document.getElementById("lab-status-labels");
    var applying = (node && node.dataset.applying || "open closing_soon rolling").split(" ");
    return { names: labels(), applying: applying };
  }

  function labels() { return fromPage("lab-status-labels"); }

  function parse(value) { return value ? new Date(value) : null; }

  /* Calendar days between two instants, counted in Rome (0 = same day). */
  function daysBetween(now, later) {
    var a = romeDay.format(now).split("-"), b = romeDay.format(later).split("-");
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

  function paint(badge, status, names) {
    badge.className = badge.className.replace(/lab-badge--[a-z_]+/, "lab-badge--" + status);
    badge.dataset.labStatus = status;
    if (names[status]) badge.textContent = names[status];
  }

  function refreshStatuses(root, now) {
    var info = statusInfo();
    root.querySelectorAll("[data-lab-status]").forEach(function (badge) {
      var status = statusOf(badge.dataset, now);
      if (status !== badge.dataset.labStatus) paint(badge, status, info.names);
      var card = badge.closest("[data-lab-item]");
      if (card && card.hasAttribute("data-stato")) card.setAttribute("data-stato", status);
      if (card) card.dataset.liveStatus = status;
      var days = card && card.querySelector("[data-lab-days]");
      if (days) days.hidden = info.applying.indexOf(status) === -1;
    });
    var own = root.querySelector("[data-lab-self] [data-lab-status]");
    if (own) {
      var status = own.dataset.labStatus, current = status !== "closed" && status !== "cancelled";
      root.querySelectorAll("[data-lab-closed-banner]").forEach(function (b) { b.hidden = status !== "closed"; });
      root.querySelectorAll("[data-lab-while-current]").forEach(function (el) { el.hidden = !current; });
      root.querySelectorAll("[data-lab-self] [data-lab-days], .lab-facts [data-lab-days]").forEach(function (el) {
        el.hidden = info.applying.indexOf(status) === -1;
      });
    }
    root.querySelectorAll("[data-lab-days]").forEach(function (el) {
      var deadline = currentSpan(el.dataset, now).deadline;
      var text = deadline && daysText(daysBetween(now, deadline));
      if (text) el.textContent = text;
    });
    /* Lists that keep only some statuses: a card whose status moved on leaves them. */
    root.querySelectorAll("[data-lab-keep]").forEach(function (list) {
      var keep = list.dataset.labKeep.split(" "), left = 0;
      list.querySelectorAll("[data-lab-item]").forEach(function (card) {
        var gone = card.dataset.liveStatus && keep.indexOf(card.dataset.liveStatus) === -1;
        if (gone) { card.hidden = true; card.dataset.labGone = ""; } else { left++; }
      });
      if (!left) list.hidden = true;
      var empty = root.querySelector('[data-lab-empty-of="' + list.dataset.labKeep + '"]');
      if (empty && !left) empty.hidden = false;
    });
  }

  /* The rules above, for tests and other pages' scripts (compare, search): statusOf(badge.dataset, new Date()). */
  window.LabStatus = { statusOf: statusOf, daysBetween: daysBetween, daysText: daysText, refresh: refreshStatuses,
                       info: statusInfo, paint: paint };

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


  /* ---- quick filters, from the dates (same instants as the badges) ---- */

  /* `badge`: a badge's dataset (or the same keys from bandi/elenco.json); `published`: YYYY-MM-DD. */
  function quickTagsOf(status, badge, published, now, applying) {
    var tags = [];
    if (applying.indexOf(status) !== -1) {
      tags.push("aperti");
      var deadline = currentSpan(badge, now).deadline;
      if (deadline) {
        var days = daysBetween(now, deadline);
        if (days <= 7) tags.push("entro-7");
        if (days <= 30) tags.push("entro-30");
      }
    }
    if (status === "forthcoming") tags.push("in-apertura");
    if (published) {
      var p = published.split("-");
      if (daysBetween(new Date(Date.UTC(+p[0], p[1] - 1, +p[2], 12)), now) <= 30) tags.push("nuovi");
    }
    return tags;
  }

  /* {"data-lab-status": "open", "data-soon": "14"} → {labStatus: "open", soon: "14"}, as a dataset. */
  function datasetOf(attributes) {
    var out = {};
    Object.keys(attributes || {}).forEach(function (name) {
      out[name.slice(5).replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); })] = attributes[name];
    });
    return out;
  }

  /* ---- explorer: facets, quick filters, sort, panel ----
     A list that holds every item (/storie/, or /bandi/ when its calls fit one page) is filtered
     in place. When /bandi/ holds only its first page (data-lab-total says how many calls there
     are), the first filter, sort, "Mostra altri" or tap on the form loads every current call
     (data-lab-all: bandi/elenco.json) and assets/lab-bandi.js, loaded then, draws the cards to
     show, data-lab-page at a time; the static pager (/bandi/pagina/2/ …, for visitors without
     JavaScript) hides. */

  /* A script this page needs only once the visitor acts (assets/lab-bandi.js), loaded once. */
  var scripts = {};
  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { delete scripts[src]; reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    return scripts[src];
  }

  function setupFilters(form, now) {
    var list = document.getElementById(form.dataset.labFilter);
    if (!list) return;
    var target = form.dataset.labFilter;
    var counter = document.querySelector('[data-lab-results="' + target + '"]');
    var empty = document.querySelector('[data-lab-empty="' + target + '"]');
    var more = document.querySelector('[data-lab-more="' + target + '"]');
    var pager = list.parentNode.querySelector("[data-lab-pager]");
    var active = form.querySelector("[data-lab-active]");
    var shownLabel = form.querySelector("[data-lab-shown]");
    var sort = form.querySelector("[data-lab-sort]");
    var controls = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet] input, fieldset[data-facet] select"));
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (f) {
      return f.dataset.facet;
    });
    var info = statusInfo(), applying = info.applying;
    var keep = list.dataset.labKeep ? list.dataset.labKeep.split(" ") : null;
    var cards = list.querySelectorAll("[data-lab-item]");
    var total = parseInt(list.dataset.labTotal || "0", 10);
    var paged = Boolean(list.dataset.labAll && total > cards.length);
    var limit = cards.length, loading = null, labels = {}, drawn = false;

    function item(values, index, published, amount, el, record) {
      return { values: values, index: index, published: published || "", amount: parseFloat(amount || "-1"),
               el: el, record: record };
    }

    var items = Array.prototype.map.call(cards, function (el, index) {
      var values = {};
      facets.forEach(function (key) {
        var badge = el.querySelector("[data-lab-status]");
        values[key] = key === "quando" ? (badge ? quickTagsOf(badge.dataset.labStatus, badge.dataset, el.dataset.published, now, applying) : [])
          : (el.getAttribute("data-" + key) || "").split(" ").filter(Boolean);
      });
      return item(values, index, el.dataset.published, el.dataset.amount, el, null);
    }).filter(function (entry) { return !("labGone" in entry.el.dataset); });

    /* Every current call from bandi/elenco.json, with its live status (a call that closed since
       the build leaves, as its card would). */
    function fromRecords(data) {
      labels = data.labels || {};
      var found = [];
      data.calls.forEach(function (record, index) {
        var badge = datasetOf(record.b), status = statusOf(badge, now), values = {};
        if (keep && keep.indexOf(status) === -1) return;
        facets.forEach(function (key) {
          values[key] = key === "quando" ? quickTagsOf(status, badge, record.a["data-published"], now, applying)
            : key === "stato" ? [status] : (record.a["data-" + key] || "").split(" ").filter(Boolean);
        });
        found.push(item(values, index, record.a["data-published"], record.a["data-amount"], null, record));
      });
      return found;
    }

    function cardOf(entry) {
      if (!entry.el) {
        entry.el = window.LabCalls.card(entry.record, labels, info);
        refreshStatuses(entry.el, now);
        if (list.labDecorate) list.labDecorate(entry.el);
      }
      return entry.el;
    }

    /* Loads every call once; the promise says when `items` holds them all. */
    function loadAll() {
      if (!paged) return Promise.resolve();
      if (!loading) {
        list.setAttribute("aria-busy", "true");
        loading = loadScript(ROOT + "assets/lab-bandi.js").then(function () {
          return window.LabCalls.load(list.dataset.labAll);
        }).then(function (data) {
          items = fromRecords(data);
          paged = false;
          drawn = true;
          list.removeAttribute("aria-busy");
        }, function (error) {
          loading = null;
          list.removeAttribute("aria-busy");
          throw error;
        });
      }
      return loading;
    }

    function chosenValues(control) {
      if (control.tagName === "SELECT") return control.value ? [control.value] : [];
      return control.checked && control.value ? [control.value] : [];
    }

    function selection() {
      var chosen = {};
      facets.forEach(function (key) { chosen[key] = []; });
      controls.forEach(function (c) { chosen[c.name] = chosen[c.name].concat(chosenValues(c)); });
      return chosen;
    }

    function has(entry, key, value) {
      var mine = entry.values[key];
      return mine.indexOf(value) !== -1 || mine.indexOf("*") !== -1;
    }

    function matches(entry, chosen, skip) {
      return facets.every(function (key) {
        var wanted = chosen[key];
        if (key === skip || !wanted.length) return true;
        return wanted.some(function (v) { return has(entry, key, v); });
      });
    }

    function countFor(chosen, key, value) {
      return items.filter(function (entry) { return matches(entry, chosen, key) && has(entry, key, value); }).length;
    }

    function ordered(entries) {
      var how = sort ? sort.value : "scadenza";
      return entries.slice().sort(function (a, b) {
        if (how === "recenti" && a.published !== b.published) return a.published < b.published ? 1 : -1;
        if (how === "importo" && a.amount !== b.amount) return b.amount - a.amount;
        return a.index - b.index;
      });
    }

    /* Every item in order, the others hidden (a complete list); or the first `limit` matches drawn. */
    function show(matched) {
      if (!drawn) {
        items.forEach(function (entry) { entry.el.hidden = matched.indexOf(entry) === -1; });
        ordered(items).forEach(function (entry) { list.appendChild(entry.el); });
        return;
      }
      if (pager) pager.hidden = true;
      var wanted = ordered(matched).slice(0, limit).map(cardOf);
      var current = Array.prototype.slice.call(list.children);
      if (wanted.length !== current.length || wanted.some(function (el, i) { return el !== current[i]; })) {
        wanted.forEach(function (el) { el.hidden = false; list.appendChild(el); });
        current.forEach(function (el) { if (wanted.indexOf(el) === -1) list.removeChild(el); });
      }
      if (more) {
        var rest = matched.length - wanted.length;
        more.hidden = rest <= 0;
        var left = more.querySelector("[data-lab-more-count]");
        if (left) left.textContent = rest > 0 ? "(ne restano " + rest + ")" : "";
      }
    }

    function apply() {
      if (paged) return;
      var chosen = selection(), picked = 0;
      var matched = items.filter(function (entry) { return matches(entry, chosen, null); }), shown = matched.length;
      controls.forEach(function (c) {
        if (c.tagName === "SELECT") {
          Array.prototype.forEach.call(c.options, function (o) {
            if (o.value) o.textContent = o.dataset.label + " (" + countFor(chosen, c.name, o.value) + ")";
          });
          if (c.value) picked++;
          return;
        }
        if (!c.value) return;  /* "Tutti" */
        var n = countFor(chosen, c.name, c.value);
        var count = c.parentNode.querySelector("[data-lab-count]");
        if (count) count.textContent = n;
        c.parentNode.classList.toggle("lab-zero", n === 0 && !c.checked);
        if (c.checked && c.type === "checkbox") picked++;
      });
      var noun = shown === 1 ? counter.dataset.one : counter.dataset.many;
      var filtered = facets.some(function (key) { return chosen[key].length; });
      if (counter) counter.textContent = filtered ? shown + " " + noun + " su " + items.length : shown + " " + noun;
      if (shownLabel) shownLabel.textContent = shown + " " + noun;
      if (empty) empty.hidden = shown > 0;
      if (active) active.textContent = picked ? " (" + picked + ")" : "";
      if (active) active.setAttribute("aria-label", picked ? (picked === 1 ? "1 filtro attivo" : picked + " filtri attivi") : "");
      show(matched);
      var query = new URLSearchParams();
      facets.forEach(function (key) { chosen[key].forEach(function (v) { query.append(key, v); }); });
      if (sort && sort.value !== "scadenza") query.append("ordina", sort.value);
      var search = query.toString();
      history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    /* What the visitor asked for, once every item is known. */
    function update() {
      if (!paged) return apply();
      loadAll().then(apply, function () {
        if (counter) counter.textContent = "Non è stato possibile caricare l'elenco completo: riprova, o usa le pagine qui sotto.";
      });
    }

    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (c) {
      var wanted = params.getAll(c.name).join(",").split(",");
      if (c.tagName === "SELECT") c.value = wanted.filter(function (v) {
        return c.querySelector('option[value="' + v + '"]');
      })[0] || "";
      else if (c.type === "radio") c.checked = c.value ? wanted.indexOf(c.value) !== -1 : !params.get(c.name);
      else c.checked = wanted.indexOf(c.value) !== -1;
    });
    if (sort && params.get("ordina")) sort.value = params.get("ordina");
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    /* A tap or a key on the form: the visitor is about to filter, start loading now. */
    ["pointerdown", "focusin"].forEach(function (type) {
      form.addEventListener(type, function () { if (paged) update(); }, { once: true });
    });
    if (more) {
      more.hidden = !paged;
      more.querySelector("button").addEventListener("click", function () {
        var before = list.children.length;
        loadAll().then(function () {
          limit = Math.max(limit, before) + (parseInt(list.dataset.labPage, 10) || 30);
          apply();
          var first = list.children[before] && list.children[before].querySelector("a");
          if (first) first.focus();
        });
      });
    }
    setupPanel(form);
    form.hidden = false;
    if (!paged || params.toString()) update();
  }

  function setupPanel(form) {
    var panel = form.querySelector("[data-lab-panel]"), toggle = form.querySelector("[data-lab-panel-toggle]");
    if (!panel || !toggle) return;
    function show(open) {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      document.documentElement.classList.toggle("lab-panel-open", open);
      if (open) {
        var first = panel.querySelector("input, select, button");
        if (first) first.focus();
      }
    }
    toggle.addEventListener("click", function () { show(panel.hidden); });
    panel.querySelectorAll("[data-lab-panel-close]").forEach(function (b) {
      b.addEventListener("click", function () { show(false); toggle.focus(); });
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { show(false); toggle.focus(); }
    });
    panel.querySelectorAll('a[href^="#"]').forEach(function (a) {
      a.addEventListener("click", function () { show(false); });
    });
  }

  /* ---- compare: pick 2–3 calls on /bandi/ (and its next pages) ---- */

  var COMPARE_KEY = "lab-confronta", COMPARE_MAX = 3;

  function setupCompare(list) {
    var chosen = [];
    try { chosen = JSON.parse(sessionStorage.getItem(COMPARE_KEY) || "[]"); } catch (e) { chosen = []; }
    var bar = document.createElement("div");
    bar.className = "lab-compare-bar";
    bar.setAttribute("aria-live", "polite");
    bar.hidden = true;
    var link = document.createElement("a");
    link.className = "md-button md-button--primary";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button";
    clear.textContent = "Azzera";
    bar.appendChild(link);
    bar.appendChild(clear);
    list.parentNode.insertBefore(bar, list.nextSibling);
    var boxes = [];
    /* A card drawn later (the explorer's next cards) gets its box too. */
    function decorate(card) {
      var a = card.querySelector(".lab-card__title a");
      if (!a || card.querySelector(".lab-compare")) return;
      var slug = a.getAttribute("href").replace(/\/(index\.html)?$/, "").replace(/\.html$/, "").split("/").pop();
      var label = document.createElement("label");
      label.className = "lab-compare";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = slug;
      box.checked = chosen.indexOf(slug) !== -1;
      box.disabled = !box.checked && chosen.length >= COMPARE_MAX;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" Confronta"));
      var hidden = document.createElement("span");
      hidden.className = "lab-sr-only";
      hidden.textContent = " " + a.textContent;
      label.appendChild(hidden);
      card.appendChild(label);
      boxes.push(box);
    }
    var cards = list.querySelectorAll("[data-lab-item]");
    cards.forEach(decorate);
    list.labDecorate = decorate;
    /* Forget calls that left the list, when the page holds the whole list (not one page of it). */
    var complete = !list.dataset.labTotal || cards.length >= parseInt(list.dataset.labTotal, 10);
    function update() {
      if (complete) chosen = chosen.filter(function (slug) { return boxes.some(function (b) { return b.value === slug; }); });
      sessionStorage.setItem(COMPARE_KEY, JSON.stringify(chosen));
      boxes.forEach(function (b) { b.disabled = !b.checked && chosen.length >= COMPARE_MAX; });
      bar.hidden = chosen.length === 0;
      var base = ROOT + (location.protocol === "file:" ? "bandi/confronta.html" : "bandi/confronta/");
      link.href = base + "?bandi=" + chosen.join(",");
      link.textContent = chosen.length < 2 ? "Scegli almeno un altro bando da confrontare"
        : "Confronta " + chosen.length + " bandi";
      link.setAttribute("aria-disabled", chosen.length < 2 ? "true" : "false");
    }
    link.addEventListener("click", function (event) { if (chosen.length < 2) event.preventDefault(); });
    clear.addEventListener("click", function () {
      chosen = [];
      boxes.forEach(function (b) { b.checked = false; });
      update();
    });
    list.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.closest(".lab-compare")) return;
      var at = chosen.indexOf(box.value);
      if (box.checked && at === -1) chosen.push(box.value);
      if (!box.checked && at !== -1) chosen.splice(at, 1);
      update();
    });
    update();
  }

  /* ---- share a sheet ---- */

  function setupShare(share) {
    var data = share.dataset, own = document.querySelector("[data-lab-self] [data-lab-status]");
    var status = own ? own.textContent.trim() : "";
    var deadline = document.querySelector("[data-lab-self] [data-lab-days]");
    var text = data.title + (status ? " – " + status : "") + (data.deadline ? " – scadenza: " + data.deadline : "") +
      (deadline && !deadline.hidden ? " (" + deadline.textContent + ")" : "");
    var url = location.href.split("#")[0];
    var wa = share.querySelector("[data-lab-share-whatsapp]"), mail = share.querySelector("[data-lab-share-mail]");
    if (wa) wa.href = "https://wa.me/?text=" + encodeURIComponent(text + "\n" + url);
    if (mail) mail.href = "mailto:?subject=" + encodeURIComponent(data.title) + "&body=" + encodeURIComponent(text + "\n\n" + url);
    var copy = share.querySelector("[data-lab-share-copy]");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () { copy.textContent = "Link copiato"; });
      });
    }
    var summary = share.querySelector("summary");
    if (navigator.share && summary) {
      summary.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.share({ title: data.title, text: text, url: url }).catch(function () { share.open = true; });
      });
    }
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
    document.querySelectorAll("form[data-lab-filter]").forEach(function (form) { setupFilters(form, now); });
    var calls = document.getElementById("lab-calls");
    if (calls) setupCompare(calls);
    document.querySelectorAll("[data-lab-share]").forEach(setupShare);
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
