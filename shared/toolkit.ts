/**
 * The runner toolkit the bundles use: @actions/core's own command, file-command and summary
 * modules, composed into the `Core` interface without core.js itself. core.js imports the OIDC
 * client (and with it @actions/http-client and undici) and the platform module (@actions/exec);
 * none of the actions needs either, and loading them cost ~65 ms of every cold start (measured:
 * a bundle of `@actions/core` alone starts in 106 ms against 38 ms for `node -e 0`).
 * tsconfig `paths` maps `@actions/core/lib/*` to the package's files, as its exports map hides them.
 */
import { EOL } from 'node:os';
import { issue, issueCommand } from '@actions/core/lib/command.js';
import { issueFileCommand, prepareKeyValueMessage } from '@actions/core/lib/file-command.js';
import { summary } from '@actions/core/lib/summary.js';
import { toCommandValue } from '@actions/core/lib/utils.js';
import type { Core } from './core';

const annotation = (level: 'error' | 'warning' | 'notice') => (message: string | Error) =>
  issueCommand(level, {}, message instanceof Error ? message.toString() : message);

/** Same semantics as @actions/core: runner file commands when the files exist, stdout commands otherwise. */
export const toolkit: Core = {
  getInput(name, options) {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
    if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`);
    return options?.trimWhitespace === false ? value : value.trim();
  },
  setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT) return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
  },
  setSecret: (secret) => issueCommand('add-mask', {}, secret),
  setFailed(message) {
    process.exitCode = 1;
    annotation('error')(message);
  },
  info: (message) => void process.stdout.write(message + EOL),
  warning: annotation('warning'),
  error: annotation('error'),
  notice: annotation('notice'),
  debug: (message) => issueCommand('debug', {}, message),
  isDebug: () => process.env.RUNNER_DEBUG === '1',
  startGroup: (name) => issue('group', name),
  endGroup: () => issue('endgroup'),
  saveState(name, value) {
    if (process.env.GITHUB_STATE) return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    issueCommand('save-state', { name }, toCommandValue(value));
  },
  getState: (name) => process.env[`STATE_${name}`] ?? '',
  summary,
};
