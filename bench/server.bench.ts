/**
 * Event bridge under load: 2,000 worker websockets on loopback, 200 task assignments a
 * second for a bounded time, each accepted and completed by its worker through the
 * REST proxy, as TaskRouter.js v1 does.
 *
 * Prints event delivery latency (p50 / p99, from the engine call that makes the change
 * to the socket's receipt) and proxied requests per second, with a baseline measured in
 * the same run: the same request sent straight to the public REST API.
 *
 *   node --import tsx bench/server.bench.ts [--workers 2000] [--rate 200] [--seconds 20]
 *
 * Needs about 2 file descriptors per worker (client and server side of each socket) plus
 * HTTP connections: raise `ulimit -n` (e.g. `ulimit -n 8192`) if the check below fails.
 * The server runs in the main thread, the clients in a worker thread (one core each).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

interface ClientSetup {
  url: string;
  accountSid: string;
  workspaceSid: string;
  workers: Array<{ sid: string; token: string }>;
}

type ClientMessage =
  | { kind: 'connected'; count: number; ms: number }
  | { kind: 'received'; at: Array<[string, number]> }
  | { kind: 'proxied'; count: number; errors: number; failures: Record<string, number> }
  | { kind: 'error'; message: string };

/** Absolute high-resolution time in ms, comparable across threads. */
const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    return Number(line?.split(/\s+/)[3]);
  } catch {
    return Number.NaN;
  }
}

// ---------------------------------------------------------------- clients (worker thread)

