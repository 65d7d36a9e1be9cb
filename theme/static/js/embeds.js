/* Click-to-load embeds (plugins/news_images): nothing is requested from YouTube, Vimeo,
   Instagram or X until the reader taps the placeholder. Without JavaScript the placeholder is
   a plain link to the original. Loaded only on pages that have an embed. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.embed-link[data-embed]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = link.getAttribute("data-embed");
    frame.title = link.getAttribute("data-embed-title") || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    var box = document.createElement("div");
    box.className = "embed-frame";
    box.appendChild(frame);
    link.replaceWith(box);
    frame.focus();
  });
})();
