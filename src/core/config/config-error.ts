// A settings file that cannot be used. The message names the file and what is wrong with it;
// the file itself is left as it is.
export class ConfigFileError extends Error {
  readonly path: string;
  /** What is wrong, without the advice. */
  readonly what: string;

  constructor(path: string, what: string, advice?: string) {
    super(`${path}: ${what}${advice ? ` ${advice}` : ''}`);
    this.name = 'ConfigFileError';
    this.path = path;
    this.what = what;
  }
}

/** JSON.parse's complaint, with the position V8 gives ("… in JSON at position 41 (line 3 column 5)"). */
export function parseJson(path: string, text: string, kind: string, advice: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigFileError(path, `this ${kind} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`, advice);
  }
}

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
