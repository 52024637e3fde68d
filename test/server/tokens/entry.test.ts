// `taskrouter-kit/tokens` is for back ends that only mint tokens: its bundle must import no server package
// (fastify, ws, better-sqlite3…), only Node's own modules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

test('the tokens entry needs nothing but Node', async () => {
  const result = await build({
    entryPoints: ['src/server/tokens/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imported = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
  assert.deepEqual([...new Set(imported)], ['node:crypto']);
});
