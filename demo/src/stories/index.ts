import type { Story } from '../story.js';
import { agentDesktop, darkTheme, emptyInbox, multitaskingAgent, ringingReservation, secondLanguage, workerStatus } from './agent-stories.js';
import { crmPage, failedConnection, noProvider } from './page-stories.js';
import { editQueue, invalidExpression, newQueue, oneQueue, statsWall } from './supervisor-stories.js';

/** Every story, in sidebar order (grouped by `group`, groups in first-seen order). */
export const STORIES: readonly Story[] = [
  agentDesktop,
  crmPage,
  workerStatus,
  multitaskingAgent,
  ringingReservation,
  emptyInbox,
  statsWall,
  oneQueue,
  editQueue,
  invalidExpression,
  newQueue,
  darkTheme,
  secondLanguage,
  failedConnection,
  noProvider,
];

export const DEFAULT_STORY = agentDesktop;
