import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

async function run(args: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(args, { stdin: Readable.from([stdin]), stdout, stderr, env: {} });
  return { code, out, err };
}

describe('cli ask', () => {
  it('prints one JSON object in the documented shape', async () => {
    const { code, out, err } = await run(['ask', '--json', 'How many memoranda of understanding will be signed?']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const answer = JSON.parse(out);
    expect(Object.keys(answer).sort()).toEqual(['answered', 'passages', 'question', 'shortAnswer']);
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]).toMatchObject({ story: 'pezeshkian-visits-iraq', paragraph: 4 });
    expect(Object.keys(answer.passages[0])).toEqual(
      expect.arrayContaining(['story', 'paragraph', 'text', 'sentence', 'score']),
    );
  });

  it('answers each line of --stdin in order', async () => {
    const { out } = await run(['ask', '--json', '--stdin'], 'Who was Qassem Soleimani?\nWho wrote Hamlet?\n');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.question, l.answered])).toEqual([
      ['Who was Qassem Soleimani?', true],
      ['Who wrote Hamlet?', false],
    ]);
  });

  it('prints citations for people without --json', async () => {
    const { out } = await run(['ask', 'When did the drone strike happen?']);
    expect(out).toMatch(/2020.*\[¶5\]/);
  });

  it('gives one clear line for a bad story path or bad usage', async () => {
    const missing = await run(['ask', '--story', 'no/such/place', 'hi']);
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('no/such/place');
    const usage = await run(['ask']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('ask needs a question');
  });
});

describe('cli summary', () => {
  it('prints the summary JSON with paragraph numbers', async () => {
    const { code, out } = await run(['summary', '--json', '--length', 'short']);
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary.story).toBe('pezeshkian-visits-iraq');
    expect(summary.sentences.length).toBeGreaterThan(0);
    expect(summary.sentences.length).toBeLessThanOrEqual(3);
  });
});

// The built CLI is what users and evaluations run: stdout must hold only the answer.
describe('built cli', () => {
  it('keeps stdout to one JSON line', () => {
    const out = execFileSync('node', ['dist/src/cli.js', 'ask', '--json', 'Where else will Pezeshkian go?'], {
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const child = spawn('node', ['dist/src/cli.js', 'ask', '--json', '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Many questions, so answers are still being written when we close our end of its stdout.
    child.stdin.on('error', () => undefined);
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end('Where else will Pezeshkian go?\n'.repeat(3000));
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });

  it('exits non-zero with one line for a missing story', () => {
    const r = spawnSync('node', ['dist/src/cli.js', 'ask', '--story', 'nowhere', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
