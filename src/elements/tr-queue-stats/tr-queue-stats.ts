import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QueueStatisticsView, TaskRouterClientLike, TaskRouterClientState } from '../../context/client-types.js';
import { commaList } from '../internal/format.js';
import { themeStyles } from '../internal/theme.js';
import { TrElement } from '../internal/tr-element.js';
import { columnStore, DEFAULT_COLUMNS, REALTIME_COLUMNS, STAT_COLUMNS, WINDOW_COLUMNS, type ColumnId, type StatColumn } from './columns.js';
import { sparkline } from './sparkline.js';
import { queueStatsStyles } from './tr-queue-stats.styles.js';

interface Row {
  sid: string;
  name: string;
  stats: QueueStatisticsView | undefined;
}

export type SortDirection = 'ascending' | 'descending';

/**
 * Rows are keyed by queue and patched in place, never rebuilt; a row re-renders only when its statistics
 * object, name, columns, language or window changed (the client replaces a queue's object when it
 * refreshes it).
 *
 * @tag tr-queue-stats
 * @summary Real-time and cumulative statistics of task queues, with totals, sortable columns, a
 * remembered choice of columns, and a trend line per queue.
 *
 * @fires tr-columns-change - The user changed the visible columns. `detail: { columns }`.
 *
 * @slot empty - Shown when there are no queues to show (default: a short sentence).
 *
 * @csspart base - The wrapper.
 * @csspart title - The heading with the statistics window.
 * @csspart columns - The column chooser.
 * @csspart table - The table.
 * @csspart row - A queue's row.
 * @csspart totals - The totals row.
 * @csspart sparkline - A queue's trend line.
 * @csspart error - An error message.
 * @csspart notice - A message shown in place of the table (no provider, connecting, no queues).
 * @csspart retry - The retry button shown when the connection is closed or failed.
 *
 * @cssprop --tr-color-accent - The trend line and focus ring.
 * @cssprop --tr-color-surface-alt - Header and hovered row background.
 * @cssprop --tr-color-border - Table rules.
 * @cssprop --tr-queue-stats-max-height - The table's height limit (default `70vh`); a longer table scrolls inside it, its header in view.
 */
export class TrQueueStats extends TrElement {
  static override styles = [themeStyles, queueStatsStyles];
  static override clientKeys = ['connection', 'queues', 'queueStatistics', 'error'] as const;
  static override connections = ['workspace', 'taskQueue'] as const;
  /** Reactive properties (each documented at its field below) and internal state. */
  static override properties = {
    queues: { converter: commaList },
    minutes: { type: Number },
    columns: { converter: commaList },
    storageKey: { attribute: 'storage-key' },
    sortBy: { attribute: 'sort-by' },
    sortDirection: { attribute: 'sort-direction' },
    chosen: { state: true },
  };

  /** The queues to show, by SID or friendly name (attribute: comma-separated). All the token can see when unset. */
  queues?: string[];

  /** The window of the cumulative statistics and the trend, in minutes. */
  minutes = 60;

  /**
   * The column ids shown until the user chooses others (attribute: comma-separated). The user's choice is
   * remembered under `storage-key` and wins over this default on the next visit; a new `storage-key` starts over.
   */
  columns?: string[];

  /** The localStorage key of the remembered column choice. */
  storageKey = 'taskrouter-kit.queue-stats.columns';

  /** The column the rows are sorted by (`queue` or a column id). */
  sortBy = 'queue';

  /** The sort direction. */
  sortDirection: SortDirection = 'ascending';

