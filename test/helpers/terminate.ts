import type { ChildProcess } from 'node:child_process';

/**
 * Sends the child SIGTERM `delayMs` after `ready()` first holds (checked every 20 ms), calling
 * `before` just ahead of the signal: a cancellation at a chosen point of a run.
 */
export function terminateWhen(
  child: ChildProcess,
  ready: () => boolean,
  before: () => void,
  delayMs = 300,
): void {
  const timer = setInterval(() => {
    if (!ready()) return;
    clearInterval(timer);
    setTimeout(() => {
      before();
      child.kill('SIGTERM');
    }, delayMs);
  }, 20);
  child.on('exit', () => clearInterval(timer));
}
