/** A recording stand-in for @actions/core, for in-process unit tests of run() and input parsing. */

import { inputVariable } from '../../harness/helpers/runner';
import type { Core, SummaryWriter } from '../../shared/core';

export interface FakeCore extends Core {
  outputs: Record<string, string>;
  secrets: string[];
  failures: string[];
  logs: { level: string; message: string }[];
  summaryText: string;
}

export function fakeCore(inputs: Record<string, string> = {}): FakeCore {
  const env = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v]));
  const log = (level: string) => (message: string | Error) => {
    fake.logs.push({ level, message: String(message instanceof Error ? message.message : message) });
  };
  const summary: SummaryWriter = {
    addRaw(text: string, addEOL?: boolean) {
      fake.summaryText += text + (addEOL ? '\n' : '');
      return summary;
    },
    write: async () => summary,
  };
  const state: Record<string, string> = {};
  const fake: FakeCore = {
    outputs: {},
    secrets: [],
    failures: [],
    logs: [],
    summaryText: '',
    getInput(name, options) {
      const value = env[inputVariable(name)] ?? '';
      if (options?.required && value === '') throw new Error(`Input required and not supplied: ${name}`);
      return options?.trimWhitespace === false ? value : value.trim();
    },
    setOutput(name, value) {
      fake.outputs[name] = typeof value === 'string' ? value : JSON.stringify(value);
    },
    setSecret: (secret) => void fake.secrets.push(secret),
    setFailed(message) {
      fake.failures.push(String(message instanceof Error ? message.message : message));
    },
    info: log('info'),
    warning: log('warning'),
    error: log('error'),
    notice: log('notice'),
    debug: log('debug'),
    isDebug: () => false,
    startGroup: log('group'),
    endGroup: () => undefined,
    saveState(name, value) {
      state[name] = String(value);
    },
    getState: (name) => state[name] ?? '',
    summary,
  };
  return fake;
}
