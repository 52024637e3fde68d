// The elements under display conditions a person may have: forced colours (high contrast), the dark theme, a right-to-left
// language, long names in a narrow box, small targets. Contrast is computed from the computed colours (WCAG relative
// luminance), layout from the boxes the browser laid out.
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/elements/index.js';
import { registerTranslation, type TrQueueEditor, type TrQueueStats, type TrReservationInbox, type TrWorkerStatus } from '../../src/elements/index.js';
import type { TrElement } from '../../src/elements/internal/tr-element.js';
import { ACTIVITIES, connectedState, FakeClient, FakeTaskRouterError, makeQueue, makeReservation, makeStats, makeWorker } from './fake-client.js';
import { $, $$, applyForcedColorRules, settle } from './helpers.js';

/** TaskRouter's longest names (64 characters, no spaces). */
const LONGEST_QUEUE = 'Enterprise_Premium_Support_Escalations_North_America_West_Region';
const LONGEST_WORKER = 'Maximilian_Alexander_Featherstonehaugh_Wolfeschlegelsteinhausen_';

/** Part of an Arabic translation that, as a translator may, puts the English reason into its own sentence. */
registerTranslation({
  $code: 'ar',
  $name: 'العربية',
  actionFailed: (action, reason) => `فشل «${action}»: ${reason}`,
  connection_failed: 'فشل الاتصال',
  expressionError: (error) => `السطر ${error.line}، العمود ${error.column}: ${error.description}`,
});

/** Renders `template` (one element, maybe inside wrappers) in a `width` px wide box and gives `selector`'s element `client`. */
async function inBox<T extends TrElement>(width: number, template: TemplateResult, client: FakeClient, selector = '*'): Promise<T> {
  const box = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">${template}</div>`);
  const el = box.querySelector(selector) as T;
  el.client = client;
  await settle(el);
  return el;
}

type Rgba = [number, number, number, number];

