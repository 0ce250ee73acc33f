(function () {
  "use strict";
  // Article texts arrive as JSON data (never as markup); every string below reaches the page
  // through textContent or createTextNode only, so article text can never become HTML.
  var dataEl = document.getElementById("rashomon-articles");
  var articles = dataEl ? JSON.parse(dataEl.textContent) : {};
  var reader = document.getElementById("reader");
  var textEl = document.getElementById("reader-text");
  var outletEl = document.getElementById("reader-outlet");
  var titleEl = document.getElementById("reader-title");
  var metaEl = document.getElementById("reader-meta");
  var closeEl = document.getElementById("reader-close");
  var chars = {};

  function codepoints(id) {
    // Offsets are Python code-point indices; JS strings count UTF-16 units, so split first.
    if (!chars[id]) { chars[id] = Array.from(articles[id].text); }
    return chars[id];
  }

  function render(id, start, end) {
    var a = articles[id];
    var cps = codepoints(id);
    var n = cps.length;
    var cuts = [0, n];
    var bp = a.boilerplate || [];
    bp.forEach(function (s) { cuts.push(s[0], s[1]); });
    var hl = start !== null && end !== null && start < end && end <= n;
    if (hl) { cuts.push(start, end); }
    cuts = cuts.filter(function (c) { return c >= 0 && c <= n; })
      .sort(function (x, y) { return x - y; })
      .filter(function (c, i, arr) { return i === 0 || c !== arr[i - 1]; });
    textEl.textContent = "";
    var first = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1];
      var piece = cps.slice(s, e).join("");
      var inHl = hl && s >= start && e <= end;
      var inBp = bp.some(function (b) { return s >= b[0] && e <= b[1]; });
      var node;
      if (inHl) {
        node = document.createElement("mark");
        node.textContent = piece;
        if (!first) { first = node; node.id = "hl"; }
      } else if (inBp) {
        node = document.createElement("span");
        node.className = "bp";
        node.title = "boilerplate (not part of the article body)";
        node.textContent = piece;
      } else {
        node = document.createTextNode(piece);
      }
      textEl.appendChild(node);
    }
    outletEl.textContent = a.outlet || "";
    titleEl.textContent = a.title || a.source || "";
    metaEl.textContent = [a.published, a.source].filter(Boolean).join(" · ") +
      (hl ? " · highlighted: characters " + start + "–" + end : "");
    reader.hidden = false;
    document.body.classList.add("reading");
    reader.setAttribute("data-article", id);
    if (first) {
      first.scrollIntoView({block: "center"});
    } else {
      textEl.scrollTop = 0;
    }
    closeEl.focus({preventScroll: true});
  }

  function fromHash() {
    var h = window.location.hash;
    if (h.indexOf("#src=") !== 0) { hide(); return; }
    var p = new URLSearchParams(h.slice(1));
    var id = p.get("src");
    if (!id || !Object.prototype.hasOwnProperty.call(articles, id)) { hide(); return; }
    var s = p.get("s"), e = p.get("e");
    var start = s !== null && /^\d+$/.test(s) ? parseInt(s, 10) : null;
    var end = e !== null && /^\d+$/.test(e) ? parseInt(e, 10) : null;
    render(id, start, end);
  }

  function hide() {
    reader.hidden = true;
    document.body.classList.remove("reading");
  }

  closeEl.addEventListener("click", function () {
    hide();
    history.replaceState(null, "", window.location.pathname + window.location.search);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !reader.hidden) { closeEl.click(); }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
