// Application commands: what the deploy script registers (PUT replaces the whole set, as on Discord).
import { snowflake } from './ids.js';
import { commandProblems } from './limits.js';
import { ErrorCode } from './protocol.js';
import { error, ok, type Reply, type RestRouter, type RouteContext } from './rest.js';
import { refuse, type StandInState } from './state.js';
import type { Json } from './world.js';

export function registerCommandRoutes(r: RestRouter, state: StandInState): void {
  for (const scope of ['global', 'guild'] as const) {
    const base = scope === 'global' ? '/applications/:appId/commands' : '/applications/:appId/guilds/:guildId/commands';
    r.route('GET', base, (context) => withCommands(state, context, (commands) => ok([...commands.values()])));
    r.route('PUT', base, (context) => putCommands(state, context));
    r.route('POST', base, (context) => postCommand(state, context));
    r.route('DELETE', `${base}/:commandId`, (context) =>
      withCommands(state, context, (commands) => {
        const entry = [...commands.entries()].find(([, c]) => c.id === context.params.commandId);
        if (!entry) return error(404, ErrorCode.UnknownApplicationCommand, 'Unknown application command');
        commands.delete(entry[0]);
        return ok();
      }),
    );
  }
}

function withCommands(state: StandInState, context: RouteContext, use: (commands: Map<string, Json>) => Reply): Reply {
  const { appId, guildId } = context.params;
  if (appId !== state.application.id) return error(403, ErrorCode.MissingAccess, 'Missing Access');
  if (guildId === undefined) return use(state.commands.global);
  if (!state.world.guilds.has(guildId)) return error(404, ErrorCode.UnknownGuild, 'Unknown Guild');
  let commands = state.commands.guild.get(guildId);
  if (!commands) state.commands.guild.set(guildId, (commands = new Map()));
  return use(commands);
}

function storeCommand(state: StandInState, raw: Json, existing: Json | undefined, guildId: string | undefined): Json {
  return {
    type: 1,
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
    ...raw,
    id: existing?.id ?? snowflake(),
    application_id: state.application.id,
    version: snowflake(),
    ...(guildId
      ? { guild_id: guildId }
      : { contexts: raw.contexts ?? null, integration_types: raw.integration_types ?? [0] }),
  };
}

function putCommands(state: StandInState, context: RouteContext): Reply {
  const body = context.body;
  if (!Array.isArray(body)) return refuse(state, context.call, ['body: expected an array of commands']);
  const problems = body.flatMap((command, i) => commandProblems(command as Json, `[${i}]`));
  const names = body.map((command) => `${String((command as Json).type ?? 1)}:${String((command as Json).name)}`);
  if (new Set(names).size !== names.length) problems.push('commands: duplicate names');
  if (problems.length) return refuse(state, context.call, problems);
  return withCommands(state, context, (commands) => {
    const previous = new Map(commands);
    commands.clear();
    for (const raw of body as Json[])
      commands.set(String(raw.name), storeCommand(state, raw, previous.get(String(raw.name)), context.params.guildId));
    return ok([...commands.values()]);
  });
}

function postCommand(state: StandInState, context: RouteContext): Reply {
  const raw = (context.body ?? {}) as Json;
  const problems = commandProblems(raw);
  if (problems.length) return refuse(state, context.call, problems);
  return withCommands(state, context, (commands) => {
    const stored = storeCommand(state, raw, commands.get(String(raw.name)), context.params.guildId);
    commands.set(String(raw.name), stored);
    return { status: 201, body: stored };
  });
}
