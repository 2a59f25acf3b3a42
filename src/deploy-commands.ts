/**
 * Registers the slash commands through Discord's REST API: to one server when a guild id is given
 * (instant, for development), else globally. Run it when the commands change, not on every start:
 * command creation is rate-limited per day.
 *
 *   npm run deploy-commands              register (DISCORD_GUILD_ID decides guild or global)
 *   npm run deploy-commands -- --global  register globally even if DISCORD_GUILD_ID is set
 *   npm run deploy-commands -- --dry-run print the JSON that would be sent; needs no token
 */
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, REST, Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { commands as allCommands, messageCommands as allMessageCommands } from '../commands/index.js';
import { ConfigError, clientIdFromToken, parseConfig, requireClientId, requireToken } from './config.js';
import type { Command, MessageCommand } from './discord/context.js';

export interface DeployOptions {
  token?: string;
  /** Application id; taken from the token when absent. */
  clientId?: string;
  /** Register to this server only. */
  guildId?: string;
  /** REST base without version (a proxy or the local stand-in). */
  apiBase?: string;
  /** Build the request but do not send it (no token needed). */
  dryRun?: boolean;
  commands?: readonly Command[];
  messageCommands?: readonly MessageCommand[];
}

export interface DeployResult {
  scope: 'guild' | 'global';
  /** The REST route, e.g. `/applications/123/guilds/456/commands`. */
  route: string;
  body: RESTPostAPIApplicationCommandsJSONBody[];
  /** False for a dry run. */
  sent: boolean;
}

export function commandBodies(commands: readonly Command[] = allCommands, messageCommands: readonly MessageCommand[] = allMessageCommands): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands, ...messageCommands].map((c) => c.data.toJSON() as RESTPostAPIApplicationCommandsJSONBody);
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const body = commandBodies(options.commands, options.messageCommands);
  const scope = options.guildId ? 'guild' : 'global';
  if (options.dryRun) {
    const clientId = options.clientId ?? (options.token ? clientIdFromToken(options.token) : undefined) ?? 'APPLICATION_ID';
    const route = options.guildId ? Routes.applicationGuildCommands(clientId, options.guildId) : Routes.applicationCommands(clientId);
    return { scope, route, body, sent: false };
  }
  const token = requireToken(options);
  const clientId = requireClientId({ token, ...(options.clientId ? { clientId: options.clientId } : {}) });
  const route = options.guildId ? Routes.applicationGuildCommands(clientId, options.guildId) : Routes.applicationCommands(clientId);
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(token);
  try {
    await rest.put(route, { body }); // PUT replaces the whole set: removed commands disappear too
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  return { scope, route, body, sent: true };
}

/** One line for a failed deploy, never containing the token. */
export function explainDeployError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DiscordAPIError || (error as { status?: unknown })?.status !== undefined) {
    const status = (error as { status: number }).status;
    if (status === 401) return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer Portal (your application → Bot → Reset Token).';
    if (status === 403) return 'Discord refused (403 Missing Access): invite the bot to the server with the applications.commands scope (npm run invite-url), or check DISCORD_GUILD_ID.';
    if (status === 404) return 'Discord answered 404: check DISCORD_CLIENT_ID and DISCORD_GUILD_ID.';
    return `Discord answered ${status}: ${(error as Error).message.split('\n')[0]}`;
  }
  return `Could not register the commands: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

async function main(argv: readonly string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const dryRun = argv.includes('--dry-run');
  const forceGlobal = argv.includes('--global');
  try {
    const config = parseConfig(process.env);
    const result = await deployCommands({
      dryRun,
      ...(config.token ? { token: config.token } : {}),
      ...(config.clientId ? { clientId: config.clientId } : {}),
      ...(config.guildId && !forceGlobal ? { guildId: config.guildId } : {}),
      ...(config.apiBase ? { apiBase: config.apiBase } : {}),
    });
    if (dryRun) {
      process.stderr.write(`Dry run: would PUT ${result.route} (${result.scope}) with:\n`);
      process.stdout.write(`${JSON.stringify(result.body, null, 2)}\n`);
    } else {
      const names = result.body.map((c) => `/${c.name}`).join(', ');
      const where = result.scope === 'guild' ? `to server ${config.guildId} (available now)` : 'globally (may take up to an hour to appear)';
      process.stdout.write(`Registered ${result.body.length} commands ${where}: ${names}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${explainDeployError(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
