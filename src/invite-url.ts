/**
 * The link that adds the bot to a server: scopes `bot` and `applications.commands`, and only the
 * permissions the bot uses. `npm run invite-url` prints it.
 */
import { pathToFileURL } from 'node:url';
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';
import { ConfigError, parseConfig, requireClientId } from './config.js';
import { loadEnvFile } from './env-file.js';
import { UsageError, parseScriptArgs, reportUsageError, standardFlags, type ScriptOutput } from './script-args.js';

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

export const USAGE = `Usage: npm run invite-url [-- --help | --version]
Prints the link that adds the bot to a server: scopes bot and applications.commands, and only the
permissions it uses. Reads DISCORD_CLIENT_ID (or DISCORD_TOKEN) and DISCORD_GUILD_ID from the
environment or .env; with DISCORD_GUILD_ID the link preselects that server.`;

/** The invite-url script; returns its exit code. */
export function run(argv: readonly string[], io: ScriptOutput & { env: NodeJS.ProcessEnv }): number {
  let args;
  try {
    args = parseScriptArgs(argv, {});
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('invite-url', error, USAGE, io);
    throw error;
  }
  const done = standardFlags(args, USAGE, io);
  if (done !== undefined) return done;
  try {
    const config = parseConfig(io.env);
    io.stdout.write(`${inviteUrl(requireClientId(config), config.guildId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadEnvFile();
  process.exitCode = run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
