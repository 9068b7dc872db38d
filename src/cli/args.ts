/** Command-line arguments: a small, strict parser (unknown options are errors, not ignored). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

export function parseArgs(
  argv: readonly string[],
  valued: readonly string[],
  flagNames: readonly string[],
): ParsedArgs {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (flagNames.includes(name)) {
        flags.add(name);
        continue;
      }
      if (!valued.includes(name)) throw new UsageError(`unknown option --${name}`);
      const v = inline ?? argv[i + 1];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      if (inline === undefined) i += 1;
      options.set(name, [...(options.get(name) ?? []), v]);
    } else if (a === '-h') {
      flags.add('help');
    } else if (command === undefined) {
      command = a;
    } else {
      throw new UsageError(`unexpected argument ${JSON.stringify(a)}`);
    }
  }
  return { command, options, flags };
}

export function one(args: ParsedArgs, name: string, required: true): string;
export function one(args: ParsedArgs, name: string, required?: false): string | undefined;
export function one(args: ParsedArgs, name: string, required = false): string | undefined {
  const vs = args.options.get(name);
  if (!vs || vs.length === 0) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (vs.length > 1) throw new UsageError(`--${name} is given ${vs.length} times`);
  return vs[0];
}
