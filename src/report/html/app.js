// dupdrift report.html: the lists drawn from the JSON embedded in the page.
// Every text of the data is hostile: it is only ever set as textContent or as an
// attribute of an element made here, never parsed as markup, and only http(s)
// addresses become links.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const PAGE = { drift: 25, passages: 20, pairs: 50 };
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

  // An element with attributes and children (strings become text nodes).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(typeof c === "string" || typeof c === "number" ? text(String(c)) : c);
    }
    return e;
  }

  // Text with its direction controls shown, not obeyed: a reader of a report
  // about changed meaning should see that they are there.
  function text(s) {
    const parts = s.split(BIDI);
    if (parts.length === 1) return document.createTextNode(s);
    const marks = s.match(BIDI);
    const f = document.createDocumentFragment();
    parts.forEach((p, i) => {
      f.append(document.createTextNode(p));
      if (i < marks.length) {
        const code = marks[i].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        f.append(el("span", { class: "ctl", title: "direction control", text: "[U+" + code + "]" }));
      }
    });
    return f;
  }

  // Replaces the children of `parent` (lists flattened, absent ones left out).
  function fill(parent, ...children) {
    parent.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  }

  function isWeb(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url);
  }

  // `s` with the spans [start, end) (UTF-16 offsets) marked.
  function marked(s, spans, cls) {
    const f = document.createDocumentFragment();
    const sorted = spans.filter((x) => x[0] < x[1]).sort((x, y) => x[0] - y[0]);
    let at = 0;
    for (const [a, b] of sorted) {
      const from = Math.max(a, at);
      if (from >= b) continue;
      f.append(text(s.slice(at, from)));
      f.append(el("mark", { class: cls }, s.slice(from, b)));
      at = b;
    }
    f.append(text(s.slice(at)));
    return f;
  }

  function docLink(d, anchor) {
    const doc = D.docs[d];
    const href = "#article/" + encodeURIComponent(doc.id) + (anchor ? "/" + anchor : "");
    return el("a", { href: href, class: "doc" }, el("bdi", {}, doc.id));
  }

  function webLink(d) {
    const url = D.docs[d].url;
    if (!isWeb(url)) return null;
    return el("a", { href: url, class: "web", rel: "noopener noreferrer nofollow", target: "_blank" }, "original");
  }

  // Previous / page n of m / Next. Its buttons have ids (`name`-prev, -next), so
  // that the one pressed keeps the focus once the list is drawn again.
  function pager(name, total, size, page, go) {
    const pages = Math.max(1, Math.ceil(total / size));
    const press = (to, id) => () => { go(to); refocus(id); };
    return el("nav", { class: "pager", "aria-label": "Pages" },
      el("button", { type: "button", id: name + "-prev", disabled: page <= 0, onclick: press(page - 1, name + "-prev") }, "Previous"),
      el("span", { class: "page-of", "aria-live": "polite" }, "page " + (page + 1) + " of " + pages + " (" + total + ")"),
      el("button", { type: "button", id: name + "-next", disabled: page >= pages - 1, onclick: press(page + 1, name + "-next") }, "Next"));
  }

  // The focus back on element `id` after a redraw, or on the other button of
  // its pager when it is now disabled (the last page reached).
  function refocus(id) {
    let e = document.getElementById(id);
    if (e && e.disabled) e = document.getElementById(id.endsWith("-next") ? id.replace(/-next$/, "-prev") : id.replace(/-prev$/, "-next"));
    if (e && !e.disabled) e.focus();
  }

  // A number for the reader; a dash where the data has none.
  function num(x, digits) {
    return typeof x === "number" && isFinite(x) ? x.toFixed(digits) : "–";
  }

  // A finding's sentence on side "a" or "b": its own text, or a slice of its
  // article's where that is embedded (the page carries each text once).
  function sentence(f, side) {
    const own = side === "a" ? f.text_a : f.text_b;
    if (own !== null) return own;
    const [d, start, len] = side === "a" ? [f.a, f.start_a, f.len_a] : [f.b, f.start_b, f.len_b];
    return D.docs[d].text.slice(start, start + len);
  }

  // ---- Drift ----
  const drift = { kind: "", min: 0.5, source: "", doc: "", page: 0 };
  const bySeverity = D.findings.map((f, i) => i)
    .sort((x, y) => D.findings[y].severity - D.findings[x].severity || x - y);

  function findingCard(i) {
    const f = D.findings[i];
    const kind = D.kinds[f.kind];
    const side = (d, s, spans, label, anchor) =>
      el("div", { class: "side" },
        el("div", { class: "side-head" }, el("span", { class: "side-label" }, label), " ", docLink(d, anchor), " ", webLink(d),
          D.docs[d].source ? el("span", { class: "source" }, el("bdi", {}, D.docs[d].source)) : null),
        el("p", { class: "sentence", dir: "auto" }, marked(s, spans, "ev")));
    return el("article", { class: "finding kind-" + kind, id: "f" + i, tabindex: "-1" },
      el("header", {},
        el("span", { class: "kind" }, kind),
        el("span", { class: "severity" }, "severity " + num(f.severity, 2)),
        el("span", { class: "counterpart" }, "counterpart " + num(f.counterpart, 2))),
      el("p", { class: "explanation" }, f.explanation),
      el("div", { class: "cols" },
        side(f.a, sentence(f, "a"), f.evidence_a, "A", "fa" + i),
        side(f.b, sentence(f, "b"), f.evidence_b, "B", "fb" + i)));
  }

  function driftMatches(i) {
    const f = D.findings[i];
    if (drift.kind !== "" && D.kinds[f.kind] !== drift.kind) return false;
    if (f.severity < drift.min) return false;
    const a = D.docs[f.a], b = D.docs[f.b];
    if (drift.source !== "" && a.source !== drift.source && b.source !== drift.source) return false;
    if (drift.doc !== "") {
      const q = drift.doc.toLowerCase();
      if (!a.id.toLowerCase().includes(q) && !b.id.toLowerCase().includes(q)) return false;
    }
    return true;
  }

  // The filters are made once and stay (a control keeps the focus while the
  // results below it are drawn again).
  function drawDrift() {
    const section = document.getElementById("drift");
    let results = document.getElementById("drift-results");
    if (!results) {
      results = el("div", { id: "drift-results" });
      fill(section, section.querySelector("h2"), driftFilters(), results);
    }
    const shown = bySeverity.filter(driftMatches);
    const pages = Math.max(1, Math.ceil(shown.length / PAGE.drift));
    drift.page = Math.min(drift.page, pages - 1);
    const list = el("div", { id: "drift-list" },
      shown.slice(drift.page * PAGE.drift, (drift.page + 1) * PAGE.drift).map(findingCard));
    const go = (p) => { drift.page = p; drawDrift(); document.getElementById("drift-h").scrollIntoView(); };
    fill(results,
      el("p", { class: "shown", id: "drift-count" }, shown.length + " of " + D.findings.length + " findings" +
        (D.findings.length < D.findings_total ? " (the most severe of " + D.findings_total + " in drift.csv)" : "")),
      pager("drift-top", shown.length, PAGE.drift, drift.page, go), list,
      pager("drift-bottom", shown.length, PAGE.drift, drift.page, go));
  }

  function driftFilters() {
    const sources = [...new Set(D.docs.map((d) => d.source).filter((s) => s))].sort();
    const set = (key, value) => { drift[key] = value; drift.page = 0; drawDrift(); };
    const select = (id, label, options, value, onchange) =>
      el("label", { for: id }, label + " ",
        el("select", { id: id, onchange: onchange },
          options.map(([v, t]) => el("option", { value: v, selected: String(v) === String(value) }, t))));
    return el("form", { class: "filters", onsubmit: (e) => e.preventDefault() },
      select("f-kind", "Kind", [["", "all kinds"], ...D.kinds.map((k) => [k, k])], drift.kind,
        (e) => set("kind", e.target.value)),
      select("f-min", "Severity at least", [[0, "any"], [0.5, "0.5"], [0.7, "0.7"], [0.9, "0.9"]], drift.min,
        (e) => set("min", Number(e.target.value))),
      sources.length > 1 ? select("f-source", "Outlet", [["", "all outlets"], ...sources.map((s) => [s, s])],
        drift.source, (e) => set("source", e.target.value)) : null,
      el("label", { for: "f-doc" }, "Article ",
        el("input", { id: "f-doc", type: "search", value: drift.doc, placeholder: "id contains",
          onchange: (e) => set("doc", e.target.value) })));
  }

  // ---- Passages ----
  const CONTEXT = 80; // characters of the article shown before and after a passage

  // A passage in its article's context where the article's text is embedded.
  function passage(d, s, e, own) {
    const all = D.docs[d].text;
    if (all === null) {
      return own !== null ? el("q", { dir: "auto" }, own) : el("span", { class: "note" }, "(its text is in passages.csv)");
    }
    // Cut between characters, not inside a surrogate pair.
    let from = Math.max(0, s - CONTEXT), to = Math.min(all.length, e + CONTEXT);
    if (from > 0 && /[\udc00-\udfff]/.test(all[from])) from++;
    if (to < all.length && /[\udc00-\udfff]/.test(all[to])) to++;
    const before = all.slice(from, s), after = all.slice(e, to);
    return el("span", { class: "in-context", dir: "auto" },
      el("span", { class: "context" }, (from > 0 ? "…" : "") + before),
      el("q", {}, all.slice(s, e)),
      el("span", { class: "context" }, after + (to < all.length ? "…" : "")));
  }
  let passagePage = 0;
  function drawPassages() {
    const section = document.getElementById("passages");
    const go = (p) => { passagePage = p; drawPassages(); };
    const start = passagePage * PAGE.passages;
    const items = D.clusters.slice(start, start + PAGE.passages).map((c) =>
      el("article", { class: "cluster", id: "c" + c.id },
        el("h3", {}, "Passage " + c.id + ": reused in " + c.docs + " articles"),
        el("ul", {}, c.members.map(([d, s, e, t], k) =>
          el("li", {}, docLink(d, "p" + c.id + "-" + k), " ", passage(d, s, e, t))))));
    fill(section, section.querySelector("h2"),
      D.clusters.length < D.clusters_total
        ? el("p", { class: "note" }, "The largest " + D.clusters.length + " of " + D.clusters_total + " passages; passages.csv has them all.")
        : null,
      D.clusters.length === 0 ? el("p", {}, "No shared passages.") : pager("passages", D.clusters.length, PAGE.passages, passagePage, go),
      items);
  }

  // ---- Near-duplicates ----
  let pairPage = 0;
  function words(s) { return s.split(/(\s+)/).filter((w) => w !== ""); }

  // A word-level diff: the longest common subsequence of the two word lists,
  // where they are short enough for it; otherwise a note.
  function diff(a, b) {
    const x = words(a), y = words(b);
    if (x.length * y.length > 4e6) return el("p", { class: "note" }, "Too long for an inline diff.");
    const n = x.length, m = y.length;
    const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    const out = el("p", { class: "diff", dir: "auto" });
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) { out.append(text(x[i])); i++; j++; }
      else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) { out.append(el("ins", {}, y[j])); j++; }
      else { out.append(el("del", {}, x[i])); i++; }
    }
    return out;
  }

  function drawPairs() {
    const section = document.getElementById("pairs");
    const go = (p) => { pairPage = p; drawPairs(); };
    const start = pairPage * PAGE.pairs;
    const rows = D.pairs.slice(start, start + PAGE.pairs).map(([a, b, j, ca, cb], k) => {
      const both = D.docs[a].text !== null && D.docs[b].text !== null;
      const row = el("tr", {},
        el("td", {}, docLink(a)), el("td", {}, docLink(b)),
        el("td", { class: "num" }, num(j, 3)), el("td", { class: "num" }, num(ca, 3)),
        el("td", { class: "num" }, num(cb, 3)),
        el("td", {}, both ? el("button", { type: "button", "aria-expanded": "false", onclick: (e) => {
          const next = row.nextSibling;
          if (next && next.classList.contains("diff-row")) { next.remove(); e.target.setAttribute("aria-expanded", "false"); return; }
          e.target.setAttribute("aria-expanded", "true");
          row.after(el("tr", { class: "diff-row" }, el("td", { colspan: 6 }, diff(D.docs[a].text, D.docs[b].text))));
        } }, "diff") : "text not embedded"));
      return row;
    });
    fill(section, section.querySelector("h2"),
      D.pairs.length < D.pairs_total
        ? el("p", { class: "note" }, "The first " + D.pairs.length + " of " + D.pairs_total + " pairs; pairs.csv has them all.")
        : null,
      D.pairs.length === 0 ? el("p", {}, "No near-duplicate pairs.") : pager("pairs", D.pairs.length, PAGE.pairs, pairPage, go),
      D.pairs.length === 0 ? null : el("div", { class: "wide" }, el("table", { class: "pairs" },
        el("thead", {}, el("tr", {}, ["article A", "article B", "Jaccard", "in B of A", "in A of B", ""].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows))));
  }

  // ---- One article ----
  function drawArticle(id, anchor) {
    const section = document.getElementById("article");
    const d = D.docs.findIndex((x) => x.id === id);
    if (d < 0) {
      fill(section, section.querySelector("h2"), el("p", {}, "No such article in this report."));
      return;
    }
    const doc = D.docs[d];
    const head = [el("h3", { dir: "auto" }, doc.title || doc.id),
      el("p", { class: "meta" }, el("bdi", {}, doc.id), doc.source ? [" · ", el("bdi", {}, doc.source)] : null,
        doc.lang ? " · " + doc.lang : null, " ", webLink(d))];
    if (doc.text === null) {
      fill(section, section.querySelector("h2"), ...head,
        el("p", { class: "note" }, "Its text is not embedded in this page (the page holds the texts the lists need first, up to a budget)."));
      return;
    }
    // Boundaries of every passage, sentence and evidence span of this article.
    const marks = [];
    D.clusters.forEach((c) => c.members.forEach(([m, s, e], k) => { if (m === d) marks.push({ s, e, cls: "passage", id: "p" + c.id + "-" + k }); }));
    D.findings.forEach((f, i) => {
      for (const [side, start, len, ev] of [["a", f.start_a, f.len_a, f.evidence_a], ["b", f.start_b, f.len_b, f.evidence_b]]) {
        if ((side === "a" ? f.a : f.b) !== d) continue;
        // Every finding's place can be linked to; the evidence is marked for
        // those worth a reader's look (0.5 and above) and the one linked to.
        const id = "f" + side + i;
        const shown = f.severity >= 0.5 || id === anchor;
        marks.push({ s: start, e: start + len, cls: shown ? "drift-sentence" : "", id });
        if (shown) ev.forEach(([x, y]) => marks.push({ s: start + x, e: start + y, cls: "ev" }));
      }
    });
    // One sweep over the boundaries: at each, the classes opened and closed
    // there and the anchors that start there.
    const n = doc.text.length;
    const at = new Map(); // position -> { open: {cls: count}, anchors: [] }
    const spot = (x) => { if (!at.has(x)) at.set(x, { open: {}, anchors: [] }); return at.get(x); };
    spot(0); spot(n);
    for (const m of marks) {
      const s = Math.max(0, Math.min(n, m.s)), e = Math.max(s, Math.min(n, m.e));
      if (m.id) spot(s).anchors.push(m.id);
      if (!m.cls || s === e) continue;
      spot(s).open[m.cls] = (spot(s).open[m.cls] || 0) + 1;
      spot(e).open[m.cls] = (spot(e).open[m.cls] || 0) - 1;
    }
    const cuts = [...at.keys()].sort((x, y) => x - y);
    const inside = {};
    const body = el("div", { class: "article-text", dir: "auto" });
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [s, e] = [cuts[k], cuts[k + 1]];
      const here = at.get(s);
      for (const [cls, delta] of Object.entries(here.open)) inside[cls] = (inside[cls] || 0) + delta;
      here.anchors.forEach((id) => body.append(el("span", { id, class: "anchor", tabindex: "-1" })));
      const classes = Object.keys(inside).filter((c) => inside[c] > 0).sort();
      const piece = doc.text.slice(s, e);
      body.append(classes.length ? el(classes.includes("ev") ? "mark" : "span", { class: classes.join(" ") }, piece) : text(piece));
    }
    const findings = bySeverity.filter((i) => D.findings[i].a === d || D.findings[i].b === d);
    fill(section, section.querySelector("h2"), ...head,
      el("p", { class: "legend" }, el("span", { class: "passage" }, "dotted underline: a shared passage"), " · ",
        el("span", { class: "drift-sentence" }, "boxed: a sentence with a finding"), " · ",
        el("mark", { class: "ev" }, "marked: its evidence"), " (findings of severity 0.5 or more, and the one linked to)"),
      body,
      findings.length ? el("h3", {}, "Findings in this article") : null,
      el("ul", {}, findings.map((i) => el("li", {},
        el("a", { href: "#article/" + encodeURIComponent(id) + "/f" + (D.findings[i].a === d ? "a" : "b") + i },
          D.kinds[D.findings[i].kind] + " " + num(D.findings[i].severity, 2)), " ", D.findings[i].explanation))));
    const target = anchor && document.getElementById(anchor);
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  }

  // ---- Views, by the address's fragment ----
  const drawn = {};
  // A part of the address decoded, or "" where it is not valid percent-encoding.
  function decoded(part) {
    try { return decodeURIComponent(part || ""); } catch (_) { return ""; }
  }

  function route() {
    const rest = location.hash.slice(1).split("/");
    let view = decoded(rest[0]) || "overview";
    if (!["overview", "drift", "passages", "pairs", "article"].includes(view)) view = "overview";
    for (const s of document.querySelectorAll("main > section")) s.hidden = s.id !== view;
    for (const a of document.querySelectorAll("header nav a"))
      a.setAttribute("aria-current", a.getAttribute("href") === "#" + view ? "page" : "false");
    if (view === "article") {
      drawArticle(decoded(rest[1]), decoded(rest[2]));
    } else if (!drawn[view]) {
      drawn[view] = true;
      if (view === "drift") drawDrift();
      if (view === "passages") drawPassages();
      if (view === "pairs") drawPairs();
    }
  }
  window.addEventListener("hashchange", route);
  // A link to the address already shown fires no hashchange: go there again.
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a[href^='#']");
    if (a && a.getAttribute("href") === location.hash) route();
  });
  route();
})();
