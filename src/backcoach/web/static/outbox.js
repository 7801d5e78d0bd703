// backcoach's outbox: the player's writes, kept on this device until the server has them.
//
// A write (a set, a session's finish) is stored in IndexedDB first, with an id of its own
// (a UUID made here), and only then sent, with that id as its Idempotency-Key: sent again
// after a lost answer, a dropped connection or a reload, the server records it once.
// Writes go one at a time in the order they were made, and the first that cannot be sent
// (no connection, a server error) ends the round, so a session's finish never overtakes
// its sets. A refusal (4xx) is final: the write leaves the outbox and is reported; except
// 401 (in server mode, the login has ended): the write waits until the person logs in again.
"use strict";

// Set while writes wait, so that any page (static/pwa.js) knows to load this file and send
// them, without opening IndexedDB on every visit.
const WAITING_FLAG = "backcoach.waiting";

// crypto.randomUUID exists only on https and localhost; a phone on the home network's
// plain http gets the same kind of id from getRandomValues.
function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

class Outbox {
  constructor(name = "backcoach") {
    this.db = Outbox.open(name);
    this.memory = []; // where writes wait when IndexedDB is refused (some private windows)
    this.counter = 0;
    this.round = null;
    this.again = false;
    this.offline = false; // the last attempt found no connection
    this.loggedOut = false; // the last attempt was refused for want of a login (401)
    this.onchange = () => {};
    this.onanswer = () => {}; // (write, ok, answer JSON)
  }

  static open(name) {
    return new Promise((resolve) => {
      if (!("indexedDB" in window)) { resolve(null); return; }
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    });
  }

  async run(mode, act) {
    const db = await this.db;
    return new Promise((resolve, reject) => {
      const tx = db.transaction("outbox", mode);
      const request = act(tx.objectStore("outbox"));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  // Keep `write` ({kind, url, body}); resolves once it is stored, with its id.
  async add(write) {
    const kept = { ...write, id: newId() };
    if (await this.db) await this.run("readwrite", (store) => store.add(kept));
    else this.memory.push({ ...kept, seq: ++this.counter });
    localStorage.setItem(WAITING_FLAG, "1");
    this.onchange();
    return kept.id;
  }

  // Every write still to send, oldest first.
  async all() {
    if (!(await this.db)) return [...this.memory];
    return this.run("readonly", (store) => store.getAll());
  }

  async remove(seq) {
    if (await this.db) await this.run("readwrite", (store) => store.delete(seq));
    else this.memory = this.memory.filter((write) => write.seq !== seq);
  }

  // Forget every write that waits: only when the person chose to (logging out anyway).
  async clear() {
    if (await this.db) await this.run("readwrite", (store) => store.clear());
    this.memory = [];
    localStorage.removeItem(WAITING_FLAG);
    this.onchange();
  }

  // Send what waits; resolves true once the outbox is empty, false when a write must wait.
  flush() {
    if (this.round) {
      this.again = true; // a write added during the round is sent in it
      return this.round;
    }
    this.round = (async () => {
      let done;
      do {
        this.again = false;
        done = await this.drain();
      } while (done && this.again);
      return done;
    })().finally(() => {
      this.round = null;
      this.onchange();
    });
    return this.round;
  }

  async drain() {
    for (;;) {
      const [first] = await this.all();
      if (!first) {
        localStorage.removeItem(WAITING_FLAG);
        return true;
      }
      if (!(await this.send(first))) return false;
      this.onchange();
    }
  }

  // Returns whether the write left the outbox (stored, or refused for good).
  async send(write) {
    let response;
    try {
      response = await fetch(write.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": write.id },
        body: JSON.stringify(write.body),
      });
    } catch {
      this.offline = true;
      return false;
    }
    this.offline = false;
    this.loggedOut = response.status === 401;
    if (this.loggedOut) return false; // kept: sent once the person has logged in again
    if (response.status >= 500 || response.status === 408 || response.status === 429) return false;
    const answer = await response.json().catch(() => ({}));
    await this.remove(write.seq);
    this.onanswer(write, response.ok, answer);
    return true;
  }
}

window.backcoachOutbox = { Outbox, newId, WAITING_FLAG };
