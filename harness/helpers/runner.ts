/**
 * Runs a built action bundle exactly as the GitHub runner does: a child process of Node 24 with
 * inputs as INPUT_* variables and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, then
 * reads back outputs, workflow commands and the summary.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export interface BundleResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  errors: string[];
  warnings: string[];
  notices: string[];
  masks: string[];
  durationMs: number;
  /** The folder given as RUNNER_TEMP. */
  runnerTemp: string;
}

export interface BundleOptions {
  /** Extra environment (e.g. endpoint overrides for the emulators). */
  env?: Record<string, string | undefined>;
  /** GITHUB_* context; defaults describe a push on main. */
  timeoutMs?: number;
  /** Called once the process has started, e.g. to send it a signal later. */
  onStart?: (child: ChildProcess) => void;
  cwd?: string;
}

/** The runner's INPUT_ variable name: spaces become underscores, then upper case; hyphens stay. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses the GITHUB_OUTPUT / GITHUB_STATE file format (name=value or name<<DELIM … DELIM). */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delimiter] = heredoc as [string, string, string];
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i] as string);
      values[name] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

function commands(stdout: string, command: string): string[] {
  const decodeCommand = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${command}`))
    .map((line) => decodeCommand(line.slice(line.indexOf('::', 2) + 2)));
}

export async function runBundle(
  action: string,
  inputs: Record<string, string | number | boolean | undefined>,
  options: BundleOptions = {},
): Promise<BundleResult> {
  const runnerTemp = mkdtempSync(join(tmpdir(), `runner-${action}-`));
  const files = {
    output: join(runnerTemp, 'output'),
    summary: join(runnerTemp, 'summary'),
    state: join(runnerTemp, 'state'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: options.cwd ?? REPO_ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKFLOW: 'canary',
    GITHUB_JOB: 'rollout',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
  };
  for (const [name, value] of Object.entries(inputs)) {
    if (value !== undefined) env[inputVariable(name)] = String(value);
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const started = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', action, 'index.js')], {
    env,
    cwd: options.cwd ?? REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onStart?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  );
  clearTimeout(timer);
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
    state: parseCommandFile(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    errors: commands(stdout, 'error'),
    warnings: commands(stdout, 'warning'),
    notices: commands(stdout, 'notice'),
    masks: commands(stdout, 'add-mask'),
    durationMs: performance.now() - started,
    runnerTemp,
  };
}

/**
 * Everything a run wrote where a person or a later step could read it, minus the mask commands
 * themselves: for "the secret never appears" assertions.
 */
export function everythingVisible(result: BundleResult): string {
  const stdout = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [
    stdout,
    result.stderr,
    JSON.stringify(result.outputs),
    JSON.stringify(result.state),
    result.summary,
  ].join('\n');
}
