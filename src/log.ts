/**
 * A tiny leveled logger that writes one entry per call to stderr (never stdout: stdout belongs to
 * the console and `--dry-run` output) and redacts secrets from every line it writes.
 */
import { inspect } from 'node:util';
import { escapeRegExp } from './strings.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** True when `level` would be written; lets callers skip building expensive debug text. */
  enabled(level: LogLevel): boolean;
  /** Registers one more value (e.g. a token read later) to redact from every line. */
  addSecret(secret: string | undefined): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values that must never be written, in any encoding (the bot token, mainly). */
  secrets?: readonly (string | undefined)[];
  /** Where finished lines go; defaults to process.stderr. */
  write?: (line: string) => void;
  /** Adds an ISO timestamp in front of each line (default true). */
  timestamps?: boolean;
}

const REDACTED = '[redacted]';
/** Shorter values would redact ordinary words; real tokens are ~70 characters. */
const MIN_SECRET_LENGTH = 6;

/**
 * Anything shaped like a Discord token (base64 user id . timestamp . HMAC), whether or not we
 * know it: a token pasted into a question or an error from another bot must not reach the log.
 */
const TOKEN_SHAPES = [/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}/g, /\bmfa\.[A-Za-z0-9_-]{20,}/g];

/**
 * The base64 characters that encode `secret` whatever bytes surround it: one run per alignment
 * (the secret may start at byte 0, 1 or 2 of a 3-byte group), minus the edge characters that
 * also encode neighbouring bytes.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(first, last);
    if (core.length >= MIN_SECRET_LENGTH) cores.push(core);
  }
  return cores;
}

/** Every spelling of one secret that could appear in a log line. */
export function secretForms(secret: string): string[] {
  const parts = [secret];
  // A token's dot-separated segments leak as much alone (the first one is the base64 user id).
  if (secret.includes('.')) parts.push(...secret.split('.').filter((s) => s.length >= 8));
  const forms = new Set<string>();
  for (const part of parts) {
    forms.add(part);
    forms.add(encodeURIComponent(part));
    forms.add(Buffer.from(part, 'utf8').toString('hex'));
    for (const core of base64Cores(part)) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_')); // base64url
      forms.add(encodeURIComponent(core));
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** Builds a redactor for the given secrets (plus anything token-shaped). */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length); // longest first so a whole token wins over its parts
  const known = forms.length > 0 ? new RegExp([...new Set(forms)].map(escapeRegExp).join('|'), 'gi') : undefined;
  return (text: string) => {
    let out = known ? text.replace(known, REDACTED) : text;
    for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
    return out;
  };
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    const head = `${detail.name}${code !== undefined ? ` [${typeof code === 'string' || typeof code === 'number' ? code : JSON.stringify(code)}]` : ''}: ${detail.message}`;
    const stack = detail.stack?.split('\n').slice(1).join('\n') ?? '';
    return stack ? `${head}\n${stack}` : head;
  }
  if (typeof detail === 'string') return detail;
  return inspect(detail, { depth: 4, breakLength: Infinity });
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const threshold = LOG_LEVELS.indexOf(level);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const timestamps = options.timestamps ?? true;
  const secrets = [...(options.secrets ?? [])];
  let redact = createRedactor(secrets);

  const enabled = (at: LogLevel) => LOG_LEVELS.indexOf(at) >= threshold;
  const log = (at: LogLevel, message: string, detail?: unknown) => {
    if (!enabled(at)) return;
    const extra = describe(detail);
    const text = extra ? `${message} ${extra}` : message;
    const prefix = timestamps ? `${new Date().toISOString()} ` : '';
    write(redact(`${prefix}${at.toUpperCase()} ${text}`) + '\n');
  };

  return {
    level,
    enabled,
    debug: (m, d) => log('debug', m, d),
    info: (m, d) => log('info', m, d),
    warn: (m, d) => log('warn', m, d),
    error: (m, d) => log('error', m, d),
    addSecret(secret) {
      if (!secret || secrets.includes(secret)) return;
      secrets.push(secret);
      redact = createRedactor(secrets);
    },
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });
