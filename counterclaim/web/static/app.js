/* counterclaim workbench: progressive enhancement only; every form works without it. */
(function () {
  "use strict";
  // Highlights, the finding panel and the layer toggles behave as in the offline report.
  var panel = document.getElementById("panel");
  function clearActive() {
    document.querySelectorAll(".hl.active, .flash").forEach(function (el) { el.classList.remove("active", "flash"); });
  }
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
  function flashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    // Only findings flash: a section heading reached from the menu needs no marker.
    if (!el || !(el.classList.contains("anchor") || el.classList.contains("card"))) { return; }
    clearActive();
    (el.closest(".hl") || el).classList.add("flash");
  }
  window.addEventListener("hashchange", flashTarget);
  flashTarget();
  document.querySelectorAll(".layer-toggle").forEach(function (box) {
    box.hidden = false;
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });
  // An ACH rating or an Admiralty grade saves as soon as it is chosen.
  document.querySelectorAll("form.autosubmit select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
})();
