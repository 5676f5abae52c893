/**
 * The part of @actions/core that the actions use. run() receives it, so tests can pass a
 * recording fake instead of mocking modules.
 */
export interface SummaryWriter {
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  write(options?: { overwrite?: boolean }): Promise<unknown>;
}

export interface Core {
  getInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): string;
  setOutput(name: string, value: unknown): void;
  setSecret(secret: string): void;
  setFailed(message: string | Error): void;
  info(message: string): void;
  warning(message: string | Error): void;
  error(message: string | Error): void;
  debug(message: string): void;
  notice(message: string | Error): void;
  isDebug(): boolean;
  startGroup(name: string): void;
  endGroup(): void;
  saveState(name: string, value: unknown): void;
  getState(name: string): string;
  summary: SummaryWriter;
}
