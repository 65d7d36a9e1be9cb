"""The careless-editor corpus (issue 11): each input gives the same message from `make check`
and `make publish` (both exit 1, or both 0), never a traceback; the dev build of all of them
together finishes and writes the good article.

Messages were read once by a person against the input; each case is one class of mistake.
"""

import re

import imagegen
import pytest
from conftest import AUTHORS_YML
from golden import FIXTURE_CONTENT
from workflow import ROOT, SITEURL, TESTCONF, header, run_tool, write_site

A = "articles/2024/berita.md"
GOOD = header("Judul Baik")


def body(text, *extra):
    return {A: (header("Judul Baik", "2024-05-01 08:00", *extra) if extra else GOOD) + text}


def head(*lines, rest="Isi berita.\n"):
    return {A: "\n".join(lines) + "\n\n" + rest}


BASE = ("Title: Judul Baik", "Date: 2024-05-01 08:00", "Author: Nurhayati", "Category: Berita")
PAGE = "pages/halaman.md"
COMMENTS = "comments/20240501-berita"
WITH_ID = {A: GOOD.removesuffix("\n") + "Id: 20240501-berita\n\nIsi.\n"}
BELOW = "2024/04/berita-lain.html/"  # a folder named like the page of lain.md (EXTRA)
LABELS = "data/blogger-labels.json"  # make import-blogger's: the site was migrated
BLOGGER_LABELS = '{"labels": {"Banjir": {"tag": "banjir"}}}'
SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'
LONG_TITLE = " ".join(["Pemerintah Kabupaten Bima"] * 12)

EXTRA_JPEG = (FIXTURE_CONTENT / "images" / "panen-garam-bolo.jpg").read_bytes()


def _gps_exif():
    from PIL import Image

    exif = Image.Exif()
    exif.get_ifd(0x8825)[1] = "S"  # EXIF's GPS IFD: GPSLatitudeRef
    return exif.tobytes()


PDF_WITH_AUTHOR = imagegen.pdf_document(author="Nurhayati", creator="Microsoft Word")
PDF_PHOTO_GPS = imagegen.pdf_document(exif=_gps_exif())


def _pdf_with_attachment():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(imagegen.pdf_document())))
    writer.add_attachment("catatan.docx", b"PK author: Nurhayati")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_ATTACHED = _pdf_with_attachment()


def _pdf_with_javascript():
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(imagegen.pdf_document())))
    action = {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("")}
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_JAVASCRIPT = _pdf_with_javascript()
YAML_PYTHON_TAG = '!!python/object/apply:os.system ["echo x"]'


def _animated_gif():
    import io

    from PIL import Image

    out = io.BytesIO()
    frames = [Image.new("RGB", (64, 48), color) for color in ("red", "blue")]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


ANIMATED_GIF = _animated_gif()

