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

  // Server mode: a person's day follows their device's time zone, not the server's. The
  // login and registration forms send it; logged in, a device now in another zone (a
  // journey) updates the account, and the next page is drawn for the day it is there.
  const deviceZone = (() => {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch { return ""; }
  })();
  document.querySelectorAll('input[name="time_zone"]').forEach((input) => { input.value = deviceZone; });
  const account = document.querySelector("form.account[data-time-zone]");
  if (deviceZone && account && account.dataset.timeZone !== deviceZone) {
    fetch("/api/v1/me/time-zone", {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ time_zone: deviceZone }),
    }).catch(() => {});  // offline, or a zone the server does not know: next time
  }
  const loadOutbox = () => new Promise((resolve, reject) => {
    if (window.backcoachOutbox) { resolve(window.backcoachOutbox); return; }
    const script = document.createElement("script");
    script.src = outboxSrc;
    script.onload = () => resolve(window.backcoachOutbox);
    script.onerror = reject;
    document.head.append(script);
  });

  // Logging out (server mode) leaves nothing of this person on the device for the next
  // one: the pages the worker kept for offline use go, after what waits in the outbox has
  // been sent. Offline, nothing happens (the server could not log the person out either);
  // when the server refuses it for now, the person chooses between staying and losing it.
  const logout = document.querySelector("form.account");
  if (logout) {
    logout.addEventListener("submit", async (event) => {
      if (logout.dataset.checked) return;
      event.preventDefault();
      try {
        if (localStorage.getItem("backcoach.waiting") && outboxSrc) {
          const outbox = new (await loadOutbox()).Outbox();
          if (!(await outbox.flush())) {
            // Offline, the logout would not reach the server either: keep everything.
            if (outbox.offline) { window.alert(logout.dataset.offline); return; }
            if (!window.confirm(logout.dataset.unsent)) return;
            await outbox.clear();
          }
        }
        if ("caches" in window) {
          const names = await caches.keys();
          await Promise.all(names.filter((name) => name.startsWith("backcoach-day-"))
            .map((name) => caches.delete(name)));
        }
      } catch {
        // Storage refused (a private window): nothing was kept to clear.
      }
      logout.dataset.checked = "1";
      logout.requestSubmit();
    });
  }

  // The player sends its own; elsewhere only when something waits (outbox.js sets the flag).
  if (!outboxSrc || document.getElementById("player") || !localStorage.getItem("backcoach.waiting")) return;
  loadOutbox().then(({ Outbox }) => {
    const outbox = new Outbox();
    let sent = 0;
    outbox.onanswer = () => { sent += 1; };
    const send = async () => {
      // Today's page was drawn before the server had the session: draw it again.
      if ((await outbox.flush()) && sent && window.location.pathname === "/today") window.location.reload();
    };
    send();
    window.addEventListener("online", send);
  }).catch(() => {});
})();
