/* counterclaim: optional interactivity. Everything works without it; it only moves existing DOM. */
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  function clearActive() {
    document.querySelectorAll(".hl.active, .flash").forEach(function (el) { el.classList.remove("active", "flash"); });
  }
  function showCard(cardId, from) {
    var card = document.getElementById(cardId);
    if (!card || !panel) { return false; }
    var body = panel.querySelector(".body");
    body.replaceChildren(card.cloneNode(true));
    body.firstElementChild.removeAttribute("id");
    panel.hidden = false;
    clearActive();
    if (from) { from.classList.add("active"); }
    return true;
  }
  document.addEventListener("click", function (ev) {
    var hl = ev.target.closest("a.hl");
    if (hl && showCard(hl.getAttribute("href").slice(1), hl)) { ev.preventDefault(); return; }
    if (ev.target.closest("#panel .close")) { panel.hidden = true; clearActive(); }
  });
  function flashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    // Only findings flash: a section heading reached from the menu needs no marker.
    if (!el || !(el.classList.contains("anchor") || el.classList.contains("card"))) { return; }
    clearActive();
    var run = el.closest(".hl") || el;
    run.classList.add("flash");
    var scroller = run.closest(".text");
    if (scroller) { run.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", flashTarget);
  flashTarget();
  document.querySelectorAll(".layer-toggle").forEach(function (box) {
    box.hidden = false;
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });
})();
