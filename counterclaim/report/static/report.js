/* counterclaim: optional interactivity. Everything works without it: it draws the finding panel
   from each document's inert JSON data block (as text only, never as markup), flashes a followed
   link's sentence and adds the layer toggles. */
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var parsed = new WeakMap();  // data block -> its cards, parsed on first use
  var QUOTE_CHARS = 140;  // as view.QUOTE_CHARS
  var clearActive = counterclaimHighlights.clearActive;
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
  function cards(column) {
    var block = column.querySelector("script.cards");
    if (!parsed.has(block)) { parsed.set(block, JSON.parse(block.textContent)); }
    return parsed.get(block);
  }
  // The sentence a finding's anchor starts, cut from its column's text (which equals the source).
  function quote(anchor) {
    var column = document.getElementById(anchor).closest(".column");
    var at = cards(column)[anchor].at;
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
  function cardFor(hl, anchor) {
    var c = cards(hl.closest(".column"))[anchor];
    if (!c) { return null; }
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
  function showCard(hl) {
    var card = panel && cardFor(hl, hl.getAttribute("href").slice(1));
    if (!card) { return false; }
    panel.querySelector(".body").replaceChildren(card);
    panel.hidden = false;
    clearActive();
    hl.classList.add("active");
    return true;
  }
  document.addEventListener("click", function (ev) {
    var hl = ev.target.closest("a.hl");
    if (hl && showCard(hl)) { ev.preventDefault(); return; }
    if (ev.target.closest("#panel .close")) { panel.hidden = true; clearActive(); }
  });
})();
