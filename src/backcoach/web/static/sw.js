// backcoach's service worker: today's plan and session open without a connection.
//
// Served as /sw.js (web/pages/pwa.py), which puts four constants in front of this file:
// RELEASE (changes with every release), SHELL (the app's CSS, JS, icons and offline page,
// each URL with its version), OFFLINE_URL and OFFLINE_PAGES (/today, /player).
//
// - Installing keeps the shell; activating drops every cache of an older release.
// - A page is asked of the server first, and kept when it is one of today's; with no
//   connection, a kept page answers, or else our offline page.
// - Each time /today is opened online, the worker also keeps what today's session needs:
//   the player, every figure and the exercise pages (GET /offline/today.json lists them).
// - Versioned static files (?v=digest) never change: they come from the cache first.
// - Writes and the API's JSON are never touched: the player keeps unsent sets itself.
/* global RELEASE, SHELL, OFFLINE_URL, OFFLINE_PAGES */
"use strict";

const SHELL_CACHE = `backcoach-shell-${RELEASE}`;
const DAY_CACHE = `backcoach-day-${RELEASE}`;
const FIGURE = /^\/api\/v1\/exercises\/[^/]+\/figure\.svg$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const keep = new Set([SHELL_CACHE, DAY_CACHE]);
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith("backcoach-") && !keep.has(name))
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim())
    // The visit that installed the worker did not go through it: keep today's pages now.
    .then(() => keepToday(false).catch(() => {})));
});

// Keep everything today's session needs, as the server lists it (with /today itself unless
// the page was just kept); a failure leaves the cache as it was (the next visit tries again).
async function keepToday(withoutToday) {
  const response = await fetch("/offline/today.json", { cache: "no-store" });
  if (!response.ok) return;
  const { urls } = await response.json();
  const cache = await caches.open(DAY_CACHE);
  await Promise.all(urls.filter((url) => !(withoutToday && url === "/today")).map(async (url) => {
    const answer = await fetch(url, { credentials: "same-origin" });
    if (answer.ok && !answer.redirected) await cache.put(url, answer);
  }));
}

const isDayPage = (url) => OFFLINE_PAGES.includes(url.pathname) || url.pathname.startsWith("/exercises/");

async function page(event, url) {
  try {
    const response = await fetch(event.request);
    if (response.ok && !response.redirected && OFFLINE_PAGES.includes(url.pathname)) {
      const copy = response.clone();
      const cache = await caches.open(DAY_CACHE);
      // /player?program=... is the same page for the cache: the script asks for the session.
      await cache.put(url.pathname, copy);
      if (url.pathname === "/today") event.waitUntil(keepToday(true).catch(() => {}));
    }
    return response;
  } catch (offline) {
    const kept = isDayPage(url) ? await caches.match(url.pathname) : undefined;
    return kept || (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(DAY_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = await caches.match(request);
    if (kept) return kept;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(url.searchParams.has("v") ? cacheFirst(request) : networkFirst(request));
  } else if (FIGURE.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});
