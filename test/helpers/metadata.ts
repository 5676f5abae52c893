import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../harness/helpers/runner';

/** The input and output names that an action.yml declares, for comparing with the code's constants. */
export function declaredNames(action: string): { inputs: string[]; outputs: string[] } {
  const meta = parse(readFileSync(join(REPO_ROOT, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };
  return { inputs: Object.keys(meta.inputs ?? {}).sort(), outputs: Object.keys(meta.outputs ?? {}).sort() };
}