# (id, files, message or None for "passes, read correctly")
CASES = [
    # --- header lines an editor cannot trip over: read correctly ---
    ("title-continued", head(*BASE[:1], "    meluas ke desa", *BASE[1:]), None),
    ("title-continued-tab", head(*BASE[:1], "\tmeluas ke desa", *BASE[1:]), None),
    ("date-continued", head(BASE[0], "Date: 2024-05-01", "    08:00", *BASE[2:]), None),
    ("key-indented-tab", head(*BASE[:3], "\tCategory: Berita"), None),
    ("key-indented-spaces", head(*BASE[:3], "      Category: Berita"), None),
    ("smart-quoted-key", head(*BASE, "\u201cTags\u201d: banjir"), None),
    ("full-width-colon", head(*BASE, "Tags\uff1a banjir"), None),
    ("space-before-colon", head(*BASE[:3], "Category : Berita"), None),
    ("upper-case-key", head("TITLE: Judul Baik", *BASE[1:]), None),
    ("bold-key", head(*BASE, "**Tags**: banjir"), None),
    ("status-draf", head(*BASE, "Status: draf"), None),
    ("slug-spaces-capitals", head(*BASE, "Slug: Banjir Wawo 2026"), None),
    ("slug-dot-dot", head(*BASE, "Slug: ../x"), None),
    ("category-case", head(*BASE[:3], "Category: berita"), None),
    ("long-title", head(f"Title: {LONG_TITLE}", *BASE[1:]), None),
    # --- header keys in letters that only look Latin: read, and reported at the line ---
    (
        "key-cyrillic-a",
        head(*BASE, "T\u0430gs: banjir"),
        ":5: the key 'T\u0430gs' is written with '\u0430' (U+0430 CYRILLIC SMALL LETTER A): it "
        "only looks like 'Tags' (read as that key until it is retyped) — type the key again",
    ),
    (
        "key-greek-title",
        head("\u03a4itle: Judul Baik", *BASE[1:]),
        ":1: the key '\u03a4itle' is written with '\u03a4' (U+03A4 GREEK CAPITAL LETTER TAU)",
    ),
    (
        "key-full-width-letters",
        head(*BASE, "\uff34\uff41\uff47\uff53\uff1a banjir"),
        ":5: the key '\uff34\uff41\uff47\uff53' is written with '\uff34' (U+FF34 FULLWIDTH",
    ),
    (
        "key-cyrillic-mid-header",
        head(BASE[0], "D\u0430te: 2024-05-01 08:00", *BASE[2:]),
        ":2: the key 'D\u0430te' is written with",
    ),
    (
        "comment-key-cyrillic",
        {**WITH_ID, f"{COMMENTS}/c-1.md": "\u0410uthor: Budi\nDate: 2024-05-02 08:00\n\nB.\n"},
        "c-1.md:1: the key '\u0410uthor' is written with '\u0410' (U+0410 CYRILLIC CAPITAL "
        "LETTER A): it only looks like 'Author'",
    ),
    (
        "yaml-key-cyrillic",
        {
            A: "---\ntitle: Judul Baik\ndate: 2024-05-01 08:00\nauthor: Nurhayati\n"
            "c\u0430tegory: Berita\n---\n\nIsi.\n"
        },
        ":5: the key 'c\u0430tegory' is written with '\u0430' (U+0430 CYRILLIC SMALL LETTER A)",
    ),
    # --- header mistakes reported with the line ---
    ("key-twice", head(*BASE, "Tags: a", "Tags: b"), ":6: Tags is written twice in the header"),
    (
        "status-typo",
        head(*BASE, "Status: drafts"),
        ":5: Status must be draft, published, hidden or withdrawn",
    ),
    (
        "status-empty",
        head(*BASE, "Status: terbit"),
        ":5: Status must be draft, published, hidden or withdrawn",
    ),
    ("tags-case", head(*BASE, "Tags: Banjir, banjir"), ":5: tag 'banjir' is the same tag as"),
    ("tags-upper", head(*BASE, "Tags: Banjir, BANJIR"), ":5: tag 'BANJIR' is the same tag as"),
    ("tag-no-slug", head(*BASE, "Tags: ???"), ":5: tag '???' has no letter or digit"),
    ("title-no-slug", head("Title: ???", *BASE[1:]), ":1: the title '???' has no letter or digit"),
    ("slug-no-letters", head(*BASE, "Slug: ---"), ":5: Slug '---' has no letter or digit"),
    ("stray-after-blank", {A: GOOD + "Tags: banjir\n\nIsi.\n"}, ":6: 'Tags:' is in the article"),
    (
        "stray-smart-quote",
        {A: GOOD + "\u201cTags\u201d: banjir\n\nIsi.\n"},
        ":6: 'Tags:' is in the article body",
    ),
    ("unknown-key", head(*BASE, "Tag: banjir"), ":5: unknown metadata key 'tag'"),
    ("bad-breaking", head(*BASE, "Breaking: yes please"), ":5: Breaking must be true or false"),
    ("bad-comments", head(*BASE, "Comments: nanti"), ":5: Comments must be open, closed or off"),
    ("bad-date", head(BASE[0], "Date: kemarin", *BASE[2:]), ":2: Date 'kemarin' is not a date"),
    ("no-title", head(*BASE[1:]), ":1: the header has no Title:"),
    ("no-author", head(BASE[0], BASE[1], BASE[3]), ":1: the header has no Author:"),
    ("unknown-category", head(*BASE[:3], "Category: Gosip"), ":4: unknown category 'Gosip'"),
    # --- Template: must name a template of the theme (else a crash while writing) ---
    (
        "template-unknown",
        head(*BASE, "Template: artikel-khusus"),
        ":5: Template 'artikel-khusus' is not a template of the theme — write one of 404, "
        "article, corrections, page, withdrawn, or delete the line to use the usual one",
    ),
    (
        "template-typo-page",
        {PAGE: "Title: Hal\nTemplate: corection\n\nIsi.\n"},
        "halaman.md:2: Template 'corection' is not a template of the theme (did you mean "
        "'corrections'?)",
    ),
    (
        "template-with-extension",
        head(*BASE, "Template: article.html"),
        ":5: Template 'article.html' is not a template name (write it without '.html')",
    ),
    (
        "template-listing",
        head(*BASE, "Template: index"),
        ":5: Template 'index' is the theme's template for another kind of page",
    ),
    ("template-page-ok", {PAGE: "Title: Hal\nTemplate: corrections\n\nIsi.\n"}, None),
    # --- invisible characters ---
    ("zwsp", body("Ban\u200bjir.\n"), ":6: invisible character U+200B (zero-width space)"),
    ("soft-hyphen", body("Ban\u00adjir.\n"), ":6: invisible character U+00AD (soft hyphen)"),
    ("zwj-in-word", body("Ban\u200djir.\n"), ":6: invisible character U+200D (zero-width joiner)"),
    ("zwnj", body("Ban\u200cjir.\n"), ":6: invisible character U+200C (zero-width non-joiner)"),
    ("bom-inside", body("Ban\ufeffjir.\n"), ":6: invisible character U+FEFF"),
    ("bidi-override", body("Harga \u202e001\u202c.\n"), ":6: invisible character U+202E"),
    ("rlm", body("Kata\u200f.\n"), ":6: invisible character U+200F (right-to-left mark)"),
    ("vertical-tab", body("Satu\x0bdua.\n"), ":6: invisible control character U+000B"),
    ("zwsp-in-title", head("Title: Judul\u200b Baik", *BASE[1:]), ":1: invisible character"),
    ("zwsp-in-tags", head(*BASE, "Tags: ban\u200bjir"), ":5: invisible character U+200B"),
    (
        "zwsp-as-reference",
        body("Ka&#8203;ta dan `&shy;` di kode.\n"),
        ":6: the character reference &#8203; in column 3 is an invisible character U+200B "
        "(zero-width space) — delete it",
    ),
    (
        "bidi-override-as-named-reference",
        body("Harga &ZeroWidthSpace;naik &#x202E;lagi.\n"),
        ":6: the character reference &#x202E; in column 28 is an invisible character U+202E "
        "(right-to-left override)",
    ),
    ("emoji-zwj-kept", body("Keluarga \U0001f468\u200d\U0001f469\u200d\U0001f467.\n"), None),
    # --- found by the issue 11 break test (s27): silent or raw before ---
    (
        "translation-without-story",
        head(*BASE, "Translation: true"),
        ":5: Translation: true marks this file as the translation of another story, but no "
        "story without that line has its slug 'judul-baik': it would be published as a story "
        "of its own — delete the Translation line if it is a story of its own, or give it the "
        "Slug (and a Lang line) of the story it translates",
    ),
    ("translation-typo", head(*BASE, "Translation: mungkin"), ":5: Translation must be true"),
    (
        "translation-flag-ok",
        {
            A: GOOD + "Isi.\n",
            "articles/2024/berita-en.md": header(
                "Good Title", "2024-05-01 08:00", "Lang: en", "Slug: judul-baik", "Translation: ya"
            )
            + "Text.\n",
        },
        None,
    ),
    (
        "tags-mixed-separators",
        head(*BASE, "Tags: banjir; bima, sape"),
        ":5: Tags mixes ';' and ',' ('banjir; bima, sape'): with a ';' in the line only ';' "
        "separates tags, so 'bima, sape' would be one tag — write commas only, e.g. 'Tags: "
        "banjir, bima, sape'; if a tag itself has a comma, end the line with ';' to say so",
    ),
    ("tags-comma-in-name-ok", head(*BASE, "Tags: Bima, NTB; banjir;"), None),
    (
        "yaml-tags-comma-in-name-ok",
        {
            A: "---\ntitle: Judul Baik\ndate: 2024-05-01 08:00\nauthor: Nurhayati\n"
            "category: Berita\ntags:\n  - 'Bima, NTB'\n  - banjir\n---\n\nIsi.\n"
        },
        None,
    ),
    (
        "key-russian-word",
        head(*BASE[:3], "Таги: x", BASE[3]),
        ":4: unknown metadata key 'Таги': the header's keys are English "
        "words in Latin letters (this line was left out of the header) — write the key in "
        "English (Title, Date, Author, Category, Tags, ...",
    ),
    (
        "summary-footnote",
        head(*BASE, "Summary: Kata[^dua] dan `[^kode]`."),
        ":5: Summary holds the footnote reference [^dua]: footnotes work only in the text, so "
        "the summary would show it as typed on listings and in feeds",
    ),
    (
        "page-over-a-blogger-redirect",
        {
            LABELS: BLOGGER_LABELS,
            PAGE: "Title: Cari\nSave_as: search/index.html\nUrl: search/\n\nI.\n",
        },
        "halaman.md:2: this page would be written to search/index.html, which is also the "
        "redirect page of Blogger's old address /search (blogger_redirects) — remove the Save_as",
    ),
    ("blogger-redirects-ok", {LABELS: BLOGGER_LABELS, **head(*BASE, "Tags: banjir")}, None),
    # --- links and images ---
    ("plain-image-ok", body("![Foto](images/x.jpg)\n"), None),
    ("plain-image-relative-ok", body("![Foto](../../images/x.jpg)\n"), None),
    # --- the same in raw HTML (links.RawLinks; s27 break test) ---
    (
        "raw-html-image-and-link-ok",
        body('<img src="../../images/x.jpg" alt="Foto">\n\n<a href="lain.md">baca</a>\n'),
        None,
    ),
    (
        "raw-html-image-missing",
        body('<img src="foto.jpg" alt="Foto">\n'),
        ":6: image 'foto.jpg' leads to no file: a plain relative path is resolved from this "
        "page's web address, not from this file",
    ),
    (
        "raw-html-video-missing",
        body('<video src="klip.mp4" controls></video>\n'),
        ":6: file 'klip.mp4' leads to no file",
    ),
    ("root-image-ok", body("![Foto](/images/x.jpg)\n"), None),
    ("tags-entity", head(*BASE, "Tags: R&amp;D, Q&A, banjir"), None),
    (
        "tags-quoted",
        head(*BASE, 'Tags: "banjir, longsor", bima'),
        ":5: tag '\"banjir' starts or ends with a quote mark: quotes do not group words in Tags",
    ),
    ("footnote-ok", body("Kata[^1] dan `[^kode]`.\n\n[^1]: Sumber: BPS.\n"), None),
    (
        "footnote-undefined",
        body("Satu[^1] dan[^dua].\n\n[^1]: Sumber.\n"),
        "berita.md:6: footnote [^dua] has no text: the article has no line '[^dua]: ...', so "
        "the reference would be published as typed — add the footnote on a line of its own",
    ),
    (
        "root-links-to-site-pages-ok",
        body("[Cari](/cari/), [semua](/feeds/semua.atom.xml).\n"),
        None,
    ),
    (
        "root-image-dead",
        body("Lihat ![f](/images/hilang2.jpg).\n"),
        "berita.md:6: link /images/hilang2.jpg leads to no page or file of the site (the build "
        "writes nothing at images/hilang2.jpg) — link an article or page as",
    ),
    (
        "root-link-dead",
        body("Baca [x](/p/tidak-ada2.html).\n"),
        "berita.md:6: link /p/tidak-ada2.html leads to no page or file of the site",
    ),
    ("plain-link-article-ok", body("[baca](lain.md)\n"), None),
    ("plain-image-missing", body("![Foto](images/hilang.jpg)\n"), ":6: image 'images/hilang.jpg'"),
    ("plain-link-missing", body("[baca](../2025/x.md)\n"), ":6: link '../2025/x.md' leads to no"),
    ("filename-data-file", body("[a]({filename}/data/authors.yml)\n"), ":6: link {filename}/data"),
    ("plain-link-data-file", body("[a](../../data/authors.yml)\n"), "points to a file that is not"),
    ("filename-missing", body("[a]({filename}hilang.md)\n"), ":6: link {filename}hilang.md"),
    ("static-missing", body("![a]({static}/images/y.jpg)\n"), ":6: link {static}/images/y.jpg"),
    # --- a link that missed an existing file: what differs (filenames.py; s27 break test) ---
    (
        "static-link-capitals",
        {**body("![Foto]({static}/images/foto.jpg)\n"), "images/Foto.JPG": EXTRA_JPEG},
        ":6: link {static}/images/foto.jpg points to a file that does not exist (there is "
        "'images/Foto.JPG': capitals differ (Linux, where the site is built, tells them apart)) "
        "— write the name exactly as the file's",
    ),
    (
        "static-link-hash-in-name",
        {**body("![Foto]({static}/images/foto#1.jpg)\n"), "images/foto#1.jpg": EXTRA_JPEG},
        ":6: link {static}/images/foto#1.jpg points to a file that does not exist (the file is "
        "named 'images/foto#1.jpg': in a web address '#' and '?' end the file name) — rename the "
        "file without '#' and '?'",
    ),
    (
        "plain-image-decomposed-accent",
        {**body("![Foto](images/kaf\u00e9.jpg)\n"), "images/kafe\u0301.jpg": EXTRA_JPEG},
        ":6: image 'images/kaf\u00e9.jpg' leads to no file (there is 'images/kafe\u0301.jpg': it "
        "is the same name with its letters encoded differently (as macOS names files))",
    ),
    (
        "featured-image-content-prefix",
        {**body("Isi.\n", "Image: content/images/x.jpg", "Image_alt: Foto")},
        ":5: featured image 'content/images/x.jpg' does not exist (there is 'images/x.jpg': paths "
        "are written from content/, without 'content/') — write 'images/x.jpg'",
    ),
    (
        "featured-image-capitals",
        {
            **body("Isi.\n", "Image: images/foto.jpg", "Image_alt: Foto"),
            "images/FOTO.jpg": EXTRA_JPEG,
        },
        ":5: featured image 'images/foto.jpg' does not exist (there is 'images/FOTO.jpg': capitals "
        "differ",
    ),
    # --- Pelican's older link syntax |filename|, |static|: checked like {filename}, {static} ---
    ("legacy-filename-ok", body("[baca](|filename|lain.md)\n"), None),
    ("legacy-static-ok", body("![Foto](|static|/images/x.jpg)\n"), None),
    (
        "legacy-filename-missing",
        body("[baca](|filename|hilang.md)\n"),
        ":6: link |filename|hilang.md points to a file that does not exist — write the path of "
        "an existing article or page relative to this file, e.g. {filename}../2024/",
    ),
    (
        "legacy-static-relative-missing",
        body("![Foto](|static|images/x.jpg)\n"),
        ":6: link |static|images/x.jpg points to a file that does not exist",
    ),
    (
        "legacy-filename-data-file",
        body("[a](|filename|/data/authors.yml)\n"),
        ":6: link |filename|/data/authors.yml points to a file that is not published",
    ),
    ("legacy-tag-typo", body("[b](|tag|banjr)\n", "Tags: banjir"), ":7: link |tag|banjr points to"),
    # --- links to taxonomy pages: only to pages the build writes; unknown link kinds ---
    ("tag-link-ok", body("[banjir]({tag}banjir)\n", "Tags: banjir"), None),
    ("author-link-by-name-ok", body("[Nurhayati]({author}Nurhayati)\n"), None),
    ("category-link-ok", body("[Berita]({category}berita)\n"), None),
    (
        "tag-link-typo",
        body("[banjir]({tag}banjr)\n", "Tags: banjir"),
        ":7: link {tag}banjr points to the tag page (label/banjr/), which is not built: no "
        "published article has the tag 'banjr' (did you mean 'banjir'?)",
    ),
    (
        "author-link-unknown",
        body("[Budi]({author}Nurhayatti)\n"),
        ":6: link {author}Nurhayatti points to the author page (penulis/nurhayatti/), which is "
        "not built: no published article has the author 'Nurhayatti' (did you mean 'Nurhayati'?)",
    ),
    (
        "category-link-no-article",
        body("[Opini]({category}opini)\n"),
        ":6: link {category}opini points to the section page (kategori/opini/), which is not built",
    ),
    (
        "tag-link-only-a-draft-has",
        {
            **body("[bima]({tag}bima)\n"),
            "articles/2024/draf.md": header(
                "Draf", "2024-04-02 08:00", "Tags: bima", "Status: draft"
            )
            + "I.\n",
        },
        ":6: link {tag}bima points to the tag page (label/bima/), which is not built",
    ),
    (
        "author-link-only-scheduled",
        {
            **body("[Munir]({author}Munir Husen)\n"),
            "articles/2024/nanti.md": header(
                "Nanti", "2030-01-01 08:00", "Authors: Munir Husen"
            ).replace("Author: Nurhayati\n", "")
            + "I.\n",
        },
        ":6: link {author}Munir Husen points to the author page (penulis/munir-husen/), which is "
        "not built yet: the only articles with the author 'Munir Husen' are scheduled",
    ),
    (
        "draft-links-its-own-new-tag",
        {
            A: header("Judul Baik", "2024-05-01 08:00", "Tags: pilkada", "Status: draft")
            + "[pilkada]({tag}pilkada)\n"
        },
        None,
    ),
    (
        "link-kind-typo",
        body("[baca]({filenme}lain.md)\n"),
        ":6: link {filenme}lain.md has the kind {filenme}, which Pelican does not know (it would "
        "be published as it is, a dead link) (did you mean '{filename}'?)",
    ),
    ("link-kind-unknown", body("[x]({foo}bar)\n"), ":6: link {foo}bar has the kind {foo}"),
    # --- files that are not accounted for ---
    ("md-in-content-root", {"lepas.md": GOOD + "Isi.\n"}, "lepas.md: this file is not part of"),
    ("upper-case-ext", {"articles/2024/b.MD": GOOD + "I.\n"}, "is not lower case — rename it to"),
    ("txt-article", {"articles/2024/b.txt": "Isi.\n"}, "b.txt: this file is not part of the site"),
    ("docx-article", {"articles/2024/b.docx": b"PK\x03\x04"}, "a word-processor document is not"),
    ("rst-article", {"articles/2024/b.rst": "Judul\n=====\n"}, "reStructuredText is not read"),
    ("html-article", {"articles/2024/b.html": "<html><title>x</title></html>"}, "HTML is not read"),
    ("image-in-articles", {"articles/2024/f.jpg": b"\xff\xd8"}, "only published from content/ima"),
    ("md-in-images", {"images/catatan.md": GOOD + "I.\n"}, "a Markdown file is only read in"),
    ("stray-yaml", {"data/lain.yml": "a: 1\n"}, "data/lain.yml: this file is not part of"),
    ("bib-folder-txt", {"bibliography/catatan.txt": "x"}, "holds only *.json or *.bib files"),
    ("hidden-file-ignored", {".DS_Store": b"\x00", "articles/2024/.#x.md": "x"}, None),
    # --- image files copied as they are (not shown by an article): checked like shown ones ---
    (
        "svg-script-unreferenced",
        {
            "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n'
        },
        "images/logo.svg:2: SVG logo.svg holds active content (<script>): opened from the site it "
        "would run with the readers' cookies, so it is not published — remove the script, event "
        "handlers (on...=) and embedded content",
    ),
    (
        "svg-handler-linked",
        {
            **body("[logo]({static}/images/logo.svg)\n"),
            "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        },
        "images/logo.svg:1: SVG logo.svg holds active content (event handler onload= on <svg>)",
    ),
    (
        "jpeg-truncated-unreferenced",
        {"images/potong.jpg": EXTRA_JPEG[:3000]},
        "images/potong.jpg: image potong.jpg is damaged or incomplete (image file is truncated "
        "(0 bytes not processed)) — copy the file again from the camera or the sender",
    ),
    (
        "jpeg-text-unreferenced",
        {"images/catatan.png": b"bukan gambar"},
        "images/catatan.png: "
        "image catatan.png is not an image this build can read — save or export it as a JPEG",
    ),
    (
        "html-page-in-images",
        {"images/index.html": "<html><script>alert(1)</script></html>"},
        "images/index.html: index.html is a web page or script: opened from the site it would "
        "run on the site's address, with the readers' cookies — a static folder holds",
    ),
    (
        "xml-in-images",
        {"images/peta.xml": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
        "peta.xml is a web page or script",
    ),
    (
        "svg-plain-ok",
        {"images/ikon.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'},
        None,
    ),
    ("jpeg-linked-ok", body("[foto]({static}/images/x.jpg)\n"), None),
    # --- PDF documents: published without their makers' names; what cannot be cleaned refused
    ("pdf-with-author-ok", {"images/laporan.pdf": PDF_WITH_AUTHOR}, None),
    (
        "pdf-photo-with-gps",
        {"images/foto.pdf": PDF_PHOTO_GPS},
        "images/foto.pdf: PDF foto.pdf holds a photo with its camera data (the GPS position "
        "among them) on page 1: the published PDF would carry it — remove the photo's data",
    ),
    # --- an animated picture would be shown as its first frame (s27 break test) ---
    (
        "animated-gif-shown",
        {**body("![Grafik]({static}/images/grafik.gif)\n"), "images/grafik.gif": ANIMATED_GIF},
        ":6: image grafik.gif is animated (2 frames): pictures are shown as still copies, so "
        "readers would see only its first frame — use a still picture",
    ),
    (
        "animated-gif-linked-ok",
        {**body("[Grafik]({static}/images/grafik.gif)\n"), "images/grafik.gif": ANIMATED_GIF},
        None,
    ),
    # --- an SVG shown in the text: accepted or refused as when no article shows it ---
    ("svg-shown-ok", {**body("![Ikon](images/ikon.svg)\n"), "images/ikon.svg": SAFE_SVG}, None),
    (
        "svg-shown-static-ok",
        {**body("![Ikon]({static}/images/ikon.svg)\n"), "images/ikon.svg": SAFE_SVG},
        None,
    ),
    (
        "svg-shown-handler",
        {
            **body("![Ikon](images/ikon.svg)\n"),
            "images/ikon.svg": SAFE_SVG.replace("<svg", "<svg onload='x()'"),
        },
        "images/ikon.svg:1: SVG ikon.svg holds active content (event handler onload= on <svg>)",
    ),
    (
        "svg-featured",
        {**head(*BASE, "Image: images/ikon.svg", "Image_alt: Ikon"), "images/ikon.svg": SAFE_SVG},
        ":5: image ikon.svg is an SVG drawing: a featured image or an embed's poster is made "
        "into pictures of several sizes (and the share picture), which needs a JPEG or PNG — "
        "export it as PNG and use that file, or show the drawing in the text with",
    ),
    # --- typography: read correctly (tests/test_typography_id.py has the exact output) ---
    ("range-dashes", body("Halaman 12--15, pukul 08.00--10.00.\n"), None),
    ("elided-year", body("Krisis '98 dan era '90-an.\n"), None),
    ("bare-address", body("Lihat https://bima.go.id/a--b/it's ya.\n"), None),
    # --- placeholders ---
    (
        "make-new-placeholder",
        body("Tulis paragraf pertama di sini: siapa, apa, kapan, di mana, mengapa, bagaimana.\n"),
        ":6: the placeholder text",
    ),
    # --- pages held back: counted; a wrong Status an error at its line ---
    ("page-status-draf", {PAGE: "Title: Hal\nStatus: draf\n\nIsi.\n"}, None),
    (
        "page-status-typo",
        {PAGE: "Title: Hal\nStatus: drafts\n\nIsi.\n"},
        "halaman.md:2: Status must be draft, published, hidden or withdrawn, got 'drafts'",
    ),
    # --- HTML in header fields: the body's rule, at the header's line ---
    (
        "summary-script",
        head(*BASE, "Summary: Hai <script>alert(1)</script>"),
        ":5: Summary holds active content (<script>): it would be removed from the listing",
    ),
    (
        "page-summary-handler",
        {PAGE: "Title: Hal\nSummary: <img src=x onerror=alert(1)>\n\nIsi.\n"},
        "halaman.md:2: Summary holds active content (event handler onerror= on <img>)",
    ),
    # --- empty items in list keys ---
    ("tags-only-separators", head(*BASE, "Tags: , , ,"), ":5: Tags has an empty item (', , ,')"),
    ("tags-empty-item", head(*BASE, "Tags: banjir, , bima"), ":5: Tags has an empty item"),
    ("tags-empty", head(*BASE, "Tags:"), ":5: Tags has an empty item ('')"),
    ("tags-trailing-comma", head(*BASE, "Tags: banjir, bima,"), None),
    (
        "authors-empty-item",
        head(*BASE[:2], "Authors: Nurhayati, ,", BASE[3]),
        ":3: Authors has an empty item ('Nurhayati, ,')",
    ),
    # --- one slug, two articles ---
    (
        "same-title-other-year",
        {
            A: GOOD + "I.\n",
            "articles/2025/berita.md": header("Judul Baik", "2025-05-01 08:00") + "I.\n",
        },
        "2025/berita.md:1: this article has the slug 'judul-baik', like",
    ),
    (
        "same-title-same-month",
        {
            A: GOOD + "I.\n",
            "articles/2024/kedua.md": header("Judul Baik", "2024-05-02 08:00") + "I.\n",
        },
        "kedua.md:1: this article would be written to 2024/05/judul-baik.html, like",
    ),
    (
        "page-in-search-index-folder",
        {PAGE: "Title: Catatan\nSave_as: pagefind/catatan.html\n\nIsi.\n"},
        "halaman.md:2: this page would be written to pagefind/catatan.html, which is also "
        "inside the folder pagefind/, which SEARCH_OUTPUT_PATH reserves — remove the Save_as",
    ),
    (
        "page-in-web-editor-folder",
        {PAGE: "Title: Catatan\nSave_as: admin/index.html\n\nIsi.\n"},
        "halaman.md:2: this page would be written to admin/index.html, which is also inside "
        "the folder admin/, which CMS_SAVE_AS reserves",
    ),
    (
        "page-over-the-404-page",
        {PAGE: "Title: Catatan\nSave_as: 404.html\nUrl: 404.html\n\nIsi.\n"},
        "halaman.md:2: this page would be written to 404.html, which is also the 404 page "
        "(front_page) — remove the Save_as line",
    ),
    (
        "page-in-text-edition-folder",
        {PAGE: "Title: Catatan\nSave_as: teks/index.html\nUrl: teks/\n\nIsi.\n"},
        "halaman.md:2: this page would be written to teks/index.html, which is also inside "
        "the folder teks/, which FRONT_PAGE_LITE_PATH reserves",
    ),
    (
        "translation-of-a-withdrawn-story",
        {
            A: header(
                "Judul Baik",
                "2024-05-01 08:00",
                "Status: withdrawn",
                "Withdrawn_reason: sara",
                "Withdrawn_date: 2024-05-02 08:00",
            )
            + "Isi.\n",
            "articles/2024/berita-en.md": header(
                "Good Title", "2024-05-01 08:00", "Lang: en", "Slug: judul-baik"
            )
            + "Text.\n",
        },
        "berita-en.md:5: this translation (en) would be published, but the story it translates, ",
    ),
    (
        "translation-of-a-draft",
        {
            A: header("Judul Baik", "2024-05-01 08:00", "Status: draft") + "Isi.\n",
            "articles/2024/berita-en.md": header(
                "Good Title", "2024-05-01 08:00", "Lang: en", "Slug: judul-baik"
            )
            + "Text.\n",
        },
        "berita.md, is a draft — give the translation the same Status (and Date) as the "
        "original, or remove its Lang line if it is a story of its own",
    ),
    (
        "translation-of-a-scheduled-story",
        {
            A: header("Judul Baik", "2026-12-01 08:00") + "Isi.\n",
            "articles/2024/berita-en.md": header(
                "Good Title", "2024-05-01 08:00", "Lang: en", "Slug: judul-baik"
            )
            + "Text.\n",
        },
        "berita.md, is scheduled for 2026-12-01T08:00+08:00",
    ),
    # --- Lang: a language tag, never a path or markup (RFC 5646) ---
    (
        "lang-path",
        head(*BASE, "Lang: ../../x"),
        ":5: Lang '../../x' is not a language code (RFC 5646) — write a language code such as "
        "'en' or 'id', or delete the line for the site's language",
    ),
    (
        "lang-markup",
        head(*BASE, 'Lang: "><script>x</script>'),
        ":5: Lang '\"><script>x</script>' is not a language code (RFC 5646)",
    ),
    ("lang-default", head(*BASE, "Lang: id"), None),
    ("lang-upper-case", head(*BASE, "Lang: ID"), None),
    # --- Save_as names a web page: .html, no %-escape, never a folder (urls.py, outputs.py) ---
    (
        "save-as-folder",
        {PAGE: "Title: Catatan\nSave_as: label/garam/\nUrl: label/garam/\n\nIsi.\n"},
        "halaman.md:2: Save_as 'label/garam/' names a folder, not a file: the page would not be "
        "written — write the file's path ending in .html, e.g. 'Save_as: "
        "label/garam/index.html' (and the same in Url, or its folder with a trailing slash)",
    ),
    (
        "save-as-no-extension",
        head(*BASE, "Save_as: 2025/09/rubrik", "Url: 2025/09/rubrik"),
        ":5: Save_as '2025/09/rubrik' does not end in .html: it would be written, and served, as "
        "something other than a web page — write the file's path ending in .html, e.g. "
        "'Save_as: 2025/09/rubrik.html'",
    ),
    (
        "save-as-percent-escape",
        head(*BASE, "Save_as: 2025/09/a%20b.html", "Url: 2025/09/a%20b.html"),
        ":5: Save_as '2025/09/a%20b.html' holds a %-escape: the file would be named with it as "
        "typed, and a server, which decodes the address first, would not find it — write the "
        "path with letters, digits and hyphens only",
    ),
    (
        "save-as-below-another-page",
        head(*BASE, f"Save_as: {BELOW}index.html", f"Url: {BELOW}"),
        # on the file with the Save_as line, then the other file (in the temporary folder)
        f"berita.md:5: this article would be written to {BELOW}index.html, and /",
    ),
    (
        "save-as-folder-index",
        head(*BASE, "Save_as: 2024/05/rubrik/index.html", "Url: 2024/05/rubrik/"),
        None,
    ),
    (
        "same-slug-other-title",
        {
            A: GOOD + "I.\n",
            "articles/2025/b.md": header("Lain", "2025-01-01 08:00", "Slug: judul-baik") + "I.\n",
        },
        "2025/b.md:5: this article has the slug 'judul-baik', like",
    ),
    # --- comment dates ---
    (
        "comment-header-below-yaml",
        {
            **WITH_ID,
            f"{COMMENTS}/c-1.md": "---\narticle: 20240501-berita\nauthor: Budi\n"
            "date: 2024-05-02 08:00\n---\nAuthor: Budi\nDate: 2024-05-02 08:00\n\nBagus.\n",
        },
        "c-1.md:6: the comment's text starts with a header line (Author: ...) below the YAML "
        "front matter; it would be shown to readers as the comment — delete the 'Key: value'",
    ),
    (
        "comment-in-future",
        {**WITH_ID, f"{COMMENTS}/c-1.md": "Author: Budi\nDate: 2030-01-02 08:00\n\nBagus.\n"},
        "c-1.md:2: the comment's Date (2030-01-02 08:00 WITA) is in the future",
    ),
    (
        "comment-before-article",
        {**WITH_ID, f"{COMMENTS}/c-1.md": "Author: Budi\nDate: 2024-05-01 07:59\n\nBagus.\n"},
        "c-1.md:2: the comment's Date (2024-05-01 07:59 WITA) is before the article's own Date "
        "(2024-05-01 08:00 WITA)",
    ),
    (
        "comment-other-zone",
        {**WITH_ID, f"{COMMENTS}/c-1.md": "Author: Budi\nDate: 2024-05-01 07:30+07:00\n\nB.\n"},
        None,  # 07:30 WIB is 08:30 WITA: after the article
    ),
    # --- found by trying: a file with only a header, dates in other forms ---
    (
        "header-only",
        {"articles/2024/kepala.md": header("Kepala Saja")},
        "kepala.md:6: the text is empty: there is nothing after the header",
    ),
    (
        "header-only-draft",
        {"articles/2024/kepala.md": header("Kepala", "2024-05-01 08:00", "Status: draf")},
        None,
    ),
    ("date-day-first", head(BASE[0], "Date: 01/05/2024 08:00", *BASE[2:]), None),
    ("date-without-time", head(BASE[0], "Date: 2024-05-01", *BASE[2:]), None),
    ("date-in-words", head(BASE[0], "Date: 1 Mei 2024", *BASE[2:]), ":2: Date '1 Mei 2024' is not"),
    ("key-typo-titel", head("Titel: Judul Baik", *BASE[1:]), ":1: unknown metadata key 'titel'"),
    # --- YAML aliases: one node standing for another ("billion laughs" hung the build) ---
    (
        "yaml-alias",
        {
            A: "---\ntitle: &judul Judul Baik\ndate: 2024-05-01 08:00\nauthor: Nurhayati\n"
            "category: Berita\nsummary: *judul\n---\n\nIsi.\n"
        },
        "berita.md:6: the header is not valid YAML (an alias (*name) repeats an anchored value "
        "(&name); write each value out)",
    ),
    (
        "authors-yml-alias",
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: Budi\n  bio: &b Wartawan.\n  affiliation: *b\n"
        },
        "authors.yml:9: is not valid YAML (an alias (*name) repeats an anchored value",
    ),
    (
        "yaml-tags-empty-item",
        {
            A: "---\ntitle: Judul Baik\ndate: 2024-05-01 08:00\nauthor: Nurhayati\n"
            "category: Berita\ntags: [banjir, '', bima]\n---\n\nIsi.\n"
        },
        ":6: Tags has an empty item",
    ),
    (
        "yaml-summary-script",
        {
            A: "---\ntitle: Judul Baik\ndate: 2024-05-01 08:00\nauthor: Nurhayati\n"
            "category: Berita\nsummary: 'a <script>x</script>'\n---\n\nIsi.\n"
        },
        ":6: Summary holds active content (<script>)",
    ),
    (
        "comment-date-only",
        {**WITH_ID, f"{COMMENTS}/c-1.md": "Author: Budi\nDate: 2024-05-01\n\nB.\n"},
        "c-1.md:2: the comment's Date (2024-05-01 00:00 WITA) is before the article's own Date",
    ),
    (
        "latin-1-file",
        {"articles/2024/latin.md": (GOOD + "Caf\xe9.\n").encode("latin-1")},
        "latin.md:6: the file is not UTF-8 text (byte 0xe9)",
    ),
    # --- other encodings in every kind of text file: one message (encoding.py; s27 break test) ---
    (
        "utf-16-without-mark",
        {"articles/2024/u16.md": (GOOD + "Isi.\n").encode("utf-16-le")},
        "u16.md: the file is UTF-16 text, not UTF-8 (every other byte is 0x00) — save it again "
        "as UTF-8",
    ),
    (
        "authors-latin-1",
        {"data/authors.yml": (AUTHORS_YML + "# caf\xe9\n").encode("latin-1")},
        "authors.yml:7: the file is not UTF-8 text (byte 0xe9) — save it again as UTF-8",
    ),
    (
        "corrections-utf-16",
        {
            **WITH_ID,
            "corrections/20240501-berita.yml": "- date: 2024-05-02 08:00\n  kind: koreksi\n"
            "  text: Nama benar.\n".encode("utf-16"),
        },
        "20240501-berita.yml: the file is UTF-16 text, not UTF-8 — save it again as UTF-8",
    ),
    (
        "comment-latin-1",
        {**WITH_ID, f"{COMMENTS}/c-1.md": b"Author: Budi\nDate: 2024-05-02 08:00\n\nCaf\xe9.\n"},
        "c-1.md:4: the file is not UTF-8 text (byte 0xe9) — save it again as UTF-8",
    ),
    (
        "bibliography-utf-16",
        {"bibliography/b.json": '[{"id": "a", "type": "book", "title": "T"}]'.encode("utf-16")},
        "b.json: the file is UTF-16 text, not UTF-8 — save it again as UTF-8",
    ),
    # --- dates with a zone name, one-digit parts, a comma: read as meant ---
    ("date-wita-name", head(BASE[0], "Date: 2024-05-01 08:00 WITA", *BASE[2:]), None),
    ("date-wib", head(BASE[0], "Date: 2024-05-01 07:00 WIB", *BASE[2:]), None),
    ("date-wit", head(BASE[0], "Date: 2024-05-01 09:00 WIT", *BASE[2:]), None),
    ("date-one-digit", head(BASE[0], "Date: 2024-5-1 8:00", *BASE[2:]), None),
    ("date-comma", head(BASE[0], "Date: 2024-05-01, 08:00", *BASE[2:]), None),
    (
        "date-unknown-zone",
        head(BASE[0], "Date: 2024-05-01 08:00 EST", *BASE[2:]),
        ":2: Date '2024-05-01 08:00 EST' has the zone 'EST', which this site does not know (WIB, "
        "WITA, WIT, UTC) — write it as YYYY-MM-DD HH:MM in WITA",
    ),
    (
        "date-weekday-words",
        head(BASE[0], "Date: Rabu, 1 Mei 2024", *BASE[2:]),
        ":2: Date 'Rabu, 1 Mei 2024' is not a date this site accepts — write it as YYYY-MM-DD "
        "HH:MM in WITA, e.g. Date: 2024-03-12 09:30; also read: day first (12/03/2024 09.30), "
        "one-digit parts (2024-3-5 9:05), a zone after the time (09:30 WIB, WITA, WIT or +07:00)",
    ),
    # --- dates outside 1900-2100: an error at the line, never an OverflowError ---
    (
        "comment-year-one",
        {**WITH_ID, f"{COMMENTS}/c-1.md": "Author: Budi\nDate: 0001-01-01\n\nB.\n"},
        "c-1.md:2: Date '0001-01-01' has the year 1: this site accepts years 1900–2100",
    ),
    (
        "article-year-one",
        head(BASE[0], "Date: 0001-01-01 00:00+08:00", *BASE[2:]),
        ":2: Date '0001-01-01 00:00+08:00' has the year 1",
    ),
    (
        "modified-before-date",
        head(*BASE, "Modified: 2024-04-30 08:00"),
        ":5: Modified (2024-04-30 08:00) is before the article's Date (2024-05-01 08:00) — write "
        "the time of the update (after Date), or remove the Modified line",
    ),
    ("modified-same-as-date-ok", head(*BASE, "Modified: 2024-05-01 08:00"), None),
    ("modified-year-9999", head(*BASE, "Modified: 9999-12-31"), ":5: Modified '9999-12-31' has"),
    # --- raw HTML that is not balanced ---
    ("html-unclosed-div", body('<div class="kotak">\n\nIsi.\n'), ":6: <div> is opened here and"),
    ("html-stray-close", body("Isi.\n\n</div>\n"), ":8: </div> closes nothing"),
    ("html-misnested", body("<b>tebal <i>miring</b></i>\n"), ":6: </i> closes nothing"),
    ("html-balanced-ok", body("<div>\n\nIsi <b>tebal</b>.\n\n</div>\n"), None),
    # --- raw HTML that acts on the whole page or runs from an SVG/MathML link (s27 break test) ---
    (
        "html-meta-refresh",
        body('Isi.\n\n<meta http-equiv="refresh" content="0;url=https://a.example">\n'),
        ":8: the text holds active content (<meta http-equiv>): it would act on every reader's "
        "page (a refresh sends them elsewhere) — remove it",
    ),
    (
        "html-base",
        body('Isi.\n\n<base href="https://a.example/">\n'),
        ":8: the text holds active content (<base>): it would change where every link",
    ),
    (
        "html-style-block",
        body("Isi.\n\n<style>header{display:none}</style>\n"),
        ":8: the text holds active content (<style>): it would restyle the whole page",
    ),
    (
        "html-object",
        body('Isi.\n\n<object data="https://a.example/p.html"></object>\n'),
        ":8: the text holds active content (<object>): it would load another site",
    ),
    (
        "svg-xlink-javascript",
        body('Isi.\n\n<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>\n'),
        ":8: the text holds active content (xlink:href='javascript:alert(1)' on <a>): it would "
        "run in every reader's browser",
    ),
    # --- text Markdown cannot convert: the reason at its line, never "internal error" ---
    (
        "nested-too-deeply",
        body("\n".join("    " * i + "- x" for i in range(300)) + "\n"),
        ":305: the text is nested too deeply to convert (299 levels of lists, quotes or "
        "indentation here) — remove the indentation of pasted text",
    ),
    # --- ids of the page around the text (anchors.py; s27 break test) ---
    ("headings-named-like-page-parts-ok", body("## Baca Juga\n\nA.\n\n## Komentar\n\nB.\n"), None),
    (
        "id-of-page-part",
        body("Isi.\n\n## Tanggapan {: #komentar }\n\nB.\n"),
        ":8: the id 'komentar' is also the id of a part of the page around the article (links "
        "to it and its label would lead to the wrong place) — choose another id, e.g. "
        "'bagian-komentar'",
    ),
    # --- two author profiles, one address (profiles.check_slugs; s27 break test) ---
    (
        "authors-same-address",
        {"data/authors.yml": AUTHORS_YML + "- name: NURHAYATI\n  affiliation: Kontributor\n"},
        "authors.yml:7: author 'NURHAYATI' has the same address as 'Nurhayati' "
        "(penulis/nurhayati/): their articles would be shown as one author's — if they are one "
        "person keep one entry; if not, give this one its own 'slug: ...'",
    ),
    (
        "authors-same-name-own-slug-ok",
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: NURHAYATI\n  slug: nurhayati-bima\n  affiliation: Kontributor\n"
        },
        None,
    ),
    # --- several values where the header takes one (s28 break test): was "did you mean" one ---
    (
        "category-two-sections",
        head(*BASE[:3], "Category: Berita, Opini"),
        ":4: Category 'Berita, Opini' names 2 sections: an article is in one section (one "
        "section page, one feed, one kicker) — keep the main one, e.g. 'Category: Berita', and "
        "write the others as Tags",
    ),
    ("category-slash", head(*BASE[:3], "Category: Berita/Opini"), ":4: Category 'Berita/Opini'"),
    (
        "author-two-names",
        head(BASE[0], BASE[1], "Author: Nurhayati, Munir Husen", BASE[3]),
        ":3: unknown author 'Nurhayati, Munir Husen': it names 2 authors — write them on one "
        "line 'Authors: Nurhayati; Munir Husen' (';' between names)",
    ),
    (
        "authors-named-twice",  # Pelican kept both: the byline showed the name twice
        head(BASE[0], BASE[1], "Authors: Nurhayati; nurhayati", BASE[3]),
        ":3: author 'nurhayati' is named twice (as 'Nurhayati') — write 'Nurhayati' once",
    ),
    (
        "author-two-names-dan",
        head(BASE[0], BASE[1], "Author: Nurhayati dan Munir Husen", BASE[3]),
        ":3: unknown author 'Nurhayati dan Munir Husen': it names 2 authors",
    ),
    (
        "id-copied-into-an-older-article",  # the fix went to the Id's owner, orphaning its comments
        {
            **WITH_ID,
            "articles/2024/lain.md": header(
                "Berita Lain", "2024-04-01 08:00", "Id: 20240501-berita"
            )
            + "Isi lain.\n",
        },
        "lain.md:5: Id '20240501-berita' is also the Id of ",
    ),
    (
        "plain-image-without-alt",  # the line was missing: the message names the rewritten path
        body("Satu.\n\n![](../../images/x.jpg)\n"),
        "berita.md:8: image {static}/images/x.jpg has no alternative text",
    ),
    # --- authors.yml and the other YAML data files (s28 break test): were silent ---
    (
        "authors-slug-spaces-ok",  # penulis/Budi Santoso/ before; the address: test_away_from_...
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: Budi\n  slug: Budi Santoso\n  affiliation: G\n"
        },
        None,
    ),
    (
        "authors-slug-no-letters",
        {"data/authors.yml": AUTHORS_YML + "- name: Budi\n  slug: '???'\n  affiliation: G\n"},
        "authors.yml:8: author 'Budi' has slug '???', which has no letter or digit for the "
        "address — write it with letters, digits and hyphens, e.g. 'slug: budi-santoso'",
    ),
    (
        "authors-photo-missing",
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: Budi\n  affiliation: Guru\n  photo: images/X.jpg\n  bio: Guru.\n"
        },
        "authors.yml:9: photo 'images/X.jpg' of author 'Budi' is no file in content/ (there is "
        "'images/x.jpg') — put the picture there",
    ),
    (
        "authors-link-without-label",
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: Budi\n  affiliation: Guru\n  links:\n    - url: https://budi.example\n"
        },
        "authors.yml:9: links must be a list of {label, url} — write '- {label: ..., url: "
        "https://...}' (every link needs both)",
    ),
    (
        "authors-key-twice",
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: Budi\n  affiliation: Guru\n  bio: A.\n  bio: B.\n"
        },
        "authors.yml:10: 'bio' is written twice in the same entry (lines 9 and 10): only the "
        "second would be read — keep one of the two lines",
    ),
    (
        "corrections-key-twice",
        {
            **WITH_ID,
            "corrections/20240501-berita.yml": "- date: 2024-05-02 08:00\n  kind: koreksi\n"
            "  text: Nama salah.\n  text: Nama benar.\n",
        },
        "20240501-berita.yml:4: 'text' is written twice in the same entry (lines 3 and 4)",
    ),
    # --- keys only articles use, on a page (s27 break test) ---
    (
        "page-breaking",
        {PAGE: "Title: Hal\nBreaking: true\nTags: banjir\n\nIsi.\n"},
        "halaman.md:2: Breaking is for articles: on a page it does nothing (a page is never on "
        "the breaking-news ticker) — remove the line, or write this text as an article",
    ),
    # --- one main heading: the Title; the text's own <h1> an error at its line (s28) ---
    (
        "second-h1",
        body("Isi.\n\n# Subjudul\n\nB.\n"),
        ":8: '# ' makes a second main heading of the page, after the Title — write '## ' for a "
        "sub-heading (the Title is the page's one main heading); if the line repeats the Title, "
        "delete it",
    ),
    (
        "hashtag-at-line-start",
        body("#BanjirBima\n\nIsi.\n"),
        ":6: '#BanjirBima' at the start of a line is a heading in Markdown, not a hashtag: it "
        "would be a second main heading of the page, after the Title — write \\#BanjirBima",
    ),
    (
        "setext-h1",
        body("Isi.\n\nSubjudul\n========\n\nB.\n"),
        ":9: a line of '=' under a line makes that line a second main heading of the page",
    ),
    ("raw-h1", body("Isi.\n\n<h1>Subjudul</h1>\n"), ":8: <h1> makes a second main heading"),
    (
        "summary-h1",
        head(*BASE, "Summary: #Banjir melanda Bima"),
        ":5: Summary holds a main heading ('# ' or a line starting with '#'): listings and feeds "
        "drop it, so the summary would lose those words",
    ),
    ("page-second-h1", {PAGE: "Title: Hal\n\n# Hal\n\nIsi.\n"}, "halaman.md:3: '# ' makes a"),
    ("h2-code-escaped-hashtag-ok", body("## Sub\n\n```\n# kode\n```\n\n\\#BanjirBima\n"), None),
    # --- HTML comments are the newsroom's notes: removed, not checked; unclosed an error ---
    ("html-comment-with-script-ok", body("<!-- catatan: <script>x()</script> -->\n\nIsi.\n"), None),
    (
        "html-comment-unclosed",
        body("Isi.\n\n<!-- catatan redaksi\n\nLagi.\n"),
        ":8: <!-- opens a comment that is never closed: everything after it (the rest of the "
        "text and of the page) would be hidden from readers — end the note with -->",
    ),
    # --- a future Date on a page schedules it, as on an article (test_publish has the rest) ---
    ("page-future-date-ok", {PAGE: "Title: Hal\nDate: 2030-01-01 08:00\n\nIsi.\n"}, None),
    # --- keys that do nothing on a hidden article ---
    (
        "hidden-featured",
        head(*BASE, "Status: hidden", "Featured: true"),
        ":6: Featured does nothing on a hidden article (Status: hidden is written at its address "
        "and listed nowhere: the home page's lead story is chosen among listed articles) — "
        "remove the Featured line, or the 'Status: hidden' line to publish the article as usual",
    ),
    (
        "hidden-breaking",
        head(*BASE, "Status: hidden", "Breaking: true", "Breaking_until: 2024-05-02 08:00"),
        ":6: Breaking does nothing on a hidden article",
    ),
    ("hidden-breaking-false-ok", head(*BASE, "Status: hidden", "Breaking: false"), None),
    (
        "hidden-save-as-over-an-article",
        head(
            *BASE,
            "Status: hidden",
            "Save_as: 2024/04/berita-lain.html",
            "Url: 2024/04/berita-lain.html",
        ),
        "berita.md:6: this article would be written to 2024/04/berita-lain.html by its Save_as "
        "line, where ",
    ),
    # --- YAML tags: a clear message naming the tag, in every YAML file ---
    (
        "yaml-python-tag",
        {
            A: f"---\ntitle: {YAML_PYTHON_TAG}\ndate: 2024-05-01 08:00\nauthor: Nurhayati\n"
            "category: Berita\n---\n\nIsi.\n"
        },
        "berita.md:2: the header is not valid YAML (the tag '!!python/object/apply:os.system' "
        "asks YAML for a Python object instead of text; every value here is read as text) — "
        "delete '!!python/object/apply:os.system' and write the value as plain text",
    ),
    (
        "authors-yml-python-tag",
        {
            "data/authors.yml": AUTHORS_YML
            + "- name: Budi\n  affiliation: !!python/name:os.system\n"
        },
        "authors.yml:8: is not valid YAML (the tag '!!python/name:os.system' asks YAML for a "
        "Python object instead of text",
    ),
    (
        "corrections-yaml-tag",
        {
            **WITH_ID,
            "corrections/20240501-berita.yml": "- date: 2024-05-02 08:00\n  kind: koreksi\n"
            "  text: !include catatan.txt\n",
        },
        "20240501-berita.yml:3: is not valid YAML (the tag '!include' asks YAML for a type of "
        "its own instead of text",
    ),
    # --- names that differ only in capitals: one file on macOS, Windows and some hosting ---
    (
        "static-names-differ-in-case",
        {"images/Foto.jpg": EXTRA_JPEG, "images/foto.jpg": EXTRA_JPEG},
        "images/foto.jpg: this file and content/images/Foto.jpg differ only in capitals or in "
        "how a letter is encoded: macOS and Windows see one file there",
    ),
    (
        "output-paths-differ-in-case",
        head(*BASE, "Save_as: 2024/04/Berita-Lain.html", "Url: 2024/04/Berita-Lain.html"),
        "berita.md:5: this article would be written to 2024/04/Berita-Lain.html, and ",
    ),
    (
        "folder-names-differ-in-case",
        {"Images/x.jpg": EXTRA_JPEG},
        "content/Images: this folder and content/images/ differ only in capitals or in how a "
        "letter is encoded: macOS and Windows see one folder there (a checkout mixes their "
        "files, and files with the same name replace each other), and so does hosting that "
        "ignores case — move its files into content/images/ (git mv) and delete it",
    ),
    (
        "article-folders-differ-in-case",
        {"Articles/2025/dua.md": header("Berita Dua", "2025-04-02 08:00") + "Isi.\n"},
        "content/Articles: this folder and content/articles/ differ only in capitals",
    ),
    (
        "save-as-on-another-article",
        head(*BASE, "Save_as: 2024/04/berita-lain.html", "Url: 2024/04/berita-lain.html"),
        "/articles/2024/lain.md is written — change the Save_as line (and the Url line) to a "
        "path no other file uses, or delete both to use the address made from the Title",
    ),
    # --- a PDF's attached files would be published with their own data ---
    (
        "pdf-attachment",
        {"images/laporan.pdf": PDF_ATTACHED},
        "images/laporan.pdf: PDF laporan.pdf has attached files (catatan.docx): each is a file of "
        "its own, with its own author and camera data, that this build cannot check or clean",
    ),
    (
        "pdf-javascript",
        {"images/laporan.pdf": PDF_JAVASCRIPT},
        "images/laporan.pdf: PDF laporan.pdf has active content: it runs JavaScript when it is "
        "opened (/OpenAction); a reader's PDF viewer would do that on the reader's computer — "
        "print the document to a new PDF",
    ),
    # --- orphaned comments ---
    (
        "orphan-comments",
        {"comments/20240101-hilang/c-1.md": "Author: Budi\nDate: 2024-01-02 08:00\n\nBagus.\n"},
        "move the folder to content/_arsip/comments/20240101-hilang/",
    ),
    # --- s31 break test ---
    (
        "image-over-pillows-limit",
        {**body("![Peta](images/besar.png)\n"), "images/besar.png": imagegen.huge_png()},
        ":6: image besar.png has over 179 megapixels, more than the limit of 40 — save a smaller "
        "copy (a photo of 3000 px on the long side is plenty) and use that",
    ),
    (
        "image-over-pillows-limit-unreferenced",
        {"images/besar.png": imagegen.huge_png()},
        "images/besar.png: image besar.png has over 179 megapixels, more than the limit of 40",
    ),
    (
        "pdf-photo-over-pillows-limit",
        {"images/laporan.pdf": imagegen.pdf_with_huge_photo()},
        "images/laporan.pdf: PDF laporan.pdf holds a photo of over 179 megapixels on page 1, too "
        "large to check for camera data — export or print the document to a new PDF",
    ),
    (
        "image-empty-file",
        {**body("![Foto](images/kosong.jpg)\n"), "images/kosong.jpg": b""},
        ":6: image kosong.jpg is an empty file (0 bytes) — copy the file again from the camera or "
        "the sender: the copy was cut off",
    ),
]
EXTRA = {
    "images/x.jpg": EXTRA_JPEG,
    "articles/2024/lain.md": header("Berita Lain", "2024-04-01 08:00") + "Isi lain.\n",
}


