/* counterclaim: optional interactivity. Everything works without it: it parses the lazy blocks,
   draws the finding panel from each document's inert JSON data block (as text only, never as
   markup), flashes a followed link's sentence and adds the layer toggles. */

/* Lazy blocks. Heavy parts of the report sit in <noscript class="lazy">: a reader without scripting
   gets them as ordinary markup; with scripting on, the browser keeps them as raw text (cheap to load)
   and this turns each into nodes when it nears the viewport, when a link or a card needs an id inside
   it, before printing, and otherwise block by block while the browser is idle. The text is our own
   escaped markup, the same the page would have parsed in place. */
var counterclaimLazy = (function () {
  "use strict";
  var blocks = [].slice.call(document.querySelectorAll("noscript.lazy"));
  var next = 0;  // blocks before this one are parsed
  // What the reader navigated to (#hash) stays where the jump put it while content above it grows (blocks
  // parsed here, sections the browser lays out only once near: content-visibility), until they scroll
  // themselves or for a few seconds.
  var pinned = null, pinnedHash = "", pinnedTop = 0, pinnedUntil = 0;
  function holding() {
    // A new jump (link, back button) changes the hash before its hashchange event re-pins.
    return pinned && location.hash === pinnedHash && performance.now() < pinnedUntil;
  }
  function hold() {
    if (!holding()) { pinned = null; return; }
    var moved = pinned.getBoundingClientRect().top - pinnedTop;
    if (moved) { window.scrollBy(0, moved); }
  }
  function frame() {
    hold();
    if (pinned) { requestAnimationFrame(frame); }
  }
  function pin() {
    var id = decodeURIComponent(location.hash.slice(1));
    var start = !pinned;
    pinned = (id && document.getElementById(id)) || null;
    pinnedHash = location.hash;
    pinnedTop = pinned ? pinned.getBoundingClientRect().top : 0;
    pinnedUntil = performance.now() + 5000;
    if (pinned && start) { requestAnimationFrame(frame); }
  }
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { pinned = null; }, {passive: true});
  });
  window.addEventListener("hashchange", pin);  // after highlights.js has scrolled a finding into view
  document.addEventListener("DOMContentLoaded", pin);
  function hydrate(block) {
    if (!block.parentNode) { return; }
    var above = holding() && (block.compareDocumentPosition(pinned) & Node.DOCUMENT_POSITION_FOLLOWING);
    var template = document.createElement("template");
    template.innerHTML = block.textContent;
    block.replaceWith(template.content);
    if (above) { hold(); }
  }
  function all() {
    blocks.forEach(hydrate);
    next = blocks.length;
  }
  function locate(id) {
    var found = document.getElementById(id);
    if (found) { return found; }
    var needle = 'id="' + id + '"';  // ids are [A-Za-z0-9_-] (anchor()), and article text is escaped
    var block = blocks.find(function (b) { return b.parentNode && b.textContent.indexOf(needle) >= 0; });
    if (!block) { return null; }
    hydrate(block);
    found = document.getElementById(id);
    // The browser's own jump to the fragment found nothing to scroll to.
    if (found && location.hash === "#" + id) { found.scrollIntoView({block: "center"}); }
    return found;
  }
  if ("IntersectionObserver" in window) {
    // A hidden <noscript> never intersects: watch the visible element just before it (its heading).
    var watched = new Map();
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) { return; }
        observer.unobserve(entry.target);
        watched.get(entry.target).forEach(hydrate);
      });
    }, {rootMargin: "100% 0px"});
    blocks.forEach(function (block) {
      var mark = block.previousElementSibling || block.parentNode;
      if (!watched.has(mark)) { watched.set(mark, []); observer.observe(mark); }
      watched.get(mark).push(block);
    });
  }
  var idle = window.requestIdleCallback || function (fn) { return setTimeout(function () {
    fn({timeRemaining: function () { return 8; }});
  }, 1); };
  function step(deadline) {
    // all() (before printing) may have parsed the rest while this slice was waiting.
    while (next < blocks.length) {
      hydrate(blocks[next++]);
      if (deadline.timeRemaining() <= 4) { break; }
    }
    if (next < blocks.length) { idle(step); } else { performance.mark("counterclaim:hydrated"); }
  }
  // Background parsing starts once the page has loaded, so it never delays the first view.
  function start() { if (blocks.length) { idle(step); } else { performance.mark("counterclaim:hydrated"); } }
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
  window.addEventListener("beforeprint", all);
  counterclaimHighlights.setLocator(locate);
  return {locate: locate, all: all};
})();

