/**
 * The runner toolkit the bundles use: @actions/core's own command, file-command and summary
 * modules, composed into the `Core` interface without core.js itself. core.js imports the OIDC
 * client (and with it @actions/http-client and undici) and the platform module (@actions/exec);
 * none of the actions needs either, and loading them cost ~65 ms of every cold start (measured:
 * a bundle of `@actions/core` alone starts in 106 ms against 38 ms for `node -e 0`).
 *
 * The modules are imported by relative path: @actions/core's exports map hides `lib/*`, and a
 * path mapping (tsconfig `paths`) is not seen by every tool that runs these sources, e.g.
 * @github/local-action loading an action folder without a tsconfig.json of its own.
 */
import { createRequire } from 'node:module';
import { EOL } from 'node:os';
import { issue, issueCommand } from '../node_modules/@actions/core/lib/command.js';
import { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js';
import { summary } from '../node_modules/@actions/core/lib/summary.js';
import { toCommandValue } from '../node_modules/@actions/core/lib/utils.js';
import type { Core } from './core';

const annotation = (level: 'error' | 'warning' | 'notice') => (message: string | Error) =>
  issueCommand(level, {}, message instanceof Error ? message.toString() : message);

/** Same semantics as @actions/core: runner file commands when the files exist, stdout commands otherwise. */
const lightCore: Core = {
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

/**
 * @github/local-action (GitHub's local runner; its launcher sets TARGET_ACTION_PATH) runs an
 * action's TypeScript entry with @actions/core's core.js replaced by its own stub, which records
 * inputs, outputs, the summary and failures. There, every call must reach that stub: core.js is
 * loaded through a require that the bundler does not follow, so the bundles never load it.
 */
function localActionCore(): Core | undefined {
  if (!process.env.TARGET_ACTION_PATH) return undefined;
  const base = typeof __filename === 'string' ? __filename : `${process.cwd()}/`;
  const packageName = '@actions/core';
  return createRequire(base)(packageName) as Core;
}

let chosen: Core | undefined;
const current = (): Core => {
  chosen ??= localActionCore() ?? lightCore;
  return chosen;
};

/** The runner toolkit: the light composition above, or local-action's core where it runs us. */
export const toolkit: Core = {
  getInput: (name, options) => current().getInput(name, options),
  setOutput: (name, value) => current().setOutput(name, value),
  setSecret: (secret) => current().setSecret(secret),
  setFailed: (message) => current().setFailed(message),
  info: (message) => current().info(message),
  warning: (message) => current().warning(message),
  error: (message) => current().error(message),
  notice: (message) => current().notice(message),
  debug: (message) => current().debug(message),
  isDebug: () => current().isDebug(),
  startGroup: (name) => current().startGroup(name),
  endGroup: () => current().endGroup(),
  saveState: (name, value) => current().saveState(name, value),
  getState: (name) => current().getState(name),
  get summary() {
    return current().summary;
  },
};
