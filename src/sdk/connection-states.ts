import type { ClientConnectionState } from './client-types.js';

/** The states that need the user's attention, the most urgent first. */
const WORST_FIRST = ['failed', 'disconnected', 'reconnecting', 'connecting'] as const;

/** The state of several connections together: the worst one's (what needs the user first), `connected` when all are. */
export const combinedState = (states: readonly ClientConnectionState[]): ClientConnectionState =>
  WORST_FIRST.find((state) => states.includes(state)) ?? 'connected';
