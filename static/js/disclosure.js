// Disclosures that are open on wide screens and closed on phones (issue 17): the site menu
// and the filters of list pages are <details data-open-wide>, which open and close without
// JavaScript. This only opens them when the screen is wide, and lets Escape close an open
// menu on a phone. Loaded right after the header, so the menu is open before the first paint.
(function () {
  "use strict";
  if (!window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 64rem)");

  // On a phone the page's own markup decides (closed, or open to show a form's errors).
  function sync() {
    var disclosures = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < disclosures.length; i += 1) {
      if (wide.matches) {
        disclosures[i].open = true;
      } else if (disclosures[i].classList.contains("site-menu")) {
        disclosures[i].open = false;
      }
    }
  }

  function openIfWide() {
    if (wide.matches) {
      sync();
    }
  }

  openIfWide();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openIfWide);
  }
  if (wide.addEventListener) {
    wide.addEventListener("change", sync);
  }

  // On a phone the open menu lies over the page: a tap outside it closes it.
  document.addEventListener("click", function (event) {
    if (wide.matches) {
      return;
    }
    var menu = document.querySelector("details.site-menu[open]");
    if (menu && !menu.contains(event.target)) {
      menu.open = false;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || wide.matches) {
      return;
    }
    var menu = document.querySelector("details.site-menu[open]");
    if (menu && menu.contains(document.activeElement)) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
