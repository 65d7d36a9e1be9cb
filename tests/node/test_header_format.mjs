// plugins/cms/admin/header-format.js, Decap's "Key: value" header format, without a browser.
// Run by tests/test_cms_format.py (node --test), which passes the site's reader options and
// every content file's header keys as read by news_metadata.header.scan in KM_HEADER_FIXTURE;
// run alone (node --test tests/node/test_header_format.mjs), it reads content/ itself with the
// format's defaults.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const format = createRequire(import.meta.url)(join(ROOT, "plugins/cms/admin/header-format.js"));
const fixture = process.env.KM_HEADER_FIXTURE
  ? JSON.parse(readFileSync(process.env.KM_HEADER_FIXTURE, "utf-8"))
  : { options: { knownKeys: ["title", "date", "author", "authors", "category", "tags", "summary"],
      categories: { berita: "Berita" } } };
const { fromFile, toFile } = format.create(fixture.options);
// The comment header (cms.plugin.comment_header_options; these defaults are the same).
const COMMENT_OPTIONS = fixture.commentOptions || {
  strict: true, knownKeys: ["author", "date", "reply-to", "url"], dateKeys: ["date"],
  spellings: { author: "Author", date: "Date", "reply-to": "Reply-To", url: "Url" },
  derivedKeys: ["article"], listKeys: [], booleanKeys: [], formattedKeys: [],
};
const comments = format.create(COMMENT_OPTIONS);
const COMMENT_ORDER = ["article", "author", "date", "reply-to", "url", "body"];
// What `make comment` writes (newsroom_cli.comment.new_comment, from pytest).
const MADE_COMMENT = fixture.madeComment ||
  "Author:\nDate: 2024-12-06 10:15\nReply-To:\nUrl:\n\n(Tempel teks komentar di sini, lalu hapus baris ini.)\n";
// The article form's field order (plugins/cms/config.py), as Decap passes it to toFile.
const ORDER = ["title", "date", "authors", "category", "id", "status", "summary", "tags",
  "breaking", "image", "image_alt", "image_caption", "comments", "body"];

const ARTICLE = [
  "Title: Banjir: Wawo terendam",
  "Date: 2024-05-01 08:00",
  "Author: Nurhayati",
  "Category: Berita",
  "Tags: banjir,Kota Bima",
  "Summary: Hujan semalam merendam",
  "    dua desa di Wawo.",
  "Breaking: tidak",
  "",
  "Isi berita yang *ditulis dengan tangan*.",
  "",
].join("\n");

function edit(text, change) {
  const data = fromFile(text);
  change(data);
  return toFile(data, ORDER);
}

function changedLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  assert.equal(b.length, a.length, after);
  return a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
}

function markdownFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
    const path = join(folder, item.name);
    if (item.isDirectory()) return markdownFiles(path);
    return item.name.endsWith(".md") ? [path] : [];
  });
}

test("every Markdown file in content/ is written back byte for byte", () => {
  const files = fixture.files || markdownFiles(join(ROOT, "content")).map((path) => ({ path }));
  assert.ok(files.length >= 10, `only ${files.length} files`);
  for (const { path, keys } of files) {
    const text = readFileSync(path, "utf-8");
    const data = fromFile(text);
    assert.equal(data[format.HIDDEN].refused, undefined, path);
    assert.equal(toFile(data, ORDER), text, path);
    if (keys) {
      // the same header keys as the site's reader (news_metadata.header.scan), Author as Authors
      const read = Object.keys(data).filter((k) => k !== "body" && k !== format.HIDDEN);
      const expected = keys.map((k) => (k === "author" && !keys.includes("authors") ? "authors" : k));
      assert.deepEqual(read.sort(), [...new Set(expected)].sort(), path);
    }
  }
});

