// report.html in headless Chromium (Debian's, driven by playwright-core).
//
// Usage: node tests/browser/report.test.mjs DIR
// DIR holds report directories made by scripts/browser-test.sh: seeds, gen (a
// generated corpus), xss (data/fixtures/xss.jsonl: hostile texts, titles, ids and
// URLs) and many (over 5,000 findings). For each: the findings shown per kind
// equal drift.csv's, a filter and a page change work (by mouse and by keyboard),
// an article link scrolls to its finding, no request leaves the file, no script
// error; for xss, no payload runs; for many, the size and the time to a drawn
// list. Screenshots go to DIR.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(process.argv[2] ?? "target/browser");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// RFC 4180 rows (quoted fields may hold commas, quotes and newlines).
function csv(file) {
  const s = fs.readFileSync(file, "utf8");
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}

async function open(browser, name, hash = "") {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const seen = { requests: [], dialogs: [], errors: [] };
  page.on("request", (r) => { if (!r.url().startsWith("file:")) seen.requests.push(r.url()); });
  page.on("dialog", (d) => { seen.dialogs.push(d.message()); d.dismiss(); });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") seen.errors.push(m.text()); });
  await page.goto("file://" + path.join(dir, name, "report.html") + hash);
  return { page, seen };
}

const shownCount = async (page) =>
  Number((await page.textContent("#drift-count")).match(/^(\d+) of/)[1]);

function clean(name, seen) {
  assert.deepEqual(seen.requests, [], `${name}: requests left the file`);
  assert.deepEqual(seen.dialogs, [], `${name}: a dialog opened`);
  assert.deepEqual(seen.errors, [], `${name}: script errors`);
}

async function checkLists(browser, name) {
  const drift = csv(path.join(dir, name, "drift.csv"));
  const { page, seen } = await open(browser, name, "#drift");
  await page.waitForSelector("#drift-count");
  // Every kind: as many shown as drift.csv has, at any severity.
  await page.selectOption("#f-min", "0");
  const kinds = [...new Set(drift.map((r) => r.kind))];
  for (const kind of kinds) {
    await page.selectOption("#f-kind", kind);
    const want = drift.filter((r) => r.kind === kind).length;
    assert.equal(await shownCount(page), want, `${name}: ${kind}`);
    assert.equal(await page.locator(`#drift-list article.kind-${kind}`).count(), Math.min(want, 25));
  }
  await page.selectOption("#f-kind", "");
  assert.equal(await shownCount(page), drift.length, `${name}: all kinds`);
  // A filter: severity 0.9 and above.
  await page.selectOption("#f-min", "0.9");
  const high = drift.filter((r) => Number(r.severity) >= 0.9).length;
  assert.equal(await shownCount(page), high, `${name}: severity >= 0.9`);
  await page.selectOption("#f-min", "0");
  // A page change, where there is a second page.
  if (drift.length > 25) {
    const first = await page.getAttribute("#drift-list article", "id");
    await page.click(".pager >> text=Next");
    assert.match(await page.textContent(".page-of"), /^page 2 of/);
    assert.notEqual(await page.getAttribute("#drift-list article", "id"), first, `${name}: page 2`);
    await page.click(".pager >> text=Previous");
  }
  await page.screenshot({ path: path.join(dir, `${name}-drift.png`), fullPage: false });
  // The keyboard alone: Enter on Next turns the page and leaves the focus on
  // Next, so Enter again goes on; a filter keeps the focus too.
  if (drift.length > 25) {
    await page.focus("#drift-top-next");
    await page.keyboard.press("Enter");
    assert.match(await page.textContent(".page-of"), /^page 2 of/, `${name}: Enter on Next`);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert.ok(["drift-top-next", "drift-top-prev"].includes(focused), `${name}: focus after Next: ${focused}`);
    await page.focus("#drift-top-prev");
    await page.keyboard.press("Enter");
    assert.match(await page.textContent(".page-of"), /^page 1 of/, `${name}: Enter on Previous`);
  }
  await page.focus("#f-kind");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-kind", `${name}: focus after a filter`);
  await page.selectOption("#f-kind", "");
  // An article link scrolls to its finding in the article's text.
  const card = page.locator("#drift-list article").first();
  const id = await card.getAttribute("id");
  const link = card.locator(".side a.doc").first();
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForFunction((h) => location.hash === h, href);
  const anchor = "fa" + id.slice(1);
  const box = await page.evaluate((a) => {
    const e = document.getElementById(a);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { top: r.top, height: innerHeight, focused: document.activeElement === e };
  }, anchor);
  assert.ok(box, `${name}: no anchor ${anchor} in the article view`);
  assert.ok(box.top >= 0 && box.top < box.height, `${name}: ${anchor} not in view: ${JSON.stringify(box)}`);
  assert.ok(box.focused, `${name}: the finding's place is focused`);
  await page.screenshot({ path: path.join(dir, `${name}-article.png`) });
  // The passages and the pairs, as many as their files hold (to a page).
  const clusters = new Set(csv(path.join(dir, name, "passages.csv")).map((r) => r.cluster_id)).size;
  const pairs = csv(path.join(dir, name, "pairs.csv")).length;
  await page.evaluate(() => { location.hash = "#passages"; });
  assert.equal(await page.locator("#passages .cluster").count(), Math.min(clusters, 20), `${name}: passages`);
  await page.evaluate(() => { location.hash = "#pairs"; });
  assert.equal(await page.locator("#pairs tbody tr").count(), Math.min(pairs, 50), `${name}: pairs`);
  // At a phone's width nothing is wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const view of ["#overview", "#drift", "#passages", "#pairs"]) {
    await page.evaluate((h) => { location.hash = h; }, view);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${name}: ${view} is ${wide} px wide at 390`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const view of ["drift", "passages", "pairs", "article"]) {
    const stray = await page.evaluate((v) => [...document.getElementById(v).childNodes]
      .filter((n) => n.nodeType === 3).map((n) => n.textContent), view);
    assert.deepEqual(stray, [], `${name}: stray text in #${view}`);
  }
  await page.goto(page.url().split("#")[0] + "#overview");
  await page.screenshot({ path: path.join(dir, `${name}-overview.png`), fullPage: true });
  clean(name, seen);
  await page.close();
  return drift.length;
}

