/* /bandi/confronta/?bandi=a,b,c: two or three calls side by side, from bandi/confronta/bandi.json
 * (made at build time: labels and texts already in Italian). The status badge is recomputed with
 * today's date by window.LabStatus (assets/lab.js). A table on a wide screen; on a phone each row
 * reflows to a block (lab.css), each value prefixed by its call's name. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function start() {
    var root = document.getElementById("lab-compare");
    if (!root) return;
    var wanted = (new URLSearchParams(location.search).get("bandi") || "").split(",")
      .map(function (s) { return s.trim(); }).filter(Boolean).slice(0, 3);
    if (!wanted.length) return;
    fetch(root.dataset.labCompareData).then(function (r) { return r.json(); }).then(function (data) {
      var base = new URL(root.dataset.labCompareData, location.href);
      var found = wanted.filter(function (slug) { return data.calls[slug]; });
      var missing = wanted.filter(function (slug) { return !data.calls[slug]; });
      root.textContent = "";
      if (missing.length) {
        var note = el("p", "lab-muted");
        note.appendChild(document.createTextNode("Non più tra i bandi correnti (chiusi o tolti): "));
        missing.forEach(function (slug, i) {
          var a = el("a", "", slug);
          a.href = new URL("../" + slug + "/", base).href;
          note.appendChild(a);
          if (i < missing.length - 1) note.appendChild(document.createTextNode(", "));
        });
        root.appendChild(note);
      }
      if (!found.length) return;
      var now = new Date(), info = window.LabStatus ? window.LabStatus.info() : { names: {} };
      var table = el("table", "lab-compare-table");
      var caption = el("caption", "lab-sr-only", "Confronto tra " + found.length + " bandi");
      table.appendChild(caption);
      var head = el("thead"), row = el("tr");
      row.appendChild(el("td"));
      found.forEach(function (slug) {
        var call = data.calls[slug], th = el("th");
        th.scope = "col";
        var a = el("a", "", call.title);
        a.href = new URL("../../" + call.url, base).href;
        th.appendChild(a);
        row.appendChild(th);
      });
      head.appendChild(row);
      table.appendChild(head);
      var body = el("tbody");
      var stateRow = el("tr"), stateHead = el("th", "", "Stato");
      stateHead.scope = "row";
      stateRow.appendChild(stateHead);
      found.forEach(function (slug) {
        var call = data.calls[slug], td = el("td");
        td.dataset.call = call.title;
        var badge = el("span", "lab-badge lab-badge--" + call.badge["data-lab-status"]);
        var live = {}, key;
        for (key in call.badge) live[key.replace(/^data-/, "")] = call.badge[key];
        var status = window.LabStatus ? window.LabStatus.statusOf(live, now) : call.badge["data-lab-status"];
        badge.className = "lab-badge lab-badge--" + status;
        badge.textContent = info.names[status] || status;
        td.appendChild(badge);
        stateRow.appendChild(td);
      });
      body.appendChild(stateRow);
      data.rows.forEach(function (label, i) {
        if (found.every(function (slug) { return !data.calls[slug].values[i]; })) return;
        var tr = el("tr"), th = el("th", "", label);
        th.scope = "row";
        tr.appendChild(th);
        found.forEach(function (slug) {
          var td = el("td", "", data.calls[slug].values[i] || "—");
          td.dataset.call = data.calls[slug].title;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      root.appendChild(table);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
