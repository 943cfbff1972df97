// A table wider than the screen scrolls inside its box (.table-wrap) instead of widening the
// page (issue 17). When it does, the box becomes a named region that takes keyboard focus, so
// that it can be scrolled with the arrow keys and a screen reader says what it holds.
(function () {
  "use strict";

  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && node.textContent.trim()) {
        return node.textContent.trim();
      }
    }
    var heading = wrap.closest("section, article, figure");
    heading = heading && heading.querySelector("h1, h2, h3, h4, figcaption");
    return heading ? heading.textContent.trim() : "";
  }

  function label() {
    var wraps = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i += 1) {
      var wrap = wraps[i];
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var name = nameOf(wrap);
        if (!name) {
          continue;
        }
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-scroll-region", "");
      } else if (!scrolls && wrap.hasAttribute("data-scroll-region")) {
        wrap.removeAttribute("data-scroll-region");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        wrap.removeAttribute("tabindex");
      }
    }
  }

  var pending = null;
  function later() {
    if (pending) {
      window.clearTimeout(pending);
    }
    pending = window.setTimeout(label, 150);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", label);
  } else {
    label();
  }
  window.addEventListener("resize", later);
  document.addEventListener("toggle", later, true);
})();
