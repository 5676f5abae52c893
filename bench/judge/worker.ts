/** Worker thread: runs the tasks it is sent with its own TaskRunner and posts the typed results. */
import { parentPort, workerData } from 'node:worker_threads';
import { createJudges, type JudgeSelection, type Task, TaskRunner } from './engine';

const port = parentPort;
if (port) {
  const { seed, judges } = workerData as { seed: number; judges: JudgeSelection };
  const runner = new TaskRunner(seed, () => createJudges(judges));
  port.on('message', (task: Task) => {
    const result = runner.run(task);
    port.postMessage(result, [result.outcome.buffer, result.minute.buffer, result.blast.buffer]);
  });
}
