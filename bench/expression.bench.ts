/**
 * Expression evaluation throughput: one compiled TargetWorkers expression against
 * 100,000 generated worker attribute objects, versus parsing it on every call.
 *
 * Run: node --import tsx bench/expression.bench.ts
 */
import { compile, evaluate } from '../src/expression/index.js';
import { seededRandom as random } from '../test/support/random.js';

const SOURCE = 'skills HAS "support" AND language IN ["en","es"] AND level >= 3 OR tier == "gold"';
const WORKERS = 100_000;
const SKILLS = ['support', 'sales', 'billing', 'tech', 'retention'];
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt'];
const TIERS = ['bronze', 'silver', 'gold'];

function generateWorkers(count: number): Record<string, unknown>[] {
  const next = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, (_, index) => ({
    skills: SKILLS.filter(() => next() < 0.4),
    language: pick(LANGUAGES),
    languages: LANGUAGES.filter(() => next() < 0.3),
    // A few levels arrive as strings, as worker attributes often do.
    level: next() < 0.1 ? String(Math.floor(next() * 10)) : Math.floor(next() * 10),
    ...(index % 7 === 0 ? {} : { tier: pick(TIERS) }),
    contact_uri: `client:worker${index}`,
  }));
}

/** Runs `evaluateAll` for at least `minMs` and returns evaluations per second and the match count of one pass. */
function measure(evaluateAll: () => number, evaluationsPerPass: number, minMs: number): { perSecond: number; matches: number } {
  let matches = evaluateAll(); // warm-up
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    matches = evaluateAll();
    passes++;
    elapsed = performance.now() - start;
  }
  return { perSecond: (passes * evaluationsPerPass) / (elapsed / 1000), matches };
}

function formatRate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)}M` : `${(perSecond / 1e3).toFixed(1)}k`;
}

const workers = generateWorkers(WORKERS);
const contexts = workers.map((attributes) => ({ attributes }));
const matchesWorker = compile(SOURCE);

const compiled = measure(() => {
  let count = 0;
  for (const context of contexts) if (matchesWorker(context)) count++;
  return count;
}, WORKERS, 1500);

// The baseline parses the expression for every worker; a slice of the workers keeps the run short.
const BASELINE_WORKERS = 20_000;
const baselineContexts = contexts.slice(0, BASELINE_WORKERS);
const parseEachTime = measure(() => {
  let count = 0;
  for (const context of baselineContexts) if (evaluate(SOURCE, context)) count++;
  return count;
}, BASELINE_WORKERS, 1500);

const compiledOnSlice = baselineContexts.filter((context) => matchesWorker(context)).length;
if (compiledOnSlice !== parseEachTime.matches) {
  throw new Error(`compiled and parse-each-time disagree: ${compiledOnSlice} vs ${parseEachTime.matches}`);
}

console.log(`expression: ${SOURCE}`);
console.log(`expression workers: ${WORKERS} (${compiled.matches} match)`);
console.log(`expression compiled: ${formatRate(compiled.perSecond)} evals/s`);
console.log(`expression parse-each-time: ${formatRate(parseEachTime.perSecond)} evals/s`);
console.log(`expression ratio vs parse-each-time: ${(compiled.perSecond / parseEachTime.perSecond).toFixed(1)}x`);
