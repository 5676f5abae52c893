/**
 * A task definition given as a JSON file (the form `aws ecs describe-task-definition` prints and
 * aws-actions/amazon-ecs-render-task-definition writes): read and checked at input time, registered
 * only when the family's latest revision differs, so a re-run registers nothing.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../../errors';

export type TaskDefinitionSpec = Record<string, unknown> & {
  family: string;
  containerDefinitions: unknown[];
};

/** Fields ECS adds to a registered revision; RegisterTaskDefinition refuses them. */
const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
];

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const EXAMPLE = 'task-definition.json (with "family" and "containerDefinitions")';

export function isTaskDefinitionFile(value: string): boolean {
  return value.toLowerCase().endsWith('.json');
}

/** The absolute path of a task definition file given relative to the workspace. */
export function taskDefinitionPath(value: string, workspace: string): string {
  return isAbsolute(value) ? value : join(workspace, value);
}

/** Reads and checks a task definition file; errors name the input. */
export function readTaskDefinitionFile(path: string, input: string): TaskDefinitionSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(input, `cannot read the task definition file ${path}`, EXAMPLE);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(input, `${path} is not JSON`, EXAMPLE);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(input, `${path} is not a JSON object`, EXAMPLE);
  }
  // `describe-task-definition` output nests it under "taskDefinition".
  const record = parsed as Record<string, unknown>;
  const body = (
    typeof record.taskDefinition === 'object' && record.taskDefinition !== null
      ? record.taskDefinition
      : record
  ) as Record<string, unknown>;
  const spec = Object.fromEntries(Object.entries(body).filter(([key]) => !READ_ONLY_FIELDS.includes(key)));
  if (typeof spec.family !== 'string' || !FAMILY.test(spec.family)) {
    throw new InputError(
      input,
      `${path} has no valid "family" (letters, digits, hyphens, underscores)`,
      EXAMPLE,
    );
  }
  if (!Array.isArray(spec.containerDefinitions) || spec.containerDefinitions.length === 0) {
    throw new InputError(input, `${path} has no "containerDefinitions"`, EXAMPLE);
  }
  return spec as TaskDefinitionSpec;
}

/**
 * Whether a registered revision already is this spec: every field the file sets has the same
 * value there (ECS fills in defaults the file may leave out, so extra fields don't count).
 */
export function matchesRegistered(spec: unknown, registered: unknown): boolean {
  if (Array.isArray(spec)) {
    return (
      Array.isArray(registered) &&
      spec.length === registered.length &&
      spec.every((item, i) => matchesRegistered(item, registered[i]))
    );
  }
  if (typeof spec === 'object' && spec !== null) {
    if (typeof registered !== 'object' || registered === null || Array.isArray(registered)) return false;
    const other = registered as Record<string, unknown>;
    return Object.entries(spec).every(([key, value]) => matchesRegistered(value, other[key]));
  }
  return spec === registered;
}
