/* /cerca/: start Pagefind's UI (self-hosted in pagefind/) and run the query from ?q=. */
(function () {
  "use strict";

  function start() {
    var element = document.getElementById("lab-search");
    if (!element || typeof window.PagefindUI === "undefined") return;
    var base = new URL(element.getAttribute("data-base") || ".", window.location.href).pathname;
    var ui = new window.PagefindUI({
      element: "#lab-search",
      baseUrl: base,
      showSubResults: true,
      showImages: false,
      autofocus: true,
      translations: { placeholder: "Cerca bandi, storie e servizi" }
    });
    var input = element.querySelector("input");
    var label = document.getElementById("lab-search-label");
    if (input) {
      input.id = "lab-search-input";  /* the visible label above the box names it */
      if (label) label.htmlFor = input.id;
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
