/**
 * Sends engine events to the sockets of the channels that may see them: each message
 * is serialised once per channel and written to every open socket of that channel.
 */
import type { ChannelRegistry } from './registry.js';
import { deliveriesOf, type BridgeEvent } from './audience.js';

/** Delivers one event; returns the number of socket writes. */
export function fanOut(registry: ChannelRegistry, event: BridgeEvent): number {
  let writes = 0;
  // Channels without sockets are skipped before any payload is built for them.
  for (const delivery of deliveriesOf(event, (channel) => registry.sockets(channel).size > 0)) {
    const sockets = registry.sockets(delivery.channel);
    const frame = JSON.stringify({ event_type: delivery.event_type, payload: delivery.payload });
    for (const socket of sockets) {
      // Channel sids are random, but a socket only ever hears its own account.
      if (socket.accountSid !== event.account_sid || socket.ws.readyState !== socket.ws.OPEN) continue;
      socket.ws.send(frame);
      writes++;
    }
  }
  return writes;
}
