import { hasKeyPath, referencedKeys } from '../../expression/index.js';

type Attributes = Record<string, unknown>;

/**
 * The worker attributes a TargetWorkers expression reads that no worker has, each once, as written. TaskRouter reads
 * a key no worker has as missing, not as an error, so a misspelt key (`skils HAS 'sales'`) quietly matches nobody.
 * The workers are read only until every key is found. With no workers at all, nothing is reported: every key would
 * be missing.
 */
export async function keysNoWorkerHas(expression: string, workers: Iterable<Attributes> | AsyncIterable<Attributes>): Promise<string[]> {
  const keys = referencedKeys(expression).filter((key) => key.scope === 'attributes');
  let missing = [...new Map(keys.map((key) => [key.text, key])).values()];
  let anyWorker = false;
  for await (const attributes of missing.length ? workers : []) {
    anyWorker = true;
    missing = missing.filter((key) => !hasKeyPath(attributes, key.path));
    if (!missing.length) break;
  }
  return anyWorker ? missing.map((key) => key.text) : [];
}