def _files(files):
    merged = {**EXTRA, **files}
    if not any(path.startswith("articles/") and path.endswith(".md") for path in files):
        merged[A] = GOOD + "Isi.\n"
    return merged


# Cases whose only file is the article (A) are built together, one site for the cases that
# pass and one for those that fail, instead of one site each (about 0.1 s of CPU per site): each
# article under its own name (articles/2024/g007-berita.md, so a message's "berita.md:6:" still
# matches) and title ("Judul Baik G007": slugs and addresses stay apart), lines unchanged.
# What keeps a case from hiding another's (test_a_grouped_case_cannot_hide_another_ones):
# every error line is attributed to one case by its file's path; a failing case must have the
# same lines in check and publish, one holding its message, a passing case none and its site
# must exit 0; a line of no case is a problem for every case of its site. A case with any
# problem in its group is built again on its own site and judged there exactly as before, so
# grouping can only save builds, never pass a case the old test would fail. (A group falls
# back for some cases: errors found while writing are not reached in a site that also has
# errors found while reading, which stops the build before any page.) Cases that need a site
# of their own anyway go in STANDALONE (saves the group try); so does any case whose text
# names the title or slug (found by _groupable).
STANDALONE = set()
_TITLE = re.compile(r"^(title: )Judul Baik$", re.IGNORECASE | re.MULTILINE)


