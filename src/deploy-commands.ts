/**
 * Registers the slash commands through Discord's REST API: to one server when a guild id is given
 * (instant, for development), else globally. Run it when the commands change, not on every start:
 * command creation is rate-limited per day.
 *
 * `npm run deploy-commands -- --help` lists the options (see USAGE below).
 */
import { pathToFileURL } from 'node:url';
import {
  ApplicationCommandType,
  DiscordAPIError,
  REST,
  Routes,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { commands as allCommands, messageCommands as allMessageCommands } from '../commands/index.js';
import { ConfigError, clientIdFromToken, parseConfig, requireClientId, requireToken } from './config.js';
import type { Command, MessageCommand } from './discord/context.js';
import { loadEnvFile } from './env-file.js';
import { UsageError, parseScriptArgs, reportUsageError, standardFlags, type ScriptOutput } from './script-args.js';

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
  /** Register no commands: remove every command registered to `guildId` (PUT an empty list). */
  clearGuild?: boolean;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  /** The REST route, e.g. `/applications/123/guilds/456/commands`. */
  route: string;
  body: RESTPostAPIApplicationCommandsJSONBody[];
  /** False for a dry run. */
  sent: boolean;
}

export function commandBodies(
  commands: readonly Command[] = allCommands,
  messageCommands: readonly MessageCommand[] = allMessageCommands,
): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands, ...messageCommands].map((c) => c.data.toJSON() as RESTPostAPIApplicationCommandsJSONBody);
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  if (options.clearGuild && !options.guildId) {
    throw new ConfigError(
      'DISCORD_GUILD_ID',
      '--clear-guild needs DISCORD_GUILD_ID: the id of the server whose commands to remove.',
    );
  }
  const body = options.clearGuild ? [] : commandBodies(options.commands, options.messageCommands);
  const scope = options.guildId ? 'guild' : 'global';
  if (options.dryRun) {
    const clientId =
      options.clientId ?? (options.token ? clientIdFromToken(options.token) : undefined) ?? 'APPLICATION_ID';
    const route = options.guildId
      ? Routes.applicationGuildCommands(clientId, options.guildId)
      : Routes.applicationCommands(clientId);
    return { scope, route, body, sent: false };
  }
  const token = requireToken(options);
  const clientId = requireClientId({ token, ...(options.clientId ? { clientId: options.clientId } : {}) });
  const route = options.guildId
    ? Routes.applicationGuildCommands(clientId, options.guildId)
    : Routes.applicationCommands(clientId);
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(token);
  try {
    await rest.put(route, { body }); // PUT replaces the whole set: removed commands disappear too
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  return { scope, route, body, sent: true };
}

/**
 * Discord's field errors for a 400 ("Invalid Form Body"), one line each, e.g.
 * `/ask options.0.description: Must be between 1 and 100 in length. (BASE_TYPE_BAD_LENGTH)`;
 * the leading index of a path is replaced by the command it points at.
 */
export function fieldErrors(errors: unknown, body: readonly { name: string }[] = []): string[] {
  const lines: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const own = (node as { _errors?: unknown })._errors;
    if (Array.isArray(own)) {
      for (const e of own as { code?: string; message?: string }[]) {
        const [head, ...rest] = path;
        const command = head !== undefined && /^\d+$/.test(head) ? body[Number(head)]?.name : undefined;
        const where =
          command !== undefined ? [`/${command}`, rest.join('.')].filter(Boolean).join(' ') : path.join('.');
        lines.push(`${where ? `${where}: ` : ''}${e.message ?? 'invalid'}${e.code ? ` (${e.code})` : ''}`);
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== '_errors') walk(value, [...path, key]);
  };
  walk(errors, []);
  return lines;
}

