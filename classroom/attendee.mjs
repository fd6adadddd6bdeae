// An attendee as a browser would be one, over HTTP: the hub's login form (cookies, XSRF), the spawn,
// the OAuth hop to their own server, then the Jupyter server's REST API and a kernel over its websocket.
// Used by classroom/test.mjs and bench/classroom.ts.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CLASSROOM } from './hub.mjs';

const require = createRequire(path.join(CLASSROOM, 'hub', 'package.json'));
const WebSocket = require('ws');

/** A request whose connection stays silent this long has failed (a hung server must not hang a run). */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * One HTTP request, answered like fetch's Response (status, ok, url, headers.get/getSetCookie, text, json).
 * Not fetch itself: it marks every request "Sec-Fetch-Mode: cors", and a browser's page load says "navigate".
 */
function send(url, { method = 'GET', headers = {}, body }) {
  const payload = body === undefined ? undefined : Buffer.from(String(body));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: payload ? { ...headers, 'content-length': payload.length } : headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const cookies = [res.headers['set-cookie'] ?? []].flat();
        resolve({
          status: res.statusCode,
          ok: res.statusCode >= 200 && res.statusCode < 300,
          url,
          headers: { get: (name) => res.headers[name.toLowerCase()] ?? null, getSetCookie: () => cookies },
          text: async () => buf.toString('utf8'),
          json: async () => JSON.parse(buf.toString('utf8')),
          arrayBuffer: async () => buf,
        });
      });
    });
    req.on('error', reject);
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${url}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.end(payload);
  });
}

export class Attendee {
  constructor(hubUrl, name) {
    this.hub = hubUrl;
    this.name = name;
    this.cookies = new Map();
    this.base = `${hubUrl}/user/${name}`;
  }

  /** The cookies a browser would send to `url`: those whose path it is under, the most specific first. */
  cookiesFor(url) {
    const { pathname } = new URL(url, this.hub);
    return [...this.cookies.values()].filter((c) => pathname.startsWith(c.path) || `${pathname}/` === c.path).sort((a, b) => b.path.length - a.path.length);
  }