async function runClients(setup: ClientSetup): Promise<void> {
  const port = parentPort!;
  const base = `https://taskrouter.twilio.com/v1/Workspaces/${setup.workspaceSid}`;
  let proxied = 0;
  let errors = 0;
  const failures: Record<string, number> = {};
  let received: Array<[string, number]> = [];

  const proxy = async (worker: { sid: string; token: string }, url: string, params: Record<string, string>) => {
    const response = await fetch(`${setup.url}/v1/wschannels/${setup.accountSid}/${worker.sid}`, {
      method: 'POST',
      body: JSON.stringify({ url, method: 'POST', params, token: worker.token }),
    });
    const text = await response.text();
    if (response.status === 200) proxied++;
    else {
      errors++;
      const key = `${response.status} ${text.slice(0, 80)}`;
      failures[key] = (failures[key] ?? 0) + 1;
    }
  };

  const started = now();
  const open = (worker: { sid: string; token: string }) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${setup.url.replace('http', 'ws')}/v1/wschannels/${setup.accountSid}/${worker.sid}?token=${worker.token}&closeExistingSessions=false`, {
        perMessageDeflate: false,
      });
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.trim().length === 0) return;
        const frame = JSON.parse(text) as { event_type: string; payload: { sid: string; reservation_sid: string } };
        if (frame.event_type !== 'reservation.created') return;
        received.push([frame.payload.sid, now()]);
        const { sid: taskSid, reservation_sid: reservationSid } = frame.payload;
        void proxy(worker, `${base}/Tasks/${taskSid}/Reservations/${reservationSid}`, { ReservationStatus: 'accepted' })
          .then(() => proxy(worker, `${base}/Tasks/${taskSid}`, { AssignmentStatus: 'completed' }))
          .catch((error: unknown) => {
            errors++;
            const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
            failures[`network ${cause}`] = (failures[`network ${cause}`] ?? 0) + 1;
          });
      });
    });
  for (let i = 0; i < setup.workers.length; i += 100) {
    await Promise.all(setup.workers.slice(i, i + 100).map(open));
  }
  port.postMessage({ kind: 'connected', count: setup.workers.length, ms: now() - started } satisfies ClientMessage);

  const flush = setInterval(() => {
    if (received.length > 0) port.postMessage({ kind: 'received', at: received } satisfies ClientMessage);
    received = [];
    port.postMessage({ kind: 'proxied', count: proxied, errors, failures } satisfies ClientMessage);
  }, 250);
  port.on('message', (message: string) => {
    if (message === 'stop') {
      clearInterval(flush);
      if (received.length > 0) port.postMessage({ kind: 'received', at: received } satisfies ClientMessage);
      port.postMessage({ kind: 'proxied', count: proxied, errors, failures } satisfies ClientMessage);
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- server and driver (main thread)

/** Closed-loop requests/s of `send` with `concurrency` in flight, for `ms`. */
async function throughput(send: () => Promise<number>, concurrency: number, ms: number): Promise<number> {
  const end = now() + ms;
  let done = 0;
  const loop = async () => {
    while (now() < end) {
      const status = await send();
      if (status !== 200) throw new Error(`baseline request failed with ${status}`);
      done++;
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return (done * 1000) / (now() - started);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { workers: { type: 'string', default: '2000' }, rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '20' } },
  });
  const workerCount = Number(values.workers);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const limit = openFileLimit();
  const needed = workerCount * 2 + 256;
  console.log(`open file limit ${limit}; needed about ${needed}`);
  if (limit < needed) {
    console.error(`Raise the limit first, e.g. \`ulimit -n ${Math.max(8192, needed)}\`, or pass --workers ${Math.floor((limit - 256) / 2)}`);
    process.exit(1);
  }

  const { startServer, mintWorkerToken } = await import('../src/server/index.js');
  const server = await startServer({ port: 0, memory: true, seed: 'none', onError: (error) => console.error(error) });
  const { engine, accountSid, authToken } = server;
  const ws = engine.workspaces.create(accountSid, { friendly_name: 'Bench', multi_task_enabled: true }).sid;
  const available = engine.activities.list(ws, { friendly_name: 'Available' }).items[0]!.sid;
  const queue = engine.taskQueues.create(ws, { friendly_name: 'All', target_workers: '1==1' }).sid;
  const workflow = engine.workflows.create(ws, { friendly_name: 'Main', configuration: { task_routing: { default_filter: { queue } } } }).sid;
  const workers = Array.from({ length: workerCount }, (_, i) => {
    const sid = engine.workers.create(ws, { friendly_name: `w${i}`, activity_sid: available, attributes: { n: i } }).sid;
    return { sid, token: mintWorkerToken({ accountSid, authToken, workspaceSid: ws, workerSid: sid, ttl: 3600 }) };
  });
  console.log(`server ${server.url}: workspace with ${workerCount} available workers`);

  const createdAt = new Map<string, number>();
  const latencies: number[] = [];
  let proxied = { count: 0, errors: 0, failures: {} as Record<string, number> };
  let connected: () => void;
  const isConnected = new Promise<void>((resolve) => (connected = resolve));
  // The client thread loads this same file; it registers tsx itself since loader hooks do not reach workers on Node 20.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const clients = new Worker(bootstrap, {
    eval: true,
    workerData: { url: server.url, accountSid, workspaceSid: ws, workers } satisfies ClientSetup,
  });
  clients.on('error', (error) => {
    console.error('client thread failed:', error);
    process.exit(1);
  });
  clients.on('message', (message: ClientMessage) => {
    if (message.kind === 'connected') {
      console.log(`${message.count} websockets open in ${(message.ms / 1000).toFixed(1)} s; server registry holds ${server.bridge.registry.size}`);
      connected();
    } else if (message.kind === 'received') {
      for (const [taskSid, at] of message.at) {
        const start = createdAt.get(taskSid);
        if (start !== undefined) latencies.push(at - start);
      }
    } else if (message.kind === 'proxied') {
      proxied = { count: message.count, errors: message.errors, failures: message.failures };
    } else {
      console.error(`client thread failed: ${message.message}`);
      process.exit(1);
    }
  });
  await isConnected;

  // Drive `rate` assignments a second in 10 ms slices, for `seconds`.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  let created = 0;
  const started = now();
  const proxiedBefore = proxied.count;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = now() - started;
      if (elapsed >= seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed / 1000) * rate);
      for (; created < due; created++) {
        const t0 = now();
        const task = engine.tasks.create(ws, { workflow_sid: workflow, attributes: { i: created } });
        createdAt.set(task.sid, t0);
      }
    }, 10);
  });
  const driveSeconds = (now() - started) / 1000;
  loopDelay.disable();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const proxiedRate = (proxied.count - proxiedBefore) / (driveSeconds + 1.5);
  clients.postMessage('stop');
  await new Promise((resolve) => clients.once('exit', resolve));

  // Baseline in the same run: one request through the proxy vs straight to the REST API,
  // once the load's sockets are gone, warmed up, alternating rounds to spread out noise.
  while (server.bridge.registry.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  const worker = workers[0]!;
  const basic = 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64');
  const workerUrl = `/v1/Workspaces/${ws}/Workers/${worker.sid}`;
  const sendDirect = async () => {
    const response = await fetch(`${server.url}${workerUrl}`, { headers: { authorization: basic } });
    await response.arrayBuffer();
    return response.status;
  };
  const sendProxied = async () => {
    const response = await fetch(`${server.url}/v1/wschannels/${accountSid}/${worker.sid}`, {
      method: 'POST',
      body: JSON.stringify({ url: `https://taskrouter.twilio.com${workerUrl}`, method: 'GET', token: worker.token }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  await throughput(sendDirect, 16, 300);
  await throughput(sendProxied, 16, 300);
  let direct = 0;
  let viaProxy = 0;
  for (let round = 0; round < 3; round++) {
    direct += (await throughput(sendDirect, 16, 1000)) / 3;
    viaProxy += (await throughput(sendProxied, 16, 1000)) / 3;
  }

  latencies.sort((a, b) => a - b);
  console.log('');
  console.log(`assignments driven        ${created} in ${driveSeconds.toFixed(1)} s (${(created / driveSeconds).toFixed(0)}/s target ${rate}/s)`);
  console.log(`reservation events seen   ${latencies.length}`);
  console.log(
    `event latency             p50 ${percentile(latencies, 50).toFixed(2)} ms   p90 ${percentile(latencies, 90).toFixed(2)} ms   ` +
      `p99 ${percentile(latencies, 99).toFixed(2)} ms   max ${latencies.at(-1)?.toFixed(2)} ms`,
  );
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(`server event-loop delay   p50 ${ms(loopDelay.percentile(50))} ms   p99 ${ms(loopDelay.percentile(99))} ms   max ${ms(loopDelay.max)} ms`);
  console.log(`proxied under load        ${proxiedRate.toFixed(0)} req/s (accept + complete), ${proxied.errors} errors`);
  for (const [failure, count] of Object.entries(proxied.failures)) console.log(`  ${count} × ${failure}`);
  console.log(`closed loop, 16 in flight direct REST ${direct.toFixed(0)} req/s   via proxy ${viaProxy.toFixed(0)} req/s   ratio proxy/direct ${(viaProxy / direct).toFixed(2)}`);
  await server.close();
}

if (isMainThread) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runClients(workerData as ClientSetup).catch((error: unknown) => {
    parentPort!.postMessage({ kind: 'error', message: String(error) } satisfies ClientMessage);
    process.exit(1);
  });
}