/** What went wrong with a deploy, for a person: one line, plus Discord's field errors for a 400; never the token. */
export function explainDeployError(error: unknown, body: readonly { name: string }[] = commandBodies()): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DiscordAPIError || (error as { status?: unknown })?.status !== undefined) {
    const status = (error as { status: number }).status;
    if (status === 401)
      return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer Portal (your application → Bot → Reset Token).';
    if (status === 403)
      return 'Discord refused (403 Missing Access): invite the bot to the server with the applications.commands scope (npm run invite-url), or check DISCORD_GUILD_ID.';
    if (status === 404) return 'Discord answered 404: check DISCORD_CLIENT_ID and DISCORD_GUILD_ID.';
    const raw = (error as { rawError?: { message?: string; errors?: unknown } }).rawError;
    const head = `Discord answered ${status}: ${raw?.message ?? (error as Error).message.split('\n')[0]}`;
    const fields = fieldErrors(raw?.errors, body);
    return fields.length > 0 ? [head, ...fields.map((line) => `  ${line}`)].join('\n') : head;
  }
  return `Could not register the commands: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

export const USAGE = `Usage: npm run deploy-commands -- [options]
Registers storybot's slash commands with Discord; run it again only when they change.
  (no option)     register to DISCORD_GUILD_ID when it is set (shown at once), else globally
                  (may take up to an hour to show)
  --global        register globally even when DISCORD_GUILD_ID is set
  --clear-guild   remove the commands registered to DISCORD_GUILD_ID (after moving to global
                  ones); with --global, register globally first, then clear the server's
  --dry-run       print the JSON that would be sent (on stdout) and send nothing; no token needed
  -h, --help      this text
  --version       storybot's version
Settings come from the environment or .env: DISCORD_TOKEN, DISCORD_CLIENT_ID, DISCORD_GUILD_ID.`;

const OPTIONS = {
  global: { type: 'boolean' },
  'clear-guild': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
} as const;

function describeResult(result: DeployResult, guildId: string | undefined): string {
  if (result.body.length === 0) return `Removed every command registered to server ${guildId}.`;
  // Slash commands as typed (/ask); message commands as the Apps menu shows them ("Ask storybot").
  const names = result.body
    .map((c) => (c.type === ApplicationCommandType.Message ? `"${c.name}"` : `/${c.name}`))
    .join(', ');
  const where =
    result.scope === 'guild' ? `to server ${guildId} (available now)` : 'globally (may take up to an hour to appear)';
  return `Registered ${result.body.length} commands ${where}: ${names}`;
}

/** The deploy script; resolves to its exit code. */
export async function run(argv: readonly string[], io: ScriptOutput & { env: NodeJS.ProcessEnv }): Promise<number> {
  let args;
  try {
    args = parseScriptArgs(argv, OPTIONS);
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('deploy-commands', error, USAGE, io);
    throw error;
  }
  const done = standardFlags(args, USAGE, io);
  if (done !== undefined) return done;
  const dryRun = args.values['dry-run'] === true;
  const global = args.values.global === true;
  const clearGuild = args.values['clear-guild'] === true;
  try {
    const config = parseConfig(io.env);
    const common = {
      dryRun,
      ...(config.token ? { token: config.token } : {}),
      ...(config.clientId ? { clientId: config.clientId } : {}),
      ...(config.apiBase ? { apiBase: config.apiBase } : {}),
    };
    const steps: DeployOptions[] = [];
    if (!clearGuild || global)
      steps.push({ ...common, ...(config.guildId && !global ? { guildId: config.guildId } : {}) });
    if (clearGuild) steps.push({ ...common, clearGuild: true, ...(config.guildId ? { guildId: config.guildId } : {}) });
    let printed = false;
    for (const step of steps) {
      const result = await deployCommands(step);
      if (dryRun) {
        io.stderr.write(`Dry run: would PUT ${result.route} (${result.scope}) with ${result.body.length} commands\n`);
        if (!printed) io.stdout.write(`${JSON.stringify(result.body, null, 2)}\n`);
        printed = true;
      } else {
        io.stdout.write(`${describeResult(result, config.guildId)}\n`);
      }
    }
    return 0;
  } catch (error) {
    io.stderr.write(`${explainDeployError(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadEnvFile();
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
