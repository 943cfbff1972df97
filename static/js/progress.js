// A page that shows work going on elsewhere (a figures import): every few seconds it asks
// the server again and replaces only the region marked data-progress, so focus and scroll
// stay where the reader left them and screen readers announce the change (role="status").
// Without JavaScript nothing moves by itself: the page offers "Check again" (WCAG 2.2.1).
(function () {
  "use strict";
  var region = document.querySelector("[data-progress]");
  if (!region || !window.fetch || !window.DOMParser) return;
  var seconds = Number(region.getAttribute("data-progress")) || 3;

  function check() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-progress]");
        if (!fresh) return;
        var status = region.querySelector("[role=status]");
        var freshStatus = fresh.querySelector("[role=status]");
        if (status && freshStatus && status.innerHTML !== freshStatus.innerHTML) {
          status.innerHTML = freshStatus.innerHTML;
        }
        if (fresh.hasAttribute("data-finished")) {
          // the actions change once, at the end (send a corrected file, back to the initiative)
          region.querySelectorAll("[data-progress-actions]").forEach(function (actions, index) {
            var next = fresh.querySelectorAll("[data-progress-actions]")[index];
            if (next) actions.innerHTML = next.innerHTML;
          });
          return;
        }
        window.setTimeout(check, seconds * 1000);
      })
      .catch(function () { window.setTimeout(check, seconds * 4000); });
  }
  window.setTimeout(check, seconds * 1000);
})();