async function checkHostile(browser) {
  const name = "xss";
  const { page, seen } = await open(browser, name);
  const views = ["#overview", "#drift", "#passages", "#pairs"];
  const docs = csv(path.join(dir, name, "documents.csv")).map((r) => r.doc_id);
  for (const v of views) await page.evaluate((h) => { location.hash = h; }, v);
  await page.evaluate(() => { location.hash = "#drift"; });
  await page.selectOption("#f-min", "0");
  await page.evaluate(() => { location.hash = "#pairs"; });
  for (const b of await page.locator("#pairs table button").all()) await b.click();
  for (const id of docs) {
    await page.evaluate((h) => { location.hash = h; }, "#article/" + encodeURIComponent(id));
    await page.waitForSelector("#article h3");
    assert.ok((await page.textContent("#article .meta")).includes(id.replace(/[\u202a-\u202e]/g, "")) ||
      (await page.textContent("#article .meta")).includes("[U+202E]"), `article ${JSON.stringify(id)} shown`);
  }
  await page.waitForTimeout(300); // anything an injected handler would do
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    marker: document.getElementById("xss-marker") !== null,
    handlers: document.querySelectorAll("[onerror],[onload],[onclick]").length,
    scripts: document.scripts.length,
    links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))
      .filter((h) => !h.startsWith("#") && !/^https?:\/\//i.test(h)),
    text: document.body.innerText,
  }));
  assert.equal(state.xss, undefined, "a payload ran");
  assert.equal(state.marker, false, "an injected element appeared");
  assert.equal(state.handlers, 0, "an injected handler appeared");
  assert.equal(state.scripts, 2, "a script beside the data and the page's own");
  assert.deepEqual(state.links, [], "a link other than http(s)");
  // The article view shows the text with its payloads as text.
  await page.evaluate(() => { location.hash = "#article/clean-a"; });
  const shown = await page.textContent("#article .article-text");
  for (const p of ["<script>window.__xss=1;alert(1)</script>", '<b id="xss-marker">marker</b>', "[U+202E]"])
    assert.ok(shown.includes(p), `payload ${p} shown as text`);
  await page.screenshot({ path: path.join(dir, "xss-article.png"), fullPage: true });
  clean(name, seen);
  await page.close();
}

async function checkMany(browser) {
  const name = "many";
  const file = path.join(dir, name, "report.html");
  const bytes = fs.statSync(file).size;
  const findings = csv(path.join(dir, name, "drift.csv")).length;
  assert.ok(findings >= 5000, `only ${findings} findings`);
  assert.ok(bytes < 10 * 1024 * 1024, `report.html is ${bytes} bytes`);
  const started = Date.now();
  const { page, seen } = await open(browser, name, "#drift");
  await page.waitForSelector("#drift-list article");
  const ready = Date.now() - started;
  const t = Date.now();
  await page.selectOption("#f-min", "0");
  await page.click(".pager >> text=Next");
  await page.waitForFunction(() => /^page 2 of/.test(document.querySelector(".page-of").textContent));
  const step = Date.now() - t;
  assert.ok(ready < 2000, `drift list drawn after ${ready} ms`);
  clean(name, seen);
  await page.close();
  return { findings, bytes, ready, step };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
});
try {
  for (const name of ["seeds", "gen"]) {
    const n = await checkLists(browser, name);
    console.log(`ok ${name}: ${n} findings, per kind, a filter, a page, an article link`);
  }
  await checkHostile(browser);
  console.log("ok xss: no payload ran, no request, payloads shown as text");
  const m = await checkMany(browser);
  console.log(`ok many: ${m.findings} findings, ${(m.bytes / 1048576).toFixed(1)} MB, drawn in ${m.ready} ms, next page in ${m.step} ms`);
} finally {
  await browser.close();
}
