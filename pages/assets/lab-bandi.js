/* /bandi/: every current call for the explorer, and its card as the build writes it.
 *
 * Loaded by assets/lab.js the first time a visitor filters, sorts or asks for more calls on a
 * /bandi/ that holds only its first page. bandi/elenco.json (build_tools/outputs/html/explorer.py)
 * carries each card's texts, already in Italian, and the attributes the static card is written
 * from; card() lays them out exactly as the `call_card` macro (templates/macros.html) does —
 * tests/browser/test_call_pages.py compares the two. Every string is set as text or as an
 * attribute value: nothing from the data is read as HTML.
 */
(function () {
  "use strict";

  var requests = {};

  /* The parsed file, fetched once (again after a failure). */
  function load(url) {
    if (!requests[url]) {
      requests[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
      requests[url].catch(function () { delete requests[url]; });
    }
    return requests[url];
  }

  /* An element with attributes ([name, value] pairs, in order) and children (nodes or text). */
  function node(tag, attributes, children) {
    var el = document.createElement(tag);
    (attributes || []).forEach(function (pair) { el.setAttribute(pair[0], pair[1]); });
    (children || []).forEach(function (child) {
      if (child === null || child === "") return;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  function pairs(object) {
    return Object.keys(object || {}).map(function (name) { return [name, object[name]]; });
  }

  function fact(label, values) {
    return node("div", [], [node("dt", [], [label]), node("dd", [], values)]);
  }

  /* The deadline and, while one can apply, the days left (recounted by lab.js). */
  function deadline(record, applying) {
    var parts = [], badge = record.b, status = badge["data-lab-status"];
    if (Array.isArray(record.d)) {
      parts.push(node("time", [["datetime", record.d[0]]], [record.d[1]]));
      if (badge["data-rolling"]) parts.push(" ", node("span", [["class", "lab-muted"]], ["(a sportello)"]));
    } else {
      parts.push(record.d);
    }
    parts.push(" ");
    if (record.n !== undefined) {
      var attributes = [["class", "lab-days"], ["data-lab-days", ""]].concat(pairs(badge).filter(function (pair) {
        return pair[0] === "data-deadline" || pair[0] === "data-windows";
      }));
      if (applying.indexOf(status) === -1) attributes.push(["hidden", ""]);
      parts.push(node("span", attributes, [record.n]));
    }
    return parts;
  }

  /* `labels`: the facts' names (from the file); `info`: LabStatus.info() (status names, applying). */
  function card(record, labels, info) {
    var badge = record.b, status = badge["data-lab-status"], nl = "\n";
    var facts = [];
    if (record.o) {
      facts.push(nl, fact(labels.opens, [node("time", [["datetime", record.o[0]]], [record.o[1]])]));
    }
    facts.push(nl, fact(labels.deadline, deadline(record, info.applying)));
    facts.push(nl, fact(labels.territory, [record.w]));
    facts.push(nl, fact(labels.beneficiaries, [record.e]));
    var amount = record.g;
    facts.push(nl, fact(amount[0], amount[2] ? [amount[1], " ", node("span", [["class", "lab-muted"]], [amount[2]])]
      : [amount[1]]));
    facts.push(nl);
    return node("li", [["class", "lab-card lab-card--call"], ["data-lab-item", ""]].concat(pairs(record.a)), [
      nl,
      node("p", [["class", "lab-card__meta"]], [
        node("span", [["class", "lab-badge lab-badge--" + status]].concat(pairs(badge)), [info.names[status] || status]),
        " ", node("span", [["class", "lab-card__funder"]], [record.f])]),
      nl,
      node("h2", [["class", "lab-card__title"]], [node("a", [["href", record.h]], [record.t])]),
      nl,
      node("p", [["class", "lab-card__summary"]], [record.m]),
      nl,
      node("dl", [["class", "lab-card__facts"]], facts),
      nl
    ]);
  }

  window.LabCalls = { load: load, card: card };
})();
