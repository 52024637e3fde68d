// The generated custom-elements.json documents every element fully (issue: JSDoc as the API contract):
// a summary, every public attribute, property, method, event, part and CSS property described, and no
// internal state listed as an attribute.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

interface Documented {
  name: string;
  description?: string;
  privacy?: string;
  static?: boolean;
  kind?: string;
  fieldName?: string;
}
interface ElementDoc {
  tagName: string;
  summary?: string;
  description?: string;
  attributes?: Documented[];
  members?: Documented[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}

const TAGS = ['tr-provider', 'tr-worker-status', 'tr-reservation-inbox', 'tr-queue-stats', 'tr-queue-editor'];

describe('custom-elements.json', () => {
  // The analyzer takes --outdir relative to the working directory.
  const outdir = join('node_modules', '.cache', `manifest-test-${process.pid}`);
  let elements: Map<string, ElementDoc>;
  let modules: Array<{ path: string; exports?: Array<{ kind: string; name: string; declaration: { module: string } }> }>;

  before(() => {
    // The analyzer with the project's settings (custom-elements-manifest.config.mjs), as `npm run build` runs it.
    const analyzer = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
    const run = spawnSync(process.execPath, [analyzer, 'analyze', '--quiet', '--outdir', outdir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8'));
    modules = manifest.modules;
    const declarations: ElementDoc[] = manifest.modules.flatMap((module: { declarations?: ElementDoc[] }) => module.declarations ?? []);
    elements = new Map(declarations.filter((d) => d.tagName).map((d) => [d.tagName, d]));
  });

  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('maps each tag to the module that ships it (a package.json export), as tools that import a tag need', () => {
    const exported = JSON.parse(readFileSync('package.json', 'utf8')).exports;
    for (const tag of TAGS) {
      const entry = exported[tag === 'tr-provider' ? './elements' : `./elements/${tag}`].default.replace(/^\.\//, '');
      const module = modules.find((candidate) => candidate.exports?.some((e) => e.kind === 'custom-element-definition' && e.name === tag));
      assert.equal(module?.path, entry, tag);
    }
  });

  it('has every element, each with a summary', () => {
    for (const tag of TAGS) assert.ok(elements.get(tag)?.summary, `${tag} has a summary`);
  });

  it('describes every public attribute, property, method, event, part and CSS property', () => {
    for (const tag of TAGS) {
      const element = elements.get(tag)!;
      const publicMembers = (element.members ?? []).filter((member) => (member.privacy ?? 'public') === 'public' && !member.static);
      const documented = [...(element.attributes ?? []), ...publicMembers, ...(element.events ?? []), ...(element.cssParts ?? []), ...(element.cssProperties ?? [])];
      const undescribed = documented.filter((item) => !item.description?.trim()).map((item) => item.name);
      assert.deepEqual(undescribed, [], `${tag}: undescribed ${undescribed.join(', ')}`);
    }
  });

  it('documents parts, CSS properties and events of the four elements', () => {
    for (const tag of TAGS.slice(1)) {
      const element = elements.get(tag)!;
      assert.ok(element.cssParts?.length, `${tag} has parts`);
      assert.ok(element.cssProperties?.length, `${tag} has CSS properties`);
    }
    assert.ok(elements.get('tr-reservation-inbox')!.events!.some((event) => event.name === 'tr-reservation-accepted'));
    // Every element reports a failed action (Retry, an activity change, a save…) with tr-error: each documents it, inherited or its own.
    for (const tag of TAGS.slice(1)) assert.ok(elements.get(tag)!.events?.some((event) => event.name === 'tr-error'), `${tag} documents tr-error`);
    // Parts and CSS properties take one phrase each: prose after the last tag would be folded into that tag's
    // description, and belongs in the element's.
    for (const tag of TAGS) {
      const element = elements.get(tag)!;
      const long = [...(element.cssParts ?? []), ...(element.cssProperties ?? [])].filter((item) => /\.\s+\S/.test(item.description ?? ''));
      assert.deepEqual(long.map((item) => item.name), [], `${tag}: descriptions that run on`);
    }
    assert.match(elements.get('tr-worker-status')!.description ?? '', /Keyboard: on the activity button/);
  });

  it('documents every design token of the theme on each element', () => {
    const theme = readFileSync(new URL('../../src/elements/internal/theme.ts', import.meta.url), 'utf8');
    const tokens = [...new Set(theme.match(/--tr-[a-z-]+[a-z]/g))];
    assert.ok(tokens.length >= 10, tokens.join(' '));
    for (const tag of TAGS.slice(1)) {
      const documented = new Set(elements.get(tag)!.cssProperties!.map((property) => property.name));
      assert.deepEqual(tokens.filter((token) => !documented.has(token)), [], `${tag}: undocumented tokens`);
    }
  });

  it('lists no internal state as an attribute', () => {
    for (const tag of TAGS) {
      const element = elements.get(tag)!;
      const internal = new Set((element.members ?? []).filter((member) => member.privacy && member.privacy !== 'public').map((member) => member.name));
      const leaked = (element.attributes ?? []).filter((attribute) => internal.has(attribute.fieldName ?? attribute.name)).map((a) => a.name);
      assert.deepEqual(leaked, [], `${tag}: internal state listed as attributes`);
    }
    assert.deepEqual(elements.get('tr-worker-status')!.attributes!.map((attribute) => attribute.name), ['theme']);
  });
});
