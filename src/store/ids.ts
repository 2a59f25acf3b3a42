import { randomBytes } from 'node:crypto';

/** Row ids made by the bot (portable: no AUTOINCREMENT or SERIAL), 22 URL-safe characters. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}
