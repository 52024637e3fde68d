import { hasKeyPath, referencedKeys } from '../../expression/index.js';

/**
 * The worker attributes a TargetWorkers expression reads that no worker has, each once, as written. TaskRouter reads
 * a key no worker has as missing, not as an error, so a misspelt key (`skils HAS 'sales'`) quietly matches nobody.
 * With no workers at all, nothing is reported: every key would be missing.
 */
export function keysNoWorkerHas(expression: string, workerAttributes: readonly Record<string, unknown>[]): string[] {
  if (!workerAttributes.length) return [];
  const missing = referencedKeys(expression)
    .filter((key) => key.scope === 'attributes' && !workerAttributes.some((attributes) => hasKeyPath(attributes, key.path)))
    .map((key) => key.text);
  return [...new Set(missing)];
}