def _groupable(case_id, files, message):
    """True when the case can share a site: only the article, one title line to rename."""
    text = files.get(A)
    if case_id in STANDALONE or set(files) != {A} or not isinstance(text, str):
        return False
    if len(_TITLE.findall(text)) != 1:
        return False
    return "judul" not in (_TITLE.sub("", text) + (message or "")).lower()


class Group:
    """One site built from several cases' articles; ``problems(case_id)`` says what is wrong
    for one of them (an empty list when its expectation holds)."""

    def __init__(self, folder, cases):
        self.expected = {}  # case id -> message or None
        self.paths = {}  # case id -> the article's absolute path (as messages name it)
        files = dict(EXTRA)
        content = folder / "content"
        for number, (case_id, case_files, message) in enumerate(cases):
            relative = f"articles/2024/g{number:03d}-berita.md"
            files[relative] = _TITLE.sub(rf"\g<1>Judul Baik G{number:03d}", case_files[A])
            self.expected[case_id] = message
            self.paths[case_id] = f"{content / relative}:"
        write_site(content, files)
        self.check = run_tool("check", "-s", TESTCONF, content)
        self.published = run_tool("publish", content, "-o", folder / "out", "-s", TESTCONF)
        self.lines = {
            case_id: (self._of(path, self.check.stdout), self._of(path, self.published.stderr))
            for case_id, path in self.paths.items()
        }
        attributed = set().union(*(c | p for c, p in self.lines.values()))
        self.stray = (_errors(self.check.stdout) | _errors(self.published.stderr)) - attributed

    @staticmethod
    def _of(path, text):
        return {line for line in _errors(text) if line.startswith(path)}

    def problems(self, case_id):
        """What is wrong for ``case_id``: the site's own faults, then the case's lines."""
        found = [
            f"{name}: {bad!r} in the output"
            for name, result in (("check", self.check), ("publish", self.published))
            for bad in ("Traceback", "internal error", "Cannot get modification stamp")
            if bad in result.output_text
        ]
        if self.stray:
            found.append(f"error lines of no case (a case with a site-wide effect?): {self.stray}")
        message, (checked, published) = self.expected[case_id], self.lines[case_id]
        if checked != published:
            found.append(f"check and publish differ: {checked} != {published}")
        if message is None:
            if checked or published:
                found.append(f"expected no message, got {checked | published}")
            statuses = (self.check.returncode, self.published.returncode)
            if statuses != (0, 0):
                found.append(f"the site of passing cases exits {statuses}")
        else:
            if not any(message in line for line in checked):
                found.append(f"expected a line holding {message!r}, got {checked}")
            if (self.check.returncode, self.published.returncode) != (1, 1):
                found.append("check and publish must both exit 1")
        return found


