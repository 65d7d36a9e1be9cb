// Search on /cari/ (search plugin): a small UI over Pagefind's JavaScript API.
// Loaded only by the search page (the header's "Cari" is a plain link to it). pagefind.js and
// the index load only when the reader starts a search (focus on the box, or /cari/?q=...).
// Without JavaScript the form goes to the fallback search engine instead (see the template).
const form = document.getElementById("cari");
const input = document.getElementById("cari-q");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-hasil");
const more = document.getElementById("cari-lagi");
const options = document.getElementById("cari-pilihan");
const choice = (name) => options.querySelector(`select[name=${name}]`);
const ui = JSON.parse(document.getElementById("cari-ui").textContent);
// SITEURL may be relative (dev build) or carry a path (a GitHub Pages project site).
const site = new URL(form.dataset.site, document.baseURI);
const indexUrl = new URL(form.dataset.index, document.baseURI);
// The first batch: a result is 250-300 px tall on a 360 x 640 phone, so four are about two
// screens under the form. Each result costs its fragment (~2.4 KB gzipped, the article's text
// for the excerpt), and four keep the first query within its 200 KB budget at 5000 articles
// (search README, "Performance"); "Muat lagi" loads the next ones.
const FIRST_BATCH = 4;
const PAGE_SIZE = 10;
// The menus kept in the address with q, so a reload or a shared link shows the same results.
const CHOICES = ["kategori", "tahun", "urut"];
// A query longer than this is shortened in the status line (it is searched whole).
const SHOWN_QUERY = 80;

let pagefind = null;
let loading = null;
let ordering = null;
let results = [];
let shown = 0;
let generation = 0;
let adding = null;

function load() {
  loading ??= import(new URL("pagefind.js", indexUrl).href).then(async (module) => {
    // noWorker: the search runs in the page; Pagefind's web worker is a second copy of its
    // search code (12 KB gzipped) fetched on every first search, for a few milliseconds of work.
    await module.options({ baseUrl: site.pathname, excerptLength: 24, noWorker: true });
    await module.init();
    pagefind = module;
    // The menus' values are in the page (from the build): asking Pagefind for them would
    // fetch every filter file; a filter's file loads only once the reader picks a value.
    options.hidden = false;
    return module;
  });
  // A failed load (a dropped connection on a phone) is tried again at the next search.
  loading.catch(() => { loading = null; });
  return loading;
}

function searchFilters() {
  const filters = {};
  for (const name of ["kategori", "tahun"]) {
    if (choice(name).value) filters[name] = choice(name).value;
  }
  return filters;
}

// "Terbaru dulu": the build's list of page ids, newest first (search plugin, order.py), fetched
// only when the reader picks it; Pagefind's own sort would weigh on every first search.
function newestFirst() {
  ordering ??= fetch(new URL("urut-terbaru.json", indexUrl)).then((response) => {
    if (!response.ok) throw new Error(response.statusText);
    return response.json();
  }).then((ids) => new Map(ids.map((id, rank) => [id, rank])));
  ordering.catch(() => { ordering = null; });
  return ordering;
}

async function ordered(found) {
  if (choice("urut").value !== "baru") return found;
  const rank = await newestFirst();
  // Undated pages (no rank) after the articles; sort() is stable, so they keep Pagefind's order.
  const at = (result) => rank.get(result.id) ?? Infinity;
  return [...found].sort((a, b) => (at(a) === at(b) ? 0 : at(a) < at(b) ? -1 : 1));
}

// Pagefind's excerpt is escaped text with <mark> around the matches: keep exactly that.
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createElement("p");
  out.className = "search-excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function item(data) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "search-meta";
  meta.textContent = [data.meta.kategori || ui.page, data.meta.tanggal].filter(Boolean).join(" · ");
  li.append(heading, meta, excerpt(data.excerpt || ""));
  return li;
}

async function addBatch(run) {
  const batch = results.slice(shown, shown + (shown ? PAGE_SIZE : FIRST_BATCH));
  const items = await Promise.all(batch.map((result) => result.data()));
  if (run !== generation) return;
  list.append(...items.map(item));
  shown += batch.length;
  more.hidden = shown >= results.length;
}

// One batch at a time: a second tap on "Muat lagi" while a batch loads waits for it, so no
// result is shown twice or skipped.
function showMore(run) {
  adding = (adding ?? Promise.resolve()).then(() => (run === generation ? addBatch(run) : null));
  const current = adding;
  current.finally(() => { if (adding === current) adding = null; });
  return current;
}

// What Pagefind is asked: compatibility forms folded (full-width letters, ligatures) and
// invisible format characters (zero-width space, soft hyphen, joiners) removed, as the index
// never holds them.
function normalized(text) {
  return text.normalize("NFKC").replace(/\p{Cf}/gu, "").trim();
}

function shortened(text) {
  return text.length > SHOWN_QUERY ? text.slice(0, SHOWN_QUERY) + "…" : text;
}

function keepInAddress(query) {
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  for (const name of CHOICES) {
    if (choice(name).value) url.searchParams.set(name, choice(name).value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, "", url);
}

async function search() {
  const run = ++generation;
  const query = normalized(input.value);
  keepInAddress(input.value.trim());
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  status.textContent = ui.loading;
  try {
    await load();
  } catch (error) {
    status.textContent = ui.failed;
    return;
  }
  let found;
  try {
    const response = await pagefind.search(query, { filters: searchFilters() });
    if (run !== generation || !response) return;
    found = await ordered(response.results);
  } catch (error) {
    if (run === generation) status.textContent = ui.failed;
    return;
  }
  if (run !== generation) return;
  results = found;
  shown = 0;
  list.replaceChildren();
  await showMore(run);
  if (run !== generation) return;
  // The status changes last: once it names the query, the results below are complete.
  // split/join, not replace(): a "$&" or "$'" in the query is text, not a replacement pattern.
  const text = results.length ? ui.count.split("{n}").join(results.length) : ui.none;
  status.textContent = text.split("{q}").join(shortened(input.value.trim()));
}

let timer = 0;
function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(search, 250);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  search();
});
input.addEventListener("input", searchSoon);
input.addEventListener("focus", () => load().catch(() => {}), { once: true });
options.addEventListener("change", search);
more.addEventListener("click", () => showMore(generation));

const address = new URL(location.href).searchParams;
for (const name of CHOICES) {
  const value = address.get(name);
  // Only a value the menu offers (an old link may name a section that no longer exists).
  if (value && [...choice(name).options].some((option) => option.value === value)) {
    choice(name).value = value;
  }
}
const initial = address.get("q");
if (initial) {
  input.value = initial;
  search();
}
