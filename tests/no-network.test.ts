// `npm test` runs the unit tests and notebooks in a network namespace with only loopback
// (scripts/no-network.mjs). This proves it from inside: outside addresses fail, loopback works.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';

const isolated = process.env.DL_TEST_NETWORK === 'none';
const skip = isolated ? false : 'not inside npm test\'s network namespace (run `npm test`, or set DL_TEST_NETWORK=none under `unshare -n`)';

async function fetchError(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return `answered HTTP ${res.status}`;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? (err as Error).name;
  }
}

test('inside the test namespace an outside address is unreachable (IP and hub name)', { skip }, async () => {
  // By address (no DNS involved) and by the model hub's name: both must fail at once, not time out.
  const byIp = await fetchError('http://1.1.1.1/');
  const byName = await fetchError('https://huggingface.co/api/models');
  assert.match(byIp, /ENETUNREACH|EHOSTUNREACH|ECONNREFUSED/, `http://1.1.1.1/: ${byIp}`);
  assert.match(byName, /EAI_AGAIN|ENOTFOUND|ENETUNREACH|ECONNREFUSED/, `huggingface.co: ${byName}`);
});

test('inside the test namespace loopback is up (kernels talk over 127.0.0.1)', { skip }, async () => {
  const server = http.createServer((_, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(await res.text(), 'ok');
  } finally {
    server.close();
  }
});
