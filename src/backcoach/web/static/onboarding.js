// The onboarding's error summary, made quicker to act on (the page works without this).
//
// The summary takes the focus when the page opens (its autofocus attribute does that; this
// repeats it for browsers that ignore autofocus on a non-field), and each of its links puts
// the focus on the answer it names, not just scrolls there, with the question in view.
(() => {
  "use strict";
  const summary = document.getElementById("form-errors");
  if (!summary) return;
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    const field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
    if (!field) return;
    event.preventDefault();
    (target.closest(".field") || target).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
