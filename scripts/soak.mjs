// `npm run soak`: the chaos run (test/soak/run-soak.ts: 50 workers, 2,000 tasks, socket drops,
// short-lived tokens, one SIGKILL and restart), then the security fuzzers with a larger case
// count. Loopback only, bounded in time, stops by itself; exits 0 only when both pass.
//
//   SOAK_WORKERS, SOAK_TASKS, SOAK_RATE, SOAK_TOKEN_TTL, SOAK_TIMEOUT_S, SOAK_SEED   the chaos run
//   SOAK_FUZZ_CASES (default 10000), FUZZ_SEED (default: a fresh one)              the fuzzers
//   SOAK_SKIP_FUZZ=1                                                                the chaos run only
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Hard stop for the whole run, whatever happens inside it. */
const DEADLINE_MS = 30 * 60 * 1000;
const FUZZERS = ['rest-fuzz', 'bridge-fuzz', 'expression-fuzz'].map((name) => `test/security/${name}.test.ts`);

const children = new Set();
const deadline = setTimeout(() => {
  console.error(`soak: still running after ${DEADLINE_MS / 60000} minutes; stopping`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}, DEADLINE_MS);

/** Runs node with `args`, passing output through; resolves with the exit code. */
function node(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(signal ? 1 : (code ?? 1));
    });
  });
}

const started = Date.now();
console.log('=== soak: chaos run');
const chaos = await node(['--import', 'tsx', 'test/soak/run-soak.ts'], { SOAK_SEED: process.env.SOAK_SEED ?? 'random' });

let fuzz = 0;
if (process.env.SOAK_SKIP_FUZZ !== '1') {
  const cases = process.env.SOAK_FUZZ_CASES ?? '10000';
  console.log(`\n=== soak: fuzzers, FUZZ_CASES=${cases}`);
  // New cases on every soak (npm test keeps a fixed seed); the printed seed replays a failure.
  fuzz = await node(['--import', 'tsx', '--test', '--test-reporter=spec', ...FUZZERS], { FUZZ_CASES: cases, FUZZ_SEED: process.env.FUZZ_SEED ?? 'random' });
}

clearTimeout(deadline);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\nsoak: chaos run ${chaos === 0 ? 'passed' : 'FAILED'}, fuzzers ${process.env.SOAK_SKIP_FUZZ === '1' ? 'skipped' : fuzz === 0 ? 'passed' : 'FAILED'} (${minutes} min)`);
process.exit(chaos === 0 && fuzz === 0 ? 0 : 1);
