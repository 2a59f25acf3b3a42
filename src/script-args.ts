/**
 * Command-line conventions shared by every script (`cli`, `deploy-commands`, `invite-url`,
 * `main`): `--help` and `--version`, and a typo is never acted on: an unknown option or a stray
 * argument is a usage error (exit code 2, the message and the usage on stderr).
 */
import { parseArgs } from 'node:util';
import { packageVersion } from './env-file.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit code for a command line that was not understood (as in BSD's sysexits and most CLIs). */
export const USAGE_EXIT_CODE = 2;

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Edit distance counting a swap of two neighbours as one edit ("lenght"), small inputs only. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known option closest to a mistyped one (`--dryrun` → `--dry-run`), if any is close. */
export function closestOption(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, '').split('=')[0].toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.replace(/-/g, ''), candidate.replace(/-/g, ''));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 4)) ? `--${best}` : undefined;
}

/** Node's parseArgs messages, shortened to what a person needs. */
function explain(error: Error & { code?: string }, known: readonly string[]): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const suggestion = closestOption(quoted, known);
      return `unknown option ${quoted}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.split('\n')[0].replace(/^Option '([^']+)'.*argument missing$/, 'option $1 needs a value');
    default:
      return error.message.split('\n')[0];
  }
}

/**
 * Parses `argv` strictly against `options` plus `--help`/`-h` and `--version`. Throws a
 * {@link UsageError} for anything else, including positionals when `positionals` is false.
 */
export function parseScriptArgs(
  argv: readonly string[],
  options: OptionSpec,
  { positionals = false } = {},
): ParsedArgs {
  const all: OptionSpec = { ...options, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } };
  try {
    const parsed = parseArgs({ args: [...argv], options: all, allowPositionals: positionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(explain(error as Error & { code?: string }, Object.keys(all)));
  }
}

export interface ScriptOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Handles `--help` and `--version` (printed on stdout, exit code 0); undefined when the script
 * should go on.
 */
export function standardFlags(args: ParsedArgs, usage: string, out: ScriptOutput): number | undefined {
  if (args.values.help) {
    out.stdout.write(`${usage}\n`);
    return 0;
  }
  if (args.values.version) {
    out.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  return undefined;
}

/** Prints a usage error the same way in every script and returns its exit code. */
export function reportUsageError(script: string, error: UsageError, usage: string, out: ScriptOutput): number {
  out.stderr.write(`${script}: ${error.message}\n${usage}\n`);
  return USAGE_EXIT_CODE;
}
