// The CRM page's own script: load the two elements it shows (each entry brings <tr-provider>), point the
// provider at this agent's token, and open the caller's record when the agent accepts a reservation.
// Nothing else is needed to embed the kit.
import '../../src/elements/tr-worker-status/index.js';
import '../../src/elements/tr-reservation-inbox/index.js';
import '../../src/elements/translations/es.js';

const params = new URLSearchParams(location.search);
const provider = document.querySelector('tr-provider')!;
// In a real CRM the token URL is the CRM's own endpoint for the signed-in user; the local server's dev
// endpoint takes the worker in the query string.
provider.setAttribute('event-bridge-url', location.origin);
provider.setAttribute('worker-token-url', `/dev/tokens/worker?workerSid=${encodeURIComponent(params.get('worker') ?? '')}`);
if (params.get('theme')) provider.setAttribute('theme', params.get('theme')!);
if (params.get('lang')) document.documentElement.lang = params.get('lang')!;

const card = document.getElementById('record-card')!;
const empty = document.getElementById('record-empty')!;
const status = document.getElementById('record-status')!;
const timeline = document.getElementById('timeline')!;

/** Writes a value into every `[data-field]` slot of the record, as text. */
function fill(name: string, value: unknown): void {
  for (const slot of card.querySelectorAll<HTMLElement>(`[data-field="${name}"]`)) {
    slot.textContent = value === undefined || value === null ? '—' : String(value);
  }
}

function note(text: string): void {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  item.append(time, ` ${text}`);
  timeline.prepend(item);
}

// Screen pop: the accepted task's attributes fill the record.
document.addEventListener('tr-reservation-accepted', (event) => {
  const { task } = event.detail;
  for (const name of ['type', 'name', 'from', 'account', 'subject', 'language']) fill(name, task.attributes[name]);
  fill('queue', task.taskQueueFriendlyName);
  fill('priority', task.priority);
  fill('taskSid', task.sid);
  timeline.replaceChildren();
  note(`Call accepted from ${task.taskQueueFriendlyName}.`);
  status.textContent = 'On call';
  status.className = 'chip';
  empty.hidden = true;
  card.hidden = false;
});

document.addEventListener('tr-task-wrapup', () => {
  note('Wrap-up started.');
  status.textContent = 'Wrapping up';
});

document.addEventListener('tr-task-completed', () => {
  note('Call completed.');
  status.textContent = 'Completed';
  status.className = 'chip done';
});
