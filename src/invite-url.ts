/**
 * The link that adds the bot to a server: scopes `bot` and `applications.commands`, and only the
 * permissions the bot uses. `npm run invite-url` prints it.
 */
import { pathToFileURL } from 'node:url';
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, parseConfig, requireClientId } from './config.js';

/** See the channel, answer in it (and in threads), show embeds, and reply to a message (which
 * needs Read Message History). Nothing else: no pings, no moderation, no Message Content. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

export function inviteUrl(clientId: string, guildId?: string): string {
  const params = new URLSearchParams({
    client_id: clientId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  if (guildId) params.set('guild_id', guildId);
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotenv({ quiet: true });
  try {
    const config = parseConfig(process.env);
    process.stdout.write(`${inviteUrl(requireClientId(config), config.guildId)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
