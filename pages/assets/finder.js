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
  var OPEN_SCOPES = ["national", "european", "international"];

  function has(list, value) { return list.indexOf(value) !== -1; }
  function keys(object) { return Object.keys(object); }
  function coversAll(labels, values, except) {
    return keys(labels).every(function (k) { return k === except || has(values, k); });
  }
  function names(values, labels) {
    return values.map(function (v) { return labels[v] || v; }).join(", ");
  }
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
    var place = req.territory, scope = req.scope;
    if (place === "any") return [OK, "Nessun vincolo territoriale."];
    if (place === undefined || place === null) {
      if (has(OPEN_SCOPES, scope)) return [OK, "Ambito " + lower(t.scopes[scope]) + ": si partecipa da tutta Italia."];
      if (scope === "lazio") place = { regions: ["lazio"] };
      else return [UNKNOWN, "Territorio: non indicato dal bando (ambito locale)."];
    }
    var regions = (place.regions && place.regions.length) ? place.regions : (scope === "lazio" ? ["lazio"] : []);
    var provinces = place.provinces || [], towns = place.municipalities || [];
    var town = given(answers.comune) ? answers.comune : null;
    var province = given(answers.provincia) ? answers.provincia : (town ? (t.istat_provinces[town.slice(0, 3)] || null) : null);
    var region = given(answers.regione) ? answers.regione : (province && t.provinces[province] ? t.provinces[province][0] : null);
    var where;
    if (towns.length) where = "i comuni con codice ISTAT " + towns.join(", ");
    else if (provinces.length) {
      where = (provinces.length === 1 ? "provincia di " : "province di ") + provinces.map(function (p) {
        return t.provinces[p] ? t.provinces[p][1] : p;
      }).join(", ");
    } else if (regions.length) where = names(regions, t.regions);
    else where = "tutta Italia";
    var need = place.office ? " Serve la " + lower(t.offices[place.office]) + " nel territorio." : "";
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
    if (low !== null) parts.push("almeno " + low + " anni di attività");
    if (high !== null) parts.push("non più di " + high + " anni di attività");
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

  function itemHtml(call, result, show, statuses) {
    var reasons = result.reasons.filter(function (r) { return r.state === show; });
    var html = '<li class="lab-finder__item"><h3 class="lab-finder__title"><a href="../' +
      encodeURIComponent(call.slug) + '/">' + escapeHtml(call.title) + "</a></h3>" +
      '<p class="lab-finder__meta"><span class="lab-badge lab-badge--' + escapeHtml(call.status) + '">' +
      escapeHtml(statuses[call.status] || call.status) + "</span> ";
    if (call.opens_text) html += "Apre il " + escapeHtml(call.opens_text) + ". ";
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

  function stillOpen(call, now) {
    return !call.deadline || new Date(call.deadline) >= now;
  }

  function render(box, data, answers, now) {
    var groups = { compatibile: [], da_verificare: [], non_compatibile: [] };
    data.calls.forEach(function (call) {
      if (!stillOpen(call, now)) return;
      var result = evaluate(call, answers, data.tables);
      groups[result.verdict].push([call, result]);
    });
    var parts = GROUPS.map(function (g) {
      var found = groups[g.verdict];
      var items = found.length ? '<ol class="lab-finder__list">' + found.map(function (pair) {
        return itemHtml(pair[0], pair[1], g.show, data.statuses);
      }).join("") + "</ol>" : '<p class="lab-finder__empty">' + g.empty + "</p>";
      var heading = g.title + " (" + found.length + ")";
      if (g.verdict === "non_compatibile") {
        return '<details class="lab-finder__group lab-finder__group--' + g.verdict + '" data-group="' + g.verdict +
          '"><summary><h2>' + heading + "</h2></summary>" + items + "</details>";
      }
      return '<section class="lab-finder__group lab-finder__group--' + g.verdict + '" data-group="' + g.verdict +
        '"><h2>' + heading + "</h2>" + items + "</section>";
    });
    box.querySelector("[data-lab-finder-list]").innerHTML = parts.join("");
    box.querySelector("[data-lab-finder-summary]").textContent = groups.compatibile.length + " compatibili, " +
      groups.da_verificare.length + " da verificare, " + groups.non_compatibile.length + " non compatibili.";
  }

  function setup(form) {
    var box = document.querySelector("[data-lab-finder-results]");
    if (!box || form.dataset.ready) return;
    form.dataset.ready = "1";
    var data = null;
    function show() {
      if (data) render(box, data, answersFrom(new URLSearchParams(window.location.search)), new Date());
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
    form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
    window.addEventListener("popstate", function () {
      fillForm(form, new URLSearchParams(window.location.search));
      show();
    });
    fetch(form.dataset.labFinder || "dati.json", { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (loaded) { data = loaded; box.hidden = false; show(); })
      .catch(function () {
        box.hidden = false;
        box.querySelector("[data-lab-finder-summary]").textContent =
          "Non è stato possibile caricare i bandi: ricarica la pagina.";
      });
  }

  root.labFinder = { evaluate: evaluate, answersFrom: answersFrom };
  function init() { document.querySelectorAll("form[data-lab-finder]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(window);
