// Starts Swagger UI on /api/docs (a file, not an inline script: the page's
// Content-Security-Policy runs only scripts from this origin).
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.url,
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
})();
