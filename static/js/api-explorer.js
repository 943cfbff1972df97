// The API explorer (/api/explorer/): Swagger UI from static/vendor/swagger-ui/, pointed at the
// OpenAPI document named by the page (data-openapi-url), since the site's Content-Security-
// Policy refuses inline scripts. Requests go to this site only: no validator, no CDN.
(function () {
  "use strict";

  var root = document.getElementById("api-explorer");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  // Code boxes (examples, curl, responses) scroll: they take keyboard focus so that they can
  // be scrolled with the arrow keys (WCAG 2.1.1), as the site's own wide tables do.
  var SCROLLING = "pre.microlight, pre.curl, .highlight-code > pre";
  function focusable() {
    var boxes = root.querySelectorAll(SCROLLING);
    for (var i = 0; i < boxes.length; i += 1) {
      if (!boxes[i].hasAttribute("tabindex")) {
        boxes[i].setAttribute("tabindex", "0");
      }
    }
  }
  new MutationObserver(focusable).observe(root, { childList: true, subtree: true });

  window.SwaggerUIBundle({
    domNode: root,
    url: root.getAttribute("data-openapi-url"),
    validatorUrl: null, // never send the document to validator.swagger.io
    deepLinking: false,
    queryConfigEnabled: false, // a link cannot point the explorer at another document
    supportedSubmitMethods: ["get", "head"], // the API only reads
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    withCredentials: false
  });
})();