  cookieHeader(url) {
    return this.cookiesFor(url).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** The value of cookie `name` sent to `url` (e.g. the XSRF token of the hub or of the attendee's server). */
  cookie(name, url) {
    return this.cookiesFor(url).find((c) => c.name === name)?.value;
  }

  /** Set-Cookie headers into the jar, keyed by name and path as a browser keeps them. */
  store(res) {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';').map((p) => p.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const cookiePath = attrs.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = attrs.some((a) => /^max-age=0$/i.test(a) || /^expires=.*1970/i.test(a));
      if (expired) this.cookies.delete(`${name}\t${cookiePath}`);
      else this.cookies.set(`${name}\t${cookiePath}`, { name, value, path: cookiePath });
    }
  }

  /** One request with this attendee's cookies, following redirects (max 10) unless `follow` is false. */
  async request(url, { method = 'GET', body, headers = {}, follow = true } = {}) {
    let target = url.startsWith('http') ? url : `${this.hub}${url}`;
    for (let hop = 0; hop < 10; hop++) {
      // A page load is a navigation, as a browser marks it; JupyterHub checks XSRF on any other cookie-authenticated request.
      const mode = headers['x-xsrftoken'] === undefined ? 'navigate' : 'cors';
      const res = await send(target, { method, body, headers: { 'sec-fetch-mode': mode, ...headers, cookie: this.cookieHeader(target) } });
      this.store(res);
      if (!follow || res.status < 300 || res.status >= 400) return res;
      await res.arrayBuffer();
      target = new URL(res.headers.get('location'), target).href;
      method = 'GET';
      body = undefined;
    }
    throw new Error(`${this.name}: too many redirects from ${url}`);
  }

  /** The hub's login form, as a browser posts it. Throws unless the hub accepted the password. */
  async login(password) {
    // The form's hidden _xsrf field, as the browser posts it back.
    const page = await (await this.request('/hub/login')).text();
    const xsrf = page.match(/name="_xsrf"\s+value="([^"]+)"/)?.[1] ?? this.cookie('_xsrf', `${this.hub}/hub/login`) ?? '';
    const form = new URLSearchParams({ username: this.name, password, _xsrf: xsrf });
    const res = await this.request('/hub/login?next=', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, follow: false });
    await res.arrayBuffer();
    if (res.status !== 302 || !this.cookie('jupyterhub-session-id', `${this.hub}/hub/`)) {
      throw new Error(`${this.name}: login refused (HTTP ${res.status})`);
    }
  }

  /** Starts the attendee's server (GET /hub/spawn) and waits until JupyterLab answers through the OAuth hop. */
  async startServer(timeoutMs = 240_000) {
    await (await this.request('/hub/spawn')).arrayBuffer();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.request(`/user/${this.name}/lab`);
      const text = await res.text();
      if (res.status === 200 && res.url.includes(`/user/${this.name}/`) && text.includes('JupyterLab')) break;
      if (Date.now() > deadline) throw new Error(`${this.name}: server not ready after ${timeoutMs / 1000} s (last HTTP ${res.status})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** The attendee's Jupyter server API (cookie auth, with the XSRF header JupyterLab sends). */
  async api(route, { method = 'GET', json } = {}) {
    const xsrf = this.cookie('_xsrf', `${this.base}/api/`) ?? '';
    return this.request(`${this.base}/api/${route}`, {
      method,
      body: json === undefined ? undefined : JSON.stringify(json),
      headers: { 'content-type': 'application/json', 'x-xsrftoken': xsrf },
      follow: false,
    });
  }

  async apiJson(route, opts) {
    const res = await this.api(route, opts);
    if (!res.ok) throw new Error(`${this.name}: ${opts?.method ?? 'GET'} api/${route} → HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** A TypeScript kernel for `notebookPath` (a session, as JupyterLab opens one), connected over its websocket. */
  async openKernel(notebookPath) {
    const session = await this.apiJson('sessions', { method: 'POST', json: { path: notebookPath, name: path.basename(notebookPath), type: 'notebook', kernel: { name: 'tslab' } } });
    const kernel = new Kernel(this, session.kernel.id, session.id);
    await kernel.connect();
    return kernel;
  }
}

const IDLE_AFTER_REPLY_MS = 60_000;

/** A kernel's channels over one websocket: execute code, collect its outputs, see status changes. */
export class Kernel {
  constructor(attendee, id, sessionId) {
    this.attendee = attendee;
    this.id = id;
    this.sessionId = sessionId;
    this.pending = new Map();
    this.statuses = [];
    this.clientSession = randomUUID();
  }

  connect() {
    const url = `${this.attendee.base.replace(/^http/, 'ws')}/api/kernels/${this.id}/channels?session_id=${this.clientSession}`;
    this.ws = new WebSocket(url, { headers: { cookie: this.attendee.cookieHeader(url.replace(/^ws/, 'http')) } });
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString())));
    // A closed channel answers nothing more: every request still waiting ends now, not at its timeout.
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => {
      for (const r of [...this.pending.values()]) r.finish({ died: `websocket closed (code ${code})` });
      resolve();
    }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.ws.terminate(); reject(new Error(`${this.attendee.name}: kernel websocket not open within ${REQUEST_TIMEOUT_MS / 1000} s`)); }, REQUEST_TIMEOUT_MS);
      this.ws.once('open', () => { clearTimeout(timer); resolve(); });
      // Every error, also after the open (an unhandled 'error' event would end the whole process); 'close' follows it.
      this.ws.on('error', (err) => { clearTimeout(timer); reject(err); });
    });
  }

  onMessage(msg) {
    if (msg.msg_type === 'status') this.statuses.push(msg.content.execution_state);
    const run = this.pending.get(msg.parent_header?.msg_id);
    if (!run) {
      // The server's own status for a restart after the kernel died (parent: none of our requests).
      if (msg.msg_type === 'status' && ['restarting', 'dead', 'autorestarting'].includes(msg.content.execution_state)) {
        for (const r of this.pending.values()) r.finish({ died: msg.content.execution_state });
      }
      return;
    }
    if (msg.channel === 'iopub') {
      if (['display_data', 'execute_result', 'stream', 'error', 'update_display_data'].includes(msg.msg_type)) run.outputs.push({ type: msg.msg_type, content: msg.content });
      if (msg.msg_type === 'status' && msg.content.execution_state === 'idle') run.idle = true;
    } else if (msg.channel === 'shell' && msg.msg_type === 'execute_reply') {
      run.reply = msg.content;
      // The idle status follows the reply within moments; one that never comes was lost, with any output after it.
      if (!run.idle) run.idleTimer = setTimeout(() => run.finish({ lost: `no idle status within ${IDLE_AFTER_REPLY_MS / 1000} s of the reply` }), IDLE_AFTER_REPLY_MS);
    }
    if (run.idle && run.reply) run.finish({});
  }

  /**
   * Runs `code`; resolves to { status, outputs, died?, timedOut?, abandoned?, lost? } once the reply and the idle
   * status have arrived, after `timeoutMs` without them, when the idle status has not followed the reply within
   * a minute (lost), or when abandon() gives up on it.
   */
  execute(code, timeoutMs = 600_000) {
    const msgId = randomUUID();
    return new Promise((resolve) => {
      const run = { outputs: [], idle: false, reply: null };
      const timer = setTimeout(() => run.finish({ timedOut: true }), timeoutMs);
      run.finish = (extra) => {
        clearTimeout(timer);
        clearTimeout(run.idleTimer);
        this.pending.delete(msgId);
        resolve({ status: run.reply?.status ?? 'none', error: run.reply?.status === 'error' ? `${run.reply.ename}: ${run.reply.evalue}` : undefined, outputs: run.outputs, ...extra });
      };
      this.pending.set(msgId, run);
      this.ws.send(JSON.stringify({
        header: { msg_id: msgId, msg_type: 'execute_request', username: this.attendee.name, session: this.clientSession, date: new Date().toISOString(), version: '5.3' },
        parent_header: {},
        metadata: {},
        content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
        channel: 'shell',
      }));
    });
  }

  /** Gives up on every request still waiting: each resolves at once with `{ abandoned: reason }`. */
  abandon(reason) {
    for (const run of [...this.pending.values()]) run.finish({ abandoned: reason });
  }

  /** The kernel's execution state as the Jupyter server reports it (idle, busy, starting, dead…), or why it could not be read. */
  async serverState() {
    const res = await this.attendee.api(`kernels/${this.id}`).catch((err) => ({ ok: false, status: err.message }));
    return res.ok ? (await res.json()).execution_state : `unknown (HTTP ${res.status})`;
  }

  async close() {
    this.ws?.close();
    await this.attendee.api(`sessions/${this.sessionId}`, { method: 'DELETE' });
  }
}

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/**
 * How long one cell may take in a classroom run: CI gives a cell 600 s with the machine to itself; here up to
 * three attendees share two cores (each at most 2/3 of a core, and 1 CPU by its limit) on a machine other
 * work shares too, so 600 s × 3/2 = 900 s, rounded up to the 1200 s our shared-machine notebook runs use.
 */
