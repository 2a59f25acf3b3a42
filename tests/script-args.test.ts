import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError, closestOption, parseScriptArgs, reportUsageError, standardFlags } from '../src/script-args.js';
import { packageVersion } from '../src/env-file.js';

const OPTIONS = { 'dry-run': { type: 'boolean' }, global: { type: 'boolean' }, story: { type: 'string' } } as const;

function usageError(argv: string[], positionals = false): string {
  try {
    parseScriptArgs(argv, OPTIONS, { positionals });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe('parseScriptArgs', () => {
  it('reads the options it knows, plus --help/-h and --version', () => {
    expect(parseScriptArgs(['--dry-run', '--story', 'x.md'], OPTIONS).values).toMatchObject({
      'dry-run': true,
      story: 'x.md',
    });
    expect(parseScriptArgs(['-h'], OPTIONS).values.help).toBe(true);
    expect(parseScriptArgs(['--version'], OPTIONS).values.version).toBe(true);
  });

  it('never acts on a typo: an unknown option is an error that suggests the near one', () => {
    expect(usageError(['--dryrun'])).toBe('unknown option --dryrun (did you mean --dry-run?)');
    expect(usageError(['--globl'])).toBe('unknown option --globl (did you mean --global?)');
    expect(usageError(['--verbose'])).toBe('unknown option --verbose');
  });

  it('refuses stray arguments and options missing their value', () => {
    expect(usageError(['now'])).toBe('unexpected argument "now"');
    expect(usageError(['--story'])).toMatch(/--story/);
    expect(parseScriptArgs(['ask', 'who?'], OPTIONS, { positionals: true }).positionals).toEqual(['ask', 'who?']);
  });
});

describe('closestOption', () => {
  it('suggests only options within a small edit distance', () => {
    expect(closestOption('--clear-gild', ['clear-guild', 'global'])).toBe('--clear-guild');
    expect(closestOption('--clearguild', ['clear-guild', 'global'])).toBe('--clear-guild');
    expect(closestOption('--x', ['clear-guild', 'global'])).toBeUndefined();
  });
});

describe('standard flags and usage errors', () => {
  it('--help prints the usage and --version the package version on stdout, exit code 0', () => {
    const help = capture();
    expect(standardFlags(parseScriptArgs(['--help'], {}), 'Usage: x', help.io)).toBe(0);
    expect(help.out()).toBe('Usage: x\n');
    const version = capture();
    expect(standardFlags(parseScriptArgs(['--version'], {}), 'Usage: x', version.io)).toBe(0);
    expect(version.out().trim()).toBe(packageVersion());
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(standardFlags(parseScriptArgs([], {}), 'Usage: x', capture().io)).toBeUndefined();
  });

  it('a usage error goes to stderr with the usage, exit code 2', () => {
    const c = capture();
    expect(reportUsageError('tool', new UsageError('unknown option --x'), 'Usage: x', c.io)).toBe(2);
    expect(c.err()).toBe('tool: unknown option --x\nUsage: x\n');
    expect(c.out()).toBe('');
  });
});
