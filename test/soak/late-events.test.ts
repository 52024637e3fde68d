/**
 * A fault the soak found (`npm run soak` counted 348 duplicate reservation events): a
 * reservation event reaching the client after the client's own REST calls had already
 * moved the reservation further (the socket lagged, or was cut and re-synced) dragged the
 * reservation back to an earlier status, and the TaskRouterClient emitted that status,
 * and the next, a second time. Fixed in src/sdk/worker.ts; this test guards it. The lag
 * is made exact: a WebSocket that holds its incoming frames while the app accepts and
 * completes, then delivers them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocket as WsWebSocket } from 'ws';
import { TaskRouterClient, type ReservationView, type WebSocketConstructor } from '../../src/sdk/index.js';
import { Fixture, until } from '../sdk/helpers.js';

/** A WebSocket whose incoming frames can be held back and released later, in order. */
class LaggingWebSocket extends WsWebSocket {
  static holding = false;
  static held: Array<() => void> = [];

  static release(): void {
    LaggingWebSocket.holding = false;
    for (const deliver of LaggingWebSocket.held.splice(0)) deliver();
  }
}
// The SDK listens through `onmessage`: wrap the handler it sets (ws defines the attribute as an accessor).
const onmessage = Object.getOwnPropertyDescriptor(WsWebSocket.prototype, 'onmessage')!;
Object.defineProperty(LaggingWebSocket.prototype, 'onmessage', {
  get: onmessage.get,
  set(this: WsWebSocket, handler: ((event: WsWebSocket.MessageEvent) => void) | null) {
    const lagging = handler && ((event: WsWebSocket.MessageEvent) =>
      LaggingWebSocket.holding ? LaggingWebSocket.held.push(() => handler.call(this, event)) : handler.call(this, event));
    onmessage.set!.call(this, lagging);
  },
});

let fx: Fixture;
before(async () => {
  fx = await Fixture.start({ workers: 1 });
});
after(async () => {
  await fx.close();
});

test('late reservation events never move a reservation back or repeat a status', async () => {
  const client = new TaskRouterClient({
    workerToken: async () => fx.workerToken(),
    eventBridgeUrl: fx.url,
    WebSocket: LaggingWebSocket as unknown as WebSocketConstructor,
  });
  const emitted: string[] = [];
  const regressions: string[] = [];
  const record = (view: ReservationView) => emitted.push(view.status);
  client.on('reservation.created', record);
  client.on('reservation.updated', record);
  client.on('change', (state) => {
    const status = state.reservations[0]?.status;
    if (status && emitted.includes('completed') && status !== 'completed') regressions.push(status);
  });
  try {
    await client.connect();
    await fx.task();
    await until(() => client.state.reservations[0]?.status === 'pending', 'the reservation');
    const sid = client.state.reservations[0]!.sid;

    // The socket lags: the app's calls answer first.
    LaggingWebSocket.holding = true;
    await client.acceptReservation(sid);
    await client.completeTask(sid);
    assert.equal(client.state.reservations[0]!.status, 'completed');
    await until(() => LaggingWebSocket.held.length >= 2, 'the held reservation events');
    LaggingWebSocket.release();
    await new Promise((resolve) => setTimeout(resolve, 300));

    assert.deepEqual({ emitted, regressions }, { emitted: ['pending', 'accepted', 'completed'], regressions: [] },
      'each status emitted once, in order, and the state never goes back from completed');
    assert.equal(client.state.reservations[0]!.status, 'completed');
    assert.equal(client.worker!.connectionState, 'connected');
  } finally {
    LaggingWebSocket.release();
    client.disconnect();
  }
});
