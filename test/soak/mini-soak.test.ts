/**
 * The soak in small, inside `npm test`: the same harness as `npm run soak` (child server
 * on SQLite behind a cutting proxy, agents on the SDK, short-lived tokens, one SIGKILL and
 * restart) with 8 workers and 160 tasks, so a regression in crash safety, re-sync or
 * token refresh shows up on every run, not only in the long soak.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runSoak, formatReport, type SoakReport } from './soak.js';

let report: SoakReport;

before(async () => {
  report = await runSoak({
    workers: 8,
    tasks: 160,
    rate: 40,
    tokenTtl: 3,
    dropEveryMs: [150, 500],
    killAt: 0.4,
    timeoutMs: 50_000,
    seed: 20250101,
  });
  console.log(formatReport(report));
});

test('every task is created and completed exactly once across socket cuts and a SIGKILL', () => {
  assert.equal(report.failure, undefined, `${report.failure}\n${report.problems.join('\n')}`);
  assert.deepEqual(
    { created: report.created, completed: report.completed, completedOnce: report.completedOnce, duplicateTasks: report.duplicateTasks, duplicateCompletions: report.duplicateCompletions },
    { created: 160, completed: 160, completedOnce: 160, duplicateTasks: 0, duplicateCompletions: 0 },
    report.problems.join('\n'),
  );
});

test('nothing acknowledged is lost and every reservation ends the same on server and client', () => {
  assert.deepEqual({ lost: report.lostChanges, unfinished: report.unfinishedTasks, mismatches: report.mismatches }, { lost: 0, unfinished: 0, mismatches: 0 }, report.problems.join('\n'));
});

test('the run did survive what it claims: a restart, socket drops, token refreshes', () => {
  assert.equal(report.restarts, 1);
  assert.ok(report.socketDrops.websocket > 0, 'websockets were cut');
  assert.ok(report.tokenRefreshes >= 8, `${report.tokenRefreshes} token refreshes`);
});

test('no client saw a reservation event twice', () => {
  assert.equal(report.duplicateEvents, 0, report.problems.join('\n'));
});
