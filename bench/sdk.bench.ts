// SDK benchmark against the local server on loopback:
// 1. new Worker(token) → ready, against a raw client doing the same protocol work by hand
//    (open the websocket, POST the ready request);
// 2. a reservation's creation in the engine → the SDK's reservation.created, against a raw
//    websocket on the same worker channel receiving the same event, in the same run;
// 3. TaskRouterClient's statistics refresh of 500 queues (one paged list request), against one
//    statistics request per queue, in the same run.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { Statistics, TaskRouterClient, Worker, type Reservation } from '../src/sdk/index.js';
import { CORE } from '../src/sdk/resource.js';
import { Fixture, NodeWebSocket } from '../test/sdk/helpers.js';

const READY_RUNS = 40;
const RESERVATION_RUNS = 40;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Times `a` and `b` alternately `runs` times after `warmup` rounds (JIT, keep-alive connections), so drift hits both alike. */
async function alternate(a: () => Promise<number>, b: () => Promise<number>, runs: number, warmup: number): Promise<[number[], number[]]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    times[0].push(await a());
    times[1].push(await b());
  }
  return times;
}

const fx = await Fixture.start({ workers: 1 });
const token = fx.workerToken();
const options = { eventBridgeUrl: fx.url, WebSocket: NodeWebSocket, debug: false };
const channelUrl = `${fx.url}/v1/wschannels/${fx.server.accountSid}/${fx.workers[0]}`;

/** The raw baseline of `ready`: a websocket opened, then the ready request posted, by hand. */
async function rawReady(): Promise<number> {
  const start = performance.now();
  const ws = new WebSocket(`${channelUrl.replace('http', 'ws')}?token=${token}&closeExistingSessions=false`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const url = `https://taskrouter.twilio.com/v1/Workspaces/${fx.workspaceSid}/Workers/${fx.workers[0]}`;
  const response = await fetch(channelUrl, { method: 'POST', body: JSON.stringify({ url, method: 'GET', token, event_type: 'ready' }) });
  await response.json();
  const elapsed = performance.now() - start;
  ws.close();
  return elapsed;
}

async function sdkReady(): Promise<number> {
  const start = performance.now();
  const worker = new Worker(token, options);
  await new Promise((resolve) => worker.once('ready', resolve));
  const elapsed = performance.now() - start;
  worker.disconnect();
  return elapsed;
}

const [raw, sdk] = await alternate(rawReady, sdkReady, READY_RUNS, 5);
console.log(`new Worker(token) → ready: median ${ms(median(sdk))} over ${READY_RUNS} runs`);
console.log(`  baseline (raw websocket open + ready POST): median ${ms(median(raw))}`);
console.log(`  ratio sdk / raw: ${(median(sdk) / median(raw)).toFixed(2)}`);

// Reservation latency: the engine's event → a raw socket's frame, and → the SDK's reservation.created.
const worker = new Worker(token, options);
await new Promise((resolve) => worker.once('ready', resolve));
const rawSocket = new WebSocket(`${channelUrl.replace('http', 'ws')}?token=${token}&closeExistingSessions=false`);
await new Promise((resolve) => rawSocket.once('open', resolve));

let engineAt = 0;
let rawAt = 0;
fx.server.engine.subscribe((event: { event_type: string }) => {
  if (event.event_type === 'reservation.created') engineAt = performance.now();
});
rawSocket.on('message', (data) => {
  if (String(data).includes('"reservation.created"')) rawAt = performance.now();
});

const sdkLatency: number[] = [];
const rawLatency: number[] = [];
for (let i = 0; i < RESERVATION_RUNS + 5; i++) {
  // Timed in the listener: the event may arrive before the task's own HTTP response does.
  const created = new Promise<[Reservation, number]>((resolve) =>
    worker.once('reservation.created', (reservation) => resolve([reservation, performance.now()])),
  );
  await fx.task({ run: i });
  const [reservation, sdkAt] = await created;
  if (i >= 5) {
    sdkLatency.push(sdkAt - engineAt);
    rawLatency.push(rawAt - engineAt);
  }
  await reservation.accept();
  await reservation.task.complete();
}
console.log(`engine reservation → SDK reservation.created: median ${ms(median(sdkLatency))} over ${RESERVATION_RUNS} reservations`);
console.log(`  baseline (raw websocket frame on the same channel): median ${ms(median(rawLatency))}`);
console.log(`  ratio sdk / raw: ${(median(sdkLatency) / Math.max(median(rawLatency), 0.001)).toFixed(2)}`);
console.log('  (the SDK parses the frame, builds the Reservation and its Task, and queues the event behind earlier ones of its reservation;');
console.log('   the server writes to the two sockets in turn, so a ratio near 1 means that work is lost in the delivery\'s own spread)');

rawSocket.close();
worker.disconnect();

// Statistics of many queues: TaskRouterClient's refresh against one request per queue.
const QUEUES = 500;
const STATISTICS_RUNS = 20;
for (let i = 1; i < QUEUES; i++) await fx.api('POST', 'TaskQueues', { FriendlyName: `Bench queue ${i}`, TargetWorkers: '1==1' });
const client = new TaskRouterClient({ workspaceToken: async () => fx.workspaceToken(), eventBridgeUrl: fx.url, WebSocket: NodeWebSocket, statisticsInterval: 3_600_000 });
client.watchQueues(null);
await client.connect();
while (client.state.queues.length < QUEUES) await new Promise((resolve) => setTimeout(resolve, 50));
const core = client.workspace![CORE];
const perQueue = async () => {
  const start = performance.now();
  await Promise.all(client.state.queues.map((q) => new Statistics(core, `${core.workspaceUrl}/TaskQueues/${q.sid}/Statistics`).fetch({ Minutes: 60 })));
  return performance.now() - start;
};
const listed = async () => {
  const start = performance.now();
  await client.refreshStatistics();
  return performance.now() - start;
};
const [perQueueTimes, listedTimes] = await alternate(perQueue, listed, STATISTICS_RUNS, 1);
console.log(`statistics of ${QUEUES} queues, TaskRouterClient.refreshStatistics(): median ${ms(median(listedTimes))} over ${STATISTICS_RUNS} refreshes (1 request)`);
console.log(`  baseline (one statistics request per queue, ${QUEUES} requests): median ${ms(median(perQueueTimes))}`);
console.log(`  ratio per-queue / client: ${(median(perQueueTimes) / median(listedTimes)).toFixed(1)}x`);
client.disconnect();
await fx.close();