@pytest.fixture(scope="module")
def groups(tmp_path_factory):
    """``groups(passing)``: the :class:`Group` of the grouped passing or failing cases, built
    at its first use in this module (each pytest-xdist worker builds its own)."""
    built = {}

    def get(passing):
        if passing not in built:
            cases = [c for c in CASES if _groupable(*c) and (c[2] is None) == passing]
            built[passing] = Group(tmp_path_factory.mktemp("grouped"), cases)
        return built[passing]

    return get


@pytest.mark.parametrize(
    ("case_id", "files", "message"), [pytest.param(*case, id=case[0]) for case in CASES]
)
def test_check_and_publish_agree(tmp_path, groups, case_id, files, message):
    if _groupable(case_id, files, message) and not groups(message is None).problems(case_id):
        return
    content = write_site(tmp_path / "content", _files(files))
    check = run_tool("check", "-s", TESTCONF, content)
    published = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    for result in (check, published):
        assert "Traceback" not in result.output_text
        assert "internal error" not in result.output_text
        # Pelican's own echo of a missing {static} target, beside the site's message.
        assert "Cannot get modification stamp" not in result.output_text
    if message is None:
        assert check.returncode == 0, check.output_text
        assert published.returncode == 0, published.output_text
        return
    assert check.returncode == 1, check.output_text
    assert published.returncode == 1, published.output_text
    assert message in check.stdout, check.output_text
    assert message in published.stderr, published.output_text
    assert _errors(check.stdout) == _errors(published.stderr)


