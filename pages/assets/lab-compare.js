/* /bandi/confronta/?bandi=a,b,c: two or three calls side by side. Each chosen call's facts come from
 * its own small file, bandi/confronta/<slug>.json (made at build time: texts already in Italian), so
 * the page loads the same few bytes whatever the number of calls; the rows' labels are in the page.
 * The status badge is recomputed with today's date by window.LabStatus (assets/lab.js). A table on a
 * wide screen; on a phone each row reflows to a block (lab.css), each value prefixed by its call's name. */
(function () {
  "use strict";

  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A call's facts, or null when it has no file (closed, withdrawn, mistyped). */
  function load(url) {
    return fetch(url).then(function (r) {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  function missingNote(missing, link) {
    var note = el("p", "lab-muted");
    note.appendChild(document.createTextNode("Non più tra i bandi correnti (chiusi o tolti): "));
    missing.forEach(function (slug, i) {
      var a = el("a", "", slug);
      a.href = link(slug);
      note.appendChild(a);
      if (i < missing.length - 1) note.appendChild(document.createTextNode(", "));
    });
    return note;
  }

  function table(found, rows, link) {
    var now = new Date(), info = window.LabStatus ? window.LabStatus.info() : { names: {} };
    var tableEl = el("table", "lab-compare-table");
    tableEl.appendChild(el("caption", "lab-sr-only", "Confronto tra " + found.length + " bandi"));
    var head = el("thead"), row = el("tr");
    row.appendChild(el("td"));
    found.forEach(function (call) {
      var th = el("th"), a = el("a", "", call.title);
      th.scope = "col";
      a.href = link(call.slug);
      th.appendChild(a);
      row.appendChild(th);
    });
    head.appendChild(row);
    tableEl.appendChild(head);
    var body = el("tbody");
    var stateRow = el("tr"), stateHead = el("th", "", "Stato");
    stateHead.scope = "row";
    stateRow.appendChild(stateHead);
    found.forEach(function (call) {
      var td = el("td"), live = {}, key;
      td.dataset.call = call.title;
      for (key in call.badge) live[key.replace(/^data-/, "")] = call.badge[key];
      var status = window.LabStatus ? window.LabStatus.statusOf(live, now) : call.badge["data-lab-status"];
      td.appendChild(el("span", "lab-badge lab-badge--" + status, info.names[status] || status));
      stateRow.appendChild(td);
    });
    body.appendChild(stateRow);
    rows.forEach(function (label, i) {
      if (found.every(function (call) { return !call.values[i]; })) return;
      var tr = el("tr"), th = el("th", "", label);
      th.scope = "row";
      tr.appendChild(th);
      found.forEach(function (call) {
        var td = el("td", "", call.values[i] || "—");
        td.dataset.call = call.title;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    tableEl.appendChild(body);
    return tableEl;
  }

  function start() {
    var root = document.getElementById("lab-compare");
    if (!root) return;
    var wanted = (new URLSearchParams(location.search).get("bandi") || "").split(",")
      .map(function (s) { return s.trim(); }).filter(function (s) { return SLUG.test(s); })
      .filter(function (s, i, all) { return all.indexOf(s) === i; }).slice(0, 3);
    if (!wanted.length) return;
    var data = root.dataset.labCompareData, callLink = root.dataset.labCompareLink;
    var rows = JSON.parse(root.dataset.labCompareRows);
    function link(slug) { return new URL(callLink.replace("SLUG", slug), location.href).href; }
    root.setAttribute("aria-busy", "true");
    Promise.all(wanted.map(function (slug) {
      return load(new URL(data.replace("SLUG", slug), location.href).href).then(function (call) {
        if (call) call.slug = slug;
        return call;
      });
    })).then(function (calls) {
      var found = calls.filter(Boolean);
      var missing = wanted.filter(function (slug, i) { return !calls[i]; });
      root.textContent = "";
      if (missing.length) root.appendChild(missingNote(missing, link));
      if (found.length) root.appendChild(table(found, rows, link));
    }).catch(function () {
      root.textContent = "";
      root.appendChild(el("p", "lab-muted", location.protocol === "file:"
        ? "Il confronto non funziona da un'anteprima aperta dal disco: funziona sul sito pubblicato."
        : "Non è stato possibile caricare il confronto: controlla la connessione e ricarica la pagina."));
    }).then(function () { root.removeAttribute("aria-busy"); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
