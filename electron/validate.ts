// Small validators for IPC arguments. Anything arriving over IPC is untrusted input: a
// compromised renderer can send any structured-clonable value, so types are checked at runtime
// and lengths are bounded before anything touches the disk, the keychain or the shell.
import type { IpcErrorCode } from '../shared/ipc/contract';

/** Thrown by handlers and validators; the IPC wrapper turns it into `{ ok: false, error }`. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}

export type Validator<T> = (value: unknown, label: string) => T;

function invalid(label: string, expected: string): never {
  throw new IpcFailure('invalid_argument', `${label} must be ${expected}`);
}

export function str(options: { min?: number; max: number; pattern?: RegExp }): Validator<string> {
  const min = options.min ?? 0;
  return (value, label) => {
    if (typeof value !== 'string') return invalid(label, 'a string');
    if (value.length < min || value.length > options.max) {
      return invalid(label, `a string of ${min}..${options.max} characters`);
    }
    if (options.pattern && !options.pattern.test(value)) return invalid(label, 'well-formed');
    return value;
  };
}

/** An absolute http(s) URL without embedded credentials (those belong in the store). */
export function httpUrl(max = 2048): Validator<string> {
  const base = str({ min: 1, max });
  return (value, label) => {
    const text = base(value, label);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return invalid(label, 'an absolute URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid(label, 'an http(s) URL');
    if (url.username !== '' || url.password !== '') return invalid(label, 'a URL without user:password@');
    return text;
  };
}

/** A plain object with exactly these keys: unknown keys are refused, not ignored. */
export function obj<T extends Record<string, unknown>>(shape: {
  [K in keyof T]: Validator<T[K]>;
}): Validator<T> {
  return (value, label) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return invalid(label, 'an object');
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(shape, key)) return invalid(`${label}.${key}`, 'absent (unknown key)');
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(shape) as (keyof T & string)[]) {
      result[key] = shape[key](record[key], `${label}.${key}`);
    }
    return result as T;
  };
}

type ValidatorTuple<A extends readonly unknown[]> = { [I in keyof A]: Validator<A[I]> };

/** Validates a whole argument list, including its length. */
export function args<A extends readonly unknown[]>(
  ...validators: ValidatorTuple<A>
): (raw: readonly unknown[]) => A {
  return (raw) => {
    if (raw.length !== validators.length) {
      throw new IpcFailure(
        'invalid_argument',
        `expected ${validators.length} argument(s), got ${raw.length}`,
      );
    }
    return validators.map((validate, index) =>
      (validate as Validator<unknown>)(raw[index], `argument ${index + 1}`),
    ) as unknown as A;
  };
}

/** One of a fixed list of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  return (value, label) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      return invalid(label, `one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

/** Absent (undefined) or valid. */
export function optional<T>(validate: Validator<T>): Validator<T | undefined> {
  return (value, label) => (value === undefined ? undefined : validate(value, label));
}

/** Binary data as IPC delivers it (a Buffer sent by the renderer arrives as a Uint8Array). */
export function bytes(options: { min?: number; max: number }): Validator<Uint8Array> {
  const min = options.min ?? 0;
  return (value, label) => {
    if (!(value instanceof Uint8Array)) return invalid(label, 'binary data');
    if (value.byteLength < min || value.byteLength > options.max) {
      return invalid(label, `between ${min} and ${options.max} bytes`);
    }
    return value;
  };
}

/** Text shown by the OS: bounded, without control characters other than a line break. */
export function displayText(options: { min?: number; max: number; multiline?: boolean }): Validator<string> {
  const base = str(options);
  return (value, label) => {
    const text = base(value, label);
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      const allowed = options.multiline === true && ch === '\n';
      // C0/C1 controls and the bidirectional overrides that can disguise what text says.
      if (
        (!allowed && (code < 32 || (code >= 0x7f && code < 0xa0))) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069)
      ) {
        return invalid(label, 'text without control characters');
      }
    }
    return text;
  };
}
