/**
 * The soak's verdict: what the server holds at the end, compared with what the producer
 * and the agents were told and saw.
 */
import type { Agent } from './agent.js';
import type { ProducerResult } from './producer.js';
import type { Json, RestClient } from './rest.js';

/** The figures the soak prints and judges. */
export interface AuditCounts {
  /** Tasks the soak set out to create. */
  target: number;
  /** Tasks of this run on the server. */
  created: number;
  /** …of which completed. */
  completed: number;
  /** Tasks completed exactly once: one task.completed event and one agent that completed it. */
  completedOnce: number;
  /** Extra copies of a task (same number), extra task.completed events, tasks more than one agent completed. */
  duplicateTasks: number;
  duplicateCompletions: number;
  /** Reservation events a client saw more than once (Worker events and TaskRouterClient events). */
  duplicateEvents: number;
  /** Acknowledged changes the server does not hold, and tasks that were never completed. */
  lostChanges: number;
  unfinishedTasks: number;
  /** Reservations whose final status differs between server and client. */
  mismatches: number;
  /** Reservations that ended while their worker was away and it never heard of (not a mismatch: nothing to agree on). */
  endedUnseen: number;
  reservations: number;
  timedOut: number;
  acknowledged: { tasks: number; accepts: number; completions: number };
  /** Problems found, one line each (at most 20 kept). */
  problems: string[];
}

const ENDED = new Set(['timeout', 'canceled', 'rescinded', 'rejected']);

function duplicatesIn(map: Map<string, number>): number {
  let extra = 0;
  for (const count of map.values()) extra += Math.max(0, count - 1);
  return extra;
}

