import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLogger, createRedactor } from '../src/log.js';

// Shaped like a real bot token: base64(user id) . timestamp . HMAC (made up).
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.x9Zq-ExampleSecretPartThatIsLong_1234';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets: [TOKEN], write: (l) => lines.push(l), timestamps: false });
  return { logger, lines, text: () => lines.join('') };
}

/** Every spelling of the token a log line could carry. */
function spellings(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(b64),
    Buffer.from(secret).toString('hex'),
    secret.split('.')[0],
    secret.split('.')[2],
  ];
}

describe('logger', () => {
  it('writes leveled lines and drops those below the level', () => {
    const { logger, lines } = capture('warn');
    logger.info('hidden');
    logger.warn('shown');
    logger.error('failed', new Error('boom'));
    expect(lines[0]).toBe('WARN shown\n');
    expect(lines[1]).toMatch(/^ERROR failed Error: boom\n {4}at /);
    expect(lines).toHaveLength(2);
  });

  it('redacts the token in every encoding, in messages, errors and objects', () => {
    const { logger, text } = capture();
    for (const form of spellings(TOKEN)) {
      logger.info(`header Authorization: Bot ${form} end`);
      logger.error('request failed', new Error(`bad ${form}`));
      logger.debug('payload', { headers: { authorization: form }, nested: [form] });
    }
    logger.info(`embedded in base64: ${Buffer.from(`{"token":"${TOKEN}"}`).toString('base64')}`);
    logger.info(
      `shifted: ${Buffer.from(`x${TOKEN}`).toString('base64')} ${Buffer.from(`xy${TOKEN}`).toString('base64')}`,
    );
    const out = text();
    for (const form of spellings(TOKEN)) expect(out).not.toContain(form);
    // The token inside a larger base64 blob, at each byte alignment: its middle must be gone.
    for (const wrapped of [`{"token":"${TOKEN}"}`, `x${TOKEN}`, `xy${TOKEN}`]) {
      expect(out).not.toContain(Buffer.from(wrapped).toString('base64').slice(16, -8));
    }
    expect(out).toContain('[redacted]');
  });

  it('redacts secrets added later and anything token-shaped', () => {
    const { logger, text } = capture();
    logger.addSecret('another-secret-value');
    logger.info('x another-secret-value y');
    logger.info('stranger: NzkyNzE1NDU0MTk2MDg4ODQy.X-hvzA.Ovy4MCQywSkoMRRclStW4xAYK7I');
    expect(text()).not.toMatch(/another-secret-value|Ovy4MCQywSkoMRRclStW4xAYK7I/);
  });

  it('never writes to stdout', () => {
    const writes: unknown[] = [];
    const original = process.stdout.write.bind(process.stdout);
    const errOriginal = process.stderr.write.bind(process.stderr);
    process.stdout.write = (chunk: unknown) => (writes.push(chunk), true);
    process.stderr.write = () => true;
    try {
      createLogger({ level: 'debug' }).error('to stderr only');
    } finally {
      process.stdout.write = original;
      process.stderr.write = errOriginal;
    }
    expect(writes).toEqual([]);
  });

  it('property: a token placed anywhere in any text never survives redaction', () => {
    const redact = createRedactor([TOKEN]);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom(...spellings(TOKEN)), (before, after, form) => {
        expect(redact(before + form + after)).not.toContain(form);
      }),
    );
  });
});
