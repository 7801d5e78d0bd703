// backcoach player: plays a session's steps one by one, saving each finished set at once.
//
// Every set and the finish go through the outbox (outbox.js): kept on this device first,
// then sent, so a dropped connection, a reload or a closed tab loses nothing; a session
// once started plays to its end offline, and what waits is sent when the connection is back.
//
// Engine is the twin of backcoach.player.Player: pure, and every call takes `now` (seconds).
// Deadlines are computed from when a step started, and the next step starts at the
// deadline, never when a timer happened to fire, so the session does not drift however
// late the timers are (a background tab, a busy phone, a fast-forwarded test clock).
"use strict";

// backcoach/timing.py's RELAX_BETWEEN_HOLDS and history.py's MAX_HOLD_SECONDS.
const RELAX_BETWEEN_HOLDS = 2;
const MAX_HOLD_SECONDS = 3600;
// A rep that ends exactly at its moment counts, whatever the rounding of the clock's floats.
const EPSILON = 1e-9;

// Half up, like the Python twin's math.floor(x * 10 + 0.5) / 10.
const tenths = (value) => Math.floor(value * 10 + 0.5) / 10;
const hundredths = (value) => Math.floor(value * 100 + 0.5) / 100;

// The set a work step came to after `held` seconds (pauses not counted): the prescription
// when it ran its time (and for self-paced reps); when ended early with Done, the seconds
// held, whole reps, holds completed or minutes done, never above the prescription; for a
// hold to fatigue, the seconds held (with reps, the average hold a rep, less the relax).
// The twin of measure_set in backcoach/player.py, which says why: change the two alike
// (tests/e2e/test_player.py compares them).
function measureSet(step, held) {
  const done = { reps: step.reps, hold_seconds: step.hold_seconds, minutes: step.minutes };
  if (step.hold_to_fatigue) {
    const hold = step.reps ? held / step.reps - RELAX_BETWEEN_HOLDS : held;
    return { ...done, hold_seconds: tenths(Math.min(Math.max(0, hold), MAX_HOLD_SECONDS)) };
  }
  if (step.duration === null || held >= step.duration) return done;
  if (step.minutes !== null) return { ...done, minutes: Math.min(step.minutes, hundredths(held / 60)) };
  if (step.reps && step.hold_seconds !== null) {
    // Rep k's hold is complete at k * (hold + relax) - relax.
    const perRep = step.hold_seconds + RELAX_BETWEEN_HOLDS;
    const holds = Math.min(step.reps, Math.floor((held + RELAX_BETWEEN_HOLDS) / perRep + EPSILON));
    const hold = holds ? step.hold_seconds : Math.min(step.hold_seconds, tenths(held));
    return { ...done, reps: holds, hold_seconds: hold };
  }
  if (step.reps) {
    const perRep = step.duration / step.reps;
    return { ...done, reps: Math.min(step.reps, Math.floor(held / perRep + EPSILON)) };
  }
  if (step.hold_seconds !== null) return { ...done, hold_seconds: Math.min(step.hold_seconds, tenths(held)) };
  return done;
}

class Engine {
  constructor(steps) {
    this.steps = steps;
    this.state = "ready";
    this.index = 0;
    this.startedAt = 0;
    this.pausedAt = null;
    this.announced = new Set();
  }

  get step() { return this.steps[this.index] || null; }
  get finished() { return this.state === "finished" || this.state === "stopped"; }

  elapsed(now) {
    if (this.state === "paused" && this.pausedAt !== null) return this.pausedAt - this.startedAt;
    return Math.max(0, now - this.startedAt);
  }

  remaining(now) {
    const step = this.step;
    if (!step || step.duration === null) return null;
    return Math.max(0, step.duration - this.elapsed(now));
  }

  start(now, at = 0) {
    this.state = "running";
    return [{ kind: "session_started", at: now }, ...this.enter(at, now)];
  }

  enter(index, at) {
    this.index = index;
    this.startedAt = at;
    const step = this.step;
    if (!step) {
      this.state = "finished";
      return [{ kind: "session_done", at }];
    }
    return [{ kind: "step_started", at, step: index, text: step.title }];
  }

