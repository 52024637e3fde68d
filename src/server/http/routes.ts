/**
 * The REST route table: every TaskRouter v1 resource and statistics endpoint the
 * engine serves (protocol.md §4–5), each a PascalCase parameter list mapped to one
 * engine call. Parameter types and ranges are the engine's to check.
 */
import type { Engine } from '../engine/index.js';
import type { ReadOptions, WriteOptions } from '../engine/types.js';
import type { ResourceKind } from './decorate.js';
import { ignoredParams, params, type ParamSpec } from './params.js';
import type { RouteContext, RouteDef } from './route-table.js';

const PAGING = params('Page', 'PageSize', 'PageToken');
const WS = '/Workspaces/:workspace_sid';

/** The calls every workspace collection service offers; inputs are checked by the engine. */
interface CollectionService {
  list(workspaceSid: string, filters: never, options: ReadOptions): unknown;
  create(workspaceSid: string, params: never, options: WriteOptions): unknown;
  get(workspaceSid: string, sid: string, options: ReadOptions): unknown;
  update(workspaceSid: string, sid: string, params: never, options: WriteOptions): unknown;
  delete(workspaceSid: string, sid: string, options: WriteOptions): void;
}

interface Collection {
  /** Path segment under the workspace, e.g. `Workers`. */
  segment: string;
  resource: ResourceKind;
  /** List key, e.g. `workers`. */
  key: string;
  service(engine: Engine): CollectionService;
  filters: ParamSpec[];
  create: ParamSpec[];
  update: ParamSpec[];
}

/** list, create, fetch, update and delete of one workspace collection. */
function collectionRoutes(collection: Collection): RouteDef[] {
  const base = `${WS}/${collection.segment}`;
  const item = { kind: 'item', resource: collection.resource } as const;
  const service = (context: RouteContext) => collection.service(context.engine);
  return [
    {
      method: 'GET', url: base, accepts: [...collection.filters, ...PAGING],
      render: { kind: 'list', key: collection.key, resource: collection.resource },
      run: (c) => service(c).list(c.path.workspace_sid!, c.input as never, c.caller),
    },
    {
      method: 'POST', url: base, accepts: collection.create, render: item, status: 201,
      run: (c) => service(c).create(c.path.workspace_sid!, c.input as never, c.caller),
    },
    { method: 'GET', url: `${base}/:sid`, accepts: [], render: item, run: (c) => service(c).get(c.path.workspace_sid!, c.path.sid!, c.caller) },
    {
      method: 'POST', url: `${base}/:sid`, accepts: collection.update, render: item,
      run: (c) => service(c).update(c.path.workspace_sid!, c.path.sid!, c.input as never, c.caller),
    },
    {
      method: 'DELETE', url: `${base}/:sid`, accepts: [], render: { kind: 'empty' },
      run: (c) => service(c).delete(c.path.workspace_sid!, c.path.sid!, c.caller),
    },
  ];
}

const WORKSPACE_PARAMS = params('FriendlyName', 'EventCallbackUrl', 'EventsFilter', 'MultiTaskEnabled', 'PrioritizeQueueOrder');

const QUEUE_PARAMS = params(
  'FriendlyName', 'TargetWorkers', 'MaxReservedWorkers', 'TaskOrder', 'ReservationActivitySid', 'AssignmentActivitySid',
);

const WORKFLOW_PARAMS = params(
  'FriendlyName', 'Configuration', 'AssignmentCallbackUrl', 'FallbackAssignmentCallbackUrl', 'TaskReservationTimeout',
);

/** Reservation update: status changes and the telephony instructions the v1 SDK and the REST API send (§2.3, §4). */
const RESERVATION_UPDATE = params(
  'ReservationStatus', 'WorkerActivitySid', 'Instruction',
  'DequeueFrom', 'DequeuePostWorkActivitySid', 'DequeueRecord', 'DequeueTimeout', 'DequeueStatusCallbackUrl',
  'DequeueStatusCallbackEvent*', 'DequeueTo',
  'CallFrom', 'CallUrl', 'CallStatusCallbackUrl', 'CallAccept', 'CallRecord', 'CallTo', 'CallTimeout',
  'RedirectCallSid', 'RedirectUrl', 'RedirectAccept',
  'To', 'From', 'Timeout', 'Record', 'Muted', 'Beep', 'StartConferenceOnEnter', 'EndConferenceOnExit', 'WaitUrl',
  'WaitMethod', 'EarlyMedia', 'MaxParticipants', 'ConferenceStatusCallback', 'ConferenceStatusCallbackMethod',
  'ConferenceStatusCallbackEvent*', 'ConferenceRecord', 'ConferenceTrim', 'RecordingChannels', 'RecordingStatusCallback',
  'RecordingStatusCallbackMethod', 'ConferenceRecordingStatusCallback', 'ConferenceRecordingStatusCallbackMethod',
  'Region', 'SipAuthUsername', 'SipAuthPassword', 'PostWorkActivitySid', 'EndConferenceOnCustomerExit',
  'BeepOnCustomerEntrance', 'JitterBufferSize', 'StatusCallback', 'StatusCallbackMethod', 'StatusCallbackEvent*',
  'SupervisorMode', 'Supervisor',
);

