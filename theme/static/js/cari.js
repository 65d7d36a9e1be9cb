// Search on /cari/ (search plugin): a small UI over Pagefind's JavaScript API.
// Loaded only by the search page. pagefind.js and the index load only when the reader starts
// a search (focus on the box, or /cari/?q=... from the header's form). Without JavaScript the
// form goes to the fallback search engine instead (see the template).
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

let pagefind = null;
let loading = null;
let ordering = null;
let results = [];
let shown = 0;
let generation = 0;

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

async function showMore(run) {
  const batch = results.slice(shown, shown + (shown ? PAGE_SIZE : FIRST_BATCH));
  const items = await Promise.all(batch.map((result) => result.data()));
  if (run !== generation) return;
  list.append(...items.map(item));
  shown += batch.length;
  more.hidden = shown >= results.length;
}

async function search() {
  const run = ++generation;
  const query = input.value.trim();
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  history.replaceState(null, "", url);
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
  const text = results.length ? ui.count.replace("{n}", results.length) : ui.none;
  status.textContent = text.replace("{q}", query);
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

const initial = new URL(location.href).searchParams.get("q");
if (initial) {
  input.value = initial;
  search();
}