/** Audits a finished soak run against the server (reached directly, not through the proxy). */
export async function audit(options: {
  rest: RestClient;
  workspaceSid: string;
  run: string;
  target: number;
  producer: ProducerResult;
  agents: Agent[];
}): Promise<AuditCounts> {
  const { rest, workspaceSid, run, target, producer, agents } = options;
  const problems: string[] = [];
  const problem = (line: string) => problems.length < 20 && problems.push(line);
  const base = `/Workspaces/${workspaceSid}`;

  const tasks = (await rest.all(`${base}/Tasks`, 'tasks')).filter((task) => JSON.parse(task.attributes as string).soak === run);
  const byNumber = new Map<number, Json[]>();
  for (const task of tasks) {
    const n = JSON.parse(task.attributes as string).n as number;
    byNumber.set(n, [...(byNumber.get(n) ?? []), task]);
  }
  let duplicateTasks = 0;
  for (const [n, copies] of byNumber) {
    if (copies.length > 1) {
      duplicateTasks += copies.length - 1;
      problem(`task ${n} exists ${copies.length} times`);
    }
  }
  const taskBySid = new Map(tasks.map((task) => [task.sid as string, task]));
  const completed = tasks.filter((task) => task.assignment_status === 'completed');
  const unfinished = tasks.filter((task) => task.assignment_status !== 'completed');
  for (const task of unfinished.slice(0, 5)) problem(`task ${task.sid} ended ${task.assignment_status}`);

  // Completions: task.completed events on the server, and which agents completed each task.
  const completedEvents = new Map<string, number>();
  // The whole run (the Events list defaults to the last 15 minutes, as TaskRouter's does).
  for (const event of await rest.all(`${base}/Events`, 'events', { EventType: 'task.completed', Minutes: String(30 * 24 * 60) })) {
    if (taskBySid.has(event.resource_sid)) completedEvents.set(event.resource_sid, (completedEvents.get(event.resource_sid) ?? 0) + 1);
  }
  const completers = new Map<string, number>();
  for (const agent of agents) {
    for (const sid of [...agent.completedAcks.keys(), ...agent.completedConfirmed.keys()]) completers.set(sid, (completers.get(sid) ?? 0) + 1);
  }
  let completedOnce = 0;
  let duplicateCompletions = 0;
  for (const task of completed) {
    const events = completedEvents.get(task.sid) ?? 0;
    const agentsDone = completers.get(task.sid) ?? 0;
    if (events === 1 && agentsDone === 1) completedOnce++;
    else problem(`task ${task.sid}: ${events} task.completed events, completed by ${agentsDone} agents`);
    duplicateCompletions += Math.max(0, events - 1) + Math.max(0, agentsDone - 1);
  }

  // Acknowledged changes.
  let lostChanges = 0;
  for (const sid of producer.acknowledged) {
    if (!taskBySid.has(sid)) {
      lostChanges++;
      problem(`acknowledged task ${sid} is missing`);
    }
  }
  for (let n = 0; n < target; n++) {
    if (!byNumber.has(n)) {
      lostChanges++;
      problem(`task number ${n} was never created`);
    }
  }
  let acceptsAcked = 0;
  let completionsAcked = 0;
  let mismatches = 0;
  let endedUnseen = 0;
  let reservations = 0;
  let timedOut = 0;
  for (const agent of agents) {
    const onServer = await rest.all(`${base}/Workers/${agent.sid}/Reservations`, 'reservations');
    const serverStatus = new Map(onServer.map((r) => [r.sid as string, r.reservation_status as string]));
    reservations += onServer.length;
    timedOut += onServer.filter((r) => r.reservation_status === 'timeout').length;
    for (const sid of agent.acceptedAcks) {
      acceptsAcked++;
      const status = serverStatus.get(sid);
      if (!status || !['accepted', 'wrapping', 'completed'].includes(status)) {
        lostChanges++;
        problem(`acknowledged accept of ${sid} is ${status}`);
      }
    }
    for (const taskSid of agent.completedAcks.keys()) {
      completionsAcked++;
      if (taskBySid.get(taskSid)?.assignment_status !== 'completed') {
        lostChanges++;
        problem(`acknowledged completion of ${taskSid} is ${taskBySid.get(taskSid)?.assignment_status}`);
      }
    }
    // Final states: the server's against the agent's last Worker event and its client state.
    const clientState = new Map(agent.client.state.reservations.map((view) => [view.sid, view.status as string]));
    for (const [sid, status] of serverStatus) {
      const seen = agent.lastStatus.get(sid);
      if (seen === undefined) {
        if (ENDED.has(status)) endedUnseen++;
        else {
          mismatches++;
          problem(`${agent.sid} never heard of reservation ${sid}, which is ${status}`);
        }
        continue;
      }
      const held = clientState.get(sid);
      if (seen !== status || (held !== undefined && held !== status)) {
        mismatches++;
        problem(`reservation ${sid} of ${agent.sid}: server ${status}, worker events ${seen}, client state ${held}`);
      }
    }
    for (const sid of agent.lastStatus.keys()) {
      if (!serverStatus.has(sid)) {
        mismatches++;
        problem(`${agent.sid} saw reservation ${sid}, which the server does not list for it`);
      }
    }
  }
  const duplicateEvents = agents.reduce((sum, agent) => sum + duplicatesIn(agent.workerEvents) + duplicatesIn(agent.clientEvents), 0);
  if (duplicateEvents > 0) {
    for (const agent of agents) {
      for (const [source, map] of [['Worker', agent.workerEvents], ['TaskRouterClient', agent.clientEvents]] as const) {
        for (const [key, count] of map) {
          if (count > 1) problem(`${agent.sid}: ${source} emitted ${key} ${count} times (${agent.history.get(key.split(' ')[0]!)?.join(' ')})`);
        }
      }
    }
  }

  return {
    target,
    created: tasks.length,
    completed: completed.length,
    completedOnce,
    duplicateTasks,
    duplicateCompletions,
    duplicateEvents,
    lostChanges,
    unfinishedTasks: unfinished.length,
    mismatches,
    endedUnseen,
    reservations,
    timedOut,
    acknowledged: { tasks: producer.acknowledged.size, accepts: acceptsAcked, completions: completionsAcked },
    problems,
  };
}