// Workers' statistics count reservations and activity time, not waits, so TaskRouter splits nothing by wait time there.
const WORKER_STATISTICS_QUERY = params('Minutes', 'StartDate', 'EndDate', 'TaskChannel');
const STATISTICS_QUERY = [...WORKER_STATISTICS_QUERY, ...params('SplitByWaitTime')];
// A real-time snapshot has no window. TaskRouter.js v1's pages pass `Minutes` to realtimeStats as well
// (seeds/001), and TaskRouter ignores it there, so the window parameters are accepted and left unused.
const REALTIME_QUERY = [...params('TaskChannel'), ...ignoredParams('Minutes', 'StartDate', 'EndDate', 'SplitByWaitTime')];
const statistics = { kind: 'statistics' } as const;

/** Statistics, realtime and cumulative endpoints of one resource. */
function statisticsRoutes(
  base: string,
  calls: {
    statistics(c: RouteContext): unknown;
    realtime?(c: RouteContext): unknown;
    cumulative?(c: RouteContext): unknown;
  },
  query: ParamSpec[] = STATISTICS_QUERY,
  extraFilters: ParamSpec[] = [],
): RouteDef[] {
  const routes: RouteDef[] = [
    { method: 'GET', url: `${base}/Statistics`, accepts: [...query, ...extraFilters], render: statistics, run: calls.statistics },
  ];
  if (calls.realtime) {
    routes.push({ method: 'GET', url: `${base}/RealTimeStatistics`, accepts: [...REALTIME_QUERY, ...extraFilters], render: statistics, run: calls.realtime });
  }
  if (calls.cumulative) {
    routes.push({ method: 'GET', url: `${base}/CumulativeStatistics`, accepts: [...query, ...extraFilters], render: statistics, run: calls.cumulative });
  }
  return routes;
}

function reservationRoutes(parent: 'Tasks' | 'Workers'): RouteDef[] {
  const base = `${WS}/${parent}/:parent_sid/Reservations`;
  const resource = parent === 'Tasks' ? 'task_reservation' : 'worker_reservation';
  const render = { kind: 'item', resource } as const;
  const forTask = parent === 'Tasks';
  return [
    {
      method: 'GET', url: base, accepts: [...params('ReservationStatus', ...(forTask ? ['WorkerSid'] : [])), ...PAGING],
      render: { kind: 'list', key: 'reservations', resource },
      run: (c) => forTask
        ? c.engine.reservations.listForTask(c.path.workspace_sid!, c.path.parent_sid!, c.input, c.caller)
        : c.engine.reservations.listForWorker(c.path.workspace_sid!, c.path.parent_sid!, c.input),
    },
    {
      method: 'GET', url: `${base}/:sid`, accepts: [], render,
      run: (c) => forTask
        ? c.engine.reservations.getForTask(c.path.workspace_sid!, c.path.parent_sid!, c.path.sid!, c.caller)
        : c.engine.reservations.getForWorker(c.path.workspace_sid!, c.path.parent_sid!, c.path.sid!),
    },
    {
      method: 'POST', url: `${base}/:sid`, accepts: RESERVATION_UPDATE, render,
      run: (c) => forTask
        ? c.engine.reservations.updateForTask(c.path.workspace_sid!, c.path.parent_sid!, c.path.sid!, c.input as never, c.caller)
        : c.engine.reservations.updateForWorker(c.path.workspace_sid!, c.path.parent_sid!, c.path.sid!, c.input as never, c.caller),
    },
  ];
}

