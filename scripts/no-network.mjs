// Runs the test suite's children without network: a network namespace with only loopback (up, since
// Jupyter kernels talk over 127.0.0.1). A hub access then fails loudly instead of passing by luck.
// `unshare -n` needs root; `unshare -rn` does the same for a user allowed user namespaces. Where
// neither works the suite runs with the network and says so.
import { spawnSync } from 'node:child_process';

const LOOPBACK_UP = 'ip link set lo up && exec "$@"';

/** { isolated, note, wrap(cmd, args) → [cmd, args], env } for the suite's child processes. */
export function networkIsolation() {
  const tried = [];
  for (const flags of [['-n'], ['-rn']]) {
    const probe = spawnSync('unshare', [...flags, 'sh', '-c', LOOPBACK_UP, 'probe', 'true'], { encoding: 'utf8' });
    if (probe.status === 0) {
      return {
        isolated: true,
        note: `network: none (unshare ${flags.join(' ')}; loopback only) for unit tests and notebooks`,
        wrap: (cmd, args) => ['unshare', [...flags, 'sh', '-c', LOOPBACK_UP, 'no-network', cmd, ...args]],
        // Tells tests/no-network.test.ts that it runs isolated and must prove it.
        env: { DL_TEST_NETWORK: 'none' },
      };
    }
    tried.push(`unshare ${flags.join(' ')}: ${(probe.error?.message ?? probe.stderr.trim().split('\n').pop()) || `exit ${probe.status}`}`);
  }
  return {
    isolated: false,
    note: `↷ network isolation skipped (${tried.join('; ')}): tests run WITH network, so a hub access would not be caught`,
    wrap: (cmd, args) => [cmd, args],
    env: {},
  };
}
