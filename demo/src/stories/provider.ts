import { html, nothing, type TemplateResult } from 'lit';
import type { StoryContext } from '../story.js';

/** Which connections a story's provider opens. */
export interface Connections {
  /** Sign in as the story's agent (worker token). */
  worker?: boolean;
  /** See every queue of the workspace (workspace token). */
  workspace?: boolean;
  /** See one queue (task queue token). */
  taskQueueSid?: string;
}

/**
 * `<tr-provider>` as a page would write it against the local server: token URLs, the event bridge,
 * and the theme and language the story runs in (left out when they are the page's defaults).
 */
export function provider(ctx: StoryContext, connections: Connections, content: TemplateResult): TemplateResult {
  const { server } = ctx;
  return html`<tr-provider
    worker-token-url=${connections.worker ? server.workerTokenUrl(ctx.agent.sid) : nothing}
    workspace-token-url=${connections.workspace ? server.workspaceTokenUrl() : nothing}
    taskqueue-token-url=${connections.taskQueueSid ? server.taskQueueTokenUrl(connections.taskQueueSid) : nothing}
    event-bridge-url=${server.eventBridgeUrl}
    theme=${ctx.theme === 'system' ? nothing : ctx.theme}
    lang=${ctx.lang === 'en' ? nothing : ctx.lang}
  >${content}</tr-provider>`;
}