test("the form gets the values as the reader reads them", () => {
  const data = fromFile(ARTICLE);
  assert.equal(data.title, "Banjir: Wawo terendam");
  assert.deepEqual(data.authors, ["Nurhayati"]); // Author is edited as the Authors list
  assert.equal(data.tags, "banjir,Kota Bima"); // as typed: the Tags widget shows the split
  assert.equal(data.summary, "Hujan semalam merendam\ndua desa di Wawo."); // FORMATTED_FIELDS
  assert.equal(data.breaking, false); // "tidak"
  assert.equal(data.body, "Isi berita yang *ditulis dengan tangan*.\n");
});

test("a changed value changes exactly its own line", () => {
  const after = edit(ARTICLE, (data) => { data.title = "Banjir: Wawo dan Lambitu terendam"; });
  assert.deepEqual(changedLines(ARTICLE, after), [
    ["Title: Banjir: Wawo terendam", "Title: Banjir: Wawo dan Lambitu terendam"],
  ]);
});

test("a value over continuation lines is rewritten as one line, the rest kept", () => {
  const after = edit(ARTICLE, (data) => { data.summary = "Dua desa\nterendam."; });
  assert.equal(after, ARTICLE.replace("Hujan semalam merendam\n    dua desa di Wawo.", "Dua desa terendam."));
  const title = "Title: Jembatan Padolo\n    dibuka kembali\nDate: 2024-05-01 08:00\n\nIsi.\n";
  assert.equal(fromFile(title).title, "Jembatan Padolo dibuka kembali"); // joined by a space
  assert.equal(toFile(fromFile(title), ORDER), title);
});

test("new keys go to the end of the header in the form's order", () => {
  const after = edit(ARTICLE, (data) => {
    data.image_alt = "Sawah terendam";
    data.image = "images/2024/wawo.jpg";
    data.status = "draft";
  });
  assert.equal(after, ARTICLE.replace("Breaking: tidak\n",
    "Breaking: tidak\nStatus: draft\nImage: images/2024/wawo.jpg\nImage_alt: Sawah terendam\n"));
});

test("an emptied value removes its line(s); empty new values are not written", () => {
  const after = edit(ARTICLE, (data) => { data.summary = ""; data.image = ""; data.tags = ""; });
  assert.equal(after, ARTICLE.replace("Tags: banjir,Kota Bima\nSummary: Hujan semalam merendam\n    dua desa di Wawo.\n", ""));
});

test("lists: commas, or ';' when a name has a comma; a ';' in a name is refused", () => {
  const authors = ARTICLE.replace("Author: Nurhayati", "Authors: Nurhayati");
  assert.match(edit(authors, (d) => { d.authors = ["A", "B"]; }), /\nAuthors: A, B\n/);
  assert.match(edit(authors, (d) => { d.authors = ["Bima, NTB", "B"]; }), /\nAuthors: Bima, NTB; B\n/);
  assert.match(edit(authors, (d) => { d.authors = ["Bima, NTB"]; }), /\nAuthors: Bima, NTB;\n/);
  assert.deepEqual(fromFile("Authors: Bima, NTB;\n\nx\n").authors, ["Bima, NTB"]);
  assert.deepEqual(fromFile("Authors: A; B\n\nx\n").authors, ["A", "B"]);
  assert.throws(() => edit(authors, (d) => { d.authors = ["a;b"]; }), /'a;b' contains ';'/);
});

test("Tags are the header's text as typed; the split is the build's", () => {
  assert.match(edit(ARTICLE, (d) => { d.tags = "banjir, bima"; }), /\nTags: banjir, bima\n/);
  assert.match(edit(ARTICLE, (d) => { d.tags = "Bima, NTB; banjir"; }), /\nTags: Bima, NTB; banjir\n/);
  assert.deepEqual(format.splitList("banjir, bima"), ["banjir", "bima"]);
  assert.deepEqual(format.splitList("Bima, NTB; banjir"), ["Bima, NTB", "banjir"]);
  assert.deepEqual(format.splitList("Bima, NTB;"), ["Bima, NTB"]);
  const text = toFile({ title: "Judul", tags: "a,b", body: "Isi." }, ORDER);
  assert.equal(text, "Title: Judul\nTags: a,b\n\nIsi.\n");
});

