import { html } from 'lit';
import type { SectionHost } from './forms.js';

/** The connection and the server: drop the sockets, let the agent's token lapse, restart the server. */
export function renderConnectionSection(host: SectionHost) {
  const { scenarios, canvas } = host;
  const { config } = scenarios.server;
  const agent = canvas.agent();
  // Every channel a story may have open: the agent, the workspace, each queue.
  const channels = [agent.sid, config.workspaceSid, ...config.queues.map((queue) => queue.sid)];
  return html`
    <section>
      <h2>Connection</h2>
      <div class="row">
        <button type="button" @click=${() => host.run('Drop sockets', async () => {
          const dropped = await scenarios.dropSockets(channels);
          return `Dropped ${dropped} event-bridge socket${dropped === 1 ? '' : 's'}; the elements reconnect by themselves.`;
        })}>Drop sockets</button>
        <button type="button" @click=${() => host.run('Expire token', async () => {
          const client = canvas.clients().find((candidate) => candidate.worker);
          if (!client) throw new Error('no worker connection on the canvas: open an agent story');
          await scenarios.expireToken(client);
          return `${agent.friendlyName}'s token lapsed; the client fetched a fresh one from its token URL and kept working.`;
        })}>Expire token</button>
        <button type="button" @click=${() => host.run('Restart server', async () => {
          await scenarios.restartServer();
          return 'The server restarted on the same database; the elements reconnected.';
        })}>Restart server</button>
      </div>
    </section>`;
}
