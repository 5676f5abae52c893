/**
 * GitHub Actions expressions for the pipeline runner, evaluated by @actions/expressions (the
 * parser and evaluator of GitHub's own language services), with the status functions that only a
 * runner can answer (success, failure, cancelled, always) supplied per evaluation.
 */
import type * as Expressions from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import type * as ExpressionResults from '@actions/expressions/result';

type ExpressionData = Expressions.data.ExpressionData;

/**
 * @actions/expressions is published as ES modules only (its exports map has no `require`), and
 * tsx runs this repository's .ts files as CommonJS: so the engine is loaded once with a dynamic
 * import, which Node resolves as ESM from either kind of module.
 */
let engine: { lib: typeof Expressions; results: typeof ExpressionResults } | undefined;

export async function loadExpressionEngine(): Promise<void> {
  engine ??= {
    lib: await import('@actions/expressions'),
    results: await import('@actions/expressions/result'),
  };
}

function loaded(): NonNullable<typeof engine> {
  if (!engine) throw new Error('call loadExpressionEngine() before evaluating expressions');
  return engine;
}

export const CONTEXT_NAMES = [
  'github',
  'inputs',
  'secrets',
  'vars',
  'env',
  'steps',
  'needs',
  'job',
  'jobs',
  'runner',
  'matrix',
  'strategy',
] as const;

export type ContextName = (typeof CONTEXT_NAMES)[number];
export type Contexts = Partial<Record<ContextName, unknown>>;

/** What the status functions answer at the point of evaluation. */
export interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;
const STATUS_CALL = /\b(success|failure|cancelled|always)\s*\(/;
const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;

/** Plain JSON values to the evaluator's data model. */
export function toData(value: unknown): ExpressionData {
  const { data } = loaded().lib;
  if (value === undefined) return new data.Null();
  return JSON.parse(JSON.stringify(value), data.reviver) as ExpressionData;
}

function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const { data } = loaded().lib;
  const answer: Record<(typeof STATUS_FUNCTIONS)[number], boolean> = {
    success: status.success && !status.cancelled,
    failure: status.failure,
    cancelled: status.cancelled,
    always: true,
  };
  return new Map(
    STATUS_FUNCTIONS.map((name) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answer[name]) },
    ]),
  );
}

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(expression: string, contexts: Contexts, status?: Status): ExpressionData {
  const { data, Evaluator, Lexer, Parser } = loaded().lib;
  const lexed = new Lexer(expression.trim()).lex();
  const functions = statusFunctions(status ?? { success: true, failure: false, cancelled: false });
  const parsed = new Parser(
    lexed.tokens,
    [...CONTEXT_NAMES],
    [...functions.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs })),
  ).parse();
  const context = new data.Dictionary(
    ...CONTEXT_NAMES.map((name) => ({ key: name, value: toData(contexts[name] ?? {}) })),
  );
  return new Evaluator(parsed, context, functions).evaluate();
}

/**
 * A YAML value with `${{ }}` templates, as the runner renders it into a string: a value that is
 * one expression takes that expression's value; mixed text interpolates each.
 */
export function interpolate(text: unknown, contexts: Contexts, status?: Status): string {
  if (text === undefined || text === null) return '';
  if (typeof text !== 'string') return String(text);
  return text.replace(TEMPLATE, (_whole, expression: string) =>
    evaluate(expression, contexts, status).coerceString(),
  );
}

/**
 * A job's or step's `if:`. The `${{ }}` wrapper is optional; a condition that calls no status
 * function is implicitly `success() && (…)`, as on GitHub.
 */
export function condition(text: unknown, contexts: Contexts, status: Status): boolean {
  if (text === undefined || text === null || text === '') return status.success && !status.cancelled;
  if (typeof text === 'boolean') return text && status.success && !status.cancelled;
  const raw = String(text).trim();
  const whole = raw.match(/^\$\{\{([\s\S]*)\}\}$/);
  const expression = whole ? (whole[1] as string) : raw;
  const guarded = STATUS_CALL.test(expression) ? expression : `success() && (${expression})`;
  return loaded().results.truthy(evaluate(guarded, contexts, status));
}
