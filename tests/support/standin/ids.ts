import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A Discord snowflake: milliseconds since 2015 in the high bits, so ids sort by creation time. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | increment).toString();
}

function randomBase64Url(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

/**
 * A bot token shaped like Discord's: base64 of the bot's user id, a dot, a timestamp part, a dot,
 * an HMAC part. Tests look for every one of these pieces in the bot's logs.
 */
export function botToken(userId: string): string {
  const idPart = Buffer.from(userId).toString('base64').replace(/=+$/, '');
  return `${idPart}.${randomBase64Url(6)}.${randomBase64Url(38)}`;
}

/** Interaction tokens are long opaque strings, valid for 15 minutes. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBase64Url(150)}`;
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