test("Author is one name as the build reads it; 'A; B' is not made two authors", () => {
  const two = ARTICLE.replace("Author: Nurhayati", "Author: Nurhayati; Munir Husen");
  assert.deepEqual(fromFile(two).authors, ["Nurhayati; Munir Husen"]);
  assert.equal(toFile(fromFile(two), ORDER), two);
  assert.match(edit(two, (d) => { d.authors = ["Nurhayati", "Munir Husen"]; }),
    /\nAuthors: Nurhayati, Munir Husen\n/);
});

test("a category is shown as the section the build makes of it", () => {
  const forms = fixture.categories || [["berita", "Berita"], ["BERITA", "Berita"]];
  for (const [written, section] of forms) {
    const text = ARTICLE.replace("Category: Berita", `Category: ${written}`);
    const data = fromFile(text);
    assert.equal(data.category, section, written);
    assert.equal(toFile(data, ORDER), text); // unchanged: the line as written
  }
  assert.equal(fromFile(ARTICLE.replace("Category: Berita", "Category: Beritaa")).category, "Beritaa");
});

test("a status is shown as the build reads it; an unknown one as written", () => {
  // What news_metadata.reader's _status makes of each (test_cms_format.py), or the defaults.
  const forms = fixture.statuses ||
    [["Draf", "draft"], ["PUBLISHED", "published"], ["withdrawn", "withdrawn"]];
  const own = format.create(Object.assign({}, fixture.options, fixture.statuses ? {} : {
    statuses: { draft: "draft", draf: "draft", published: "published", withdrawn: "withdrawn" } }));
  for (const [written, status] of forms) {
    const text = ARTICLE.replace("Breaking: tidak", `Status: ${written}`);
    const data = own.fromFile(text);
    assert.equal(data.status, status, written);
    assert.equal(own.toFile(data, ORDER), text); // unchanged: the line as written
  }
  const typo = ARTICLE.replace("Breaking: tidak", "Status: terbit");
  assert.equal(own.fromFile(typo).status, "terbit"); // shown with the build's error (admin.js)
});