def _errors(text):
    """The error lines of a check or publish report (one per error, indented, path first)."""
    return {
        line.strip()
        for line in text.splitlines()
        if line.startswith("  ") and line.strip().startswith(("/", "content/"))
    }


def test_a_grouped_case_cannot_hide_another_ones(tmp_path):
    """The grouped runner's verdicts (see Group): a case said to pass that has an error, and a
    failing case whose message is another case's, are problems in their group (so they are
    built alone and fail as before); the honest cases of the failing group have none."""
    zwsp = ":6: invisible character U+200B (zero-width space)"
    tab = ":6: invisible control character U+000B"
    failing = Group(
        tmp_path / "failing",
        [
            ("zwsp", body("Ban\u200bjir.\n"), zwsp),
            ("tab-said-zwsp", body("Satu\x0bdua.\n"), zwsp),  # its own error is another
            ("tab", body("Satu\x0bdua.\n"), tab),
        ],
    )
    assert failing.problems("zwsp") == failing.problems("tab") == []
    assert [p for p in failing.problems("tab-said-zwsp") if "expected a line" in p]
    passing = Group(
        tmp_path / "passing",
        [("ok", body("Isi.\n"), None), ("said-ok", body("Ban\u200bjir.\n"), None)],
    )
    hidden = passing.problems("said-ok")
    assert any("expected no message" in p and "U+200B" in p for p in hidden), hidden
    assert passing.problems("ok") == ["the site of passing cases exits (1, 1)"]