  private chosen: readonly string[] = DEFAULT_COLUMNS;
  #visible: { chosen: readonly string[]; columns: readonly StatColumn[] } | undefined;
  /** Ends this table's watch of its client's queue statistics. */
  #unwatch: (() => void) | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The user's saved choice wins over the page's `columns`, which are only the default (see `columns`).
    if (changed.has('columns') || changed.has('storageKey')) this.chosen = columnStore.load(this.storageKey) ?? this.columns ?? DEFAULT_COLUMNS;
    if (changed.has('queues') || changed.has('minutes')) this.#watch(this.client);
  }

  protected override clientChanged(client: TaskRouterClientLike | undefined): void {
    this.#watch(client);
  }

  /** Watches this table's queues and window with `client`, letting go of what it watched before. */
  #watch(client: TaskRouterClientLike | undefined): void {
    this.#unwatch?.();
    this.#unwatch = client?.watchQueues(this.queues?.length ? this.queues : null, this.minutes);
  }

  protected renderState(state: TaskRouterClientState): TemplateResult {
    const rows = this.#sortRows(this.#rows(state));
    const columns = this.#visibleColumns();
    const stale = state.connection !== 'connected';
    let content: unknown;
    if (rows.length === 0) {
      content = this.renderEmpty(state, this.localize.term('noQueues'));
    } else {
      content = html`<div class="scroll ${stale ? 'stale' : ''}" role="region" tabindex="0" aria-labelledby="title">
        <table part="table" aria-labelledby="title">
          <thead><tr>${this.#renderHeader('queue')}${columns.map((column) => this.#renderHeader(column.id, column))}</tr></thead>
          <tbody>
            ${repeat(rows, (row) => row.sid, (row) =>
              guard([row.stats, row.name, columns, this.localize.language, this.localize.translation, this.minutes], () => this.#renderRow(row, columns)),
            )}
          </tbody>
          <tfoot>${this.#renderTotals(rows, columns)}</tfoot>
        </table>
      </div>`;
    }
    return html`<section class="base" part="base">
      <div class="toolbar">
        <h2 class="title" id="title" part="title">${this.localize.term('queueStatistics', this.minutes)}</h2>
        ${this.#renderChooser()}
      </div>
      ${this.renderConnectionProblems(state)}
      ${content}
    </section>`;
  }

  /** The visible columns, the same array until the choice changes (rows re-render only when it does). */
  #visibleColumns(): readonly StatColumn[] {
    if (this.#visible?.chosen !== this.chosen) {
      this.#visible = { chosen: this.chosen, columns: STAT_COLUMNS.filter((column) => this.chosen.includes(column.id)) };
    }
    return this.#visible.columns;
  }

  #rows(state: TaskRouterClientState): Row[] {
    const bySid = new Map<string, Row>();
    for (const queue of state.queues) bySid.set(queue.sid, { sid: queue.sid, name: queue.friendlyName, stats: state.queueStatistics[queue.sid] });
    for (const stats of Object.values(state.queueStatistics)) {
      if (!bySid.has(stats.queueSid)) bySid.set(stats.queueSid, { sid: stats.queueSid, name: stats.friendlyName, stats });
    }
    const wanted = this.queues?.length ? new Set(this.queues) : undefined;
    return [...bySid.values()].filter((row) => !wanted || wanted.has(row.sid) || wanted.has(row.name));
  }

  #sortRows(rows: Row[]): Row[] {
    const column = STAT_COLUMNS.find((candidate) => candidate.id === this.sortBy);
    const sign = this.sortDirection === 'descending' ? -1 : 1;
    const value = column?.value;
    return rows.sort((a, b) => {
      if (!value) return sign * this.localize.compare(a.name, b.name);
      const [x, y] = [a.stats && value(a.stats, this.minutes), b.stats && value(b.stats, this.minutes)];
      if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1; // no data last
      return sign * (x - y) || this.localize.compare(a.name, b.name);
    });
  }

  #renderHeader(id: ColumnId | 'queue', column?: StatColumn): TemplateResult {
    const label = this.localize.term(`column_${id}`);
    const sortable = id === 'queue' || !!column?.value;
    const sorted = this.sortBy === id ? this.sortDirection : undefined;
    return html`<th scope="col" aria-sort=${sorted ?? nothing}>
      ${sortable ? html`<button @click=${() => this.#sort(id)}>${label}</button>` : label}
    </th>`;
  }

  #renderRow(row: Row, columns: readonly StatColumn[]): TemplateResult {
    return html`<tr part="row">
      <th scope="row">${row.name}</th>
      ${columns.map((column) => html`<td class=${column.kind}>${row.stats ? this.#renderCell(column, row.stats) : '–'}</td>`)}
    </tr>`;
  }

  #renderCell(column: StatColumn, stats: QueueStatisticsView): unknown {
    switch (column.kind) {
      case 'count':
      case 'duration': {
        const value = column.value(stats, this.minutes);
        return value === undefined ? '–' : this.#formatValue(column, value);
      }
      case 'activities':
        return stats.realtime.activityStatistics
          .filter((activity) => activity.workers > 0)
          .map((activity) => `${activity.friendlyName} ${this.localize.number(activity.workers)}`)
          .join(' · ');
      case 'trend': {
        const since = Number(stats.updatedAt) - this.minutes * 60_000;
        const waiting = stats.history.filter((sample) => Number(sample.at) >= since).map((sample) => sample.waiting);
        return sparkline(waiting, this.localize.term('trendLabel', waiting[0] ?? 0, waiting.at(-1) ?? 0));
      }
    }
  }

  #renderTotals(rows: readonly Row[], columns: readonly StatColumn[]): TemplateResult {
    const withStats = rows.flatMap((row) => (row.stats ? [row.stats] : []));
    return html`<tr part="totals">
      <th scope="row">${this.localize.term('total')}</th>
      ${columns.map((column) => {
        const { value } = column;
        const values = value ? withStats.map((stats) => value(stats, this.minutes)).filter((v) => v !== undefined) : [];
        if (!column.total || column.total === 'none' || values.length === 0) return html`<td></td>`;
        const total = column.total === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
        return html`<td>${this.#formatValue(column, total)}</td>`;
      })}
    </tr>`;
  }

  /** A number of a count or duration column, as its cells show it. */
  #formatValue(column: StatColumn, value: number): string {
    return column.kind === 'duration' ? this.localize.duration(value) : this.localize.number(value);
  }

  /** The column chooser: real-time and cumulative columns in two groups. */
  #renderChooser(): TemplateResult {
    const group = (columns: readonly StatColumn[], legend: string) => html`<fieldset>
      <legend>${legend}</legend>
      ${columns.map(
        (column) => html`<label>
          <input type="checkbox" .checked=${this.chosen.includes(column.id)} @change=${() => this.#toggleColumn(column.id)} />
          ${this.localize.term(`column_${column.id}`)}
        </label>`,
      )}
    </fieldset>`;
    return html`<details part="columns" @keydown=${this.#onChooserKeydown} @focusout=${this.#onChooserFocusout}>
      <summary>${this.localize.term('chooseColumns')}</summary>
      <div class="chooser" tabindex="-1">
        ${group(REALTIME_COLUMNS, this.localize.term('realtime'))}
        ${group(WINDOW_COLUMNS, this.localize.term('window', this.minutes))}
      </div>
    </details>`;
  }

  // The chooser floats over the table, so it closes as a popup does: on Escape (back to its summary), and
  // when focus leaves it (a click inside focuses the chooser itself, which keeps it open).
  readonly #onChooserKeydown = (event: KeyboardEvent): void => {
    const details = event.currentTarget as HTMLDetailsElement;
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault(); // the host page's own <dialog> around the element stays open
    details.open = false;
    details.querySelector('summary')!.focus();
  };

  readonly #onChooserFocusout = (event: FocusEvent): void => {
    const details = event.currentTarget as HTMLDetailsElement;
    if (!details.contains(event.relatedTarget as Node | null)) details.open = false;
  };

  #sort(id: string): void {
    if (this.sortBy === id) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortBy = id;
      this.sortDirection = id === 'queue' ? 'ascending' : 'descending';
    }
  }

  #toggleColumn(id: string): void {
    const chosen = this.chosen.includes(id) ? this.chosen.filter((column) => column !== id) : [...this.chosen, id];
    this.chosen = STAT_COLUMNS.map((column) => column.id).filter((column) => chosen.includes(column));
    columnStore.save(this.storageKey, this.chosen);
    this.emit('tr-columns-change', { columns: [...this.chosen] });
  }
}

TrQueueStats.define('tr-queue-stats');

declare global {
  interface HTMLElementTagNameMap {
    'tr-queue-stats': TrQueueStats;
  }
  interface GlobalEventHandlersEventMap {
    'tr-columns-change': CustomEvent<{ columns: string[] }>;
  }
}
