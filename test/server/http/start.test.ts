import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine } from '../../../src/server/engine/index.js';
import { startServer } from '../../../src/server/index.js';

const quiet = { onError: () => {} };

test('startServer needs a store', async () => {
  await assert.rejects(startServer({ port: 0 }), /file.*memory.*engine/);
});

test('a busy port rejects, and the server started first keeps working', async () => {
  const first = await startServer({ port: 0, memory: true, ...quiet });
  try {
    await assert.rejects(startServer({ port: first.port, memory: true, ...quiet }), /EADDRINUSE/);
    const response = await fetch(`${first.url}/v1/Workspaces`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${first.accountSid}:${first.authToken}`).toString('base64') },
    });
    assert.equal(response.status, 200);
  } finally {
    await first.close();
  }
});

test('fixed credentials are used; another AuthToken for a stored account is refused', async () => {
  const engine = openEngine({ memory: true });
  const accountSid = 'AC' + 'c'.repeat(32);
  const server = await startServer({ port: 0, engine, accountSid, authToken: 'fixed-auth-token', ...quiet });
  assert.equal(server.accountSid, accountSid);
  assert.equal(server.authToken, 'fixed-auth-token');
  assert.equal(server.workspaceSid, undefined);
  await server.close();
  // The engine was given, so it stays open.
  assert.equal(engine.accounts.get(accountSid).sid, accountSid);
  await assert.rejects(startServer({ port: 0, engine, accountSid, authToken: 'another-token', ...quiet }), /another AuthToken/);
  const again = await startServer({ port: 0, engine, seed: 'demo', ...quiet });
  assert.equal(again.accountSid, accountSid, 'the stored account is reused');
  assert.match(again.workspaceSid ?? '', /^WS/);
  await again.close();
  engine.close();
});