def test_corpus_has_sixty_inputs():
    assert len(CASES) >= 60


def test_a_linked_folder_is_reported_with_the_fix_for_a_folder(tmp_path):
    """A symbolic link to a folder under content/ (articles/2023 -> elsewhere): each file below
    it is refused unread, and the fix copies the folder (the file's own fix, 'cp
    --remove-destination' on the file, would fail: the file is no link)."""
    import os

    content = write_site(tmp_path / "content", _files({}))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "luar.md").write_text(header("Luar", "2023-05-01 08:00") + "Isi.\n", "utf-8")
    os.symlink(elsewhere, content / "articles" / "2023")
    link = content / "articles" / "2023"
    expected = (
        f"{link}/luar.md: this file is inside {link}, a symbolic link to a folder, so it was "
        "not read — replace the link with a real folder holding copies of its files: cp -rL "
        f"{link} {link}.copy && rm {link} && mv {link}.copy {link}; nothing is read from a "
        "symbolic link under content/"
    )
    check = run_tool("check", "-s", TESTCONF, content)
    published = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert check.returncode == published.returncode == 1, check.output_text
    assert _errors(check.stdout) == _errors(published.stderr) == {expected}


def test_sections_whose_names_make_one_address_are_an_error_naming_both(tmp_path):
    """C, C# and C++ (all configured) make one slug, c: Pelican filed the three under one
    section page and feed, with no word. Each later article names the first one's file and
    line, in check and publish alike; 'Category: berita' (the case only) stays one section."""
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(TESTCONF.parent)!r})\n"
        "from testconf import *  # noqa\n"
        "NEWS_METADATA_CATEGORIES = [*NEWS_METADATA_CATEGORIES, 'C', 'C#', 'C++']\n",
        encoding="utf-8",
    )
    files = {
        A: header("Judul Baik", "2024-05-01 08:00").replace("Berita", "C") + "I.\n",
        "articles/2024/c-sharp.md": header("Judul Dua", "2024-05-02 08:00").replace("Berita", "C#")
        + "I.\n",
        "articles/2024/kecil.md": header("Judul Tiga", "2024-05-03 08:00").replace(
            "Berita", "berita"
        )
        + "I.\n",
    }
    content = write_site(tmp_path / "content", _files(files))
    check = run_tool("check", "-s", conf, content)
    published = run_tool("publish", content, "-o", tmp_path / "out", "-s", conf)
    assert check.returncode == published.returncode == 1, check.output_text
    a = content / "articles" / "2024"
    assert (
        _errors(check.stdout)
        == _errors(published.stderr)
        == {
            f"{a}/c-sharp.md:4: section 'C#' would have the address kategori/c/, like the section "
            f"'C' of {a}/berita.md:4: the signs in a name are not part of its address, so the two "
            "would be one section page and one feed — give one of them letters or digits of its "
            "own in NEWS_METADATA_CATEGORIES (pelicanconf.py), e.g. 'C Sharp', or spell the sign "
            "out in CATEGORY_REGEX_SUBSTITUTIONS, e.g. (r'#', '-sharp')"
        }
    )


