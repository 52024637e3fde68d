/**
 * The demo workspace `taskrouter-kit serve --seed demo` creates on first start:
 * activities, skill- and language-based queues, a workflow with filters, targets and a
 * timeout escalation, five workers, and chat channels ready for multitasking.
 */
import type { Engine } from './engine/index.js';

/** Friendly name of the demo workspace; seeding is skipped when the account has one. */
export const DEMO_WORKSPACE_NAME = 'taskrouter-kit demo';

/** SIDs of what the demo seed created, by friendly name. */
export interface DemoWorkspace {
  workspaceSid: string;
  workflowSid: string;
  activities: Record<string, string>;
  queues: Record<string, string>;
  workers: Record<string, string>;
}

const EXTRA_ACTIVITIES = [
  { friendly_name: 'Break', available: false },
  { friendly_name: 'WrapUp', available: false },
];

const QUEUES = [
  { friendly_name: 'Sales', target_workers: "skills HAS 'sales'" },
  { friendly_name: 'Support English', target_workers: "skills HAS 'support' AND languages HAS 'en'" },
  { friendly_name: 'Support Spanish', target_workers: "skills HAS 'support' AND languages HAS 'es'" },
  { friendly_name: 'Escalations', target_workers: 'level >= 2', max_reserved_workers: 2 },
  { friendly_name: 'Everyone', target_workers: '1==1' },
];

const WORKERS = [
  { friendly_name: 'Alice', activity: 'Available', chat: 3, attributes: { skills: ['sales', 'support'], languages: ['en'], level: 2, contact_uri: 'client:alice' } },
  { friendly_name: 'Bob', activity: 'Available', chat: 2, attributes: { skills: ['support'], languages: ['en', 'es'], level: 1, contact_uri: 'client:bob' } },
  { friendly_name: 'Carmen', activity: 'Offline', chat: 2, attributes: { skills: ['support'], languages: ['es'], level: 3, contact_uri: 'client:carmen' } },
  { friendly_name: 'Dmitri', activity: 'Offline', chat: 1, attributes: { skills: ['sales'], languages: ['en', 'ru'], level: 1, contact_uri: 'client:dmitri' } },
  { friendly_name: 'Emma', activity: 'Break', chat: 3, attributes: { skills: ['sales', 'support'], languages: ['en', 'fr'], level: 2, contact_uri: 'client:emma' } },
];

function workflowConfiguration(queues: Record<string, string>) {
  return {
    task_routing: {
      filters: [
        {
          filter_friendly_name: 'Sales',
          expression: "type == 'sales'",
          targets: [
            { queue: queues.Sales, timeout: 60 },
            { queue: queues.Everyone, priority: 5 },
          ],
        },
        {
          filter_friendly_name: 'Spanish support',
          expression: "type == 'support' AND language == 'es'",
          targets: [
            { queue: queues['Support Spanish'], timeout: 120 },
            { queue: queues.Escalations, expression: 'worker.level >= 2', priority: 10 },
          ],
        },
        {
          filter_friendly_name: 'Support',
          expression: "type == 'support'",
          targets: [
            { queue: queues['Support English'], timeout: 120 },
            { queue: queues.Escalations, priority: 10 },
          ],
        },
      ],
      default_filter: { queue: queues.Everyone },
    },
  };
}

/** The account's demo workspace, if it has one. */
export function findDemoWorkspace(engine: Engine, accountSid: string): string | undefined {
  return engine.workspaces.list(accountSid, { friendly_name: DEMO_WORKSPACE_NAME }).items[0]?.sid;
}

/** Creates the demo workspace in `accountSid` and returns its SIDs. */
export function seedDemoWorkspace(engine: Engine, accountSid: string): DemoWorkspace {
  const workspace = engine.workspaces.create(accountSid, { friendly_name: DEMO_WORKSPACE_NAME, multi_task_enabled: true });
  const ws = workspace.sid;
  for (const activity of EXTRA_ACTIVITIES) engine.activities.create(ws, activity);
  const activities = Object.fromEntries(engine.activities.list(ws, { page_size: 1000 }).items.map((a) => [a.friendly_name, a.sid]));

  const queues: Record<string, string> = {};
  for (const queue of QUEUES) queues[queue.friendly_name] = engine.taskQueues.create(ws, queue).sid;

  const workflow = engine.workflows.create(ws, {
    friendly_name: 'Demo routing',
    configuration: workflowConfiguration(queues),
    task_reservation_timeout: 60,
  });

  const workers: Record<string, string> = {};
  for (const { friendly_name, activity, chat, attributes } of WORKERS) {
    const worker = engine.workers.create(ws, { friendly_name, attributes, activity_sid: activities.Offline });
    engine.workerChannels.update(ws, worker.sid, 'chat', { capacity: chat, available: true });
    engine.workers.update(ws, worker.sid, { activity_sid: activities[activity] });
    workers[friendly_name] = worker.sid;
  }
  return { workspaceSid: ws, workflowSid: workflow.sid, activities, queues, workers };
}