/** Every REST route, paths under `/v1`. */
export const ROUTES: readonly RouteDef[] = [
  // Workspaces (account scope)
  {
    method: 'GET', url: '/Workspaces', accepts: [...params('FriendlyName'), ...PAGING],
    render: { kind: 'list', key: 'workspaces', resource: 'workspace' },
    run: (c) => c.engine.workspaces.list(c.accountSid, c.input),
  },
  {
    method: 'POST', url: '/Workspaces', accepts: [...WORKSPACE_PARAMS, ...params('Template')],
    render: { kind: 'item', resource: 'workspace' }, status: 201,
    run: (c) => c.engine.workspaces.create(c.accountSid, c.input as never),
  },
  { method: 'GET', url: WS, accepts: [], render: { kind: 'item', resource: 'workspace' }, run: (c) => c.engine.workspaces.get(c.accountSid, c.path.workspace_sid!) },
  {
    method: 'POST', url: WS, accepts: [...WORKSPACE_PARAMS, ...params('DefaultActivitySid', 'TimeoutActivitySid')],
    render: { kind: 'item', resource: 'workspace' },
    run: (c) => c.engine.workspaces.update(c.accountSid, c.path.workspace_sid!, c.input, c.caller),
  },
  {
    method: 'DELETE', url: WS, accepts: [], render: { kind: 'empty' },
    run: (c) => c.engine.workspaces.delete(c.accountSid, c.path.workspace_sid!, c.caller),
  },
  ...statisticsRoutes(WS, {
    statistics: (c) => c.engine.statistics.workspace(c.path.workspace_sid!, c.input),
    realtime: (c) => c.engine.statistics.workspaceRealtime(c.path.workspace_sid!, c.input),
    cumulative: (c) => c.engine.statistics.workspaceCumulative(c.path.workspace_sid!, c.input),
  }),

  ...collectionRoutes({
    segment: 'Activities', resource: 'activity', key: 'activities', service: (e) => e.activities,
    filters: params('FriendlyName', 'Available'),
    create: params('FriendlyName', 'Available'),
    update: params('FriendlyName'),
  }),
  ...collectionRoutes({
    segment: 'TaskChannels', resource: 'task_channel', key: 'channels', service: (e) => e.taskChannels,
    filters: [],
    create: params('FriendlyName', 'UniqueName', 'ChannelOptimizedRouting'),
    update: params('FriendlyName', 'ChannelOptimizedRouting'),
  }),

  // Workers; the static statistics paths win over `/Workers/:sid` in the router.
  ...statisticsRoutes(`${WS}/Workers`, {
    statistics: (c) => c.engine.statistics.workers(c.path.workspace_sid!, c.input),
    realtime: (c) => c.engine.statistics.workersRealtime(c.path.workspace_sid!, c.input),
    cumulative: (c) => c.engine.statistics.workersCumulative(c.path.workspace_sid!, c.input),
  }, WORKER_STATISTICS_QUERY, params('TaskQueueSid', 'TaskQueueName', 'FriendlyName')),
  ...collectionRoutes({
    segment: 'Workers', resource: 'worker', key: 'workers', service: (e) => e.workers,
    filters: params(
      'ActivityName', 'ActivitySid', 'Available', 'FriendlyName', 'TargetWorkersExpression', 'TaskQueueName', 'TaskQueueSid', 'Ordering',
    ),
    create: params('FriendlyName', 'ActivitySid', 'Attributes'),
    update: params('FriendlyName', 'ActivitySid', 'Attributes', 'RejectPendingReservations'),
  }),
  ...statisticsRoutes(`${WS}/Workers/:sid`, {
    statistics: (c) => c.engine.statistics.worker(c.path.workspace_sid!, c.path.sid!, c.input),
  }, WORKER_STATISTICS_QUERY),
  {
    method: 'GET', url: `${WS}/Workers/:worker_sid/Channels`, accepts: PAGING,
    render: { kind: 'list', key: 'channels', resource: 'worker_channel' },
    run: (c) => c.engine.workerChannels.list(c.path.workspace_sid!, c.path.worker_sid!, c.input),
  },
  {
    method: 'GET', url: `${WS}/Workers/:worker_sid/Channels/:sid`, accepts: [], render: { kind: 'item', resource: 'worker_channel' },
    run: (c) => c.engine.workerChannels.get(c.path.workspace_sid!, c.path.worker_sid!, c.path.sid!),
  },
  {
    method: 'POST', url: `${WS}/Workers/:worker_sid/Channels/:sid`, accepts: params('Capacity', 'Available'),
    render: { kind: 'item', resource: 'worker_channel' },
    run: (c) => c.engine.workerChannels.update(c.path.workspace_sid!, c.path.worker_sid!, c.path.sid!, c.input, c.caller),
  },
  ...reservationRoutes('Workers'),

  // Task queues: per-queue statistics lists (the v1 SDK's taskqueues.statistics / realtimeStats / cumulativeStats)
  ...(['Statistics', 'RealTimeStatistics', 'CumulativeStatistics'] as const).map((segment): RouteDef => ({
    method: 'GET', url: `${WS}/TaskQueues/${segment}`,
    accepts: [...(segment === 'RealTimeStatistics' ? REALTIME_QUERY : STATISTICS_QUERY), ...params('FriendlyName'), ...PAGING],
    render: { kind: 'statistics-list', key: 'task_queues_statistics' },
    run: (c) => {
      const page = c.engine.statistics.taskQueues(c.path.workspace_sid!, c.input);
      if (segment === 'Statistics') return page;
      return { ...page, items: page.items.map((item) => (segment === 'RealTimeStatistics' ? item.realtime : item.cumulative)) };
    },
  })),
  {
    // Bulk realtime statistics of up to 50 queues (§5).
    method: 'POST', url: `${WS}/TaskQueues/RealTimeStatistics`, accepts: params('QueueSids[]', 'TaskChannel'), render: statistics,
    json: { arrayOf: 'QueueSids' },
    run: (c) => c.engine.statistics.taskQueuesRealtime(c.path.workspace_sid!, (c.input.queue_sids ?? []) as string[], c.input),
  },
  ...collectionRoutes({
    segment: 'TaskQueues', resource: 'task_queue', key: 'task_queues', service: (e) => e.taskQueues,
    filters: params('FriendlyName', 'EvaluateWorkerAttributes', 'WorkerSid', 'Ordering'),
    create: QUEUE_PARAMS,
    update: QUEUE_PARAMS,
  }),
  ...statisticsRoutes(`${WS}/TaskQueues/:sid`, {
    statistics: (c) => c.engine.statistics.taskQueue(c.path.workspace_sid!, c.path.sid!, c.input),
    realtime: (c) => c.engine.statistics.taskQueueRealtime(c.path.workspace_sid!, c.path.sid!, c.input),
    cumulative: (c) => c.engine.statistics.taskQueueCumulative(c.path.workspace_sid!, c.path.sid!, c.input),
  }),

  // Workflows
  ...collectionRoutes({
    segment: 'Workflows', resource: 'workflow', key: 'workflows', service: (e) => e.workflows,
    filters: params('FriendlyName'),
    create: WORKFLOW_PARAMS,
    update: [...WORKFLOW_PARAMS, ...params('ReEvaluateTasks')],
  }),
  ...statisticsRoutes(`${WS}/Workflows/:sid`, {
    statistics: (c) => c.engine.statistics.workflow(c.path.workspace_sid!, c.path.sid!, c.input),
    realtime: (c) => c.engine.statistics.workflowRealtime(c.path.workspace_sid!, c.path.sid!, c.input),
    cumulative: (c) => c.engine.statistics.workflowCumulative(c.path.workspace_sid!, c.path.sid!, c.input),
  }),

  // Tasks
  ...collectionRoutes({
    segment: 'Tasks', resource: 'task', key: 'tasks', service: (e) => e.tasks,
    filters: params(
      'Priority', 'AssignmentStatus[]', 'WorkflowSid', 'WorkflowName', 'TaskQueueSid', 'TaskQueueName', 'EvaluateTaskAttributes',
      'RoutingTarget', 'Ordering', 'HasAddons',
    ),
    create: params(
      'Attributes', 'WorkflowSid', 'TaskQueueSid', 'TaskChannel', 'Priority', 'Timeout', 'VirtualStartTime', 'RoutingTarget', 'IgnoreCapacity',
    ),
    update: params('Attributes', 'AssignmentStatus', 'Reason', 'Priority', 'TaskChannel', 'VirtualStartTime'),
  }),
  ...reservationRoutes('Tasks'),

  // Events
  {
    method: 'GET', url: `${WS}/Events`,
    accepts: [
      ...params(
        'EventType', 'Minutes', 'StartDate', 'EndDate', 'ReservationSid', 'TaskQueueSid', 'TaskSid', 'WorkerSid', 'WorkflowSid', 'TaskChannel', 'Sid',
      ),
      ...PAGING,
    ],
    render: { kind: 'list', key: 'events', resource: 'event' },
    run: (c) => c.engine.events.list(c.path.workspace_sid!, c.input),
  },
  {
    method: 'GET', url: `${WS}/Events/:sid`, accepts: [], render: { kind: 'item', resource: 'event' },
    run: (c) => c.engine.events.get(c.path.workspace_sid!, c.path.sid!),
  },
];