(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var unpacked = new WeakMap();  // data block -> promise of its cards, unpacked on first use
  var ready = new Map();  // column -> its cards, once unpacked
  var QUOTE_CHARS = 140;  // as view.QUOTE_CHARS
  var clearActive = counterclaimHighlights.clearActive;
  var packed = "DecompressionStream" in window;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }
  function link(anchor, text) {
    var a = el("a", "", text);
    a.href = "#" + anchor;
    return a;
  }
  // A column's cards: its data block is base64 of gzipped JSON (render.packed_data).
  function unpack(column) {
    var block = column.querySelector("script.cards");
    if (!unpacked.has(block)) {
      var json = Promise.resolve().then(function () {
        var bytes = Uint8Array.from(atob(block.textContent), function (ch) { return ch.charCodeAt(0); });
        return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
      });
      unpacked.set(block, json.then(function (cards) { ready.set(column, cards); return cards; },
                                    function (error) { unpacked.delete(block); throw error; }));
    }
    return unpacked.get(block);
  }
  function columnOf(anchor) {
    var target = counterclaimLazy.locate(anchor);
    var column = target && target.closest(".column");
    if (!column) { throw new Error("no column holds #" + anchor); }
    return column;
  }
  // The sentence a finding's anchor starts, cut from its column's text (which equals the source).
  function quote(anchor) {
    var column = columnOf(anchor);
    var at = ready.get(column)[anchor].at;
    return column.querySelector(".text").textContent.slice(at[0], at[1]);
  }
  // A card row's parts: text, ["a", anchor, text], ["q", anchor], ["b", kind], ["m", text] or ["br"].
  function part(p) {
    if (typeof p === "string") { return document.createTextNode(p); }
    if (p[0] === "a") { return link(p[1], p[2]); }
    if (p[0] === "q") {
      var q = quote(p[1]);
      return link(p[1], "\u201c" + (q.length > QUOTE_CHARS ? q.slice(0, QUOTE_CHARS - 3) + "..." : q) + "\u201d");
    }
    if (p[0] === "b") { return el("span", "badge " + p[1], p[1]); }
    if (p[0] === "m") { return el("span", "muted", p[1]); }
    return el("br");
  }
  function draw(c, anchor) {
    var card = el("article", "card k-" + c.k + "-card");
    var what = el("div", "what");
    what.append(el("span", "badge", c.b), " " + c.l);
    var sentence = el("blockquote");
    sentence.append(link(anchor, "\u201c" + quote(anchor) + "\u201d"));
    var dl = el("dl");
    c.r.forEach(function (row) {
      var dd = el("dd");
      row[1].forEach(function (p) { dd.append(part(p)); });
      dl.append(el("dt", "", row[0]), dd);
    });
    card.append(what, sentence, dl);
    return card;
  }
  // The card a highlight links to, once its column's cards and those of every source it quotes are unpacked.
  function cardFor(hl, anchor) {
    return unpack(hl.closest(".column")).then(function (cards) {
      var c = cards[anchor];
      if (!c) { return null; }
      var quoted = [];
      c.r.forEach(function (row) {
        row[1].forEach(function (p) { if (typeof p !== "string" && p[0] === "q") { quoted.push(unpack(columnOf(p[1]))); } });
      });
      return Promise.all(quoted).then(function () { return draw(c, anchor); });
    });
  }
  var shown = 0;  // the latest click: a card still unpacking for an earlier one must not replace it
  function follow(anchor) {
    // What the link would have done without the panel: go to the finding and flash it.
    if (location.hash === "#" + anchor) { counterclaimHighlights.flashTarget(); } else { location.hash = anchor; }
  }
  function showCard(hl) {
    var anchor = hl.getAttribute("href").slice(1);
    var mine = ++shown;
    Promise.resolve().then(function () { return cardFor(hl, anchor); }).then(function (card) {
      if (mine !== shown) { return; }
      if (!card) { follow(anchor); return; }
      panel.querySelector(".body").replaceChildren(card);
      panel.hidden = false;
      clearActive();
      hl.classList.add("active");
    }).catch(function () { if (mine === shown) { follow(anchor); } });
  }
  document.addEventListener("click", function (ev) {
    var hl = ev.target.closest("a.hl");
    if (hl && panel && packed) { ev.preventDefault(); showCard(hl); return; }
    if (ev.target.closest("#panel .close")) { ++shown; panel.hidden = true; clearActive(); }
  });
})();

/* Pick which narratives to compare side by side (an enhancement: without it every column shows,
   wrapped into rows). One checkbox per source; unticked columns are hidden, the rest share the width. */
(function () {
  "use strict";
  [].forEach.call(document.querySelectorAll(".columns[data-pick]"), function (grid) {
    var columns = [].slice.call(grid.querySelectorAll(":scope > .column"));
    if (columns.length < 3) { return; }
    var picker = document.createElement("div");
    picker.className = "picker";
    picker.setAttribute("role", "group");
    picker.setAttribute("aria-label", "Narratives to compare");
    picker.appendChild(document.createTextNode("Compare: "));
    columns.forEach(function (column) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () { column.hidden = !box.checked; });
      var outlet = column.querySelector(".outlet");
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + (outlet ? outlet.textContent : column.id)));
      picker.appendChild(label);
    });
    grid.parentNode.insertBefore(picker, grid);
  });
})();
