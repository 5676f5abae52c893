/** Worker thread of bench:gate: runs the tasks it is sent and posts the typed results. */
import { parentPort, workerData } from 'node:worker_threads';
import { type GateTask, GateTaskRunner } from './engine';

const port = parentPort;
if (port) {
  const { seed, oursOnly } = workerData as { seed: number; oursOnly: boolean };
  const runner = new GateTaskRunner(seed, oursOnly);
  port.on('message', (task: GateTask) => {
    const r = runner.run(task);
    port.postMessage(r, [
      r.outcome.buffer,
      r.minutes.buffer,
      r.extended.buffer,
      r.blast.buffer,
      r.stoppedAt.buffer,
      r.firstStep.buffer,
    ]);
  });
}
