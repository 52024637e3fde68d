import { html, render } from 'lit';
import type { Story } from '../story.js';

/** Groups in first-seen order. */
function groups(stories: readonly Story[]): Map<string, Story[]> {
  const grouped = new Map<string, Story[]>();
  for (const story of stories) grouped.set(story.group, [...(grouped.get(story.group) ?? []), story]);
  return grouped;
}

/** The story list: a filter box, then one heading per group with links to its stories (`#/id`). */
export function renderSidebar(
  container: HTMLElement,
  stories: readonly Story[],
  current: Story,
  filter: string,
  changeFilter: (filter: string) => void,
): void {
  const needle = filter.toLowerCase();
  const visible = stories.filter((story) => `${story.group} ${story.name}`.toLowerCase().includes(needle));
  render(
    html`
      <input class="filter" type="search" placeholder="Find a story" aria-label="Find a story" .value=${filter}
        @input=${(event: Event) => changeFilter((event.target as HTMLInputElement).value)} />
      ${[...groups(visible)].map(
        ([group, members]) => html`<h2>${group}</h2>
          <ul>
            ${members.map(
              (story) => html`<li><a href=${`#/${story.id}`} aria-current=${story === current ? 'page' : 'false'}>${story.name}</a></li>`,
            )}
          </ul>`,
      )}
    `,
    container,
  );
}