  // A work step's step_done carries the set as done (measureSet); `counted`, the reps the
  // camera coach counted (camera.js), replaces the reps measured by the clock.
  finishStep(at, held, counted = null) {
    const step = this.step;
    let done = step.kind === "work" ? measureSet(step, held) : null;
    if (done && counted !== null && step.reps) done = { ...done, reps: Math.min(step.reps, counted) };
    return [{ kind: "step_done", at, step: step.index, text: step.title, done },
      ...this.enter(this.index + 1, at)];
  }

  // Every moment of the current step worth announcing: [kind, at, text, value].
  moments(step) {
    const start = this.startedAt;
    const out = step.beats.map((b) => ["cue", start + b.offset, b.text, null]);
    if (step.duration !== null) {
      const end = start + step.duration;
      if (step.duration >= 10) out.push(["halfway", start + step.duration / 2, "halfway", null]);
      for (let n = 3; n > 0; n--) if (step.duration > n) out.push(["countdown", end - n, String(n), n]);
    }
    return out;
  }

  tick(now) {
    const events = [];
    let step;
    while (this.state === "running" && (step = this.step)) {
      for (const [kind, at, text, value] of this.moments(step)) {
        const key = `${step.index}|${kind}:${text}|${(at - this.startedAt).toFixed(6)}`;
        if (at <= now && !this.announced.has(key)) {
          this.announced.add(key);
          events.push({ kind, at, step: step.index, text, value });
        }
      }
      if (step.duration === null) break;
      const end = this.startedAt + step.duration;
      if (now < end) break;
      events.push(...this.finishStep(end, step.duration)); // the next step starts at the deadline: no drift
    }
    return events;
  }

  // When the next thing happens in the current step (a cue, 3-2-1, the end), or null.
  nextMoment(now) {
    const step = this.step;
    if (this.state !== "running" || !step) return null;
    let best = Infinity;
    for (const [, at] of this.moments(step)) if (at > now && at < best) best = at;
    if (step.duration !== null) best = Math.min(best, this.startedAt + step.duration);
    return best === Infinity ? null : best;
  }

  pause(now) {
    if (this.state !== "running") return [];
    const events = this.tick(now);
    if (this.state !== "running") return events;
    this.state = "paused";
    this.pausedAt = now;
    return [...events, { kind: "paused", at: now, step: this.index }];
  }

  resume(now) {
    if (this.state !== "paused" || this.pausedAt === null) return [];
    this.startedAt += now - this.pausedAt; // the step keeps its remaining time
    this.state = "running";
    this.pausedAt = null;
    return [{ kind: "resumed", at: now, step: this.index }];
  }

  done(now, counted = null) { return this.state === "running" ? this.finishStep(now, this.elapsed(now), counted) : []; }

  skip(now) {
    if (this.finished) return [];
    const item = this.step.item;
    let next = this.steps.findIndex((s) => s.index > this.index && s.item !== item);
    if (next < 0) next = this.steps.length;
    this.state = "running";
    this.pausedAt = null;
    return this.enter(next, now);
  }

  back(now) {
    if (this.finished) return [];
    const step = this.step;
    let first = this.steps.findIndex((s) => s.item === step.item);
    if (first === step.index && step.item > 0) first = this.steps.findIndex((s) => s.item === step.item - 1);
    this.state = "running";
    this.pausedAt = null;
    return this.enter(first, now);
  }

  stop(now, reason) {
    if (this.finished) return [];
    this.state = "stopped";
    return [{ kind: "session_stopped", at: now, step: this.index, text: reason }];
  }
}

