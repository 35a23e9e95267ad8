/* counterclaim workbench: progressive enhancement only; every form works without it. */
(function () {
  "use strict";
  // Highlights, the finding panel and the layer toggles behave as in the offline report.
  var panel = document.getElementById("panel");
  var clearActive = counterclaimHighlights.clearActive;
  document.addEventListener("click", function (ev) {
    var hl = ev.target.closest("a.hl");
    var card = hl && document.getElementById(hl.getAttribute("href").slice(1));
    if (card) {
      ev.preventDefault();
      clearActive();
      hl.classList.add("active");
      card.scrollIntoView({block: "nearest"});
      card.classList.add("flash");
      return;
    }
    if (ev.target.closest("#panel .close")) { panel.hidden = true; clearActive(); }
  });
  // An ACH rating or an Admiralty grade saves as soon as it is chosen.
  document.querySelectorAll("form.autosubmit select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
})();
