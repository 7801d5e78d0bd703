// backcoach: installs our service worker (/sw.js), so today's plan and session open offline;
// and sends what the player kept on this device (static/outbox.js) from whichever page is
// opened next with a connection, not only from the player.
"use strict";
(() => {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No worker (a private window, a refusal): the site works as before, online only.
    });
  }
  const outboxSrc = document.currentScript && document.currentScript.dataset.outbox;
  // The player sends its own; elsewhere only when something waits (outbox.js sets the flag).
  if (!outboxSrc || document.getElementById("player") || !localStorage.getItem("backcoach.waiting")) return;
  const script = document.createElement("script");
  script.src = outboxSrc;
  script.onload = () => {
    const outbox = new window.backcoachOutbox.Outbox();
    let sent = 0;
    outbox.onanswer = () => { sent += 1; };
    const send = async () => {
      // Today's page was drawn before the server had the session: draw it again.
      if ((await outbox.flush()) && sent && window.location.pathname === "/today") window.location.reload();
    };
    send();
    window.addEventListener("online", send);
  };
  document.head.append(script);
})();
