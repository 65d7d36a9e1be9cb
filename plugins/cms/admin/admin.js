/* Kabar Mbojo's additions to Decap CMS (plugins/cms/README.md): the "Key: value" header formats
   of articles and comments (header-format.js), the article preview in the theme's markup and
   stylesheet, the widgets that show a value as the build reads it (Id, Title, Tags, the select
   lists, the photo, a comment's article), '-' list markers in the text; then Decap is started
   (index.html sets CMS_MANUAL_INIT, so nothing is read before the formats are registered).
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
      if (data.get("status") === "withdrawn") return withdrawnPreview(data);
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
              h("img", { src: this.props.getAsset(sitePhoto(image, this.props.collection)).toString(),
                alt: data.get("image_alt") || "" }),
              data.get("image_caption") ? h("figcaption", {}, data.get("image_caption")) : null) : null,
            h("div", { className: "article-body" }, this.props.widgetFor("body")))));
    }
  });

  /* A withdrawn story as theme/templates/withdrawn.html shows it: the announcement, never the
     text (it was previewed as if it were live). */
  function withdrawnPreview(data) {
    return h("main", { className: "wrap" },
      h("article", { className: "withdrawn" },
        h("p", { className: "withdrawn-label" }, setup.ui.withdrawn_title),
        h("header", { className: "article-header" },
          h("p", { className: "kicker" }, h("span", { className: "category" }, data.get("category") || "")),
          h("h1", { className: "article-title" }, data.get("title") || "")),
        h("dl", { className: "withdrawn-facts" },
          h("dt", {}, setup.ui.withdrawn_published), h("dd", {}, h("time", {}, wita(data.get("date")))),
          data.get("withdrawn_date") ? h("dt", {}, setup.ui.withdrawn_date) : null,
          data.get("withdrawn_date") ? h("dd", {}, h("time", {}, wita(data.get("withdrawn_date")))) : null)));
  }

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

  // Ids this page made: a new entry with another Id is a duplicate of an article (Decap copies
  // every field), which needs its own Id as `make new` would give it.
  var madeIds = {};

  // Id: YYYYMMDD-xxxxxx (news_metadata.ids.new_id), made once when the entry is new.
  function newId() {
    var now = new Date(Date.now() + 8 * 3600 * 1000);  // the calendar day in WITA
    var bytes = new Uint8Array(3);
    window.crypto.getRandomValues(bytes);
    var hex = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    var id = now.toISOString().slice(0, 10).replace(/-/g, "") + "-" + hex;
    madeIds[id] = true;
    return id;
  }
  var IdControl = createClass({
    // Only a new entry gets one: an article without Id keeps its file unchanged on edit.
    fill: function () {
      if (this.props.entry.get("newRecord") && !madeIds[this.props.value]) {
        this.props.onChange(newId());
      }
    },
    componentDidMount: function () { this.fill(); },
    componentDidUpdate: function () { this.fill(); },
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

  // `control` with a notice over it (role alert), or `control` alone when there is none.
  function withNotice(notice, control) {
    if (!notice) return control;
    return h("div", {}, h("p", { role: "alert", className: "km-refused" }, notice), control);
  }

  function textInput(props, readOnly) {
    return h("input", {
      type: "text", id: props.forID, className: props.classNameWrapper, value: props.value || "",
      readOnly: !!readOnly,
      onChange: function (event) { props.onChange(event.target.value); },
      onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
    });
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
      return withNotice(refusal(this.props.entry), textInput(this.props));
    }
  });

  /* A comment's article (data_collections.py): its folder. Typed for a new comment (Decap
     makes the folder from it); an existing comment shows its folder, which the file does not
     repeat (the comment header has no such key), read-only. First field: it also says when the
     file cannot be saved here. */
  var CommentArticleControl = createClass({
    folder: function () {
      var path = this.props.entry.get("path") || "";
      var base = this.props.collection.get("folder") + "/";
      return path.indexOf(base) === 0 ? path.slice(base.length).split("/")[0] : "";
    },
    isValid: function () {
      var refused = refusal(this.props.entry);
      if (refused) return { error: { message: refused } };
      if (!this.props.entry.get("newRecord") || (this.props.value || "").trim()) return true;
      return { error: { message: this.props.field.get("label") + " wajib diisi." } };
    },
    render: function () {
      var props = this.props;
      var input = props.entry.get("newRecord") ? textInput(props)
        : textInput(Object.assign({}, props, { value: this.folder() }), true);
      return withNotice(refusal(props.entry), input);
    }
  });

  /* A correction's article (data_collections.py). A file in the hand-written form (a
     top-level YAML list) is read by Decap as a list, not as fields: the form showed no entry
     and could not be edited; the field says so (list_message) and refuses saving. */
  function listFile(entry) {
    var data = entry && entry.get("data");
    return !!data && Array.isArray(data.toJS ? data.toJS() : data);
  }
  var CorrectionArticleControl = createClass({
    isValid: function () {
      // (an empty article: Decap's own "wajib diisi", the field is required)
      if (!listFile(this.props.entry)) return true;
      return { error: { message: this.props.field.get("list_message") } };
    },
    render: function () {
      var notice = listFile(this.props.entry) ? this.props.field.get("list_message") : null;
      return withNotice(notice, textInput(this.props));
    }
  });

  /* Tags typed as the header's text ("banjir, Kota Bima"), written as typed, and the tags the
     build reads from it shown under the field (split on ';' when there is one, else on ',':
     header-format.js splitList, Pelican's ensure_metadata_list). Decap's list widget split
     "Bima, NTB" and ate a typed ", ". */
  var TagsControl = createClass({
    render: function () {
      var props = this.props;
      var text = typeof props.value === "string" ? props.value : list(props.value).join(", ");
      var tags = window.KabarHeaderFormat.splitList(text);
      return h("div", {},
        textInput(Object.assign({}, props, { value: text })),
        tags.length ? h("p", { className: "km-tags" }, tags.length + " label: ",
          tags.map(function (tag, index) { return h("span", { key: index, className: "km-tag" }, tag); }))
          : null);
    }
  });

  /* Decap's own widget `name` in a wrapper: `extra.check()` (a message or null) is shown over
     it and refuses saving; otherwise Decap gets the inner control's own check (isValid).
     `this.control(props)` draws the inner control with `props` changed. */
  function wrapped(name, extra) {
    var Inner = CMS.getWidget(name).control;
    return createClass(Object.assign({
      isValid: function () {
        var own = this.check ? this.check() : null;
        if (own) return { error: { message: own } };
        return this.inner && this.inner.isValid ? this.inner.isValid() : true;
      },
      // Decap asks the control whether to re-render (the photo widget: a chosen photo)
      shouldComponentUpdate: function () { return true; },
      control: function (props) {
        var self = this;
        return h(Inner, Object.assign({}, this.props, props, {
          ref: function (inner) { self.inner = inner; }
        }));
      },
      render: function () { return withNotice(this.check ? this.check() : null, this.control({})); }
    }, extra));
  }

  /* A select list (Authors, Category) that says when the file has a value the list does not
     offer, with the build's words (config.py: unknown_message, unknown_fix), instead of showing
     an empty list: "Author: A; B" is one unknown author to the build. Saving is refused. */
  var SelectControl = wrapped("select", {
    check: function () {
      var field = this.props.field;
      var offered = list(field.get("options")).map(function (option) {
        return typeof option === "object" ? String(option.value) : String(option);
      });
      var values = field.get("multiple") ? list(this.props.value) : [this.props.value];
      var unknown = values.filter(function (value) {
        return value !== undefined && value !== null && value !== "" &&
          offered.indexOf(String(value)) < 0;
      });
      if (!unknown.length) return null;
      return field.get("unknown_message") + " '" + unknown[0] + "' — " + field.get("unknown_fix");
    }
  });

  /* A date and time typed as WITA (fields.py), as the build reads it: Decap's datetime
     widget, registered again under its own name, with its "Now" button replaced by one giving the time in WITA whatever
     the device's clock (Decap's gave the device's, which on a WIT computer is an hour ahead:
     read as WITA, a story set to "now" was scheduled an hour later). index.html hides
     Decap's button inside .km-datetime. */
  function witaNow() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
  }
  var DateTimeControl = wrapped("datetime", {
    render: function () {
      var props = this.props;
      return h("div", { className: "km-datetime" }, this.control({}),
        h("button", {
          type: "button", className: "km-now",
          onClick: function () { props.onChange(witaNow()); }
        }, setup.ui.now_wita));
    }
  });

  /* Where the build takes an Image from: content/<value> (news_metadata.model), published at
     <site>/<value>. Decap looks for any value in the collection's photo folder
     (images/<yyyy>/), so images/x.jpg showed as a broken photo: such a value is shown from the
     site's copy (setup.siteRoot: the site from /admin/). */
  function sitePhoto(value, collection) {
    var relative = String(value).replace("{static}", "").replace(/^\/+/, "");
    if (/^[a-z]+:/i.test(relative) || !collection) return value;
    var folder = collection.get("public_folder");
    var inFolder = folder && relative.slice(0, folder.length + 1) === folder + "/" &&
      relative.indexOf("/", folder.length + 1) < 0;
    if (inFolder) return value;
    return new URL(setup.siteRoot + relative, window.location.href).pathname;
  }
  var ImageControl = wrapped("image", {
    getAsset: function (value, field) {
      return this.props.getAsset(sitePhoto(value, this.props.collection), field);
    },
    render: function () { return this.control({ getAsset: this.getAsset }); }
  });

  /* Decap's markdown widget writes a list item as '* ' (decap-cms-widget-markdown
     serializers/index.js, remarkToMarkdown: bullet '*'); the site's files use '- '. A remark
     plugin runs after remark-stringify is attached, so it can set the compiler's bullet. */
  function dashBullets() {
    var Compiler = this.Compiler;
    if (Compiler && Compiler.prototype && Compiler.prototype.options) {
      Compiler.prototype.options = Object.assign({}, Compiler.prototype.options, { bullet: "-" });
    }
  }

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
  // The photo dialog refuses a file over the build's limit (config.py: max_file_size) with the
  // build's words, not Decap's "File too large".
  if (setup.photoTooLarge) indonesian.mediaLibrary.mediaLibrary.fileTooLarge = setup.photoTooLarge;
  CMS.registerLocale("id", indonesian);

  var format = window.KabarHeaderFormat;
  CMS.registerCustomFormat(format.NAME, format.EXTENSION, format.create(setup.header));
  CMS.registerCustomFormat(format.COMMENT_NAME, format.EXTENSION, format.create(setup.commentHeader));
  CMS.registerWidget("news-title", TitleControl);
  CMS.registerWidget("news-id", IdControl);
  CMS.registerWidget("news-tags", TagsControl);
  CMS.registerWidget("news-select", SelectControl);
  CMS.registerWidget("news-image", ImageControl, CMS.getWidget("image").preview);
  CMS.registerWidget("news-comment-article", CommentArticleControl);
  CMS.registerWidget("news-correction-article", CorrectionArticleControl);
  // In place of Decap's own "datetime" (the name Decap infers a collection's date field from:
  // a comment's file name is made from it).
  CMS.registerWidget("datetime", DateTimeControl, CMS.getWidget("datetime").preview);
  CMS.registerRemarkPlugin(dashBullets);
  CMS.registerPreviewStyle(setup.stylesheet);
  setup.articleCollections.forEach(function (name) {
    CMS.registerPreviewTemplate(name, ArticlePreview);
  });
  (setup.pageCollections || []).forEach(function (name) {
    CMS.registerPreviewTemplate(name, PagePreview);
  });
  CMS.init();
})();
