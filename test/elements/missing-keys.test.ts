// The queue editor's hint for keys no worker has, without a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keysNoWorkerHas } from '../../src/elements/tr-queue-editor/missing-keys.js';

const WORKERS = [
  { skills: ['support'], routing: { languages: ['en', 'fr'] }, level: 0 },
  { skills: ['sales'], vip: null },
];

describe('keysNoWorkerHas', () => {
  it('reads workers, page by page as they come, only until every key is found', async () => {
    let read = 0;
    async function* workers() {
      for (const attributes of [{ level: 1 }, { skills: [] }, { team: 'x' }, { other: 1 }]) {
        read++;
        yield attributes;
      }
    }
    assert.deepEqual(await keysNoWorkerHas('skills HAS "x" AND level > 0', workers()), []);
    assert.equal(read, 2);
    read = 0;
    assert.deepEqual(await keysNoWorkerHas('skils HAS "x" AND level > 0', workers()), ['skils']);
    assert.equal(read, 4);
    read = 0;
    assert.deepEqual(await keysNoWorkerHas('1 == 1', workers()), []);
    assert.equal(read, 0, 'no keys, nothing to read');
  });


  it('names each key no worker has once, as written', async () => {
    assert.deepEqual(await keysNoWorkerHas('skils HAS "sales" OR (skils HAS "support" AND levl > 2)', WORKERS), ['skils', 'levl']);
  });

  it('counts a key one worker has, with any value, null and 0 included', async () => {
    assert.deepEqual(await keysNoWorkerHas('skills HAS "sales" AND level == 0 AND vip == null', WORKERS), []);
  });

  it('follows nested paths and array indexes', async () => {
    assert.deepEqual(await keysNoWorkerHas('routing.languages HAS "en" AND routing.languages[1] == "fr"', WORKERS), []);
    assert.deepEqual(await keysNoWorkerHas('routing.language HAS "en" OR routing.languages[2] == "de" OR skills.level > 1', WORKERS),
      ['routing.language', 'routing.languages[2]', 'skills.level']);
  });

  it("reads only the workers' own attributes, as expressions do: not what every object or array inherits", async () => {
    assert.deepEqual(await keysNoWorkerHas('constructor != null OR toString != null OR skills.length > 0', WORKERS), ['constructor', 'toString', 'skills.length']);
  });

  it('leaves out prefixed keys, which are not worker attributes', async () => {
    assert.deepEqual(await keysNoWorkerHas('task.team == "x" OR taskrouter.dayOfWeek == "Mon" OR worker.channel.voice.available == true', WORKERS), []);
  });

  it('says nothing when there are no workers, or no keys', async () => {
    assert.deepEqual(await keysNoWorkerHas('skils HAS "sales"', []), []);
    assert.deepEqual(await keysNoWorkerHas('1 == 1', WORKERS), []);
  });
});
