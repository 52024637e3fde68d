/**
 * The soak / chaos run: the local server (a child process on a SQLite file) behind a TCP
 * proxy, N agents connected through the SDK, a producer creating tasks, and meanwhile
 * random socket cuts, short-lived tokens the clients keep refreshing, and one SIGKILL of
 * the server with a restart on the same database. Ends with an audit (audit.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../security/support/random.js';
import { Agent } from './agent.js';
import { audit, type AuditCounts } from './audit.js';
import { ChaosProxy } from './chaos-proxy.js';
import { produce, type ProducerResult } from './producer.js';
import { RestClient } from './rest.js';
import { ServerProcess } from './server-process.js';

/** What a soak run does; every bound is finite, so it stops by itself. */
export interface SoakConfig {
  workers: number;
  tasks: number;
  /** Tasks created per second. */
  rate: number;
  /** Lifetime of worker tokens, in seconds: they expire every few seconds and the clients refresh them. */
  tokenTtl: number;
  /** Time between socket cuts, in ms (random within the range). */
  dropEveryMs: [number, number];
  /** Kill the server with SIGKILL once, after this fraction of the tasks is settled (null: never). */
  killAt: number | null;
  /** The whole run must finish within this many ms, or it fails. */
  timeoutMs: number;
  seed: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** The audit plus what the run survived. */
export interface SoakReport extends AuditCounts {
  seconds: number;
  socketDrops: { websocket: number; http: number };
  tokenRefreshes: number;
  tokenFetchFailures: number;
  /** Token refreshes that began after the old token had expired. */
  tokensExpired: number;
  restarts: number;
  producer: { recovered: number; failures: number };
  agentRetries: number;
  activityRestores: number;
  /** True when the run met every judged figure. */
  passed: boolean;
  /** Why it failed, when it did. */
  failure?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Waits until `done()` holds, polling; throws when the deadline passes. */
async function waitFor(done: () => Promise<boolean> | boolean, deadline: number, what: string): Promise<void> {
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Builds the workspace through the REST API: activities, one queue, a workflow and the workers. */
async function buildWorkspace(rest: RestClient, workers: number) {
  const workspace = await rest.call('POST', '/Workspaces', { FriendlyName: 'soak', MultiTaskEnabled: 'false', Template: 'NONE' });
  const base = `/Workspaces/${workspace.sid}`;
  const activities = (await rest.call('GET', `${base}/Activities`)).activities as Array<{ sid: string; friendly_name: string; available: boolean }>;
  const available = activities.find((activity) => activity.available)!.sid;
  const queue = await rest.call('POST', `${base}/TaskQueues`, { FriendlyName: 'Soak', TargetWorkers: '1==1', MaxReservedWorkers: 1 });
  const workflow = await rest.call('POST', `${base}/Workflows`, {
    FriendlyName: 'Soak',
    Configuration: { task_routing: { filters: [], default_filter: { queue: queue.sid } } },
    TaskReservationTimeout: 60,
  });
  const workerSids: string[] = [];
  for (let i = 0; i < workers; i++) {
    workerSids.push((await rest.call('POST', `${base}/Workers`, { FriendlyName: `agent-${i}`, ActivitySid: available })).sid);
  }
  return { workspaceSid: workspace.sid as string, workflowSid: workflow.sid as string, available, workerSids };
}

/** Runs the soak; never throws for a failed check (the report says), only for a broken harness. */
export async function runSoak(config: SoakConfig): Promise<SoakReport> {
  const log = config.log ?? (() => {});
  const started = Date.now();
  const deadline = started + config.timeoutMs;
  const random = new Random(config.seed);
  const dir = mkdtempSync(join(tmpdir(), 'taskrouter-soak-'));
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const server = new ServerProcess({ db: join(dir, 'soak.db'), accountSid, authToken });
  await server.start();
  const proxy = new ChaosProxy(server.port);
  await proxy.start();
  const direct = new RestClient(() => server.url, accountSid, authToken);
  const viaProxy = new RestClient(() => proxy.url, accountSid, authToken, 5000);
  const agents: Agent[] = [];
  let chaos: ReturnType<typeof setTimeout> | undefined;
  let chaosOn = false;
  let failure: string | undefined;
  let producer: ProducerResult = { sids: new Map(), acknowledged: new Set(), recovered: 0, failures: 0 };
  let counts: AuditCounts | undefined;
  try {
    const setup = await buildWorkspace(direct, config.workers);
    log(`server ${server.url}, proxy ${proxy.url}, workspace ${setup.workspaceSid}, ${config.workers} workers`);
    for (const workerSid of setup.workerSids) {
      agents.push(new Agent({
        workerSid,
        bridgeUrl: proxy.url,
        tokenUrl: `${proxy.url}/dev/tokens/worker?workerSid=${workerSid}&workspaceSid=${setup.workspaceSid}&ttl=${config.tokenTtl}`,
        availableActivitySid: setup.available,
        random,
        handleMs: [10, 150],
        // Half the clients refresh early, half at the last moment: under load some of those run past expiry.
        tokenRefreshLead: agents.length % 2 === 0 ? Math.floor((config.tokenTtl * 1000) / 3) : 150,
      }));
    }
    await Promise.all(agents.map((agent) => agent.connect()));
    log(`${agents.length} agents connected in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Chaos: cut a few websockets (and now and then an HTTP connection) every so often.
    chaosOn = true;
    const scheduleChaos = () => {
      chaos = setTimeout(() => {
        if (!chaosOn) return;
        proxy.drop(random, 'websocket', random.int(1, 3));
        if (random.chance(0.5)) proxy.drop(random, 'http', random.int(1, 2));
        scheduleChaos();
      }, random.int(...config.dropEveryMs));
    };
    scheduleChaos();

    // The one SIGKILL, once enough tasks are in, while the producer keeps going.
    const killAfter = config.killAt === null ? Infinity : Math.floor(config.tasks * config.killAt);
    let killed: Promise<void> | undefined;
    const restart = async () => {
      log(`SIGKILL the server at ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await server.kill();
      proxy.cutAll();
      await sleep(1000);
      await server.start();
      proxy.retarget(server.port);
      log(`server restarted on the same database and port ${server.port}`);
    };
    const run = hex(4);
    producer = await produce({
      rest: viaProxy,
      workspaceSid: setup.workspaceSid,
      workflowSid: setup.workflowSid,
      run,
      count: config.tasks,
      rate: config.rate,
      deadline,
      attributes: (n) => ({ name: `Customer ${n} <img src=x onerror=alert(1)>`, topic: n % 7 === 0 ? 'billing' : 'support' }),
      progress: (settled) => {
        if (settled === killAfter) {
          killed = restart();
          // Awaited below; a failure must not count as unhandled meanwhile.
          killed.catch(() => {});
        }
        if (settled % 250 === 0) log(`${settled} tasks created`);
      },
    });
    await killed;
    log(`all ${config.tasks} tasks created at ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for the agents`);
    await waitFor(async () => {
      const stats = await direct.call('GET', `/Workspaces/${setup.workspaceSid}/RealTimeStatistics`);
      return stats.total_tasks === 0;
    }, deadline, 'every task to leave the active states');
    chaosOn = false;
    clearTimeout(chaos);
    // Let the last events arrive and the agents finish their calls.
    await waitFor(() => agents.every((agent) => agent.busy === 0 && agent.client.state.connection === 'connected'), deadline, 'the agents to settle');
    await sleep(1500);
    counts = await audit({ rest: direct, workspaceSid: setup.workspaceSid, run, target: config.tasks, producer, agents });
  } catch (error) {
    failure = (error as Error).message;
  } finally {
    chaosOn = false;
    clearTimeout(chaos);
    for (const agent of agents) agent.stop();
    await proxy.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const empty: AuditCounts = {
    target: config.tasks, created: 0, completed: 0, completedOnce: 0, duplicateTasks: 0, duplicateCompletions: 0, duplicateEvents: 0,
    lostChanges: 0, unfinishedTasks: 0, mismatches: 0, endedUnseen: 0, reservations: 0, timedOut: 0,
    acknowledged: { tasks: 0, accepts: 0, completions: 0 }, problems: [],
  };
  const result = counts ?? empty;
  const restarts = server.kills;
  const judged =
    result.created === config.tasks &&
    result.completed === config.tasks &&
    result.completedOnce === config.tasks &&
    result.duplicateTasks + result.duplicateCompletions + result.duplicateEvents === 0 &&
    result.lostChanges + result.unfinishedTasks === 0 &&
    result.mismatches === 0 &&
    restarts === (config.killAt === null ? 0 : 1);
  return {
    ...result,
    seconds: (Date.now() - started) / 1000,
    socketDrops: { ...proxy.dropped },
    tokenRefreshes: agents.reduce((sum, agent) => sum + Math.max(0, agent.tokenFetches - 1), 0),
    tokenFetchFailures: agents.reduce((sum, agent) => sum + agent.tokenFailures, 0),
    tokensExpired: agents.reduce((sum, agent) => sum + agent.expiredBeforeRefresh, 0),
    restarts,
    producer: { recovered: producer.recovered, failures: producer.failures },
    agentRetries: agents.reduce((sum, agent) => sum + agent.retries, 0),
    activityRestores: agents.reduce((sum, agent) => sum + agent.activityRestores, 0),
    passed: !failure && judged,
    ...(failure ? { failure } : judged ? {} : { failure: 'a judged count is off (see the figures)' }),
  };
}

/** The report as the lines `npm run soak` prints. */
export function formatReport(report: SoakReport): string {
  const lines = [
    `soak: ${report.passed ? 'PASSED' : 'FAILED'} in ${report.seconds.toFixed(1)} s`,
    `  tasks created ${report.created} / ${report.target}, completed ${report.completed}, completed exactly once ${report.completedOnce}`,
    `  duplicates ${report.duplicateTasks + report.duplicateCompletions + report.duplicateEvents}` +
      ` (tasks ${report.duplicateTasks}, completions ${report.duplicateCompletions}, reservation events ${report.duplicateEvents})`,
    `  lost ${report.lostChanges + report.unfinishedTasks} (acknowledged changes ${report.lostChanges}, unfinished tasks ${report.unfinishedTasks})`,
    `  mismatches ${report.mismatches} (of ${report.reservations} reservations; ${report.endedUnseen} ended unseen while their worker was away, ${report.timedOut} timed out)`,
    `  acknowledged: ${report.acknowledged.tasks} task creates (+${report.producer.recovered} recovered after a lost answer), ` +
      `${report.acknowledged.accepts} accepts, ${report.acknowledged.completions} completions`,
    `  survived: ${report.socketDrops.websocket + report.socketDrops.http} socket drops (${report.socketDrops.websocket} websocket, ` +
      `${report.socketDrops.http} http), ${report.tokenRefreshes} token refreshes (${report.tokensExpired} after the token had expired, ` +
      `${report.tokenFetchFailures} failed fetches retried), ` +
      `${report.restarts} restart${report.restarts === 1 ? '' : 's'} after SIGKILL`,
    `  client retries resolved from server state: ${report.agentRetries}; producer failures ${report.producer.failures}; activity restores ${report.activityRestores}`,
  ];
  if (report.failure) lines.push(`  failure: ${report.failure}`);
  for (const problem of report.problems) lines.push(`  problem: ${problem}`);
  return lines.join('\n');
}
