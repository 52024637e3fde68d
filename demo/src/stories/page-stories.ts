import { html } from 'lit';
import crmPageHtml from '../../crm.html?raw';
import crmPageScript from '../crm-page.ts?raw';
import type { Story } from '../story.js';

/** Resolves with the iframe's document once its page has loaded. */
function frameDocument(canvas: HTMLElement): Promise<Document> {
  const frame = canvas.querySelector('iframe')!;
  return new Promise((resolve) => {
    const done = () => resolve(frame.contentDocument!);
    if (frame.contentDocument?.readyState === 'complete' && frame.contentWindow?.location.href !== 'about:blank') done();
    else frame.addEventListener('load', done, { once: true });
  });
}

export const crmPage: Story = {
  id: 'crm-page',
  group: 'Start here',
  name: 'CRM page',
  description:
    'The elements inside a plain HTML page styled like a CRM record screen. Its only script listens for tr-reservation-accepted and fills the record from the task’s attributes (a screen pop). Go Available, create a task, accept it.',
  tags: ['tr-worker-status', 'tr-reservation-inbox', 'tr-provider'],
  layout: 'frame',
  render: (ctx) => {
    const query = new URLSearchParams({ worker: ctx.agent.sid });
    if (ctx.theme !== 'system') query.set('theme', ctx.theme);
    if (ctx.lang !== 'en') query.set('lang', ctx.lang);
    return html`<iframe class="page-frame" title="CRM page" src=${`./crm.html?${query}`}></iframe>
      <p class="note"><a href=${`./crm.html?${query}`} target="_blank" rel="noopener">Open the CRM page on its own</a></p>`;
  },
  documentOf: frameDocument,
  snippet: async () => `<!-- crm.html -->\n${crmPageHtml.trim()}\n\n// src/crm-page.ts\n${crmPageScript.trim()}`,
};

/**
 * An event bridge nobody can reach: the browser refuses this port outright, so the failure is the
 * same on every machine and costs no waiting on a network.
 */
export const UNREACHABLE_EVENT_BRIDGE = 'http://127.0.0.1:9';

export const failedConnection: Story = {
  id: 'failed-connection',
  group: 'States',
  name: 'Failed connection',
  description: `The event bridge cannot be reached (event-bridge-url is ${UNREACHABLE_EVENT_BRIDGE}). The client tries max-retries times with backoff, then gives up: the elements say so and offer Retry. The browser console shows the refused sockets and the one request per outage with which the SDK asks why, as it would in real life.`,
  tags: ['tr-worker-status', 'tr-reservation-inbox', 'tr-provider'],
  layout: 'stack',
  render: ({ server, agent }) => html`<tr-provider
    worker-token-url=${server.workerTokenUrl(agent.sid)}
    event-bridge-url=${UNREACHABLE_EVENT_BRIDGE}
    max-retries="2"
  >
    <tr-worker-status></tr-worker-status>
    <tr-reservation-inbox></tr-reservation-inbox>
  </tr-provider>`,
};

export const noProvider: Story = {
  id: 'no-provider',
  group: 'States',
  name: 'Missing provider',
  description: 'An element placed outside any <tr-provider> says so in place, instead of staying blank.',
  tags: ['tr-worker-status'],
  layout: 'stack',
  render: () => html`<tr-worker-status></tr-worker-status>`,
};
