/* "Quale bando fa per me?" (/bandi/quale-bando/): the eligibility rule and the page, no dependencies.
 *
 * The rule is build_tools/deriving/eligibility.py, line by line: same inputs (a call's
 * requirements, the visitor's answers under the page's URL keys, the tables shipped in
 * dati.json), same reasons, same Italian. tests/browser/test_finder.py runs the table of
 * cases in tests/eligibility_cases.json through both and fails on any difference.
 * The answers live only in the URL query: nothing is stored, nothing leaves the browser but
 * the request for the site's own dati.json.
 */
(function (root) {
  "use strict";

  var OK = "ok", UNKNOWN = "unknown", NO = "no";
  var KEYS = ["beneficiaries", "pathways", "territory", "sizes", "ateco", "company_age", "purposes"];
  var COMPANIES = ["cooperatives", "social_cooperatives", "social_enterprises", "startups", "spin_offs"];
  var FOUNDERS = "new_cooperative";

  function has(list, value) { return list.indexOf(value) !== -1; }
  function keys(object) { return Object.keys(object); }
  function coversAll(labels, values, except) {
    return keys(labels).every(function (k) { return k === except || has(values, k); });
  }
  function names(values, labels) {
    return values.map(function (v) { return labels[v] || v; }).join(", ");
  }
  function yearsText(n) { return n === 1 ? "1 anno" : n + " anni"; }
  function lower(text) { return text.slice(0, 1).toLowerCase() + text.slice(1); }
  function answerList(answers, key) {
    var value = answers[key];
    if (value === undefined || value === null) return [];
    return typeof value === "string" ? [value] : value.slice();
  }
  function given(value) { return value !== undefined && value !== null && value !== ""; }

  function beneficiaries(req, answers, t) {
    var wanted = req.beneficiaries || [], who = answerList(answers, "beneficiari");
    var label = names(wanted, t.beneficiaries);
    if (!who.length) {
      if (coversAll(t.beneficiaries, wanted, FOUNDERS)) return [OK, "Aperto a ogni tipo di beneficiario."];
      return [UNKNOWN, "È per: " + label + ". Non hai indicato chi sei."];
    }
    var mine = who.slice();
    if (has(mine, "social_cooperatives")) mine.push("cooperatives", "social_enterprises", "third_sector");
    if (has(mine, FOUNDERS)) mine.push("cooperatives", "individuals");
    var size = answers.dimensione;
    var company = !has(mine, FOUNDERS) && mine.some(function (b) { return has(COMPANIES, b); });
    if (company && given(size)) mine.push(size === "large" ? "large_enterprises" : "sme");
    var matched = wanted.filter(function (b) { return has(mine, b); });
    if (matched.length) return [OK, "Tra i beneficiari: " + names(matched, t.beneficiaries) + "."];
    if (company && !given(size) && (has(wanted, "sme") || has(wanted, "large_enterprises"))) {
      return [UNKNOWN, "È per: " + label + ". Indica la dimensione della tua impresa."];
    }
    return [NO, "È riservato a: " + label + "."];
  }

  function pathways(req, answers, t) {
    var wanted = req.pathways || [], mine = answers.percorso, label = names(wanted, t.pathways);
    if (coversAll(t.pathways, wanted)) return [OK, "Adatto sia a imprese esistenti sia a nuove imprese."];
    if (!given(mine)) return [UNKNOWN, "È pensato per: " + label + ". Non hai indicato il tuo percorso."];
    if (has(wanted, mine)) return [OK, "È pensato per: " + label + "."];
    return [NO, "È pensato solo per: " + label + "."];
  }

  function territory(req, answers, t) {
    // The region level is the call's "dove" (build_tools/deriving/territory.py, in dati.json).
    var place = req.territory, scope = req.scope, dove = req.dove;
    if (place === "any") return [OK, "Nessun vincolo territoriale."];
    if (dove === undefined || dove === null) return [UNKNOWN, "Territorio: non indicato dal bando."];
    var block = (place && typeof place === "object") ? place : {};
    var regions = dove === "*" ? [] : dove.slice();
    var provinces = block.provinces || [], towns = block.municipalities || [];
    if (!regions.length && (place === undefined || place === null)) {
      return [OK, "Ambito " + lower(t.scopes[scope]) + ": si partecipa da tutta Italia."];
    }
    var local = scope === "local" && !provinces.length && !towns.length;
    var town = given(answers.comune) ? answers.comune : null;
    var province = given(answers.provincia) ? answers.provincia : (town ? (t.istat_provinces[town.slice(0, 3)] || null) : null);
    var region = given(answers.regione) ? answers.regione : (province && t.provinces[province] ? t.provinces[province][0] : null);
    var where;
    if (towns.length) where = "i comuni con codice ISTAT " + towns.join(", ");
    else if (provinces.length) {
      where = (provinces.length === 1 ? "provincia di " : "province di ") + provinces.map(function (p) {
        return t.provinces[p] ? t.provinces[p][1] : p;
      }).join(", ");
    } else if (regions.length) where = names(regions, t.regions) + (local ? " (bando locale)" : "");
    else where = "tutta Italia";
    var need = block.office ? " Serve la " + lower(t.offices[block.office]) + " nel territorio." : "";
    var states = [];
    if (towns.length) {
      var townProvinces = towns.map(function (c) { return t.istat_provinces[c.slice(0, 3)] || null; });
      if (town) states.push([has(towns, town) ? OK : NO, "il comune"]);
      else if (province && !has(townProvinces, null) && !has(townProvinces, province)) states.push([NO, "il comune"]);
      else states.push([UNKNOWN, "il comune"]);
    }
    if (provinces.length) {
      if (province) states.push([has(provinces, province) ? OK : NO, "la provincia"]);
      else if (region && provinces.every(function (p) { return (t.provinces[p] || [null])[0] !== region; })) {
        states.push([NO, "la provincia"]);
      } else states.push([UNKNOWN, "la provincia"]);
    }
    if (regions.length) states.push([region ? (has(regions, region) ? OK : NO) : UNKNOWN, "la regione"]);
    if (states.some(function (s) { return s[0] === NO; })) return [NO, "Si partecipa solo da: " + where + "."];
    var missing = states.filter(function (s) { return s[0] === UNKNOWN; });
    if (missing.length) return [UNKNOWN, "Si partecipa solo da: " + where + ". Non hai indicato " + missing[0][1] + "." + need];
    if (local) {
      return [UNKNOWN, "Si partecipa da: " + where + ". Provincia e comune non indicati dal bando: " +
        "controlla se vale per il tuo territorio." + need];
    }
    return [OK, "Si partecipa da: " + where + "." + need];
  }

  function sizes(req, answers, t) {
    var allowed = req.sizes, mine = answers.dimensione;
    if (allowed === undefined || allowed === null) return [UNKNOWN, "Dimensione dell'impresa: non indicata dal bando."];
    if (allowed === "any" || coversAll(t.sizes, allowed)) return [OK, "Aperto a imprese di ogni dimensione."];
    var label = allowed.map(function (s) { return lower(t.sizes[s] || s); }).join(", ");
    if (!given(mine)) return [UNKNOWN, "Dimensioni ammesse: " + label + ". Non hai indicato la dimensione."];
    return has(allowed, mine) ? [OK, "Dimensioni ammesse: " + label + "."] : [NO, "Dimensioni ammesse solo: " + label + "."];
  }

  function ateco(req, answers, t) {
    var rule = req.ateco, mine = answers.ateco;
    if (rule === undefined || rule === null) return [UNKNOWN, "Settori ATECO: non indicati dal bando."];
    if (rule === "any") return [OK, "Aperto a tutti i settori ATECO."];
    if (!given(mine)) return [UNKNOWN, "Il bando ammette o esclude alcuni settori ATECO. Non hai indicato il tuo settore."];
    if (rule.version !== "2025") {
      return [UNKNOWN, "Il bando usa i codici ATECO " + rule.version + ": controlla il tuo codice in quella versione."];
    }
    var include = rule.include || [], exclude = rule.exclude || [];
    var name = mine + " (" + (t.sections[mine] || mine) + ")";
    if (has(exclude, mine)) return [NO, "Il settore " + name + " è escluso."];
    var partsOut = exclude.filter(function (d) { return t.divisions[d] === mine; });
    var partsIn = include.filter(function (d) { return t.divisions[d] === mine; });
    if (include.length && !has(include, mine)) {
      if (partsIn.length) {
        return [UNKNOWN, "Del settore " + name + " sono ammesse solo le divisioni " + partsIn.join(", ") + ": controlla il tuo codice."];
      }
      return [NO, "Ammessi solo i settori ATECO " + include.join(", ") + "."];
    }
    if (partsOut.length) {
      return [UNKNOWN, "Del settore " + name + " sono escluse le divisioni " + partsOut.join(", ") + ": controlla il tuo codice."];
    }
    return [OK, "Il settore " + name + " è ammesso."];
  }

  function companyAge(req, answers, t) {
    var rule = req.company_age, years = answers.anni;
    var founding = years === "da-costituire" || has(answerList(answers, "beneficiari"), FOUNDERS);
    if (rule === undefined || rule === null) return [UNKNOWN, "Età dell'impresa: non indicata dal bando."];
    if (rule === "any") {
      if (founding) return [UNKNOWN, "Nessun limite di anni, ma il bando non dice se si può fare domanda prima di costituire l'impresa."];
      return [OK, "Nessun limite di anni di attività."];
    }
    var low = given(rule.min_years) ? rule.min_years : null, high = given(rule.max_years) ? rule.max_years : null;
    var fresh = Boolean(rule.to_be_founded), parts = [];
    if (low !== null) parts.push("almeno " + yearsText(low) + " di attività");
    if (high !== null) parts.push("non più di " + yearsText(high) + " di attività");
    if (fresh) parts.push("anche imprese da costituire");
    var wanted = "Richiesto: " + parts.join(", ") + ".";
    if (founding) return fresh ? [OK, wanted] : [NO, "Serve un'impresa già costituita."];
    if (!given(years) || !/^[0-9]+$/.test(String(years))) {
      if (low === null && high === null) return [OK, wanted];
      return [UNKNOWN, wanted + " Non hai indicato da quanti anni esiste l'impresa."];
    }
    var age = parseInt(years, 10);
    if ((low !== null && age < low) || (high !== null && age > high)) return [NO, wanted];
    if (high !== null && age === high) return [UNKNOWN, wanted + " Sei al limite: conta la data esatta di costituzione."];
    return [OK, wanted];
  }

  function purposes(req, answers, t) {
    var funded = req.purposes, needs = answerList(answers, "bisogni");
    if (funded === undefined || funded === null) return [UNKNOWN, "Che cosa finanzia: non indicato per categoria dal bando."];
    if (funded === "any" || coversAll(t.purposes, funded)) return [OK, "Finanzia progetti di ogni tipo."];
    var label = names(funded, t.purposes);
    if (!needs.length) return [UNKNOWN, "Finanzia: " + label + ". Non hai indicato che cosa ti serve."];
    var matched = funded.filter(function (p) { return has(needs, p); });
    if (matched.length) return [OK, "Finanzia: " + names(matched, t.purposes) + "."];
    return [NO, "Finanzia solo: " + label + "."];
  }

  var CHECKS = { beneficiaries: beneficiaries, pathways: pathways, territory: territory, sizes: sizes,
                 ateco: ateco, company_age: companyAge, purposes: purposes };

  function notes(req, answers, t) {
    var out = [], targets = answerList(answers, "destinatari");
    var mine = (req.target_groups || []).filter(function (g) { return has(targets, g); });
    if (mine.length) out.push("Priorità per: " + names(mine, t.target_groups) + ": ti riguarda.");
    if (req.aid_regime === "de_minimis") {
      out.push("Aiuto «de minimis»: contano gli aiuti di questo tipo ricevuti negli ultimi tre anni.");
    }
    if (req.selection === "click_day") {
      out.push("Click day: le domande si inviano da un'ora precisa e i fondi possono finire in pochi minuti.");
    }
    return out;
  }

  /* The verdict on one call for one visitor, with a reason per requirement. */
  function evaluate(req, answers, tables) {
    var reasons = KEYS.map(function (key) {
      var found = CHECKS[key](req, answers, tables);
      return { key: key, state: found[0], text: found[1] };
    });
    var states = reasons.map(function (r) { return r.state; });
    var verdict = has(states, NO) ? "non_compatibile" : (has(states, UNKNOWN) ? "da_verificare" : "compatibile");
    return { verdict: verdict, reasons: reasons, notes: notes(req, answers, tables) };
  }

  /* --- the page ------------------------------------------------------------------------- */

  var GROUPS = [
    { verdict: "compatibile", title: "Compatibili", show: OK,
      empty: "Nessun bando soddisfa tutti i requisiti che conosciamo." },
    { verdict: "da_verificare", title: "Da verificare", show: UNKNOWN,
      empty: "Nessun bando da verificare." },
    { verdict: "non_compatibile", title: "Non compatibili", show: NO, empty: "Nessun bando escluso." }
  ];
  var LIST_KEYS = ["beneficiari", "bisogni", "destinatari"];

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The answers in the query string: the form's own field names, empty ones left out. */
  function answersFrom(params) {
    var answers = {};
    params.forEach(function (value, key) {
      if (!value) return;
      if (has(LIST_KEYS, key)) (answers[key] = answers[key] || []).push(value);
      else answers[key] = value;
    });
    return answers;
  }

  function formParams(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value) params.append(key, value); });
    return params;
  }

  function fillForm(form, params) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      var values = params.getAll(field.name);
      if (field.type === "checkbox" || field.type === "radio") field.checked = has(values, field.value) ||
        (field.type === "radio" && field.value === "" && !values.length);
      else if (field.tagName === "SELECT" || field.type === "text" || field.type === "number") field.value = values[0] || "";
    });
  }

  /* `link`: a sheet's address as seen from this page, with SLUG for the call's file name. */
  function itemHtml(call, status, result, show, statuses, link) {
    var reasons = result.reasons.filter(function (r) { return r.state === show; });
    var html = '<li class="lab-finder__item"><h3 class="lab-finder__title"><a href="' +
      escapeHtml(link.replace("SLUG", encodeURIComponent(call.slug))) + '">' + escapeHtml(call.title) + "</a></h3>" +
      '<p class="lab-finder__meta"><span class="lab-badge lab-badge--' + escapeHtml(status) + '">' +
      escapeHtml(statuses[status] || status) + "</span> ";
    if (call.opens_text && status === "forthcoming") html += "Apre il " + escapeHtml(call.opens_text) + ". ";
    html += "Scadenza: " + escapeHtml(call.deadline_text) + ".</p>";
    if (call.amounts) html += '<p class="lab-finder__amounts">' + escapeHtml(call.amounts[0].toUpperCase() + call.amounts.slice(1)) + ".</p>";
    if (reasons.length) {
      html += '<ul class="lab-finder__reasons">' + reasons.map(function (r) {
        return "<li>" + escapeHtml(r.text) + "</li>";
      }).join("") + "</ul>";
    }
    if (result.notes.length) {
      html += '<ul class="lab-finder__notes">' + result.notes.map(function (n) {
        return "<li>" + escapeHtml(n) + "</li>";
      }).join("") + "</ul>";
    }
    return html + "</li>";
  }

  /* The status now, as the badges of the other pages show it: lab.js's own function when it
     offers one (window.labStatus, or window.LabStatus.statusOf: a badge's data-* as an object),
     else the build's status, with a call past its last deadline counted as closed. */
  function statusNow(call, data, now) {
    var api = root.labStatus || root.LabStatus;
    var statusOf = typeof api === "function" ? api : (api && typeof api.statusOf === "function" ? api.statusOf : null);
    if (statusOf) {
      var dataset = { soon: String(data.closing_soon_days) };
      if (call.override) dataset.override = call.override;
      if (call.opens) dataset.opens = call.opens;
      if (call.deadline) dataset.deadline = call.deadline;
      if (call.windows) dataset.windows = JSON.stringify(call.windows);
      if (call.rolling) dataset.rolling = "true";
      try {
        var found = statusOf(dataset, now);
        if (found) return found;
      } catch (e) { /* keep the build's status */ }
    }
    var last = call.windows ? call.windows[call.windows.length - 1][1] : call.deadline;
    return last && new Date(last) < now ? "closed" : call.status;
  }

  /* Results drawn at a time in a group, and "Non compatibili" only once opened: the page
     answers as quickly at thousands of calls as at ten. */
  var STEP = 50;

  function groupOpen(g) {
    return '<' + (g.verdict === "non_compatibile" ? "details" : "section") + ' class="lab-finder__group lab-finder__group--' +
      g.verdict + '" data-group="' + g.verdict + '"';
  }

  /* The next STEP items of a group, and the button for the rest. */
  function nextItems(g, state) {
    var found = state.groups[g.verdict], from = state.drawn[g.verdict], to = Math.min(found.length, from + STEP);
    state.drawn[g.verdict] = to;
    return found.slice(from, to).map(function (entry) {
      return itemHtml(entry[0], entry[1], entry[2], g.show, state.data.statuses, state.link);
    }).join("");
  }

  function moreButton(g, state) {
    var left = state.groups[g.verdict].length - state.drawn[g.verdict];
    if (left <= 0) return "";
    return '<p class="lab-finder__more"><button class="md-button" type="button" data-lab-finder-more="' + g.verdict +
      '">Mostra altri ' + Math.min(STEP, left) + " bandi</button> (ne restano " + left + ")</p>";
  }

  function groupBody(g, state) {
    return '<ol class="lab-finder__list">' + nextItems(g, state) + "</ol>" + moreButton(g, state);
  }

  function render(box, state, answers, now) {
    var groups = { compatibile: [], da_verificare: [], non_compatibile: [] };
    state.data.calls.forEach(function (call) {
      var status = statusNow(call, state.data, now);
      if (status === "closed") return;
      var result = evaluate(call, answers, state.data.tables);
      groups[result.verdict].push([call, status, result]);
    });
    var list = box.querySelector("[data-lab-finder-list]");
    var excludedOpen = Boolean(list.querySelector('details[data-group="non_compatibile"][open]'));
    state.groups = groups;
    state.drawn = { compatibile: 0, da_verificare: 0, non_compatibile: 0 };
    var parts = GROUPS.map(function (g) {
      var found = groups[g.verdict], heading = "<h2>" + g.title + " (" + found.length + ")</h2>";
      var body = found.length ? "" : '<p class="lab-finder__empty">' + g.empty + "</p>";
      if (g.verdict === "non_compatibile") {
        if (found.length && excludedOpen) body = groupBody(g, state);
        return groupOpen(g) + (excludedOpen ? " open" : "") + "><summary>" + heading + "</summary>" + body + "</details>";
      }
      return groupOpen(g) + ">" + heading + (found.length ? groupBody(g, state) : body) + "</section>";
    });
    list.innerHTML = parts.join("");
    box.querySelector("[data-lab-finder-summary]").textContent = groups.compatibile.length + " compatibili, " +
      groups.da_verificare.length + " da verificare, " + groups.non_compatibile.length + " non compatibili.";
  }

  function groupOf(verdict) {
    return GROUPS.filter(function (g) { return g.verdict === verdict; })[0];
  }

  /* "Mostra altri": the next items, the focus on the first of them; opening "Non compatibili"
     draws its first items. */
  function wireList(list, state) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-lab-finder-more]");
      if (!button) return;
      var g = groupOf(button.dataset.labFinderMore), group = button.closest("[data-group]");
      var ol = group.querySelector(".lab-finder__list"), before = ol.children.length;
      ol.insertAdjacentHTML("beforeend", nextItems(g, state));
      button.parentNode.outerHTML = moreButton(g, state);
      var first = ol.children[before] && ol.children[before].querySelector("a");
      if (first) first.focus();
    });
    list.addEventListener("toggle", function (event) {
      var details = event.target;
      if (!details.open || details.dataset.group !== "non_compatibile" || details.querySelector(".lab-finder__list")) return;
      if (state.groups.non_compatibile.length) details.insertAdjacentHTML("beforeend", groupBody(groupOf("non_compatibile"), state));
    }, true);
  }

  function setup(form) {
    var box = document.querySelector("[data-lab-finder-results]");
    if (!box || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var state = { data: null, link: form.dataset.labFinderLink || "../SLUG/" };
    var summary = box.querySelector("[data-lab-finder-summary]");
    wireList(box.querySelector("[data-lab-finder-list]"), state);
    function show() {
      if (state.data) render(box, state, answersFrom(new URLSearchParams(window.location.search)), new Date());
    }
    function changed() {
      var query = formParams(form).toString();
      if (query !== window.location.search.replace(/^\?/, "")) {
        history.pushState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
      show();
    }
    fillForm(form, new URLSearchParams(window.location.search));
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      changed();
      if (!box.hidden) {  /* on a phone the results are below the form: take the visitor there */
        summary.setAttribute("tabindex", "-1");
        summary.focus();
      }
    });
    form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
    window.addEventListener("popstate", function () {
      fillForm(form, new URLSearchParams(window.location.search));
      show();
    });
    /* Only a failed download is the visitor's to retry; a mistake in drawing stays an error. */
    fetch(form.dataset.labFinder || "dati.json", { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (loaded) { state.data = loaded; box.hidden = false; show(); }, function () {
        box.hidden = false;
        summary.textContent = "Non è stato possibile caricare i bandi: ricarica la pagina.";
      });
  }

  root.labFinder = { evaluate: evaluate, answersFrom: answersFrom };
  function init() { document.querySelectorAll("form[data-lab-finder]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(window);