export const CELL_TIMEOUT_MS = 1_200_000;
/** A cell whose container used less than STALL_CPU_SECONDS of CPU in STALL_MS has hung: nothing computes it. */
const STALL_MS = 300_000;
const STALL_CPU_SECONDS = 1;
/**
 * A reply lost on the way (tslab's iopub once dropped messages, 5be810a): the Jupyter server reports the kernel
 * idle at two watches in a row while the container used under LOST_CPU_SECONDS between them. Found in one
 * minute instead of the stall's five; a computing kernel is 'busy' at the server and uses CPU.
 */
const LOST_CPU_SECONDS = 1;
/** How often a long cell is reported (and the container's CPU read). */
const WATCH_MS = 30_000;
const REPORT_EVERY_MS = 120_000;

/**
 * Runs every code cell of the attendee's copy of `notebookPath` (from their server's contents API) in a
 * fresh kernel, stopping at the first error. Returns { cells, ran, figures, emptyFigures, error, seconds }:
 * figures counts the plotly charts the cells displayed, each with at least one trace of data; error names
 * the cell that failed (its number and first line) and why.
 * A cell gets `cellTimeoutMs`. With `cpuSeconds` (the attendee's container CPU time, e.g. from
 * containerCgroup), a cell is reported by `log` every 2 minutes while it runs, and given up as hung as soon as
 * the container has used under 1 CPU second in 5 minutes: a slow cell under load still uses CPU, a hung
 * kernel (or a lost reply) does not, and waiting out the timeout would say nothing more.
 */
