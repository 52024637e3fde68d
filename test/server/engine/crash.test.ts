import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ManualClock, openEngine } from '../../../src/server/engine/index.js';
import { violations } from './invariants.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

/** Runs the child until it has acknowledged at least `minAcks` changes plus a random extra moment, then SIGKILLs it. */
async function runAndKill(file: string, ws: string, ackFile: string, minAcks: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'crash-child.ts'), file, ws, ackFile], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  const started = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 5));
    const acks = existsSync(ackFile) ? readFileSync(ackFile, 'utf8').split('\n').length : 0;
    if (acks >= minAcks) break;
    if (child.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
    if (Date.now() - started > 60_000) throw new Error(`child too slow: ${stderr}`);
  }
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', stderr);
}

describe('crash safety', () => {
  let dir: string;
  let file: string;
  let ws: string;
  let account: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-crash-'));
    file = join(dir, 'taskrouter.db');
    const engine = openEngine({ file });
    account = engine.accounts.create().sid;
    ws = engine.workspaces.create(account, { friendly_name: 'crash', multi_task_enabled: false }).sid;
    const available = engine.activities.list(ws, { friendly_name: 'Available' }).items[0]!.sid;
    const queue = engine.taskQueues.create(ws, { friendly_name: 'all', max_reserved_workers: 2 }).sid;
    engine.workflows.create(ws, { friendly_name: 'wf', configuration: { task_routing: { default_filter: { queue } } } });
    for (let i = 0; i < 20; i++) engine.workers.create(ws, { friendly_name: `w${i}`, activity_sid: available });
    engine.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged change and no impossible state across repeated SIGKILLs', async () => {
    const acknowledged = { tasks: new Set<string>(), accepted: new Map<string, string>(), completed: new Set<string>() };
    for (let round = 0; round < 3; round++) {
      const ackFile = join(dir, `acks-${round}.log`);
      await runAndKill(file, ws, ackFile, 150 + round * 50);
      for (const line of readFileSync(ackFile, 'utf8').split('\n')) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'task') acknowledged.tasks.add(a!);
        if (kind === 'accept') acknowledged.accepted.set(a!, b!);
        if (kind === 'complete') acknowledged.completed.add(a!);
      }
      const engine = openEngine({ file, clock: new ManualClock(Date.now()) });
      for (const sid of acknowledged.tasks) engine.tasks.get(ws, sid);
      for (const [reservation, task] of acknowledged.accepted) {
        const status = engine.reservations.getForTask(ws, task, reservation).reservation_status;
        assert.ok(['accepted', 'completed'].includes(status), `acknowledged accept of ${reservation} is ${status}`);
      }
      for (const sid of acknowledged.completed) assert.equal(engine.tasks.get(ws, sid).assignment_status, 'completed');
      assert.deepEqual(violations(engine, ws, account), []);
      engine.close();
    }
    assert.ok(acknowledged.tasks.size >= 300, `${acknowledged.tasks.size} tasks acknowledged`);
    assert.ok(acknowledged.accepted.size > 50 && acknowledged.completed.size > 20);
  });
});
