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
    this.closed = new Promise((resolve) => this.ws.on('close', resolve));
    return new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
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
    }
    if (run.idle && run.reply) run.finish({});
  }

  /** Runs `code`; resolves to { status, outputs, died? } once the reply and the idle status have arrived. */
  execute(code, timeoutMs = 600_000) {
    const msgId = randomUUID();
    return new Promise((resolve) => {
      const run = { outputs: [], idle: false, reply: null };
      const timer = setTimeout(() => run.finish({ timedOut: true }), timeoutMs);
      run.finish = (extra) => {
        clearTimeout(timer);
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

  async close() {
    this.ws?.close();
    await this.attendee.api(`sessions/${this.sessionId}`, { method: 'DELETE' });
  }
}

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/**
 * Runs every code cell of the attendee's copy of `notebookPath` (from their server's contents API) in a
 * fresh kernel, stopping at the first error. Returns { cells, figures, error, seconds }: figures counts
 * the plotly charts the cells displayed, each with at least one trace of data.
 */
export async function runNotebook(attendee, notebookPath) {
  const started = Date.now();
  const nb = await attendee.apiJson(`contents/${notebookPath.split('/').map(encodeURIComponent).join('/')}?content=1`);
  const cells = nb.content.cells.filter((c) => c.cell_type === 'code');
  const kernel = await attendee.openKernel(notebookPath);
  let figures = 0;
  let emptyFigures = 0;
  let error;
  let ran = 0;
  try {
    for (const cell of cells) {
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      const result = await kernel.execute(source);
      ran++;
      for (const o of result.outputs) {
        const fig = o.content?.data?.[PLOTLY_MIME];
        if (fig) (fig.data?.length ? figures++ : emptyFigures++);
      }
      const stderrError = result.outputs.find((o) => o.type === 'error');
      if (result.status !== 'ok' || stderrError || result.died || result.timedOut) {
        error = result.error ?? (result.died ? `kernel ${result.died}` : result.timedOut ? 'timed out' : `${stderrError?.content.ename}: ${stderrError?.content.evalue}`);
        break;
      }
    }
  } finally {
    await kernel.close().catch(() => {});
  }
  return { cells: cells.length, ran, figures, emptyFigures, error, seconds: (Date.now() - started) / 1000 };
}
