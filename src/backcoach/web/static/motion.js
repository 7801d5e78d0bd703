// Figures that move only when asked, for people whose system asks for reduced motion.
//
// The exercise figures are animated SVGs (SMIL, looping) shown as <img>, so CSS cannot pause
// them. When "prefers-reduced-motion: reduce" matches, each animated figure is swapped for
// its still start pose (the same URL with ?pose=start) and gets a Play button beside it
// that swaps the moving one back (and Stop again). The player changes its figure's source
// at every step, so changes are watched too: a figure the person set playing stays playing.
// Without the preference nothing changes; without JavaScript the figures' <picture> shows
// the still pose (see the figure macro in templates/_macros.html), with no button.
(() => {
  "use strict";
  const query = window.matchMedia("(prefers-reduced-motion: reduce)");
  const isFigure = (url) => url.pathname.endsWith("/figure.svg");
  const isAnimated = (src) => {
    const url = new URL(src, location.href);
    return isFigure(url) && !url.searchParams.has("pose");
  };
  const stillOf = (src) => {
    const url = new URL(src, location.href);
    url.searchParams.set("pose", "start");
    return url.pathname + url.search;
  };

  // The button's words in the page's language (templates/_motion_texts.html), else English.
  let texts = null;
  function words() {
    if (texts) return texts;
    texts = { play: "Play", stop: "Stop", play_named: "Play the movement: {name}",
      stop_named: "Stop the movement: {name}", play_unnamed: "Play the movement",
      stop_unnamed: "Stop the movement" };
    const block = document.getElementById("motion-texts");
    try { if (block) texts = { ...texts, ...JSON.parse(block.content.textContent) }; } catch { /* English */ }
    return texts;
  }

  // The figure's exercise: named by the page (data-name), else its alt text after the
  // "Figure: " it starts with, in whatever language ("Рисунок: …").
  function nameOf(img) {
    if (img.dataset.name) return img.dataset.name;
    const alt = img.alt || "";
    const colon = alt.indexOf(": ");
    return colon < 0 ? alt : alt.slice(colon + 2);
  }

  function label(img, playing) {
    const name = nameOf(img);
    const w = words();
    if (!name) return playing ? w.stop_unnamed : w.play_unnamed;
    return (playing ? w.stop_named : w.play_named).replace("{name}", () => name);
  }

  function toggleFor(img) {
    let button = img.nextElementSibling;
    if (button && button.classList.contains("motion-toggle")) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "button motion-toggle";
    button.addEventListener("click", () => {
      const playing = img.dataset.motion !== "play";
      img.dataset.motion = playing ? "play" : "still";
      show(img);
    });
    img.after(button);
    return button;
  }

  // Show the figure as the person chose: still unless they pressed Play.
  function show(img) {
    const animated = img.dataset.animated;
    if (!animated) return;
    const playing = img.dataset.motion === "play" || !query.matches;
    const wanted = playing ? animated : stillOf(animated);
    img.dataset.ours = wanted;  // so that the change below is not taken for the page's own
    if (img.getAttribute("src") !== wanted) img.setAttribute("src", wanted);
    const button = toggleFor(img);
    button.hidden = !query.matches;
    button.textContent = playing ? words().stop : words().play;
    button.setAttribute("aria-label", label(img, playing));
    button.setAttribute("aria-pressed", String(playing));
  }

  // Learn the figure's moving source (a new one when the player moves on), then show it.
  // A still the page set itself (the player's get-ready and rest steps) is left as it is,
  // with no button: there is nothing to play.
  function adopt(img) {
    const src = img.getAttribute("src");
    if (!src || src === img.dataset.ours || !isFigure(new URL(src, location.href))) return;
    if (isAnimated(src)) {
      img.dataset.animated = src;
      show(img);
      return;
    }
    delete img.dataset.animated;
    const button = img.nextElementSibling;
    if (button && button.classList.contains("motion-toggle")) button.hidden = true;
  }

  function start() {
    const figures = () => document.querySelectorAll("img.figure");
    // The page's own still (a <picture> source for reduced motion, there for browsers
    // without JavaScript) gives way to the bare img, whose source this script now manages.
    document.querySelectorAll("picture > source[data-still]").forEach((source) => {
      const picture = source.parentElement;
      const img = picture.querySelector("img");
      if (img) picture.replaceWith(img);
    });
    figures().forEach(adopt);
    new MutationObserver((changes) => {
      for (const change of changes) if (change.target.matches("img.figure")) adopt(change.target);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["src"] });
    query.addEventListener("change", () => figures().forEach((img) => img.dataset.animated && show(img)));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