/** A computed colour (`rgb()`, `rgba()` or `color(srgb …)`) as 0–255 channels and alpha. */
function parseColor(color: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(color);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, Number(srgb[4] ?? 1)];
  const rgb = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(color);
  if (!rgb) throw new Error(`not a colour: ${color}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Number(rgb[4] ?? 1)];
}

/** `color` painted over the opaque `background`. */
function over([r, g, b, a]: Rgba, [br, bg, bb]: Rgba): Rgba {
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const [lr, lg, lb] = [r, g, b].map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
}

/** The WCAG contrast ratio of a computed colour over an opaque computed background. */
function contrast(color: string, background: string): number {
  const back = parseColor(background);
  const [a, b] = [luminance(over(parseColor(color), back)), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** What a CSS colour (a system colour such as `GrayText`) computes to on this page. */
function resolved(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** The box of the first (or `last`) `char` in an element's text. */
function charBox(element: Element, char: string, last = false): DOMRect {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const texts: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
  for (const node of last ? texts.reverse() : texts) {
    const index = last ? node.textContent!.lastIndexOf(char) : node.textContent!.indexOf(char);
    if (index < 0) continue;
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + char.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`no "${char}" in ${element.textContent}`);
}

/** The colour at the edge of each of the scroll box's background layers: two covers, then two shadows. */
function edgeLayers(scroll: HTMLElement): string[] {
  const layers = getComputedStyle(scroll).backgroundImage.matchAll(/linear-gradient\(-?\d+deg, ((?:rgba?|color)\([^)]*\))/g);
  return [...layers].map((layer) => layer[1]!);
}

/** How many lines an element's text takes. */
function lines(node: Element): number {
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
}

/** Statistics for three queues with every column, in a box too narrow for them (`theme` on the element). */
function wideTable(width: number, theme = 'light'): Promise<TrQueueStats> {
  const queues = [1, 2, 3].map((index) => makeQueue({ sid: `WQ${index}`, friendlyName: `Queue ${index}` }));
  const queueStatistics = Object.fromEntries(queues.map((queue) => [queue.sid, makeStats(queue, 2)]));
  const columns = 'waiting,reserved,assigned,longestWait,availableWorkers,eligibleWorkers,activities,trend';
  return inBox<TrQueueStats>(width, html`<tr-queue-stats theme=${theme} columns=${columns}></tr-queue-stats>`,
    new FakeClient(connectedState({ queues, queueStatistics })));
}

describe('display conditions', () => {
  describe('forced colours', () => {
    it('draws buttons and what they hold in the system button colours, GrayText once disabled', async () => {
      // Chromium kept painting the activity button's name in GrayText after it was enabled (it is disabled while
      // connecting): buttons are not forced but take the system colours themselves. Only the computed styles can be
      // checked here, not that paint.
      const client = new FakeClient({ connection: 'connecting', worker: makeWorker(), activities: ACTIVITIES });
      const el = await inBox<TrWorkerStatus>(400, html`<tr-worker-status></tr-worker-status>`, client);
      applyForcedColorRules(el);
      const button = $<HTMLButtonElement>(el, '[part=activity-button]');
      expect(button.disabled, 'first rendered disabled, while connecting').to.equal(true);
      client.set(connectedState({ worker: makeWorker(), activities: ACTIVITIES }));
      await settle(el);
      const painted = (node: Element) => {
        const style = getComputedStyle(node);
        return { adjust: style.forcedColorAdjust, color: style.color, border: style.borderTopColor };
      };
      const [buttonText, grayText] = [resolved('ButtonText'), resolved('GrayText')];
      expect(button.disabled).to.equal(false);
      expect(painted(button)).to.deep.equal({ adjust: 'none', color: buttonText, border: buttonText });
      expect(getComputedStyle(button).backgroundColor).to.equal(resolved('ButtonFace'));
      expect(painted($(el, '.current .name')), 'the name').to.include({ adjust: 'none', color: buttonText });
      expect(painted($(el, '.current .dot')), 'the dot').to.include({ adjust: 'none', border: buttonText });

      client.set({ connection: 'reconnecting' });
      await settle(el);
      expect(button.disabled).to.equal(true);
      expect(painted(button)).to.deep.equal({ adjust: 'none', color: grayText, border: grayText });
      expect(getComputedStyle(button).opacity, 'not faded below the palette').to.equal('1');
      expect(painted($(el, '.current .name')), 'the name').to.include({ color: grayText });
    });

    it('gives primary and danger buttons the system colours too, over their own', async () => {
      const el = await inBox<TrQueueEditor>(400, html`<tr-queue-editor queue-sid="WQsupport"></tr-queue-editor>`,
        new FakeClient(connectedState({ queues: [makeQueue()] })));
      applyForcedColorRules(el);
      for (const part of ['save-button', 'delete-button']) {
        const style = getComputedStyle($(el, `[part=${part}]`));
        expect([style.color, style.backgroundColor], part).to.deep.equal([resolved('ButtonText'), resolved('ButtonFace')]);
      }
    });

    it("keeps the table's edge shadows, drawn in system colours, and forces the table itself as usual", async () => {
      const el = await wideTable(400);
      applyForcedColorRules(el);
      const scroll = $(el, '.scroll');
      expect(getComputedStyle(scroll).forcedColorAdjust).to.equal('none');
      const [canvas, canvasText] = [resolved('Canvas'), resolved('CanvasText')];
      expect(edgeLayers(scroll)).to.deep.equal([canvas, canvas, canvasText, canvasText]);
      expect(getComputedStyle($(el, 'table')).forcedColorAdjust).to.equal('auto');
    });
  });

  describe('contrast', () => {
    for (const theme of ['light', 'dark']) {
      it(`draws text field borders at 3:1 against the surface, ${theme}`, async () => {
        const el = await inBox<TrQueueEditor>(400, html`<tr-queue-editor theme=${theme}></tr-queue-editor>`, new FakeClient(connectedState()));
        for (const field of $$(el, 'input, select, textarea')) {
          const style = getComputedStyle(field);
          expect(contrast(style.borderTopColor, getComputedStyle(el).backgroundColor), `#${field.id}`).to.be.at.least(3);
        }
      });

      it(`writes the placeholder at 4.5:1, ${theme}`, async () => {
        const el = await inBox<TrQueueEditor>(400, html`<tr-queue-editor theme=${theme}></tr-queue-editor>`, new FakeClient(connectedState()));
        const field = $(el, '#TargetWorkers');
        const placeholder = getComputedStyle(field, '::placeholder');
        expect(placeholder.opacity).to.equal('1');
        expect(contrast(placeholder.color, getComputedStyle(field).backgroundColor)).to.be.at.least(4.5);
      });

      it(`shows the table's edge shadow on the surface, ${theme}`, async () => {
        const el = await wideTable(400, theme);
        const scroll = $(el, '.scroll');
        expect(scroll.scrollWidth, 'more columns than fit').to.be.above(scroll.clientWidth);
        const [, , shadow] = edgeLayers(scroll);
        expect(contrast(shadow!, getComputedStyle(el).backgroundColor)).to.be.at.least(2);
      });
    }
  });

  describe('long names in a narrow box', () => {
    it('wraps a long queue name in the statistics table, which leaves its numbers in view', async () => {
      const queue = makeQueue({ sid: 'WQlong', friendlyName: LONGEST_QUEUE });
      const el = await inBox<TrQueueStats>(320, html`<tr-queue-stats columns="waiting,longestWait,availableWorkers"></tr-queue-stats>`,
        new FakeClient(connectedState({ queues: [queue], queueStatistics: { WQlong: makeStats(queue, 4) } })));
      const header = $(el, 'tbody th');
      expect(header.textContent).to.equal(LONGEST_QUEUE);
      const box = $(el, '.scroll').getBoundingClientRect();
      expect(header.getBoundingClientRect().width, 'the name takes part of the box').to.be.below(box.width / 2);
      const firstNumber = header.nextElementSibling!.getBoundingClientRect();
      expect(firstNumber.right, 'its first number is in view').to.be.at.most(box.right);
    });

    it("keeps the preview's activity whole beside a long worker name, and the dot with the name", async () => {
      const client = new FakeClient(connectedState());
      client.workers = [{ sid: 'WKlong', friendlyName: LONGEST_WORKER, activityName: 'Available', available: true, attributes: {} }];
      const el = await inBox<TrQueueEditor>(320, html`<tr-queue-editor preview-delay="0"></tr-queue-editor>`, client);
      const field = $<HTMLTextAreaElement>(el, '#TargetWorkers');
      field.value = '1 == 1';
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await settle(el);
      const activity = $(el, '.preview li .muted');
      expect(activity.textContent).to.equal('(Available)');
      expect(lines(activity), 'one line').to.equal(1);
      const dot = $(el, '.preview li .dot').getBoundingClientRect();
      const name = document.createRange();
      name.selectNodeContents($(el, '.preview li .worker'));
      const text = name.getBoundingClientRect();
      expect(dot.top + dot.height / 2, 'the dot beside the name, not on a line of its own').to.be.within(text.top, text.bottom);
    });
  });

  it('makes each column-chooser checkbox row a 24 px target', async () => {
    const el = await inBox<TrQueueStats>(320, html`<tr-queue-stats></tr-queue-stats>`, new FakeClient(connectedState()));
    $<HTMLDetailsElement>(el, '[part=columns]').open = true;
    const rows = $$(el, '.chooser label').map((label) => label.getBoundingClientRect());
    for (const row of rows) expect(row.height).to.be.at.least(24);
    const first = $$(el, '.chooser fieldset')[0]!.querySelectorAll('label');
    expect(first[1]!.getBoundingClientRect().top - first[0]!.getBoundingClientRect().top, 'from one to the next').to.be.at.least(24);
  });

  describe('right to left, and text in the other direction', () => {
    it('starts an attribute value in the other direction at its key', async () => {
      const reservations = [makeReservation({ task: { attributes: { name: 'ليلى حسن', topic: 'sales' } } })];
      for (const [dir, value] of [['ltr', 'ليلى حسن'], ['rtl', 'sales']]) {
        const el = await inBox<TrReservationInbox>(700, html`<div dir=${dir}><tr-reservation-inbox></tr-reservation-inbox></div>`,
          new FakeClient(connectedState({ reservations })), 'tr-reservation-inbox');
        const dd = $$(el, 'dd').find((candidate) => candidate.textContent === value)!;
        const range = document.createRange();
        range.selectNodeContents(dd);
        const [text, box] = [range.getBoundingClientRect(), dd.getBoundingClientRect()];
        const gap = dir === 'ltr' ? text.left - box.left : box.right - text.right;
        expect(gap, `${dir}: "${value}"`).to.be.below(1);
      }
    });

    /** An editor in an Arabic page, for the queue `client` has. */
    const arabicEditor = (client: FakeClient) =>
      inBox<TrQueueEditor>(600, html`<div dir="rtl" lang="ar"><tr-queue-editor queue-sid="WQsupport"></tr-queue-editor></div>`, client, 'tr-queue-editor');

    it("keeps the punctuation of TaskRouter's reason in place inside the translated sentence of a failure", async () => {
      const client = new FakeClient(connectedState({ queues: [makeQueue()] }));
      client.failNext('updateQueue', new FakeTaskRouterError('Service unavailable.', 20500, 503));
      const el = await arabicEditor(client);
      $(el, '[part=save-button]').click();
      await settle(el);
      const failure = $(el, 'form > [part=error]');
      expect(charBox(failure, '.', true).left, `the final stop after "unavailable" in ${failure.textContent}`).to.be.above(charBox(failure, 'e', true).left);
    });

    it("keeps the quotes of the parser's description in place inside a translated expression error", async () => {
      const el = await arabicEditor(new FakeClient(connectedState({ queues: [makeQueue()] })));
      const field = $<HTMLTextAreaElement>(el, '#TargetWorkers');
      field.value = 'skills HAS "support" AN level > 2';
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await settle(el);
      const error = $(el, '#TargetWorkers-error');
      expect(error.textContent).to.contain('found "AN"');
      expect(charBox(error, '"', true).left, `the closing quote after "AN" in ${error.textContent}`).to.be.above(charBox(error, 'N', true).left);
    });

    for (const [tag, part] of [['tr-reservation-inbox', 'notice'], ['tr-worker-status', 'error']] as const) {
      it(`keeps the punctuation of a connection error in place, ${tag}`, async () => {
        const client = new FakeClient(connectedState());
        const el = await inBox<TrElement>(600, html`<div dir="rtl" lang="ar">${tag === 'tr-worker-status'
          ? html`<tr-worker-status></tr-worker-status>` : html`<tr-reservation-inbox></tr-reservation-inbox>`}</div>`, client, tag);
        client.set({ connection: 'failed', error: { code: 31000, status: 503, message: 'Gave up after 3 retries.' } });
        await settle(el);
        const message = $(el, `[part=${part}]`);
        expect(charBox(message, '.', true).left, `the final stop after "retries" in ${message.textContent}`).to.be.above(charBox(message, 's', true).left);
      });
    }
  });
});

