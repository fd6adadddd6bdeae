// `npm start`: set up whatever is missing, then open JupyterLab 4 on notebooks/.
//   npm start -- --port 8890     (or JUPYTER_PORT=8890 npm start) to use another port
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ensureSetup, jupyterEnv, main, ROOT, rootFlag, SetupError, VENV_BIN } from './setup.mjs';

function requestedPort() {
  const i = process.argv.indexOf('--port');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.JUPYTER_PORT ?? '8888';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SetupError(`"${raw}" is not a valid port.\n→ Use a number between 1 and 65535, e.g. \`npm start -- --port 8890\`.`);
  }
  return port;
}

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () =>
      reject(new SetupError(`Port ${port} is already in use (another JupyterLab?).\n→ Close that program, or start on another port: \`npm start -- --port ${port + 1}\`.`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}

await main(async () => {
  ensureSetup();
  const port = requestedPort();
  await assertPortFree(port);
  console.log(`[start] JupyterLab on http://127.0.0.1:${port} (notebooks/, kernel "TypeScript"). Stop with Ctrl+C.`);
  // Only this machine can connect (127.0.0.1), and only with the token Jupyter generates and prints
  // in the link below: a kernel runs any code it is sent. tests/jupyter-security.test.ts checks both.
  const lab = spawn(
    path.join(VENV_BIN, 'jupyter'),
    ['lab', `--port=${port}`, '--ServerApp.ip=127.0.0.1', '--ServerApp.port_retries=0', `--ServerApp.root_dir=${path.join(ROOT, 'notebooks')}`, ...rootFlag()],
    { cwd: ROOT, env: jupyterEnv(), stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => lab.kill(signal));
  lab.on('exit', (code) => process.exit(code ?? 0));
});
