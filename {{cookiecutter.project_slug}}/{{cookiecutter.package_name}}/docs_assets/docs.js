// Starts Swagger UI on /docs or Redoc on /redoc, from a file rather than an inline script, so
// that the pages' Content-Security-Policy needs no 'unsafe-inline'.
"use strict";

const swagger = document.getElementById("swagger-ui");
if (swagger) {
  window.ui = SwaggerUIBundle({
    url: swagger.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
  });
}

const redoc = document.getElementById("redoc");
if (redoc) {
  Redoc.init(redoc.dataset.openapiUrl, { nonce: redoc.dataset.nonce }, redoc);
}
