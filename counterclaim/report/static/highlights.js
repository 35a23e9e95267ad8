/* Shared by the offline report and the workbench: active/flash state of highlights,
   the flash on the finding an #anchor names, and the layer toggles. */
var counterclaimHighlights = (function () {
  "use strict";
  // The report replaces this with one that first parses the lazy block holding the id.
  var locate = function (id) { return document.getElementById(id); };
  function clearActive() {
    document.querySelectorAll(".hl.active, .flash").forEach(function (el) { el.classList.remove("active", "flash"); });
  }
  function flashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && locate(id);
    // Only findings flash: a section heading reached from the menu needs no marker.
    if (!target || !(target.classList.contains("anchor") || target.classList.contains("card"))) { return; }
    clearActive();
    var run = target.closest(".hl") || target;
    run.classList.add("flash");
    if (run.closest(".text")) { run.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", flashTarget);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", flashTarget); } else { flashTarget(); }
  document.querySelectorAll(".layer-toggle").forEach(function (box) {
    box.hidden = false;
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });
  return {clearActive: clearActive, flashTarget: flashTarget, locate: function (id) { return locate(id); },
          setLocator: function (fn) { locate = fn; }};
})();