def test_read_correctly_means_what_the_editor_meant(tmp_path):
    """A few of the "read correctly" inputs, looked at in the built page."""
    from bs4 import BeautifulSoup
    from conftest import run_pelican

    files = {
        A: "Title: Banjir Wawo\n\tmeluas\nDate: 2024-05-01\n    09:30\nAuthor: Nurhayati\n"
        "Category : berita\n\u201cTags\u201d: Banjir, Kota Bima\nSlug: Banjir Wawo 2026\n\nIsi.\n",
        "articles/2024/lain.md": header(
            "Lain &amp; Baru", "2024-04-01 08:00", "Tags: banjir, R&amp;D", "Slug: lain"
        )
        + "I.\n",
    }
    content = write_site(tmp_path / "content", files)
    result = run_pelican(content, tmp_path / "out", TESTCONF)
    assert result.returncode == 0, result.stdout + result.stderr
    page = tmp_path / "out" / "2024" / "05" / "banjir-wawo-2026.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assert soup.select_one("h1").get_text(" ", strip=True) == "Banjir Wawo meluas"
    assert soup.select_one("article time")["datetime"] == "2024-05-01T09:30:00+08:00"
    # One tag, one name: the older article (lain.md) wrote "banjir"; that is the name here too.
    assert [a.get_text() for a in soup.select('a[rel="tag"]')] == ["banjir", "Kota Bima"]
    other = BeautifulSoup(
        (tmp_path / "out" / "2024" / "04" / "lain.html").read_text(encoding="utf-8"), "lxml"
    )
    assert [a.get_text() for a in other.select('a[rel="tag"]')] == ["banjir", "R&D"]
    # An entity in the Title is its character, shown once (was "Lain &amp; Baru" on the page).
    assert other.select_one("h1").get_text(" ", strip=True) == "Lain & Baru"
    assert other.title.get_text().startswith("Lain & Baru")


def test_legacy_links_are_rewritten_on_the_page_listings_and_feed(tmp_path):
    """|filename| and |static| become the same URLs as {filename} and {static}, everywhere."""
    from bs4 import BeautifulSoup

    text = "[baca](|filename|lain.md) dan ![Foto](|static|/images/x.jpg)\n"
    content = write_site(tmp_path / "content", _files(body(text)))
    result = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    out = tmp_path / "out"
    page = BeautifulSoup((out / "2024/05/judul-baik.html").read_text(encoding="utf-8"), "lxml")
    body_html = str(page.select_one("article"))
    assert "|filename|" not in body_html and "|static|" not in body_html
    assert page.select_one('article a[href$="2024/04/berita-lain.html"]') is not None
    assert page.select_one('article img[src*="/images/x"], article source[srcset*="x"]')
    feed = (out / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    assert "|filename|" not in feed and "|static|" not in feed
    assert f"{SITEURL}/2024/04/berita-lain.html" in feed
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "|filename|" not in home


def test_feed_entries_hold_absolute_urls_only(tmp_path):
    """A root-relative link the site checks and keeps (/cari/, a feed), in the body and in
    Summary:, is absolute in every feed entry: Atom would resolve it against the feed."""
    from lxml import etree

    summary = 'Summary: Lihat <a href="/cari/">pencarian</a>.'
    text = "Lihat [cari](/cari/) dan [umpan](/feeds/semua.atom.xml#x).\n"
    content = write_site(tmp_path / "content", _files(body(text, summary)))
    result = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    feed = etree.parse(str(tmp_path / "out" / "feeds" / "semua.atom.xml")).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = [
        entry
        for entry in feed.findall(f"{atom}entry")
        if entry.find(f"{atom}link").get("href") == f"{SITEURL}/2024/05/judul-baik.html"
    ]
    hrefs = {
        key: etree.HTML(entry.find(f"{atom}{key}").text).xpath("//a/@href")
        for key in ("summary", "content")
    }
    assert hrefs == {
        "summary": [f"{SITEURL}/cari/"],
        "content": [f"{SITEURL}/cari/", f"{SITEURL}/feeds/semua.atom.xml#x"],
    }


def test_absolute_links_resolves_relative_urls_in_tags_only():
    from news_metadata.safety import absolute_links

    page = "https://kabar.example/2024/05/x.html"
    fragment = (
        '<p><a href="/p/a.html">a</a> <a href="#fn:1">1</a> <img src="../images/y.jpg" alt="y">'
        ' <a href="mailto:r@kabar.example">r</a> <a href="https://b.example/">b</a>'
        ' <blockquote cite="/p/c.html?x=1&amp;y=2">c</blockquote> href="/t"</p>'
    )
    assert absolute_links(fragment, page) == (
        '<p><a href="https://kabar.example/p/a.html">a</a> '
        '<a href="https://kabar.example/2024/05/x.html#fn:1">1</a> '
        '<img src="https://kabar.example/2024/images/y.jpg" alt="y">'
        ' <a href="mailto:r@kabar.example">r</a> <a href="https://b.example/">b</a>'
        ' <blockquote cite="https://kabar.example/p/c.html?x=1&amp;y=2">c</blockquote>'
        ' href="/t"</p>'
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2024-05-01 07:00 WIB", "2024-05-01T08:00:00+08:00"),
        ("2024-05-01 23:30 WIB", "2024-05-02T00:30:00+08:00"),
        ("2024-5-1 8:05", "2024-05-01T08:05:00+08:00"),
        ("2024-05-01, 08:00 WIT", "2024-05-01T07:00:00+08:00"),
    ],
)
def test_dates_on_the_page_are_what_the_editor_meant(tmp_path, written, shown):
    """A zone name is converted to WITA, on the page and in the URL's month."""
    from bs4 import BeautifulSoup
    from conftest import run_pelican

    content = write_site(tmp_path / "content", {A: header("Banjir", written) + "Isi.\n"})
    result = run_pelican(content, tmp_path / "out", TESTCONF)
    assert result.returncode == 0, result.stdout + result.stderr
    page = tmp_path / "out" / shown[:4] / shown[5:7] / "banjir.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assert soup.select_one("article time")["datetime"] == shown


def test_dev_build_of_the_whole_corpus_finishes(tmp_path):
    """Every broken input at once, with the development settings: the build finishes, shows
    the errors on the page and on galat/, and writes the feed."""
    from conftest import run_pelican

    files = dict(EXTRA)
    for number, (name, case, _) in enumerate(CASES):
        for path, text in case.items():
            if path == A:
                path = f"articles/2024/kasus-{number:02d}.md"
                text = text.replace("Judul Baik", f"Kasus {number} {name}")
            files.setdefault(path, text)
    content = write_site(tmp_path / "content", files)
    result = run_pelican(content, tmp_path / "dev", ROOT / "pelicanconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "the publish build would fail" in " ".join((result.stdout + result.stderr).split())
    errors_page = (tmp_path / "dev" / "galat" / "index.html").read_text(encoding="utf-8")
    assert "invisible character U+200B" in errors_page
    # The refused Lang values reach no file name (Lang: ../../x wrote dev/x.html)
    assert not (tmp_path / "dev" / "x.html").exists() and not (tmp_path / "x.html").exists()
    assert not any("<" in path.name for path in tmp_path.rglob("*"))
    assert (tmp_path / "dev" / "feeds" / "semua.atom.xml").stat().st_size > 1000
    banner = list((tmp_path / "dev" / "2024").rglob("*.html"))
    assert any('class="content-errors"' in p.read_text(encoding="utf-8") for p in banner)


def test_raw_html_links_and_images_get_their_urls_on_the_page_and_in_the_feed(tmp_path):
    """<img src>/<a href> typed as HTML with a path relative to the file work like Markdown's."""
    from bs4 import BeautifulSoup

    text = '<p><img src="../../images/x.jpg" alt="Foto"> <a href="lain.md">baca</a></p>\n'
    content = write_site(tmp_path / "content", _files(body(text)))
    result = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    out = tmp_path / "out"
    page = BeautifulSoup((out / "2024/05/judul-baik.html").read_text(encoding="utf-8"), "lxml")
    article = page.select_one("article")
    assert article.select_one('a[href$="/2024/04/berita-lain.html"]') is not None
    assert not article.select('a[href="lain.md"], img[src*="../"]')
    feed = (out / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    assert "../../images/x.jpg" not in feed and 'href="lain.md"' not in feed


def test_headings_named_like_page_parts_leave_every_id_of_the_page_unique(tmp_path):
    """'## Baca Juga' and '## Isi' were id="baca-juga"/"isi": the related section's label and
    the skip link's target twice on the page."""
    from collections import Counter

    from bs4 import BeautifulSoup

    text = "## Baca Juga\n\nA.\n\n## Isi\n\nB.\n\n## Komentar\n\nC.\n"
    content = write_site(tmp_path / "content", _files(body(text)))
    result = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    page = (tmp_path / "out/2024/05/judul-baik.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "lxml")
    ids = Counter(element["id"] for element in soup.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []
    headings = {h.get_text().replace("\xa0", " "): h.get("id") for h in soup.select("h2")}
    assert headings["Baca Juga"] == "bagian-baca-juga" and headings["Isi"] == "bagian-isi"
