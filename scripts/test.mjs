// `npm test`: typecheck, Node tests, browser tests in Chromium. Ends with one plain line
// for the whole run, `N passed, N failed`, and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { runNodeTests } from './node-tests.mjs';

function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const totals = { passed: 0, failed: 0 };
const step = (name) => console.log(`\n=== ${name}`);

step('typecheck (tsc --noEmit)');
const typecheck = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (typecheck.code === 0) totals.passed++;
else totals.failed++;
console.log(`typecheck: ${typecheck.code === 0 ? 'passed' : 'failed'}`);

step('node tests');
const node = await runNodeTests();
totals.passed += node.passed;
totals.failed += node.failed;

step('browser tests (web-test-runner, Chromium)');
const browser = await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { capture: true });
const summary = /wtr: (\d+) passed, (\d+) failed/.exec(browser.output);
const browserFailed = Number(summary?.[2] ?? 0);
totals.passed += Number(summary?.[1] ?? 0);
// A run that failed without naming a failed test (crash, no summary) still counts as one failure.
totals.failed += browserFailed > 0 ? browserFailed : browser.code !== 0 || !summary ? 1 : 0;

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
