/** Errors shared by every action, and the one way to turn anything thrown into text. */

/** A bad input: names the input, says what is wrong and shows a value that would be accepted. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    readonly problem: string,
    readonly example?: string,
  ) {
    super(`input "${input}": ${problem}${example === undefined ? '' : ` (for example: ${example})`}`);
  }
}

/** A failure the action detected and can explain in words; no stack trace is useful to the user. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}

/** The run was cancelled (SIGINT/SIGTERM or an abort signal); no new work was started. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

/** The message of anything thrown: an Error's message, a string, or a JSON rendering of the rest. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  if (err === null || err === undefined) return String(err);
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** Errors that explain themselves; anything else is unexpected and gets a stack trace in debug logs. */
export function isExpectedError(err: unknown): boolean {
  return err instanceof InputError || err instanceof ActionError || err instanceof CancelledError;
}
