// Reservation instructions on their own: the positional arguments each maps onto its parameters, and the clear
// errors for an instruction or an argument the API does not have. The network is an injected fetch.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Core } from '../../src/sdk/core.js';
import { Reservation } from '../../src/sdk/reservation.js';

const claims = { account_sid: 'AC1', workspace_sid: 'WS1', channel: 'WK1', worker_sid: 'WK1', exp: Math.floor(Date.now() / 1000) + 3600 };
const token = `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const cores: Core[] = [];

/** A reservation whose requests are recorded and answered with the reservation, accepted. */
function reservation() {
  const sent: Array<{ url: string; params: Record<string, string> }> = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init!.body));
    sent.push({ url: body.url, params: body.params });
    const payload = body.url.endsWith('/Tasks/WT1') ? { sid: 'WT1' } : { sid: 'WR1', task_sid: 'WT1', reservation_status: 'accepted' };
    return new Response(JSON.stringify({ payload }), { status: 200 });
  };
  const core = new Core({ debug: false, fetch: fetch as typeof globalThis.fetch }, token, () => {});
  cores.push(core);
  return { sent, r: new Reservation(core, { sid: 'WR1', reservation_status: 'pending' }, { sid: 'WT1' }) };
}

afterEach(() => {
  for (const c of cores.splice(0)) c.stop();
});

describe('Reservation.instruct', () => {
  it('maps positional arguments onto the instruction parameters, skipping nulls', async () => {
    const { sent, r } = reservation();
    await r.call('+15550001', 'http://example.com/twiml', null, 'true');
    assert.deepEqual(sent[0], {
      url: 'https://taskrouter.twilio.com/v1/Workspaces/WS1/Tasks/WT1/Reservations/WR1',
      params: { Instruction: 'call', CallFrom: '+15550001', CallUrl: 'http://example.com/twiml', CallAccept: 'true' },
    });
    assert.equal(r.reservationStatus, 'accepted');
  });

  it('names an instruction that does not exist, before sending anything', () => {
    const { sent, r } = reservation();
    assert.throws(() => r.instruct('transfer', ['+15550001']), { name: 'TypeError', message: /transfer is not an instruction/ });
    // Inherited object keys are no instructions either.
    assert.throws(() => r.instruct('constructor', []), { name: 'TypeError', message: /constructor is not an instruction/ });
    assert.equal(sent.length, 0);
  });

  it('names an argument past the instruction parameters', () => {
    const { sent, r } = reservation();
    assert.throws(() => r.redirect('CA1', 'http://example.com/twiml', 'true', 'extra'), { name: 'TypeError', message: 'redirect: argument 4 is not a parameter' });
    assert.equal(sent.length, 0);
  });
});
