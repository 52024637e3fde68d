// TypeScript projects still on `moduleResolution: node` (node10) ignore `exports`: they find an entry's types through
// the top-level `types` and `typesVersions`. Both must name the same .d.ts files as `exports`, or such a project
// gets "cannot find module 'taskrouter-kit/sdk'" (or, worse, another entry's types).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const typed = Object.entries(manifest.exports as Record<string, string | { types?: string }>).filter(
  (entry): entry is [string, { types: string }] => typeof entry[1] === 'object' && Boolean(entry[1].types),
);

describe('package.json types for moduleResolution node10', () => {
  it('names the root entry’s types at the top level', () => {
    assert.equal(manifest.types, manifest.exports['.'].types);
  });

  it('maps every other typed entry to the same types in typesVersions, and nothing else', () => {
    const expected = Object.fromEntries(typed.filter(([path]) => path !== '.').map(([path, { types }]) => [path.slice(2), [types]]));
    assert.deepEqual(manifest.typesVersions, { '*': expected });
  });
});
