import { html } from 'lit';
import { waitFor } from '../wait.js';
import type { Story, StoryContext } from '../story.js';
import { provider } from './provider.js';

/** The queue columns an agent's desk shows: a task's way through the queues, and who is free. */
const DESK_COLUMNS = 'waiting,reserved,assigned,availableWorkers,entered,completed';

/** The whole agent seat: status, inbox, and the queues the agent works. */
const desk = (ctx: StoryContext) =>
  provider(
    ctx,
    { worker: true, workspace: true },
    html`<tr-worker-status></tr-worker-status>
      <tr-reservation-inbox></tr-reservation-inbox>
      <tr-queue-stats columns=${DESK_COLUMNS}></tr-queue-stats>`,
  );

export const agentDesktop: Story = {
  id: 'agent-desktop',
  group: 'Start here',
  name: 'Agent desktop',
  description:
    'One provider, three elements, one agent. With the agent Available (the status element), create a task in the scenario panel: the reservation rings in the inbox; Accept it, Complete it, and watch the queue numbers move.',
  tags: ['tr-worker-status', 'tr-reservation-inbox', 'tr-queue-stats', 'tr-provider'],
  layout: 'desk',
  render: desk,
};

export const workerStatus: Story = {
  id: 'worker-status',
  group: 'tr-worker-status',
  name: 'Default',
  description: 'The signed-in agent’s activity and the time spent in it. Pick another activity from the list; the connection line shows reconnects (try Drop sockets).',
  tags: ['tr-worker-status', 'tr-provider'],
  layout: 'stack',
  render: (ctx) => provider(ctx, { worker: true }, html`<tr-worker-status></tr-worker-status>`),
};

/** The chat channel's capacity the multitasking story gives its agent. */
const CHAT_CAPACITY = 3;

export const multitaskingAgent: Story = {
  id: 'multitasking-agent',
  group: 'tr-worker-status',
  name: 'Multitasking agent',
  description: `An agent with ${CHAT_CAPACITY} chat slots working two chats at once: one accepted, one ringing. The status shows capacity per channel; the inbox holds both.`,
  tags: ['tr-worker-status', 'tr-reservation-inbox', 'tr-provider'],
  layout: 'stack',
  async setup({ scenarios, agent, signal }) {
    const channels = await scenarios.channels(agent.sid);
    const chat = channels.find((channel) => channel['task_channel_unique_name'] === 'chat');
    if (!chat) throw new Error('The demo workspace has no chat channel');
    if (chat['configured_capacity'] !== CHAT_CAPACITY) await scenarios.setCapacity(agent.sid, chat.sid, CHAT_CAPACITY);
    await scenarios.makeAvailable(agent.sid);
    const open = async () =>
      (await scenarios.reservations(agent.sid)).filter(
        (reservation) => ['pending', 'accepted'].includes(String(reservation['reservation_status'])),
      );
    for (let missing = 2 - (await open()).length; missing > 0; missing--) {
      await scenarios.createTasks({ attributes: scenarios.nextCaller(), channel: 'chat', routingTarget: agent.sid });
    }
    const both = await waitFor('two open reservations', async () => {
      const reservations = await open();
      return reservations.length >= 2 ? reservations : null;
    }, { signal });
    if (!both.some((reservation) => reservation['reservation_status'] === 'accepted')) {
      await scenarios.acceptReservation(both[0]!);
    }
  },
  render: (ctx) =>
    provider(ctx, { worker: true }, html`<tr-worker-status></tr-worker-status><tr-reservation-inbox></tr-reservation-inbox>`),
};

export const ringingReservation: Story = {
  id: 'ringing-reservation',
  group: 'tr-reservation-inbox',
  name: 'Ringing reservation',
  description: 'A task was routed to the agent and waits for an answer, with its attributes and a countdown to the reservation timeout. Accept or Reject it.',
  tags: ['tr-reservation-inbox', 'tr-provider'],
  layout: 'stack',
  setup: ({ scenarios, agent, signal }) => scenarios.ringAgent(agent.sid, signal).then(() => undefined),
  render: (ctx) =>
    provider(ctx, { worker: true }, html`<tr-reservation-inbox fields="name,subject,from,account"></tr-reservation-inbox>`),
};

export const emptyInbox: Story = {
  id: 'empty-inbox',
  group: 'tr-reservation-inbox',
  name: 'Nothing to do',
  description: 'The inbox of an agent with nothing to do: the story sets the agent Offline and clears their work. Go Available and create a task in the scenario panel to see one arrive (announced to screen readers).',
  tags: ['tr-reservation-inbox', 'tr-provider'],
  layout: 'stack',
  setup: ({ scenarios, agent }) => scenarios.clearAgent(agent.sid),
  render: (ctx) => provider(ctx, { worker: true }, html`<tr-reservation-inbox></tr-reservation-inbox>`),
};

export const darkTheme: Story = {
  id: 'dark-theme',
  group: 'Themes and languages',
  name: 'Dark theme',
  description: 'The agent desktop with theme="dark" on the provider. Every colour is a --tr-* custom property; parts are styleable with ::part().',
  tags: ['tr-provider', 'tr-worker-status', 'tr-reservation-inbox', 'tr-queue-stats'],
  layout: 'desk',
  globals: { theme: 'dark' },
  render: desk,
};

export const secondLanguage: Story = {
  id: 'second-language',
  group: 'Themes and languages',
  name: 'Español',
  description: 'The agent desktop with lang="es" on the provider, once the Spanish translation is imported: the elements follow the closest lang attribute (or the page’s), numbers included.',
  tags: ['tr-provider', 'tr-worker-status', 'tr-reservation-inbox', 'tr-queue-stats'],
  layout: 'desk',
  globals: { lang: 'es' },
  imports: ['taskrouter-kit/translations/es'],
  render: desk,
};
