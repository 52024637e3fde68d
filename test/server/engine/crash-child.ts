/**
 * Child process of crash.test.ts: opens the engine on a file and runs a burst of
 * task creations, accepts and completions forever, appending one line per
 * acknowledged change to the ack file (synchronously, before the next change),
 * until the parent kills it with SIGKILL.
 *
 * Usage: node --import tsx crash-child.ts <db file> <workspace sid> <ack file>
 */
import { appendFileSync } from 'node:fs';
import { openEngine } from '../../../src/server/engine/index.js';

const [file, ws, ackFile] = process.argv.slice(2) as [string, string, string];
const engine = openEngine({ file });
const ack = (line: string) => appendFileSync(ackFile, line + '\n');
let n = 0;
ack('ready');
for (;;) {
  n++;
  const task = engine.tasks.create(ws, { attributes: { n }, priority: n % 3 });
  ack(`task ${task.sid}`);
  const reserved = engine.tasks.list(ws, { assignment_status: 'reserved', page_size: 5 }).items;
  for (const t of reserved.slice(0, 2)) {
    const reservation = engine.reservations.listForTask(ws, t.sid, { reservation_status: 'pending' }).items[0];
    if (!reservation) continue;
    engine.reservations.accept(ws, reservation.sid);
    ack(`accept ${reservation.sid} ${t.sid}`);
  }
  const assigned = engine.tasks.list(ws, { assignment_status: 'assigned', page_size: 3 }).items;
  if (n % 2 === 0 && assigned[0]) {
    engine.tasks.update(ws, assigned[0].sid, { assignment_status: 'completed' });
    ack(`complete ${assigned[0].sid}`);
  }
}