(() => {
  const root = document.getElementById("player");
  if (!root) return;
  const API = "/api/v1";
  const $ = (id) => document.getElementById(id);
  const clock = () => performance.now() / 1000;
  // The page's words, in its language (pages/player.py's texts(), as JSON in a <template>):
  // "{name}" is filled in, a list holds a text's forms for 1, 2 and 5 (see plural). Nothing
  // below writes English.
  const T = JSON.parse($("p-texts").content.textContent);
  const LANG = document.documentElement.lang || "en";
  const KIND = T.kinds;
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  // A number as the page's language writes it: 2.5, 2,5.
  const num = (n) => (typeof n === "number" && LANG !== "en" ? n.toLocaleString(LANG) : String(n));
  // The form of `forms` (the text for 1, 2, 5) that `n` takes: 1 set, 2 sets; 1 подход, 2 подхода, 5 подходов.
  const pluralRules = new Intl.PluralRules(LANG);
  const FORM = { one: 0, two: 1, few: 1 };
  const plural = (n, forms) => fill(forms[FORM[pluralRules.select(n)] ?? 2], { num: num(n) });

  let engine = null;
  let session = null;
  let timer = null;
  let lastCue = "";
  const { Outbox, newId } = window.backcoachOutbox;
  const outbox = new Outbox();
  // How often what waits in the outbox is tried again, besides the browser's "online".
  const RETRY_MS = 15_000;
  // The running session, also kept here so that a reload without a connection resumes it.
  const KEPT = "backcoach.session";
  let problem = "";
  let closing = null; // what the last screen says once the finish is stored
  let setsDone = 0; // on this page
  let audio = null;
  let wakeLock = null;
  const log = [];
  const prefs = {
    speak: localStorage.getItem("backcoach.speak") !== "off",
    sound: localStorage.getItem("backcoach.sound") !== "off",
  };

  // --- Talking to the server ---------------------------------------------------------------

  class ApiFailure extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function call(method, path, body, tries = 6, headers = {}) {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(API + path, {
          method,
          headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const data = await response.json().catch(() => ({}));
        if (response.ok) return data;
        throw new ApiFailure(response.status, data.detail || response.statusText);
      } catch (error) {
        // A refusal is final; a dropped connection or a server hiccup is tried again.
        if ((error instanceof ApiFailure && error.status < 500) || attempt + 1 >= tries) throw error;
        await wait(400 * 2 ** attempt);
      }
    }
  }

  // `done`: what was done (the step_done event's measure); the same step again replaces it.
  async function saveSet(index, done) {
    setsDone += 1;
    keep(index + 1);
    await outbox.add({ kind: "set", session: session.session_id,
      url: `${API}/sessions/${session.session_id}/sets`, body: { step: index, ...done } });
    outbox.flush();
  }

  function keep(resumeAt) {
    try {
      localStorage.setItem(KEPT, JSON.stringify({ ...session, resume_at: resumeAt }));
    } catch { /* storage full or refused: the server's copy still resumes it online */ }
  }

  function kept() {
    try { return JSON.parse(localStorage.getItem(KEPT) || "null"); } catch { return null; }
  }

  const forget = () => localStorage.removeItem(KEPT);

  // What waits in the outbox, said in one of the page's texts: `texts` names the text for
  // sets alone, sets and the end, the end alone, and nothing (each "{num}" of sets).
  function waitingText(writes, [sets, setsAndEnd, end, nothing]) {
    const count = writes.filter((write) => write.kind === "set").length;
    const finish = writes.some((write) => write.kind === "finish");
    if (count) return plural(count, finish ? T[setsAndEnd] : T[sets]);
    return finish ? T[end] : nothing;
  }

  // Says how many sets wait to be saved: "saved" only once the server has them all.
  let shown = 0;
  async function showSaving() {
    const ask = ++shown;
    const writes = await outbox.all();
    if (ask !== shown) return; // a newer count is on its way
    const sets = writes.filter((write) => write.kind === "set").length;
    root.dataset.waiting = String(writes.length);
    // Before the first set there is nothing to say.
    const any = setsDone > 0 || (session && session.sets_saved > 0);
    let text = any ? T.all_saved : "";
    if (sets) {
      const waiting = outbox.loggedOut ? T.sets_waiting_login
        : outbox.offline ? T.sets_waiting_offline : T.sets_waiting;
      text = plural(sets, waiting);
    } else if (writes.length) {
      text = T.end_waiting;
    }
    $("p-save").textContent = problem ? `${problem} ${text}` : text;
    $("p-waiting").hidden = writes.length === 0;
    $("p-waiting").textContent = waitingText(writes, ["last_sets", "last_sets_end", "last_end", ""]);
    if (closing && !closing.saved) showEnd(writes);
  }

  outbox.onchange = showSaving;
  outbox.onanswer = (write, ok, answer) => {
    if (!ok) {
      problem = fill(write.kind === "set" ? T.could_not_save_set : T.could_not_save_end,
        { reason: answer.detail || T.refused });
    } else if (write.kind === "finish" && closing && write.session === closing.session) {
      closing.saved = true;
      closing.answer = answer;
      showEnd([]);
    }
  };

  // --- Sound, speech and the screen ----------------------------------------------------------

  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      try { audio = new Context(); } catch { audio = null; }
    }
    if (audio && audio.state === "suspended") audio.resume().catch(() => {});
  }

  function beep(frequency, seconds) {
    if (!prefs.sound || !audio || audio.state !== "running") return;
    const t = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.35, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + seconds);
    tone.connect(gain).connect(audio.destination);
    tone.start(t);
    tone.stop(t + seconds + 0.05);
  }

  // Spoken in the page's language, by a voice of it. Until the device lists its voices
  // (some only after "voiceschanged") the browser picks one for the language; once it has
  // listed them and none speaks the language, nothing is said (no words in a wrong accent)
  // and a note by the "Spoken cues" switch says so.
  let voice = null;
  let voiceless = false;
  function findVoice() {
    if (!("speechSynthesis" in window)) return;
    let voices = [];
    try { voices = speechSynthesis.getVoices() || []; } catch { voices = []; }
    if (!voices.length) return; // not listed yet: wait for "voiceschanged"
    const ours = voices.filter((v) => (v.lang || "").toLowerCase().replace("_", "-").split("-")[0] === LANG);
    voice = ours.find((v) => v.default) || ours[0] || null;
    voiceless = !voice;
    $("p-no-voice").hidden = !voiceless;
  }

  // Speaking before the person has touched the page (a session resumed on load) is
  // deprecated in browsers and soon refused: the screen says it until they have.
  const activated = () => !navigator.userActivation || navigator.userActivation.hasBeenActive;

  function say(text, interrupt = false) {
    if (!prefs.speak || !("speechSynthesis" in window) || !text || voiceless || !activated()) {
      return;
    }
    try {
      if (interrupt) speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = LANG;
      if (voice) utterance.voice = voice;
      speechSynthesis.speak(utterance);
    } catch { /* no voice here: the screen says it */ }
  }

  async function keepAwake(on) {
    try {
      if (on && !wakeLock && "wakeLock" in navigator && document.visibilityState === "visible") {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", () => { wakeLock = null; });
      } else if (!on && wakeLock) {
        const lock = wakeLock;
        wakeLock = null;
        await lock.release();
      }
    } catch { wakeLock = null; /* refused (battery saver, no permission): carry on */ }
  }

  // --- Events from the engine --------------------------------------------------------------

  function spoken(step) {
    if (step.kind === "work") {
      return [step.exercise_name, ...setInfo(step)].join(", ");
    }
    return title(step);
  }

  // A step's title and cue in the page's words: "Get ready: Cat-cow", "Switch sides", "Rest"
  // and what is said between sets (the exercise's own cues come in the catalog's language).
  function title(step) {
    if (step.kind === "work") return step.exercise_name;
    if (step.kind === "get_ready") return fill(T.get_ready, { name: step.exercise_name });
    return KIND[step.kind] || step.title;
  }

  function cue(step) {
    if (step.kind === "rest") return T.rest_cue;
    if (step.kind === "switch_side") return T.now_side[step.side] || step.cue;
    return step.cue;
  }

  function handle(events) {
    const now = clock();
    for (const event of events) {
      log.push(event);
      const fresh = now - event.at < 1.5; // what happened long ago (a sleeping tab) is not announced
      const step = event.step !== undefined ? engine.steps[event.step] : null;
      switch (event.kind) {
        case "step_started":
          lastCue = "";
          if (fresh) {
            beep(880, 0.15);
            say(spoken(step), true);
            // What the person's conditions change is said once, as the exercise begins.
            if (step.kind === "get_ready") for (const change of step.changes || []) say(change);
          }
          break;
        case "resumed":
          lastCue = "";
          $("p-resumed").hidden = true;
          break;
        case "step_done":
          if (step.kind === "work") saveSet(step.index, event.done);
          break;
        case "cue":
          lastCue = event.text;
          if (fresh) say(event.text);
          break;
        case "halfway":
          if (fresh) say(T.halfway);
          break;
        case "countdown":
          if (fresh) beep(660, 0.08);
          break;
        case "session_done":
          if (fresh) { beep(990, 0.4); say(T.complete); }
          finished();
          break;
        default:
          break;
      }
    }
  }

  // --- The clock ---------------------------------------------------------------------------

  function loop() {
    timer = null;
    if (!engine) return;
    handle(engine.tick(clock()));
    draw();
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (!engine || engine.state !== "running") return;
    const now = clock();
    // Wake for the next moment of the step, or when the shown second changes.
    const remaining = engine.remaining(now);
    const shown = remaining !== null ? remaining % 1 || 1 : 1 - (engine.elapsed(now) % 1);
    const next = Math.min(engine.nextMoment(now) ?? Infinity, now + shown);
    timer = setTimeout(loop, Math.max(0, (next - now) * 1000) + 1);
  }

  function act(events) {
    handle(events);
    draw();
    schedule();
  }

  // --- The screen --------------------------------------------------------------------------

  const pad = (n) => String(n).padStart(2, "0");
  const mmss = (seconds) => {
    const whole = Math.max(0, Math.ceil(seconds - 1e-6));
    return `${Math.floor(whole / 60)}:${pad(whole % 60)}`;
  };

  function show(id) {
    for (const panel of ["p-start", "p-run", "p-stop", "p-finish", "p-end"]) $(panel).hidden = panel !== id;
    $("p-hurts").hidden = id !== "p-run";
  }

  let figureFor = "";

  // "set 2 of 3", "left side": what the exercise's name is followed by, shown and spoken.
  function setInfo(step) {
    const info = [];
    if (step.sets > 1) info.push(fill(T.set_of, { number: num(step.set_number), total: num(step.sets) }));
    if (step.side !== "both") info.push(T.sides[step.side] || step.side);
    return info;
  }

  function draw() {
    if (!engine) return;
    root.dataset.state = engine.state;
    const step = engine.step;
    if (!step) return;
    const now = clock();
    root.dataset.step = String(step.index);
    root.dataset.kind = step.kind;
    root.dataset.untimed = step.duration === null ? "1" : "";
    const items = engine.steps[engine.steps.length - 1].item + 1;
    $("p-exercise-no").textContent = fill(T.exercise_of, { number: num(step.item + 1), total: num(items) });
    const info = setInfo(step);
    $("p-setinfo").textContent = info.length ? `· ${info.join(" · ")}` : "";
    $("p-kind").textContent = KIND[step.kind] || step.kind;
    $("p-title").textContent = title(step);
    const figure = `${API}/exercises/${encodeURIComponent(step.exercise)}/figure.svg${step.kind === "work" ? "" : "?pose=start"}`;
    if (figure !== figureFor) {
      figureFor = figure;
      $("p-figure").src = figure;
      $("p-figure").alt = fill(T.figure, { name: step.exercise_name });
      $("p-figure").dataset.name = step.exercise_name;
    }
    const remaining = engine.remaining(now);
    const elapsed = engine.elapsed(now);
    let big;
    let small;
    if (step.kind === "work" && step.reps && step.reps > 1 && remaining !== null) {
      const rep = Math.min(step.reps, Math.floor(elapsed / (step.duration / step.reps)) + 1);
      big = `${rep}/${step.reps}`;
      small = fill(T.time_left, { time: mmss(remaining) });
    } else if (remaining !== null) {
      big = mmss(remaining);
      small = step.kind === "work" && step.hold_seconds ? fill(T.hold_for, { seconds: num(step.hold_seconds) }) : "";
    } else {
      big = step.reps ? plural(step.reps, T.reps) : T.hold;
      small = fill(T.your_pace, { time: mmss(elapsed) });
    }
    $("p-counter").textContent = big;
    $("p-sub").textContent = small;
    $("p-cue").textContent = lastCue || cue(step);
    const changes = step.changes || [];
    $("p-changes").hidden = changes.length === 0;
    $("p-changes").textContent = changes.length ? fill(T.changed, { changes: changes.join(" ") }) : "";
    const before = engine.steps.slice(0, step.index).reduce((sum, s) => sum + (s.duration || 0), 0);
    const total = Math.max(1, session.total_seconds);
    const percent = Math.min(100, Math.round((100 * (before + Math.min(elapsed, step.duration || 0))) / total));
    $("p-bar-fill").style.width = `${percent}%`;
    $("p-bar").setAttribute("aria-valuenow", String(percent));
    const following = engine.steps.find((s) => s.index > step.index && s.item !== step.item);
    $("p-next").textContent = following ? fill(T.next, { name: following.exercise_name }) : T.last;
    const paused = engine.state === "paused";
    $("p-pause").textContent = paused ? T.continue : T.pause;
    $("p-done").classList.toggle("primary", step.duration === null);
    root.classList.toggle("paused", paused);
  }

  // --- Starting, resuming, finishing ---------------------------------------------------------

  // `resumed`: "server" (the session left running), "device" (kept here, no connection).
  function begin(data, resumed) {
    session = data;
    keep(data.resume_at);
    engine = new Engine(data.steps);
    window.backcoachPlayer.session = data;
    window.backcoachPlayer.engine = engine;
    show("p-run");
    const events = engine.start(clock(), data.resume_at);
    // Back after a reload or a closed tab: wait for the person before the clock runs.
    if (resumed) events.push(...engine.pause(clock()));
    handle(events);
    $("p-resumed").hidden = resumed !== "server"; // ending it needs the server
    if (resumed === "device") {
      lastCue = T.welcome_offline;
    } else if (resumed) {
      lastCue = plural(data.sets_saved, T.welcome_back);
    } else {
      keepAwake(true);
    }
    draw();
    schedule();
    showSaving();
    // The exercise, its figure and the counter at the top, on a phone held either way.
    window.scrollTo(0, 0);
    $("p-pause").focus({ preventScroll: true });
  }

  // What this session came to, for the finish screen: from this page's log, and when it
  // was resumed, the sets saved before.
  function summary() {
    const done = new Set(log.filter((e) => e.kind === "step_done" && e.done).map((e) => e.step));
    for (const step of engine.steps) if (step.kind === "work" && step.index < session.resume_at) done.add(step.index);
    const items = new Set([...done].map((index) => engine.steps[index].item));
    const started = log.find((e) => e.kind === "session_started");
    const ended = log.filter((e) => e.kind === "session_done").pop();
    // Resumed on this page: the steps before it count at their planned length.
    const before = engine.steps.slice(0, session.resume_at).reduce((sum, s) => sum + (s.duration || 0), 0);
    const seconds = before + (started && ended ? ended.at - started.at : 0);
    return { exercises: items.size, sets: done.size, minutes: Math.max(1, Math.round(seconds / 60)) };
  }

  function finished() {
    clearTimeout(timer);
    keepAwake(false);
    root.dataset.state = "finished";
    const done = summary();
    $("p-sum-exercises").textContent = num(done.exercises);
    $("p-sum-sets").textContent = num(done.sets);
    $("p-sum-minutes").textContent = num(done.minutes);
    $("p-sum-pain").textContent = session.pain_before == null ? T.not_given : num(session.pain_before);
    show("p-finish");
    window.scrollTo(0, 0);
    $("p-pain-after").focus({ preventScroll: true });
  }

  // A 0-10 slider that has no value until the person gives one: moved, it says its number;
  // "Skip" takes it back to "not given" (sent as null), so nothing is recorded by default.
  function slider(id) {
    const input = $(id);
    const given = (yes) => {
      input.dataset.given = yes ? "1" : "";
      $(`${id}-value`).textContent = yes ? fill(T.of_ten, { value: input.value }) : T.not_given_slider;
      input.setAttribute("aria-valuetext", yes ? input.value : T.not_given);
    };
    input.addEventListener("input", () => given(true));
    input.addEventListener("pointerdown", () => given(true));
    input.addEventListener("keyup", (event) => { if (event.key !== "Tab" && event.key !== "Shift") given(true); });
    $(`${id}-skip`).addEventListener("click", () => { input.value = "0"; given(false); input.focus(); });
    return () => (input.dataset.given ? Number(input.value) : null);
  }

  function score(input, errorId) {
    const raw = input.value.trim();
    if (raw === "") return null;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 10) {
      $(errorId).textContent = T.pain_invalid;
      $(errorId).hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      throw new Error("invalid");
    }
    input.removeAttribute("aria-invalid");
    return value;
  }

  // The last screen: "saved" once the server has the session's every set and its end;
  // until then, what is kept on this device waiting for a connection.
  function showEnd(writes) {
    const end = closing;
    if (end.saved) {
      $("p-end-title").textContent = end.title;
      $("p-end-text").textContent = end.text;
      const answer = end.answer || {};
      $("p-end-streak").hidden = !answer.streak_days;
      const days = answer.streak_days ? plural(answer.streak_days, T.days) : "";
      $("p-end-streak").textContent = !days ? ""
        : answer.streak_weeks ? fill(T.streak_weeks, { days, weeks: plural(answer.streak_weeks, T.weeks) })
          : fill(T.streak, { days });
      root.dataset.state = "saved";
    } else {
      $("p-end-title").textContent = end.stopped ? T.kept_title_stopped : T.kept_title;
      $("p-end-text").textContent = waitingText(writes, ["kept_sets", "kept_sets_end", "kept_end", T.kept]);
      $("p-end-streak").hidden = true;
      root.dataset.state = "waiting";
    }
    $("p-danger").hidden = !end.danger;
  }

  // Finish or stop: queued behind the session's sets, so it is stored only after them all.
  async function close(body, end) {
    closing = { ...end, session: session.session_id, saved: false };
    await outbox.add({ kind: "finish", session: session.session_id,
      url: `${API}/sessions/${session.session_id}/finish`, body });
    forget();
    show("p-end");
    showEnd(await outbox.all());
    $("p-end-title").focus();
    await outbox.flush();
  }

  function wire() {
    const startForm = $("p-start-form");
    if (startForm) {
      startForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        $("p-start-error").hidden = true;
        let pain;
        try { pain = score($("p-pain-before"), "p-start-error"); } catch { return; }
        unlockAudio();
        $("p-start-button").disabled = true;
        try {
          if (!navigator.onLine) throw new TypeError("offline");
          const program = root.dataset.program || null;
          const again = root.dataset.again === "1";
          // One key for the tries of this start: a retry after a lost answer starts nothing more.
          const data = await call("POST", "/sessions", { pain_before: pain, program, again }, 2,
            { "Idempotency-Key": newId() });
          begin({ ...data, pain_before: pain }, false);
        } catch (error) {
          $("p-start-error").textContent = error instanceof ApiFailure ? error.message
            : T.start_offline;
          $("p-start-error").hidden = false;
        } finally {
          $("p-start-button").disabled = false;
        }
      });
    }
    $("p-pause").addEventListener("click", () => {
      unlockAudio();
      const now = clock();
      if (engine.state === "paused") { keepAwake(true); act(engine.resume(now)); } else { keepAwake(false); act(engine.pause(now)); }
    });
    $("p-done").addEventListener("click", () => act(engine.done(clock())));
    $("p-skip").addEventListener("click", () => act(engine.skip(clock())));
    $("p-back").addEventListener("click", () => act(engine.back(clock())));
    $("p-hurts").addEventListener("click", askStop);
    $("p-abandon").addEventListener("click", async () => {
      $("p-abandon").disabled = true;
      try {
        // The sets still on this device go first: ending the session would refuse them.
        if (!(await outbox.flush())) throw new Error(T.abandon_waiting);
        await call("POST", `/sessions/${session.session_id}/abandon`);
        forget();
        window.location.reload();
      } catch (error) {
        problem = fill(T.could_not_end, { reason: error.message });
        showSaving();
        $("p-abandon").disabled = false;
      }
    });
    $("p-carry-on").addEventListener("click", () => {
      show("p-run");
      keepAwake(true);
      act(engine.resume(clock()));
      $("p-pause").focus();
    });
    $("p-stop-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      $("p-stop-error").hidden = true;
      let pain;
      try { pain = score($("p-stop-pain"), "p-stop-error"); } catch { return; }
      const reason = new FormData(event.target).get("reason") || "pain";
      handle(engine.stop(clock(), reason));
      root.dataset.state = "stopped";
      const hurt = reason === "pain" || reason === "spasm";
      await close({ stopped_reason: reason, pain_after: pain }, {
        stopped: true, danger: hurt, title: T.stopped_title,
        text: hurt ? T.stopped_hurt : T.stopped_other,
      });
    });
    const painAfter = slider("p-pain-after");
    const effort = slider("p-effort");
    $("p-finish-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      $("p-finish-save").disabled = true;
      await close({ pain_after: painAfter(), effort: effort() }, {
        stopped: false, danger: false, title: T.saved_title, text: T.saved_text,
      });
    });
    for (const [id, key] of [["p-speak", "speak"], ["p-sound", "sound"]]) {
      $(id).checked = prefs[key];
      $(id).addEventListener("change", () => {
        prefs[key] = $(id).checked;
        localStorage.setItem(`backcoach.${key}`, prefs[key] ? "on" : "off");
        if (!prefs.speak && "speechSynthesis" in window) speechSynthesis.cancel();
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !$("p-stop").hidden) {
        event.preventDefault();
        $("p-carry-on").click();
        return;
      }
      if (!engine || engine.finished || $("p-run").hidden || event.altKey || event.ctrlKey || event.metaKey) return;
      const tag = event.target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (tag === "BUTTON" && event.key === " ")) return;
      const keys = { " ": "p-pause", n: "p-skip", b: "p-back", d: "p-done", s: "p-hurts" };
      // The same keys on another layout (Russian: т, и, в, ы): by where they are.
      const places = { Space: "p-pause", KeyN: "p-skip", KeyB: "p-back", KeyD: "p-done", KeyS: "p-hurts" };
      const button = keys[event.key] || (/^[a-z]$/i.test(event.key) ? null : places[event.code]);
      if (button) {
        event.preventDefault();
        $(button).click();
      }
    });
    document.addEventListener("visibilitychange", () => {
      if (engine && engine.state === "running") { keepAwake(true); loop(); }
    });
  }

  function askStop() {
    if (!engine || engine.finished) return;
    act(engine.pause(clock()));
    keepAwake(false);
    show("p-stop");
    root.dataset.state = "stopping";
    const checked = document.querySelector('#p-stop-form input[name="reason"]:checked');
    (checked || $("p-stop-pain")).focus();
  }

  // On load: first what an earlier visit could not send, then the session left running
  // (the server's, or without a connection the one kept here).
  async function load() {
    await outbox.flush();
    const local = kept();
    let data;
    try {
      data = await call("GET", "/sessions/current", undefined, 1);
    } catch {
      if (local) begin(local, "device");
      else root.dataset.state = "ready";
      return;
    }
    if (!data.session) {
      forget();
      root.dataset.state = "ready";
      return;
    }
    const running = data.session;
    if (local && local.session_id === running.session_id) {
      // Sets still in the outbox are done: resume after them, with the pain noted at start.
      running.resume_at = Math.max(running.resume_at, local.resume_at);
      running.pain_before = local.pain_before;
    }
    begin(running, "server");
  }

  // The camera coach (camera.js) ends a set as Done does, with the reps it counted.
  function doneCounted(reps) {
    if (engine && engine.state === "running") act(engine.done(clock(), reps));
  }

  // The page's words and the plural rule are here too, for tests and the console.
  window.backcoachPlayer = { Engine, log, outbox, engine: null, session: null, texts: T, plural,
    fill, say, doneCounted };
  wire();
  findVoice();
  if ("speechSynthesis" in window) {
    if (speechSynthesis.addEventListener) speechSynthesis.addEventListener("voiceschanged", findVoice);
    else speechSynthesis.onvoiceschanged = findVoice;
  }
  const connection = () => { $("p-offline").hidden = navigator.onLine; };
  connection();
  window.addEventListener("offline", connection);
  window.addEventListener("online", () => { connection(); outbox.flush(); });
  setInterval(() => outbox.flush(), RETRY_MS);
  load();
})();