export async function runNotebook(attendee, notebookPath, { cellTimeoutMs = CELL_TIMEOUT_MS, cpuSeconds, log = () => {} } = {}) {
  const started = Date.now();
  const nb = await attendee.apiJson(`contents/${notebookPath.split('/').map(encodeURIComponent).join('/')}?content=1`);
  const cells = nb.content.cells.filter((c) => c.cell_type === 'code');
  const kernel = await attendee.openKernel(notebookPath);
  const cpu = () => { try { return cpuSeconds?.(); } catch { return undefined; } };
  let figures = 0;
  let emptyFigures = 0;
  let error;
  let ran = 0;
  try {
    for (const [index, cell] of cells.entries()) {
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      const label = `code cell ${index + 1}/${cells.length} («${source.split('\n').find((l) => l.trim()) ?? ''}»)`.slice(0, 140);
      const cellStarted = Date.now();
      // The watch: CPU samples of the last STALL_MS, a report every REPORT_EVERY_MS.
      const samples = [{ at: cellStarted, cpu: cpu() }];
      let reported = cellStarted;
      let idleSince = null; // the CPU sample at the first of consecutive watches that found the kernel idle
      let asking = false;
      let finished = false; // an answer of the server arriving after the cell ended must not abandon the next one
      const watch = setInterval(() => {
        const now = Date.now();
        samples.push({ at: now, cpu: cpu() });
        if (!asking) {
          asking = true;
          const sample = samples.at(-1);
          kernel.serverState().then((state) => {
            if (state !== 'idle') idleSince = null;
            else if (idleSince === null) idleSince = sample;
            else if (!finished && sample.cpu - idleSince.cpu < LOST_CPU_SECONDS) {
              kernel.abandon(`lost: the server has reported the kernel idle for ${((sample.at - idleSince.at) / 1000).toFixed(0)} s (container CPU ${(sample.cpu - idleSince.cpu).toFixed(1)} s meanwhile) and no reply came`);
            }
          }).finally(() => { asking = false; });
        }
        while (samples.length > 1 && now - samples[1].at >= STALL_MS) samples.shift();
        const used = samples.at(-1).cpu - samples[0].cpu;
        if (now - reported >= REPORT_EVERY_MS) {
          reported = now;
          log(`  [${attendee.name}] ${label}: running for ${((now - cellStarted) / 1000).toFixed(0)} s${Number.isFinite(used) ? `, container CPU ${used.toFixed(0)} s in the last ${((now - samples[0].at) / 1000).toFixed(0)} s` : ''}`);
        }
        if (now - samples[0].at >= STALL_MS && used < STALL_CPU_SECONDS) {
          kernel.abandon(`hung: its container used ${used.toFixed(1)} CPU s in the last ${STALL_MS / 1000} s`);
        }
      }, WATCH_MS);
      const result = await kernel.execute(source, cellTimeoutMs).finally(() => { finished = true; clearInterval(watch); });
      ran++;
      for (const o of result.outputs) {
        const fig = o.content?.data?.[PLOTLY_MIME];
        if (fig) (fig.data?.length ? figures++ : emptyFigures++);
      }
      const errorOutput = result.outputs.find((o) => o.type === 'error');
      if (result.status !== 'ok' || errorOutput || result.died || result.timedOut || result.abandoned || result.lost) {
        const seconds = ((Date.now() - cellStarted) / 1000).toFixed(0);
        const why = result.died ? `kernel ${result.died}`
          : result.timedOut ? `no reply within ${cellTimeoutMs / 1000} s (kernel ${await kernel.serverState()})`
          : result.abandoned ? `no reply after ${seconds} s, ${result.abandoned} (kernel ${await kernel.serverState()})`
          : result.lost ? `reply '${result.status}' after ${seconds} s, but ${result.lost}: outputs may be missing`
          : result.error ?? `${errorOutput?.content.ename}: ${errorOutput?.content.evalue}`;
        error = `${label}: ${why}`;
        break;
      }
    }
  } finally {
    kernel.abandon('the run ended');
    await kernel.close().catch(() => {});
  }
  return { cells: cells.length, ran, figures, emptyFigures, error, seconds: (Date.now() - started) / 1000 };
}
