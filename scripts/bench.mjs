// `npm run bench`: runs every benchmark under bench/ in turn (TypeScript through tsx,
// .mjs runners as they are); each prints its own figures and ratio to its baseline.
import { spawnSync } from 'node:child_process';
import { findFiles } from './find-files.mjs';

const only = process.argv.slice(2);
const benches = [...findFiles('bench', '.bench.ts'), ...findFiles('bench', '.bench.mjs')]
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)));

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const args = file.endsWith('.ts') ? ['--import', 'tsx', file] : [file];
  const { status } = spawnSync(process.execPath, ['--expose-gc', ...args], { stdio: 'inherit' });
  if (status !== 0) {
    failed++;
    console.log(`bench failed: ${file} (exit ${status})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
