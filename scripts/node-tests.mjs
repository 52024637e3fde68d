// Runs every Node test file (test/**/*.test.ts, except browser tests) with node:test
// through tsx, and ends with `node: N passed, N failed, N skipped`.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { findFiles } from './find-files.mjs';

const TAP_FILE = '.node-test-results.tap';

/** Node test files: everything under test/ named *.test.ts that is not a browser test. */
export function nodeTestFiles() {
  return findFiles('test', '.test.ts').filter((file) => !file.endsWith('.browser.test.ts'));
}

/**
 * Human-readable spec output goes to the terminal; a TAP copy goes to a file whose
 * closing `# pass N` / `# fail N` lines are the counts.
 */
export async function runNodeTests(files = nodeTestFiles()) {
  if (files.length === 0) return { passed: 0, failed: 0, skipped: 0 };
  const args = [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${TAP_FILE}`,
    ...files,
  ];
  const exitCode = await new Promise((resolve) => {
    spawn(process.execPath, args, { stdio: 'inherit' }).on('exit', resolve);
  });
  const tap = readFileSync(TAP_FILE, 'utf8');
  rmSync(TAP_FILE);
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const result = {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
  if (exitCode !== 0 && result.failed === 0) result.failed = 1; // the runner itself failed
  console.log(`node: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  const result = await runNodeTests(files.length > 0 ? files : undefined);
  process.exit(result.failed > 0 ? 1 : 0);
}
