// backcoach camera coach on the player: the camera's pictures go, small, to this backcoach
// over a WebSocket (/api/v1/camera, see web/camera.py for the protocol); it answers each
// with the body's landmarks, the reps counted, the hold time and a cue. The skeleton is drawn
// over the video, cues are spoken as the player speaks, and when the reps counted reach the
// set's, the set is done exactly as with the Done button, with those reps.
//
// Off by default; a privacy note before the first use. Stop-and-wait: the next frame is
// sent only once the last one is answered, at most FPS a second. The camera stops (its
// tracks ended, the socket closed) when turned off, when the session ends and when the page
// is hidden.
"use strict";

(() => {
  const root = document.getElementById("player");
  const config = document.getElementById("p-camera-config");
  if (!root || !config || !window.backcoachPlayer) return;
  const C = JSON.parse(config.content.textContent);
  const T = C.texts;
  const player = window.backcoachPlayer;
  const $ = (id) => document.getElementById(id);
  const panel = $("p-camera-panel");
  const button = $("p-camera");
  const note = $("p-camera-note");
  const view = $("p-camera-view");
  const video = $("p-camera-video");
  const overlay = $("p-camera-overlay");
  const status = $("p-camera-status");
  const SIZE = 256; // pixels on the longer side, as the pose model is fed
  const QUALITY = 0.7;
  const FPS = 12;
  const NOTE_READ = "backcoach.camera-note";
  // MediaPipe Pose's bones: pairs of its 33 landmarks.
  const BONES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
    [23, 25], [25, 27], [24, 26], [26, 28], [27, 29], [29, 31], [27, 31], [28, 30], [30, 32],
    [28, 32], [15, 17], [15, 19], [17, 19], [16, 18], [16, 20], [18, 20], [0, 11], [0, 12]];
  const supported = new Set(C.exercises);
  const grab = document.createElement("canvas");

  let on = false;
  let stream = null;
  let socket = null;
  let waiting = false; // a frame sent, its answer not yet here
  let timer = null;
  let startedAt = 0;
  let sentAt = 0;
  let exercise = null; // the exercise the server watches
  let stepIndex = null; // the work step being counted, and the reps seen before it began
  let repsBefore = 0;
  let lastReps = 0;
  let completedStep = null;
  // A switch sent, not yet answered: the frames answered meanwhile were the last exercise's.
  let switching = false;
  // For tests and the console: what the camera coach has done so far.
  const seen = { answers: 0, persons: 0, drawn: 0, reps: 0, errors: [], switched: [] };
  player.camera = seen;

  const step = () => {
    const engine = player.engine;
    return engine && !engine.finished ? engine.step : null;
  };
  const watchable = (s) => Boolean(s && supported.has(s.exercise));

  function showStatus(text) { status.textContent = text; }

  function refresh() {
    const current = step();
    const running = root.dataset.state === "running" || root.dataset.state === "paused";
    panel.hidden = !(running && (watchable(current) || on));
    if (on && (!running || !current)) { stop(); return; }
    if (!on || !current) return;
    if (watchable(current) && current.exercise !== exercise) send({ exercise: current.exercise });
    if (current.kind === "work" && current.index !== stepIndex) {
      stepIndex = current.index;
      repsBefore = current.exercise === exercise ? lastReps : 0;
    }
  }

  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (message.exercise) {
      exercise = message.exercise;
      seen.switched.push(exercise);
      switching = true;
      lastReps = 0;
      repsBefore = 0;
    }
    socket.send(JSON.stringify(message));
  }

  async function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      showStatus(T.no_camera);
      return;
    }
    const current = step();
    if (!watchable(current)) return;
    on = true;
    button.textContent = T.stop;
    button.setAttribute("aria-pressed", "true");
    showStatus(T.starting);
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (error) {
      stop();
      showStatus(player.fill(T.denied, { reason: error.message || error.name }));
      return;
    }
    if (!on) { stream.getTracks().forEach((track) => track.stop()); stream = null; return; }
    video.srcObject = stream;
    view.hidden = false;
    await video.play().catch(() => {});
    const settings = stream.getVideoTracks()[0].getSettings();
    const width = settings.width || video.videoWidth || 4;
    const height = settings.height || video.videoHeight || 3;
    exercise = current.exercise;
    stepIndex = null;
    lastReps = 0;
    switching = false;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const query = `exercise=${encodeURIComponent(exercise)}&aspect=${width}/${height}`;
    socket = new WebSocket(`${scheme}//${location.host}${C.url}?${query}`);
    seen.socket = socket;
    seen.stream = stream;
    socket.binaryType = "arraybuffer";
    socket.onopen = () => { startedAt = performance.now(); showStatus(T.watching); refresh(); next(0); };
    socket.onmessage = (event) => answer(JSON.parse(event.data));
    socket.onclose = (event) => {
      if (on) {
        const reason = event.reason || T.connection;
        stop();
        showStatus(player.fill(T.lost, { reason }));
      }
    };
  }

  function stop() {
    on = false;
    clearTimeout(timer);
    timer = null;
    waiting = false;
    if (socket) {
      const open = socket;
      socket = null;
      open.onclose = null;
      if (open.readyState === WebSocket.OPEN) open.send(JSON.stringify({ end: true }));
      open.close(1000);
    }
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    view.hidden = true;
    exercise = null;
    stepIndex = null;
    button.textContent = T.use;
    button.setAttribute("aria-pressed", "false");
    showStatus("");
    overlay.getContext("2d").clearRect(0, 0, overlay.width, overlay.height);
  }

  function next(delay) {
    clearTimeout(timer);
    timer = setTimeout(frame, Math.max(0, delay));
  }

  // One picture, 256 px on its longer side, as JPEG behind its time (a float64, seconds).
  function frame() {
    timer = null;
    if (!on || !socket || socket.readyState !== WebSocket.OPEN || waiting) return;
    if (video.readyState < 2 || !video.videoWidth) { next(100); return; }
    const scale = SIZE / Math.max(video.videoWidth, video.videoHeight);
    grab.width = Math.round(video.videoWidth * scale);
    grab.height = Math.round(video.videoHeight * scale);
    grab.getContext("2d").drawImage(video, 0, 0, grab.width, grab.height);
    waiting = true;
    sentAt = performance.now();
    const t = (sentAt - startedAt) / 1000;
    grab.toBlob(async (blob) => {
      if (!blob || !socket || socket.readyState !== WebSocket.OPEN) { waiting = false; return; }
      const jpeg = new Uint8Array(await blob.arrayBuffer());
      const message = new Uint8Array(8 + jpeg.length);
      new DataView(message.buffer).setFloat64(0, t, true);
      message.set(jpeg, 8);
      if (socket) socket.send(message);
    }, "image/jpeg", QUALITY);
  }

  function answer(data) {
    if ("t" in data || data.error) {
      waiting = false;
      next(1000 / FPS - (performance.now() - sentAt));
    }
    if (data.error) {
      seen.errors.push(data.error);
      showStatus(player.fill(T.lost, { reason: data.error }));
      return;
    }
    if (!("t" in data)) { // {"exercise": ...}: the switch is done, counting from 0
      if (data.exercise === exercise) { switching = false; lastReps = 0; }
      return;
    }
    seen.answers += 1;
    seen.last = data;
    draw(data.landmarks);
    if (!data.person) { showStatus(T.no_person); return; }
    if (switching) return;
    seen.persons += 1;
    lastReps = data.reps;
    const current = step();
    if (data.cue) player.say(data.cue);
    if (data.holding || (data.hold_seconds && !data.reps)) {
      showStatus(player.fill(T.held, { seconds: Math.floor(data.hold_seconds) }));
      return;
    }
    const counting = current && current.kind === "work" && current.index === stepIndex
      && current.exercise === exercise;
    const counted = counting ? Math.max(0, data.reps - repsBefore) : 0;
    seen.reps = counted;
    showStatus(player.fill(T.counted, { count: player.plural(counted, player.texts.reps) }));
    // The set's reps seen: done, as with the Done button, with the reps counted.
    if (counting && current.reps && counted >= current.reps
        && completedStep !== current.index && player.engine.state === "running") {
      completedStep = current.index;
      player.doneCounted(counted);
    }
  }

  function draw(landmarks) {
    const width = video.clientWidth || 320;
    const height = video.clientHeight || 240;
    if (overlay.width !== width || overlay.height !== height) {
      overlay.width = width;
      overlay.height = height;
    }
    const context = overlay.getContext("2d");
    context.clearRect(0, 0, width, height);
    if (!landmarks) return;
    context.lineWidth = 3;
    context.strokeStyle = "#0a8";
    context.fillStyle = "#f60";
    context.beginPath();
    for (const [a, b] of BONES) {
      const p = landmarks[a];
      const q = landmarks[b];
      if (p[2] < 0.5 || q[2] < 0.5) continue;
      context.moveTo(p[0] * width, p[1] * height);
      context.lineTo(q[0] * width, q[1] * height);
    }
    context.stroke();
    for (const [x, y, visibility] of landmarks) {
      if (visibility >= 0.5) context.fillRect(x * width - 2, y * height - 2, 4, 4);
    }
    seen.drawn += 1;
  }

  button.addEventListener("click", () => {
    if (on) { stop(); return; }
    if (localStorage.getItem(NOTE_READ) === "yes") { start(); return; }
    note.hidden = false;
    $("p-camera-accept").focus();
  });
  $("p-camera-accept").addEventListener("click", () => {
    localStorage.setItem(NOTE_READ, "yes");
    note.hidden = true;
    start();
  });
  $("p-camera-cancel").addEventListener("click", () => { note.hidden = true; button.focus(); });
  document.addEventListener("visibilitychange", () => { if (document.hidden && on) stop(); });
  window.addEventListener("pagehide", () => { if (on) stop(); });
  new MutationObserver(refresh).observe(root, { attributes: true, attributeFilter: ["data-state", "data-step"] });
  refresh();
})();
