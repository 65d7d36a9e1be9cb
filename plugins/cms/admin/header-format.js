/* Kabar Mbojo's header format for Decap CMS (plugins/cms/README.md, "The header format"):
   reads and writes the site's native "Key: value" header instead of YAML front matter, so
   editing a hand-written article in the browser changes only the lines of the fields that were
   edited. The rules of the header are news_metadata/header.py's scan(): a header ends at the first
   blank line (or a '---'/'...' line, or a line that is no "Key: value"); a line indented 4 or more
   spaces continues the previous value; "Key: value" lines written loosely (a key in quotes, a
   full-width colon, a space before the colon) count for a known key.

   fromFile keeps the file's text in the hidden `_header` field of the entry (Decap keeps fields
   that are not in the collection's field list when it saves: decap-cms-core
   lib/serializeEntryValues.js), and toFile reads it again to write back every untouched line,
   the blank line after the header, the body, the BOM and the line endings as they were.

   The same code reads and writes a comment's header (comments/storage.py, header.split_fields)
   when created with `strict` (below): no continuation lines or loose keys, keys written as the
   comment reader spells them, and `article` (the folder) never written.

   No build step: plain script for the browser (window.KabarHeaderFormat), CommonJS for Node's
   tests (tests/node/test_header_format.mjs). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KabarHeaderFormat = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var NAME = "news-header";
  var HIDDEN = "_header";
  // news_metadata/header.py: _BEGIN, _META, _MORE, _END (Python's re.match: a prefix match).
  var BEGIN = /^-{3}(\s.*)?/;
  var META = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)/;
  var MORE = /^[ ]{4,}(.*)/;
  var END = /^(-{3}|\.{3})(\s.*)?/;
  var QUOTES = "\"'`\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a";
  var COLONS = ":\uff1a\ufe55\ufe13\ua789\u2236";
  var LOOSE = new RegExp(
    "^\\s*[" + QUOTES + "*]*([A-Za-z][A-Za-z0-9_-]*)[" + QUOTES + "*]*\\s*[" + COLONS + "]\\s*(.*)$"
  );
  // news_metadata/header.py's _FIELD (split_fields, the comment header): a letter, then word
  // characters or '-', an optional space before the colon; the value without outer spaces.
  var FIELD = /^([\p{L}][\p{L}\p{M}\p{N}_-]*)[ \t]*:[ \t]*(.*?)\s*$/u;
  var TAB_LENGTH = 4;
  var YAML_REFUSED =
    "This file starts with '---' (YAML front matter): the web editor reads and writes only " +
    "'Key: value' headers, so it does not save this file. Edit it in a text editor, or write " +
    "its header as 'Key: value' lines (no '---' lines) to edit it here.";

  // What the reader does with values (plugins/cms/plugin.py passes the site's own lists in the
  // page's setup; these defaults are the same, for Node's tests).
  var DEFAULTS = {
    knownKeys: [],
    // news_metadata.reader.LIST_KEYS edited as lists (Tags is typed as text: config.py).
    listKeys: ["authors"],
    trueWords: ["true", "ya", "yes"], // news_metadata.reader.TRUE_WORDS
    falseWords: ["false", "tidak", "no"],
    booleanKeys: ["breaking"],
    dateKeys: ["date", "modified", "breaking_until"], // plugins/cms/config.py's datetime fields
    formattedKeys: ["summary"], // Pelican's FORMATTED_FIELDS: continuation lines joined by "\n"
    // The configured sections by their slug (news_metadata.model._check_category: a Category
    // whose slug is a section's is that section, "berita" is "Berita").
    categories: {},
    // news_metadata.reader's status words, lowercased -> the status ("draf" is draft).
    statuses: {},
    strict: false, // true: the comment header (split_fields), not the article's (scan)
    spellings: {}, // lowercased key -> as written on a new line (default: "Image_alt")
    derivedKeys: [] // form fields never written (a comment's article: its folder)
  };

  // news_metadata/dates.py's forms (_TIME, _ZONE, _YEAR_FIRST, _DAY_FIRST, _COMMA): the form
  // shows a date as the build reads it, in WITA, or the build and the form would disagree
  // (12/03/2024 is 12 March; 10:00 WIB is 11:00 WITA) and a save would move the story.
  var TIME = "(?:[ T]+(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2})(?:\\.\\d{1,6})?)?)?";
  var ZONE = "(?:\\s*(Z|[+-]\\d{2}(?::?\\d{2})?|[A-Za-z]{2,5}))?";
  var YEAR_FIRST = new RegExp("^(\\d{4})-(\\d{1,2})-(\\d{1,2})" + TIME + ZONE + "$", "i");
  var DAY_FIRST = new RegExp("^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})" + TIME + ZONE + "$", "i");
  // Minutes east of UTC. Indonesia's zones keep one offset all year (no daylight saving).
  var OFFSETS = { WIB: 420, WITA: 480, WIT: 540, Z: 0, UTC: 0, GMT: 0 };
  var WITA = 480;

  function pad(number, width) {
    return String(number).padStart(width || 2, "0");
  }

  /* Pelican's slugify as make_slug calls it with the site's defaults (ASCII, lowercase,
     SLUG_REGEX_SUBSTITUTIONS' defaults): enough to match a typed category to a section. */
  function slug(text) {
    return String(text).normalize("NFKD").replace(/[^\x00-\x7f]/g, "")
      .replace(/[^\w\s-]/g, "").trim().replace(/[-\s]+/g, "-").toLowerCase()
      .replace(/^-+|-+$/g, "");
  }

  /* A date as the form's datetime widget holds it ("YYYY-MM-DD HH:mm", WITA), read the way the
     build reads it; a text the build does not read is returned as written (the build reports
     it, and the form keeps it until the editor picks a date). */
  function formDate(text) {
    var value = String(text).trim().replace(/_/g, " ").replace(/(\d)\s*,\s*(?=\d)/g, "$1 ");
    var match = YEAR_FIRST.exec(value);
    var year, month, day;
    if (match) {
      year = +match[1]; month = +match[2]; day = +match[3];
    } else {
      match = DAY_FIRST.exec(value);
      if (!match) return text;
      day = +match[1]; month = +match[2]; year = +match[3];
    }
    var hour = +(match[4] || 0), minute = +(match[5] || 0), zone = match[7];
    var offset = WITA;
    if (zone) {
      var name = zone.toUpperCase();
      if (name in OFFSETS) offset = OFFSETS[name];
      else if (/^[+-]/.test(name)) {
        var digits = (name.slice(1).replace(":", "") + "0000").slice(0, 4);
        offset = (name[0] === "-" ? -1 : 1) * (+digits.slice(0, 2) * 60 + +digits.slice(2));
      } else return text;
    }
    var real = new Date(Date.UTC(year, month - 1, day));
    if (real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || hour > 23 ||
        minute > 59) return text;
    var at = new Date(Date.UTC(year, month - 1, day, hour, minute) + (WITA - offset) * 60000);
    return pad(at.getUTCFullYear(), 4) + "-" + pad(at.getUTCMonth() + 1) + "-" +
      pad(at.getUTCDate()) + " " + pad(at.getUTCHours()) + ":" + pad(at.getUTCMinutes());
  }

  function expandTabs(row) {
    if (row.indexOf("\t") < 0) return row;
    var out = "";
    for (var i = 0; i < row.length; i++) {
      if (row[i] === "\t") out += " ".repeat(TAB_LENGTH - (out.length % TAB_LENGTH));
      else out += row[i];
    }
    return out;
  }

  function looseKey(row, known) {
    var match = LOOSE.exec(row.normalize("NFKC"));
    if (!match) return null;
    var key = match[1].toLowerCase();
    return known[key] ? [key, match[2].trim()] : null;
  }

  function set(list) {
    var out = {};
    list.forEach(function (item) { out[String(item).toLowerCase()] = true; });
    return out;
  }

  // Pelican's ensure_metadata_list: split on ';' when there is one, else on ','.
  function splitList(text) {
    return text.split(text.indexOf(";") >= 0 ? ";" : ",")
      .map(function (item) { return item.trim(); })
      .filter(function (item) { return item !== ""; });
  }

  function parseBool(text, options) {
    var word = text.trim().toLowerCase();
    if (options.trueWords.indexOf(word) >= 0) return true;
    if (options.falseWords.indexOf(word) >= 0) return false;
    return text; // the build reports it ("Breaking must be true or false"); kept as written
  }

  /* Split `text` (a whole file) into its parts. Returns {bom, eol, records, separator, body,
     bodyRaw}: records are the header's keys in file order, each {key (lowercased), written (as
     in the file), lines (the raw lines, with their line endings), value (joined continuation
     lines)}; separator is the raw line that ended the header ("" when none); body is the rest
     with "\n" line endings, bodyRaw the rest as it is in the file. A first line '---' (YAML front
     matter) is refused: returns {refused: message}. */
  function split(text, options) {
    var bom = text.charAt(0) === "\ufeff";
    var rest = bom ? text.slice(1) : text;
    var raw = rest.match(/[^\n]*\n|[^\n]+$/g) || [];
    var rows = raw.map(function (line) { return line.replace(/\r?\n$/, ""); });
    var eol = raw.length && /\r\n$/.test(raw[0]) ? "\r\n" : "\n";
    if (rows.length && BEGIN.test(rows[0])) return { refused: YAML_REFUSED };
    var known = options.known;
    var records = [];
    var index = 0;
    var current = null;
    var separator = "";
    while (index < rows.length) {
      var row = options.strict ? rows[index] : expandTabs(rows[index]);
      if (row.trim() === "" || (!options.strict && END.test(row))) {
        separator = raw[index];
        index += 1;
        break;
      }
      var loose = options.strict ? null : looseKey(row, known);
      var match = (options.strict ? FIELD : META).exec(row);
      var more = options.strict ? null : MORE.exec(row);
      if (!loose && !match && current && more) {
        current.lines.push(raw[index]);
        current.more.push(more[1].trim());
        index += 1;
        continue;
      }
      if (!loose && !match) break;
      current = {
        key: loose ? loose[0] : match[1].toLowerCase(),
        written: loose ? LOOSE.exec(row.normalize("NFKC"))[1] : match[1],
        lines: [raw[index]],
        first: loose ? loose[1] : match[2].trim(),
        more: []
      };
      records.push(current);
      index += 1;
    }
    var bodyRaw = raw.slice(index).join("");
    return {
      bom: bom,
      eol: eol,
      records: records,
      separator: separator,
      bodyRaw: bodyRaw,
      body: bodyRaw.replace(/\r\n/g, "\n")
    };
  }

  /* The form's field of a header key: an article's Author is edited as the Authors list
     (plugins/cms/config.py); a comment's Author is the commenter, one text. */
  function fieldName(key, keys, options) {
    return key === "author" && !keys.authors && !options.strict ? "authors" : key;
  }

  /* A header record's value as the form holds it. Author is a list too (edited as Authors) of
     one name as written, as the build reads it (Pelican's Author is one name: "A; B" is an
     unknown author there, and the form says so, admin.js). A category is the section the
     build makes of it. */
  function fieldValue(record, options) {
    var lines = [record.first].concat(record.more);
    var text = lines.join(options.formatted[record.key] ? "\n" : " ").trim();
    if (record.key === "author" && !options.strict) return text === "" ? [] : [text];
    if (options.lists[record.key]) return splitList(text);
    if (record.key === "category" && options.categories[slug(text)]) {
      return options.categories[slug(text)];
    }
    if (record.key === "status" && !options.strict &&
        Object.prototype.hasOwnProperty.call(options.statuses, text.toLowerCase())) {
      return options.statuses[text.toLowerCase()];
    }
    if (options.booleans[record.key]) return parseBool(text, options);
    if (options.dates[record.key]) return formDate(text);
    return text;
  }

  // The text of a value on its header line, as the reader reads it back.
  function written(value, label) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    if (Array.isArray(value)) {
      var items = value.map(function (item) { return written(item, label); })
        .filter(function (item) { return item !== ""; });
      items.forEach(function (item) {
        if (item.indexOf(";") >= 0) {
          throw new Error(label + " '" + item + "' contains ';', which separates the names: " +
            "remove it");
        }
      });
      var comma = items.some(function (item) { return item.indexOf(",") >= 0; });
      if (!comma) return items.join(", ");
      // A name with a comma: split on ';' (ensure_metadata_list); one name needs a trailing ';'.
      return items.join("; ") + (items.length === 1 ? ";" : "");
    }
    if (typeof value === "object") return JSON.stringify(value);
    // One line: a line break in the value would end the header or start a new key.
    return String(value).split(/\r?\n/).map(function (line) { return line.trim(); })
      .filter(function (line) { return line !== ""; }).join(" ");
  }

  // written() of a value as the file had it, or null when the form could not write it so.
  function writtenAsRead(value, label) {
    try {
      return written(value, label);
    } catch (error) {
      return null;
    }
  }

  function capitalized(name) {
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  function create(settings) {
    var options = {};
    Object.keys(DEFAULTS).forEach(function (key) {
      options[key] = (settings && settings[key]) || DEFAULTS[key];
    });
    options.known = set(options.knownKeys);
    options.lists = set(options.listKeys);
    options.booleans = set(options.booleanKeys);
    options.formatted = set(options.formattedKeys);
    options.dates = set(options.dateKeys);
    options.derived = set(options.derivedKeys);
    var label = function (name) { return options.spellings[name] || capitalized(name); };

    /* Decap's fromFile: the file's text -> the entry's data (lowercased keys, Tags and Authors
       as lists, Breaking as true/false, `body`, and the hidden `_header`). */
    function fromFile(text) {
      var parts = split(text, options);
      var data = {};
      data[HIDDEN] = { source: text };
      if (parts.refused) {
        data[HIDDEN].refused = parts.refused;
        return data;
      }
      var keys = {};
      parts.records.forEach(function (record) { keys[record.key] = true; });
      parts.records.forEach(function (record) {
        var name = fieldName(record.key, keys, options);
        if (!(name in data)) data[name] = fieldValue(record, options); // a key written twice: the first
      });
      data.body = parts.body;
      return data;
    }

    /* Decap's toFile: the entry's data -> the file's text. The lines of unchanged values, the
       order of the keys, the body (when unchanged), the BOM and the line endings are the
       original file's; a changed value rewrites its key's line(s) in place; an emptied one
       removes them; a new key is added at the end of the header in the form's field order
       (`order`, Decap's fieldsOrder). */
    function toFile(data, order) {
      var hidden = data[HIDDEN] || {};
      if (hidden.refused) throw new Error(hidden.refused);
      var parts = hidden.source !== undefined ? split(hidden.source, options) : null;
      if (parts && parts.refused) throw new Error(parts.refused);
      parts = parts || { bom: false, eol: "\n", records: [], separator: "", bodyRaw: "", body: "" };
      var eol = parts.eol;
      var keys = {};
      parts.records.forEach(function (record) { keys[record.key] = true; });
      var done = {};
      var header = [];
      parts.records.forEach(function (record) {
        var name = fieldName(record.key, keys, options);
        if (done[name]) {
          header.push(record.lines.join("")); // a second line of the same key: the build's error
          return;
        }
        done[name] = true;
        var before = fieldValue(record, options);
        // The same value as read (compared first: "Author: A; B" kept as written, not refused
        // as a list name with ';'), or one written the same way.
        var value = JSON.stringify(data[name]) === JSON.stringify(before) ? null
          : written(data[name], label(name));
        if (value === null || value === writtenAsRead(before, label(name))) {
          header.push(record.lines.join(""));
        } else if (value !== "") {
          var key = record.written;
          if (name === "authors" && record.key === "author" && Array.isArray(data[name]) &&
              data[name].length > 1) {
            key = "Authors"; // Pelican's Author is one name
          }
          var last = record.lines[record.lines.length - 1];
          header.push(key + ": " + value + (/\n$/.test(last) ? eol : ""));
        }
      });
      var added = Object.keys(data).filter(function (name) {
        // false is the reader's Breaking when the line is missing: toggled on and off, no line.
        var unset = options.booleans[name] && data[name] === false;
        return name !== HIDDEN && name !== "body" && !done[name] && !unset && !options.derived[name] &&
          written(data[name], name) !== "";
      });
      var rank = function (name) {
        var at = (order || []).indexOf(name);
        return at < 0 ? Infinity : at;
      };
      added.sort(function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0); });
      if (added.length && header.length && !/\n$/.test(header[header.length - 1])) {
        header[header.length - 1] += eol; // a file that ended on its last header line
      }
      added.forEach(function (name) {
        header.push(label(name) + ": " + written(data[name], label(name)) + eol);
      });
      var body = data.body === undefined || data.body === null ? "" : String(data.body);
      if (body === parts.body) {
        body = parts.bodyRaw;
      } else {
        body = body.replace(/\r\n/g, "\n");
        if (body !== "" && !/\n$/.test(body)) body += "\n";
        body = body.replace(/\n/g, eol);
      }
      // A new file, or a body added to a file that had only a header: a blank line between.
      var separator = parts.separator;
      if (hidden.source === undefined || (!separator && parts.bodyRaw === "" && body !== "")) {
        separator = eol;
      }
      if (header.length && !/\n$/.test(header[header.length - 1]) && separator) {
        header[header.length - 1] += eol;
      }
      return (parts.bom ? "\ufeff" : "") + header.join("") + separator + body;
    }

    return { fromFile: fromFile, toFile: toFile };
  }

  return {
    NAME: NAME, COMMENT_NAME: "news-comment", EXTENSION: "md", HIDDEN: HIDDEN,
    YAML_REFUSED: YAML_REFUSED, create: create, formDate: formDate, splitList: splitList
  };
});
