import type { Core } from './core';
import { InputError } from './errors';
import { maskSecret, withoutUserinfo } from './mask';

/** Typed, validated reads of action inputs. Every error names the input and shows an accepted value. */
export interface InputReader {
  /** A trimmed value, or undefined when the input is empty or absent. */
  optional(name: string): string | undefined;
  required(name: string, example: string): string;
  /** Like optional(), and registered with the runner as a secret the moment it is read. */
  secret(name: string): string | undefined;
  integer(name: string, options: NumberOptions): number;
  optionalInteger(name: string, options: Omit<NumberOptions, 'default'>): number | undefined;
  number(name: string, options: NumberOptions): number;
  optionalNumber(name: string, options: Omit<NumberOptions, 'default'>): number | undefined;
  boolean(name: string, fallback: boolean): boolean;
  choice<T extends string>(name: string, choices: readonly T[], fallback?: T): T;
  optionalChoice<T extends string>(name: string, choices: readonly T[]): T | undefined;
  /** A duration such as "90s", "5m", "1h30m", "500ms" or a bare number of seconds, in milliseconds. */
  durationMs(name: string, fallback: string): number;
  url(name: string, options?: { schemes?: readonly string[]; example?: string }): URL | undefined;
  list(name: string): string[];
}

export interface NumberOptions {
  default: number;
  min?: number;
  max?: number;
  example?: string;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The longest duration any input takes: setTimeout stores its delay as a signed 32-bit number and
 * fires after 1 ms for anything longer, so a larger timeout would end a wait at once.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

// Decimal digits only: Number() would also take "1e2", "0x0A", "0b11" and " 10 ".
const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL_NUMBER = /^-?\d+(\.\d+)?$/;

/** Parses a decimal integer ("42", "-3") or, with `fraction`, a decimal number ("0.25"); undefined otherwise. */
export function parseDecimal(text: string, options: { fraction?: boolean } = {}): number | undefined {
  if (!(options.fraction ? DECIMAL_NUMBER : DECIMAL_INTEGER).test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) || (options.fraction && Number.isFinite(value)) ? value : undefined;
}

/**
 * Parses "1h30m", "90s", "250ms" or "45" (seconds) into milliseconds; undefined when malformed or
 * longer than MAX_DURATION_MS.
 */
export function parseDurationMs(text: string): number | undefined {
  const ms = durationOf(text);
  return ms !== undefined && ms <= MAX_DURATION_MS ? ms : undefined;
}

function durationOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = trimmed.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
  if (!parts || parts.join('') !== trimmed) return undefined;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = part.match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/) ?? [];
    total += Number(amount) * (DURATION_UNITS[unit ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

function checkRange(name: string, value: number, options: Omit<NumberOptions, 'default'>): number {
  const example = options.example ?? String(options.min ?? 0);
  if (options.min !== undefined && value < options.min) {
    throw new InputError(name, `${value} is below the minimum ${options.min}`, example);
  }
  if (options.max !== undefined && value > options.max) {
    throw new InputError(name, `${value} is above the maximum ${options.max}`, example);
  }
  return value;
}

export function inputReader(core: Pick<Core, 'getInput' | 'setSecret'>): InputReader {
  const optional = (name: string): string | undefined => {
    const value = core.getInput(name).trim();
    return value === '' ? undefined : value;
  };
  const parseNumber = (
    name: string,
    options: Omit<NumberOptions, 'default'>,
    integer: boolean,
  ): number | undefined => {
    // Untrimmed: " 10 " is refused like any other form that is not plain digits.
    const raw = core.getInput(name, { trimWhitespace: false });
    if (raw.trim() === '') return undefined;
    const value = parseDecimal(raw, { fraction: !integer });
    if (value === undefined) {
      const kind = integer ? 'a whole number in decimal digits' : 'a decimal number';
      throw new InputError(
        name,
        `${JSON.stringify(raw)} is not ${kind} (no spaces, exponents, 0x/0b prefixes or underscores)`,
        options.example ?? String(options.min ?? 1),
      );
    }
    return checkRange(name, value, options);
  };

  const reader: InputReader = {
    optional,
    required(name, example) {
      const value = optional(name);
      if (value === undefined) throw new InputError(name, 'is required', example);
      return value;
    },
    secret(name) {
      // Mask the raw value too: getInput trims, and the untrimmed form could still be printed.
      const raw = core.getInput(name, { trimWhitespace: false });
      maskSecret(core, raw);
      const value = optional(name);
      maskSecret(core, value);
      return value;
    },
    integer: (name, options) => parseNumber(name, options, true) ?? options.default,
    optionalInteger: (name, options) => parseNumber(name, options, true),
    number: (name, options) => parseNumber(name, options, false) ?? options.default,
    optionalNumber: (name, options) => parseNumber(name, options, false),
    boolean(name, fallback) {
      const raw = optional(name);
      if (raw === undefined) return fallback;
      if (/^(true|yes|on|1)$/i.test(raw)) return true;
      if (/^(false|no|off|0)$/i.test(raw)) return false;
      throw new InputError(name, `"${raw}" is not a boolean`, 'true');
    },
    choice(name, choices, fallback) {
      const value = reader.optionalChoice(name, choices) ?? fallback;
      if (value === undefined) throw new InputError(name, 'is required', choices.join(' | '));
      return value;
    },
    optionalChoice<T extends string>(name: string, choices: readonly T[]): T | undefined {
      const raw = optional(name);
      if (raw === undefined) return undefined;
      const match = choices.find((choice) => choice === raw.toLowerCase());
      if (match === undefined) {
        throw new InputError(name, `"${raw}" is not one of ${choices.join(', ')}`, choices[0]);
      }
      return match;
    },
    durationMs(name, fallback) {
      const raw = optional(name) ?? fallback;
      const ms = durationOf(raw);
      if (ms === undefined || ms < 0) {
        throw new InputError(name, `"${raw}" is not a duration`, '5m, 90s, 1h30m or 30');
      }
      if (ms > MAX_DURATION_MS) {
        throw new InputError(
          name,
          `"${raw}" is longer than the longest duration a timer can wait (${MAX_DURATION_MS} ms, about 24 days)`,
          fallback,
        );
      }
      return ms;
    },
    url(name, options = {}) {
      const raw = optional(name);
      if (raw === undefined) return undefined;
      const schemes = options.schemes ?? ['http', 'https'];
      const example = options.example ?? `${schemes[schemes.length - 1]}://example.com`;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new InputError(name, `"${withoutUserinfo(raw)}" is not an absolute URL with a scheme`, example);
      }
      if (!schemes.includes(url.protocol.slice(0, -1))) {
        throw new InputError(name, `scheme "${url.protocol}" is not one of ${schemes.join(', ')}`, example);
      }
      return url;
    },
    list(name) {
      return (optional(name) ?? '')
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    },
  };
  return reader;
}
