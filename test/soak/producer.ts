/**
 * Creates the soak's tasks through the public REST API at a steady rate, each tagged with
 * its number. A create whose answer is lost is not blindly repeated (that could make two
 * tasks of one): the producer first asks the server whether task `n` exists.
 */
import { isUncertain, type Json, type RestClient } from './rest.js';

/** What the producer knows at the end. */
export interface ProducerResult {
  /** Task number → sid, for every task the server acknowledged (201) or was found after a lost answer. */
  sids: Map<number, string>;
  /** Tasks acknowledged with 201. */
  acknowledged: Set<string>;
  /** Creates whose answer was lost, resolved by looking the task up. */
  recovered: number;
  /** Failed attempts (network, 5xx). */
  failures: number;
}

/** Options of {@link produce}. */
export interface ProducerOptions {
  rest: RestClient;
  workspaceSid: string;
  workflowSid: string;
  /** Tag put on every task, to tell this run's tasks apart. */
  run: string;
  count: number;
  /** Tasks per second. */
  rate: number;
  /** Epoch ms after which the producer gives up (throws). */
  deadline: number;
  /** Called after each task is settled, with how many are. */
  progress?: (settled: number) => void;
  /** Extra attributes of task `n`. */
  attributes?: (n: number) => Json;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates `count` tasks; resolves once each exists exactly once on the server. */
export async function produce(options: ProducerOptions): Promise<ProducerResult> {
  const { rest, workspaceSid, workflowSid, run, count, rate, deadline } = options;
  const result: ProducerResult = { sids: new Map(), acknowledged: new Set(), recovered: 0, failures: 0 };
  const tasks = `/Workspaces/${workspaceSid}/Tasks`;

  const find = async (n: number): Promise<string | undefined> => {
    const body = await rest.call('GET', tasks, { EvaluateTaskAttributes: `soak == "${run}" AND n == ${n}`, PageSize: 10 });
    return (body.tasks as Json[])[0]?.sid;
  };

  const create = async (n: number): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new Error(`task ${n} could not be created before the deadline`);
      try {
        const task = await rest.call('POST', tasks, { WorkflowSid: workflowSid, Attributes: { soak: run, n, ...options.attributes?.(n) } });
        result.sids.set(n, task.sid);
        result.acknowledged.add(task.sid);
        return;
      } catch (error) {
        if (!isUncertain(error)) throw error;
        result.failures++;
      }
      // The request may have been applied before its answer was lost: look before creating again.
      while (Date.now() <= deadline) {
        await sleep(Math.min(2000, 250 * 2 ** Math.min(attempt, 3)));
        try {
          const sid = await find(n);
          if (sid) {
            result.sids.set(n, sid);
            result.recovered++;
            return;
          }
          break;
        } catch (error) {
          if (!isUncertain(error)) throw error;
        }
      }
    }
  };

  const started = Date.now();
  const pending: Array<Promise<void>> = [];
  let settled = 0;
  let failure: unknown;
  for (let n = 0; n < count && failure === undefined; n++) {
    // Steady rate: task n starts at n / rate seconds.
    const wait = started + (n * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    // Handled at once (a rejection must not wait for the loop's end), reported after it.
    pending.push(create(n).then(() => options.progress?.(++settled), (error: unknown) => void (failure ??= error)));
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return result;
}
