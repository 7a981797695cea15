/* /iscriviti/: a small builder over the lists that the page already shows without JavaScript.
 *
 * Pick who you are, pathway, funding source and where you operate: the addresses of the matching feeds (RSS,
 * Atom) and calendars appear, ready to copy or to open (webcal: hands the calendar to the
 * visitor's calendar program). The data is in the page (#iscriviti-dati, written by
 * build_tools/outputs/subscribe.py); nothing is requested from anywhere. Without
 * JavaScript the builder stays hidden and the tables list every subscription.
 */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function copyButton(input) {
    var button = el("button", { type: "button", class: "md-button" }, "Copia");
    button.addEventListener("click", function () {
      input.select();
      var done = function () { button.textContent = "Copiato"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
    return button;
  }

  function addressRow(label, url, open) {
    var row = el("li");
    var id = "indirizzo-" + Math.random().toString(36).slice(2);
    row.appendChild(el("label", { for: id }, label + " "));
    var input = el("input", { id: id, type: "text", readonly: "", value: url, size: "60" });
    row.appendChild(input);
    row.appendChild(document.createTextNode(" "));
    row.appendChild(copyButton(input));
    if (open) {
      row.appendChild(document.createTextNode(" "));
      row.appendChild(el("a", { href: open.href }, open.text));
    }
    return row;
  }

  function init() {
    var box = document.getElementById("costruisci-iscrizione");
    var source = document.getElementById("iscriviti-dati");
    if (!box || !source || box.getAttribute("data-pronto")) { return; }
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    box.setAttribute("data-pronto", "1");
    var form = el("form", { class: "lab-iscriviti__scelte", "aria-label": "Scegli che cosa seguire" });
    var result = el("div", { class: "lab-iscriviti__risultato", "aria-live": "polite" });
    var selects = data.facets.map(function (facet) {
      var id = "scegli-" + facet.key;
      var wrap = el("p");
      wrap.appendChild(el("label", { for: id }, facet.question + " "));
      var select = el("select", { id: id, name: facet.key });
      select.appendChild(el("option", { value: "" }, "— qualsiasi —"));
      facet.values.forEach(function (value, i) { select.appendChild(el("option", { value: String(i) }, value.label)); });
      wrap.appendChild(select);
      form.appendChild(wrap);
      return { facet: facet, select: select };
    });

    function render() {
      result.textContent = "";
      var chosen = selects.filter(function (s) { return s.select.value !== ""; });
      if (!chosen.length) {
        result.appendChild(el("p", {}, "Scegli almeno una voce: qui compaiono gli indirizzi da copiare."));
        return;
      }
      chosen.forEach(function (s) {
        var value = s.facet.values[Number(s.select.value)];
        result.appendChild(el("h4", {}, s.facet.question + ": " + value.label));
        var list = el("ul");
        list.appendChild(addressRow("Feed RSS", value.rss, { href: value.rss, text: "Apri" }));
        list.appendChild(addressRow("Feed Atom", value.atom));
        list.appendChild(addressRow("Calendario", value.ics,
          value.webcal ? { href: value.webcal, text: "Apri nel calendario" } : null));
        result.appendChild(list);
      });
      if (chosen.length > 1) {
        result.appendChild(el("p", {}, "Ogni feed segue una sola scelta: iscriviti a quelli che ti servono."));
      }
    }

    form.addEventListener("change", render);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    box.appendChild(el("h3", {}, "Costruisci la tua iscrizione"));
    box.appendChild(form);
    box.appendChild(result);
    render();
    box.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
