import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openEngine, ManualClock } from '../../../src/server/engine/index.js';
import type { EngineCore } from '../../../src/server/engine/core.js';
import { Table } from '../../../src/server/engine/store/table.js';
import { UnitOfWork } from '../../../src/server/engine/store/unit-of-work.js';
import { SortedList } from '../../../src/server/engine/routing/sorted-list.js';

interface Row {
  sid: string;
  name: string;
  flag: boolean;
  data: { n: number } | null;
  group_key: string | null;
}

describe('store', () => {
  it('writes through to SQLite and undoes memory, groups and listeners when the transaction fails', () => {
    const db = new Database(':memory:');
    const uow = new UnitOfWork(db);
    const table = new Table<Row>(db, uow, 'rows', { sid: 'text', name: 'text', flag: 'bool', data: 'json', group_key: 'text' });
    const byGroup = table.group((r) => r.group_key);
    const changes: string[] = [];
    table.onChange((before, after) => changes.push(`${before?.name ?? '-'}>${after?.name ?? '-'}`));
    uow.run(() => table.put({ sid: 'a', name: 'A', flag: true, data: { n: 1 }, group_key: 'g' }));
    assert.throws(() =>
      uow.run(() => {
        table.update(table.get('a')!, { name: 'A2', group_key: 'h' });
        table.put({ sid: 'b', name: 'B', flag: false, data: null, group_key: 'g' });
        table.delete('a');
        throw new Error('boom');
      }),
    /boom/);
    assert.deepEqual(table.get('a'), { sid: 'a', name: 'A', flag: true, data: { n: 1 }, group_key: 'g' });
    assert.equal(table.get('b'), undefined);
    assert.deepEqual([...byGroup.get('g')].map((r) => r.sid), ['a']);
    assert.equal(byGroup.count('h'), 0);
    assert.deepEqual(db.prepare('SELECT sid, name, flag, data FROM rows').all(), [{ sid: 'a', name: 'A', flag: 1, data: '{"n":1}' }]);
    assert.deepEqual(changes, ['->A', 'A>A2', '->B', 'A2>-', '->A2', 'B>-', 'A2>A'], 'undo replays the changes backwards');
    const reloaded = new Table<Row>(db, uow, 'rows', { sid: 'text', name: 'text', flag: 'bool', data: 'json', group_key: 'text' });
    reloaded.load();
    assert.deepEqual(reloaded.get('a'), table.get('a'));
    assert.throws(() => table.put({ sid: 'c', name: 'C', flag: false, data: null, group_key: null }), /outside a transaction/);
  });

  it('keeps the routing indexes in step with a rolled-back engine change', () => {
    const clock = new ManualClock();
    const engine = openEngine({ memory: true, clock });
    const account = engine.accounts.create();
    const ws = engine.workspaces.create(account.sid, { friendly_name: 'w', multi_task_enabled: false }).sid;
    const queue = engine.taskQueues.create(ws, { friendly_name: 'q' }).sid;
    engine.workflows.create(ws, { friendly_name: 'wf', configuration: { task_routing: { default_filter: { queue } } } });
    const available = engine.activities.list(ws, { friendly_name: 'Available' }).items[0]!.sid;
    const worker = engine.workers.create(ws, { friendly_name: 'W', activity_sid: available }).sid;
    const core = (engine as unknown as { core: EngineCore }).core;
    assert.throws(() =>
      core.mutate(() => {
        engine.tasks.create(ws, { attributes: { lost: true } });
        assert.equal(engine.reservations.listForWorker(ws, worker).items.length, 0, 'routing happens at the end of the transaction');
        throw new Error('crash inside the transaction');
      }),
    );
    assert.equal(engine.tasks.list(ws).items.length, 0);
    const kept = engine.tasks.create(ws, { attributes: { kept: true } });
    assert.equal(engine.reservations.listForWorker(ws, worker).items[0]?.task_sid, kept.sid, 'the worker is still ready');
    engine.close();
  });

  it('SortedList keeps order across chunk splits and deletes', () => {
    const list = new SortedList<number>((a, b) => a - b);
    const values = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 2003);
    for (const v of values) list.insert(v);
    for (const v of values.filter((v) => v % 3 === 0)) assert.ok(list.delete(v));
    assert.equal(list.delete(-1), false);
    const expected = values.filter((v) => v % 3 !== 0).sort((a, b) => a - b);
    assert.deepEqual([...list], expected);
    assert.equal(list.size, expected.length);
    assert.equal(list.first(), expected[0]);
  });
});