test("a comment written by make comment opens filled in and round-trips", () => {
  const data = comments.fromFile(MADE_COMMENT);
  assert.equal(data.author, "");
  assert.match(data.date, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.equal(data["reply-to"], "");
  assert.match(data.body, /Tempel teks komentar/);
  assert.equal(data.authors, undefined); // a comment's Author is the commenter, one text
  assert.equal(comments.toFile(data, COMMENT_ORDER), MADE_COMMENT);
  const done = comments.toFile({ ...data, author: "Budi Santoso", body: "Semoga cepat.\n" }, COMMENT_ORDER);
  assert.equal(done, MADE_COMMENT.replace("Author:\n", "Author: Budi Santoso\n")
    .replace(/\n\n[^]*$/, "\n\nSemoga cepat.\n"));
});

test("a comment's article is its folder: never written; new keys as the reader spells them", () => {
  const text = comments.toFile({ article: "20240501-banjir-wawo", author: "Budi", date: "2024-05-02 10:15",
    "reply-to": "20240502-0900-ani", url: "", body: "Hai" }, COMMENT_ORDER);
  assert.equal(text, "Author: Budi\nDate: 2024-05-02 10:15\nReply-To: 20240502-0900-ani\n\nHai\n");
  // the plain header: an indented line is not a continuation, a loose key is no key
  const odd = "Author: Budi\n    lanjut\nDate: 2024-05-02 10:15\n\nx\n";
  assert.equal(comments.fromFile(odd).date, undefined);
  assert.equal(comments.toFile(comments.fromFile(odd), COMMENT_ORDER), odd);
  assert.equal(comments.fromFile("---\nauthor: A\n---\nx\n")[format.HIDDEN].refused, format.YAML_REFUSED);
});

test("Author stays Author for one name and becomes Authors for two", () => {
  assert.match(edit(ARTICLE, (d) => { d.authors = ["Munir Husen"]; }), /\nAuthor: Munir Husen\n/);
  assert.match(edit(ARTICLE, (d) => { d.authors = ["Nurhayati", "Munir Husen"]; }),
    /\nAuthors: Nurhayati, Munir Husen\nCategory/);
});

test("CRLF line endings and a BOM are kept, also on changed and added lines", () => {
  const windows = "\ufeff" + ARTICLE.replace(/\n/g, "\r\n");
  assert.equal(toFile(fromFile(windows), ORDER), windows);
  assert.equal(fromFile(windows).title, "Banjir: Wawo terendam");
  const after = edit(windows, (d) => { d.category = "Opini"; d.image = "images/x.jpg"; d.body += "Baru.\n"; });
  assert.equal(after, windows.replace("Category: Berita", "Category: Opini")
    .replace("Breaking: tidak\r\n", "Breaking: tidak\r\nImage: images/x.jpg\r\n") + "Baru.\r\n");
});

test("a file starting with '---' (YAML front matter) is refused, never rewritten", () => {
  const yaml = "---\ntitle: Banjir\n---\n\nIsi.\n";
  const data = fromFile(yaml);
  assert.equal(data[format.HIDDEN].refused, format.YAML_REFUSED);
  assert.match(format.YAML_REFUSED, /'Key: value'/);
  assert.throws(() => toFile(data, ORDER), { message: format.YAML_REFUSED });
});

test("a new entry gets the header in the form's order, a blank line and the body", () => {
  const text = toFile({ body: "Isi.", tags: ["a", "b"], title: "Judul", date: "2025-01-02 03:04",
    authors: ["Nurhayati"], breaking: false, summary: "" }, ORDER);
  assert.equal(text, "Title: Judul\nDate: 2025-01-02 03:04\nAuthors: Nurhayati\nTags: a, b\n" +
    "\nIsi.\n");
});

test("Breaking toggled on and off adds no line; set to true it is written", () => {
  const data = fromFile(ARTICLE.replace("Breaking: tidak\n", ""));
  assert.equal(toFile({ ...data, breaking: false }, ORDER), ARTICLE.replace("Breaking: tidak\n", ""));
  assert.match(toFile({ ...data, breaking: true }, ORDER), /\nBreaking: true\n/);
});

test("dates are shown as the build reads them, in WITA; an unchanged one keeps its line", () => {
  const dates = fixture.dates || [["12/03/2024 09.30", "2024-03-12 09:30"],
    ["2024-03-11 10:00 WIB", "2024-03-11 11:00"]];
  for (const [text, shown] of dates) assert.equal(format.formDate(text), shown, text);
  assert.equal(format.formDate("kemarin"), "kemarin");
  assert.equal(format.formDate("2024-02-31 10:00"), "2024-02-31 10:00");
  const wib = ARTICLE.replace(/^Date: .*$/m, "Date: 2024-03-11 10:00 WIB");
  const data = fromFile(wib);
  assert.equal(data.date, "2024-03-11 11:00");
  assert.equal(toFile(data, ORDER), wib);
  assert.match(toFile({ ...data, date: "2024-03-11 11:30" }, ORDER), /\nDate: 2024-03-11 11:30\n/);
});

test("loose header lines and odd endings are read as the reader reads them and kept", () => {
  const loose = "Title: Judul\n\u201cTags\u201d\uff1a banjir\n\tCategory : Berita\n\nIsi.\n";
  const data = fromFile(loose);
  assert.equal(data.tags, "banjir");
  assert.equal(data.category, "Berita");
  assert.equal(toFile(data, ORDER), loose);
  assert.match(edit(loose, (d) => { d.tags = "banjir, Wawo"; }), /\nTags: banjir, Wawo\n\tCategory/);
  // no blank line after the header, no final newline, only a header: all kept as they are
  for (const odd of ["Title: Judul\nIsi langsung.\n", "Title: Judul\n\nIsi", "Title: Judul", "Title: A\n...\nIsi\n"]) {
    assert.equal(toFile(fromFile(odd), ORDER), odd);
  }
});
