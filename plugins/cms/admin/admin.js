/* Kabar Mbojo's additions to Decap CMS (plugins/cms/README.md): the "Key: value" header format
   (header-format.js), the article preview in the theme's markup and stylesheet, and the Id
   widget that fills in an Id the way `make new` does; then Decap is started (index.html sets
   CMS_MANUAL_INIT, so nothing is read before the format is registered).
   Plain ES5 with Decap's own React helpers (window.h, window.createClass): no build step. */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;
  var setup = JSON.parse(document.getElementById("km-cms").textContent);

  // "2025-08-14 09:30" (WITA, as the reader takes it) -> "Kamis, 14 Agustus 2025 09.30 WITA",
  // the theme's |wita filter (Babel: EEEE, d MMMM y, HH.mm).
  function wita(text) {
    var match = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)/.exec(text || "");
    if (!match) return text || "";
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4] - 8, +match[5]));
    var day = new Intl.DateTimeFormat("id-ID", {
      timeZone: "Asia/Makassar", weekday: "long", day: "numeric", month: "long", year: "numeric"
    }).format(date);
    return day + " " + match[4] + "." + match[5] + " WITA";
  }

  function list(value) {
    if (!value) return [];
    return value.toJS ? value.toJS() : [].concat(value);
  }

  var ArticlePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var image = data.get("image");
      var authors = list(data.get("authors"));
      var refused = refusal(this.props.entry);
      if (refused) return h("main", { className: "wrap" }, h("p", { className: "draft-notice" }, refused));
      return h("main", { className: "wrap" },
        h("div", { className: "article-layout" },
          h("article", { className: "article" + (data.get("status") === "draft" ? " is-draft" : "") },
            data.get("status") === "draft" ? h("p", { className: "draft-notice" }, setup.ui.draft) : null,
            h("header", { className: "article-header" },
              h("p", { className: "kicker" },
                data.get("breaking") ? h("span", { className: "breaking-label" }, setup.ui.breaking_label) : null,
                " ",
                h("span", { className: "category" }, data.get("category") || "")),
              h("h1", { className: "article-title" }, data.get("title") || ""),
              authors.length ? h("p", { className: "byline" }, setup.ui.byline_prefix + " " + authors.join(", ")) : null,
              h("p", { className: "dateline" }, h("time", {}, wita(data.get("date"))))),
            image ? h("figure", { className: "lead-image" },
              h("img", { src: this.props.getAsset(image).toString(), alt: data.get("image_alt") || "" }),
              data.get("image_caption") ? h("figcaption", {}, data.get("image_caption")) : null) : null,
            h("div", { className: "article-body" }, this.props.widgetFor("body")))));
    }
  });

  // A page as page.html shows it: the title and the text (or why the file is not edited here).
  var PagePreview = createClass({
    render: function () {
      var refused = refusal(this.props.entry);
      if (refused) return h("main", { className: "wrap" }, h("p", { className: "draft-notice" }, refused));
      return h("main", { className: "wrap" },
        h("article", { className: "page" },
          h("h1", { className: "page-title" }, this.props.entry.getIn(["data", "title"]) || ""),
          h("div", { className: "entry-content" }, this.props.widgetFor("body"))));
    }
  });

  // Id: YYYYMMDD-xxxxxx (news_metadata.ids.new_id), made once when the entry is new.
  function newId() {
    var now = new Date(Date.now() + 8 * 3600 * 1000);  // the calendar day in WITA
    var bytes = new Uint8Array(3);
    window.crypto.getRandomValues(bytes);
    var hex = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    return now.toISOString().slice(0, 10).replace(/-/g, "") + "-" + hex;
  }
  var IdControl = createClass({
    componentDidMount: function () {
      // Only a new entry gets one: an article without Id keeps its file unchanged on edit.
      if (!this.props.value && this.props.entry.get("newRecord")) this.props.onChange(newId());
    },
    render: function () {
      return h("input", {
        id: this.props.forID, className: this.props.classNameWrapper, readOnly: true,
        value: this.props.value || ""
      });
    }
  });

  // Why header-format.js will not save this entry (a YAML front matter file), or null.
  function refusal(entry) {
    return entry ? entry.getIn(["data", window.KabarHeaderFormat.HIDDEN, "refused"]) : null;
  }

  // Title: refused when empty with the build's own message (config.yml: empty_message). The
  // first field of the form, so it also says at once when the whole file cannot be saved.
  var TitleControl = createClass({
    isValid: function () {
      var refused = refusal(this.props.entry);
      if (refused) return { error: { message: refused } };
      if ((this.props.value || "").trim()) return true;
      return { error: { message: this.props.field.get("empty_message") } };
    },
    render: function () {
      var props = this.props;
      var input = h("input", {
        type: "text", id: props.forID, className: props.classNameWrapper, value: props.value || "",
        onChange: function (event) { props.onChange(event.target.value); },
        onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
      });
      var refused = refusal(props.entry);
      if (!refused) return input;
      return h("div", {}, h("p", { role: "alert", className: "km-refused" }, refused), input);
    }
  });

  // Decap has no Indonesian locale: English, with the words an editor meets most in Indonesian.
  var english = CMS.getLocale("en");
  var indonesian = JSON.parse(JSON.stringify(english));
  var widget = indonesian.editor.editorControlPane.widget;
  widget.required = "%{fieldLabel} wajib diisi.";
  indonesian.editor.editorControl.field.optional = "tidak wajib";
  indonesian.editor.editorToolbar.publish = "Terbitkan";
  indonesian.editor.editorToolbar.publishNow = "Terbitkan sekarang";
  indonesian.editor.editorToolbar.save = "Simpan";
  indonesian.app.header.content = "Isi";
  indonesian.app.header.media = "Foto";
  CMS.registerLocale("id", indonesian);

  var format = window.KabarHeaderFormat;
  CMS.registerCustomFormat(format.NAME, format.EXTENSION, format.create(setup.header));
  CMS.registerWidget("news-title", TitleControl);
  CMS.registerWidget("news-id", IdControl);
  CMS.registerPreviewStyle(setup.stylesheet);
  setup.articleCollections.forEach(function (name) {
    CMS.registerPreviewTemplate(name, ArticlePreview);
  });
  (setup.pageCollections || []).forEach(function (name) {
    CMS.registerPreviewTemplate(name, PagePreview);
  });
  CMS.init();
})();
