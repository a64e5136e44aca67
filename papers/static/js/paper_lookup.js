// Paper form: "Fill from arXiv id or DOI" asks the admin's lookup view and fills
// the empty fields (and the author rows), leaving anything typed in place.
(function () {
  "use strict";
  const script = document.currentScript;
  function init() {
    const doi = document.getElementById("id_doi");
    const arxiv = document.getElementById("id_arxiv_id");
    if (!doi || !arxiv || !document.getElementById("id_citation_key")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary";
    button.textContent = "Fill from arXiv id or DOI";
    const status = document.createElement("p");
    status.setAttribute("role", "status");
    arxiv.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
    button.addEventListener("click", async function () {
      const identifier = arxiv.value.trim() || doi.value.trim();
      if (!identifier) { status.textContent = "Type an arXiv id or a DOI first."; return; }
      status.textContent = "Looking it up…";
      const url = script.dataset.lookupUrl + "?identifier=" + encodeURIComponent(identifier);
      const response = await fetch(url, { credentials: "same-origin" });
      const data = await response.json();
      if (data.error) { status.textContent = data.error; return; }
      ["title", "year", "venue", "venue_kind", "abstract", "doi", "arxiv_id"].forEach(function (name) {
        const field = document.getElementById("id_" + name);
        if (field && !field.value && data[name]) field.value = data[name];
      });
      fillAuthors(data.authors || []);
      status.textContent = "Filled from " + identifier + ". Check the fields, then save.";
    });
  }
  function fillAuthors(names) {
    const add = document.getElementById("id_authors-ADD");
    const total = document.getElementById("id_authors-TOTAL_FORMS");
    if (!add || !total || document.querySelector("[id^='id_authors-'][id$='-name']")) return;
    names.forEach(function (name, index) {
      add.click();
      const input = document.getElementById("id_authors-" + index + "-name");
      if (input) input.value = name;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
