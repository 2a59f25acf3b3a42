// Shared set-up for the end-to-end tests: a logger that captures every line, the seed library,
// and every spelling of a token that must never reach a log.
import { createLogger, type Logger } from '../../src/log.js';

export interface CapturedLog {
  logger: Logger;
  lines: string[];
  text(): string;
}

/** A debug-level logger (so discord.js's own debug output is included) writing into memory. */
export function captureLogger(): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line), timestamps: false });
  return { logger, lines, text: () => lines.join('') };
}

/**
 * The ways a bot token could show up in output: as is, URL-encoded, base64 and base64url of the
 * whole token, and its user-id part (the first segment is the base64 of the bot's user id) and
 * HMAC part alone. The 6-character timestamp segment is not secret on its own.
 */
export function tokenSpellings(token: string): Record<string, string> {
  const [idPart, , hmac] = token.split('.');
  return {
    plain: token,
    'url-encoded': encodeURIComponent(token),
    base64: Buffer.from(token).toString('base64').replace(/=+$/, ''),
    base64url: Buffer.from(token).toString('base64url'),
    'user-id part': idPart,
    'hmac part': hmac,
    'Bot header': `Bot ${token}`,
  };
}

/** Which spellings of the token occur in `text` (empty when it is clean). */
export function leakedSpellings(text: string, token: string): string[] {
  return Object.entries(tokenSpellings(token))
    .filter(([, spelling]) => text.includes(spelling))
    .map(([name]) => name);
}
