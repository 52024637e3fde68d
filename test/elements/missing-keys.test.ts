// The queue editor's hint for keys no worker has, without a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keysNoWorkerHas } from '../../src/elements/tr-queue-editor/missing-keys.js';

const WORKERS = [
  { skills: ['support'], routing: { languages: ['en', 'fr'] }, level: 0 },
  { skills: ['sales'], vip: null },
];

describe('keysNoWorkerHas', () => {
  it('names each key no worker has once, as written', () => {
    assert.deepEqual(keysNoWorkerHas('skils HAS "sales" OR (skils HAS "support" AND levl > 2)', WORKERS), ['skils', 'levl']);
  });

  it('counts a key one worker has, with any value, null and 0 included', () => {
    assert.deepEqual(keysNoWorkerHas('skills HAS "sales" AND level == 0 AND vip == null', WORKERS), []);
  });

  it('follows nested paths and array indexes', () => {
    assert.deepEqual(keysNoWorkerHas('routing.languages HAS "en" AND routing.languages[1] == "fr"', WORKERS), []);
    assert.deepEqual(keysNoWorkerHas('routing.language HAS "en" OR routing.languages[2] == "de" OR skills.level > 1', WORKERS),
      ['routing.language', 'routing.languages[2]', 'skills.level']);
  });

  it("reads only the workers' own attributes, as expressions do: not what every object or array inherits", () => {
    assert.deepEqual(keysNoWorkerHas('constructor != null OR toString != null OR skills.length > 0', WORKERS), ['constructor', 'toString', 'skills.length']);
  });

  it('leaves out prefixed keys, which are not worker attributes', () => {
    assert.deepEqual(keysNoWorkerHas('task.team == "x" OR taskrouter.dayOfWeek == "Mon" OR worker.channel.voice.available == true', WORKERS), []);
  });

  it('says nothing when there are no workers, or no keys', () => {
    assert.deepEqual(keysNoWorkerHas('skils HAS "sales"', []), []);
    assert.deepEqual(keysNoWorkerHas('1 == 1', WORKERS), []);
  });
});
