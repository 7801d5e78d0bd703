// backcoach: installs our service worker (/sw.js), so today's plan and session open offline.
"use strict";
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // No worker (a private window, a refusal): the site works as before, online only.
  });
}
