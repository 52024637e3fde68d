import { html, render } from 'lit';

/** The panel tabs under the canvas. */
export type Tab = 'controls' | 'events' | 'code';

const ORDER: readonly Tab[] = ['controls', 'events', 'code'];

/**
 * A tablist (ARIA tabs pattern): the selected tab is in the tab order, Left/Right/Home/End move
 * between tabs and select them. Panels are `#panel-<tab>`.
 */
export function renderTabs(container: HTMLElement, selected: Tab, labels: Record<Tab, string>, select: (tab: Tab) => void): void {
  const onKeydown = (event: KeyboardEvent) => {
    const index = ORDER.indexOf(selected);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1 + ORDER.length, Home: 0, End: ORDER.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const tab = ORDER[moves[event.key]! % ORDER.length]!;
    select(tab);
    container.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  };
  render(
    ORDER.map(
      (tab) => html`<button type="button" role="tab" id=${`tab-${tab}`} aria-controls=${`panel-${tab}`}
        aria-selected=${tab === selected} tabindex=${tab === selected ? 0 : -1}
        @click=${() => select(tab)} @keydown=${onKeydown}>${labels[tab]}</button>`,
    ),
    container,
  );
}
