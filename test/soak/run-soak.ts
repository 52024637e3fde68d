/**
 * `npm run soak` (through scripts/soak.mjs): the chaos run with the figures, or
 * smaller ones from the environment. Prints the counts and exits 0 only when every task
 * was created and completed exactly once with no duplicate, loss or mismatch.
 *
 *   SOAK_WORKERS=50 SOAK_TASKS=2000 SOAK_RATE=20 SOAK_TOKEN_TTL=6 SOAK_TIMEOUT_S=600 SOAK_SEED=1 \
 *     node --import tsx test/soak/run-soak.ts
 */
import { seedFromEnv } from '../security/support/random.js';
import { formatReport, runSoak } from './soak.js';

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  return text && /^\d+$/.test(text) ? Number(text) : fallback;
}

const seed = seedFromEnv('SOAK_SEED');
const config = {
  workers: envInt('SOAK_WORKERS', 50),
  tasks: envInt('SOAK_TASKS', 2000),
  rate: envInt('SOAK_RATE', 20),
  tokenTtl: envInt('SOAK_TOKEN_TTL', 6),
  dropEveryMs: [300, 1200] as [number, number],
  killAt: 0.4,
  timeoutMs: envInt('SOAK_TIMEOUT_S', 600) * 1000,
  seed,
  log: (line: string) => console.log(`[soak] ${line}`),
};
console.log(`[soak] ${config.workers} workers, ${config.tasks} tasks at ${config.rate}/s, tokens of ${config.tokenTtl} s, seed ${seed} (SOAK_SEED to replay)`);
const report = await runSoak(config);
console.log(formatReport(report));
process.exit(report.passed ? 0 : 1);
