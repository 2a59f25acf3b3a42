// The rest of the REST API a bot touches: gateway discovery, users and DMs, the application,
// channels and their messages (replies to mentions), the guild.
import { mergeEdit } from './api-interactions.js';
import { messageProblems } from './limits.js';
import { ErrorCode, MessageType } from './protocol.js';
import { error, ok, type Reply, type RestRouter, type RouteContext } from './rest.js';
import { recordOutgoing, refuse, type StandInState } from './state.js';
import type { Json } from './world.js';

export function registerBasicRoutes(r: RestRouter, state: StandInState): void {
  const { world } = state;
  const gatewayInfo = () => ({ url: state.gatewayUrl });
  r.route('GET', '/gateway', () => ok(gatewayInfo()), { auth: false });
  r.route('GET', '/gateway/bot', () =>
    ok({
      ...gatewayInfo(),
      shards: state.settings.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: state.settings.maxConcurrency,
      },
    }),
  );
  r.route('POST', '/users/@me/channels', ({ body }) => {
    const user = world.users.get(String((body as Json | undefined)?.recipient_id));
    return user ? ok(world.dmChannel(user)) : error(400, ErrorCode.InvalidFormBody, 'Invalid Form Body');
  });
  r.route('GET', '/users/:userId', ({ params }) => {
    const user = world.users.get(params.userId);
    return user ? ok(user) : error(404, ErrorCode.UnknownUser, 'Unknown User');
  });
  r.route('GET', '/applications/@me', () => ok(state.application));
  r.route('GET', '/oauth2/applications/@me', () => ok(state.application));
  r.route('GET', '/guilds/:guildId', ({ params }) =>
    world.guilds.has(params.guildId)
      ? ok(world.guildCreate(params.guildId))
      : error(404, ErrorCode.UnknownGuild, 'Unknown Guild'),
  );
  r.route('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
    const user = world.users.get(params.userId);
    return world.guilds.has(params.guildId) && user ? ok(world.member(user)) : error(404, 10007, 'Unknown Member');
  });
}

export function registerChannelRoutes(r: RestRouter, state: StandInState): void {
  const { world } = state;
  r.route('GET', '/channels/:channelId', ({ params }) => {
    const channel = world.channels.get(params.channelId);
    return channel ? ok(channel) : error(404, ErrorCode.UnknownChannel, 'Unknown Channel');
  });
  r.route('POST', '/channels/:channelId/messages', (context) => createChannelMessage(state, context));
  r.route('POST', '/channels/:channelId/typing', ({ params }) =>
    world.channels.has(params.channelId) ? ok() : error(404, ErrorCode.UnknownChannel, 'Unknown Channel'),
  );
  r.route('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const message = world.messages.get(params.messageId);
    return message && message.channel_id === params.channelId
      ? ok(message)
      : error(404, ErrorCode.UnknownMessage, 'Unknown Message');
  });
  r.route('PATCH', '/channels/:channelId/messages/:messageId', (context) => editChannelMessage(state, context));
  r.route('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const message = world.messages.get(params.messageId);
    if (!message || message.channel_id !== params.channelId)
      return error(404, ErrorCode.UnknownMessage, 'Unknown Message');
    world.messages.delete(message.id);
    return ok();
  });
}

function createChannelMessage(state: StandInState, context: RouteContext): Reply {
  const { call, params } = context;
  const channel = state.world.channels.get(params.channelId);
  if (!channel) return error(404, ErrorCode.UnknownChannel, 'Unknown Channel');
  const body = (context.body ?? {}) as Json;
  const reference = body.message_reference as Json | undefined;
  const referenced = reference ? state.world.messages.get(String(reference.message_id)) : undefined;
  const problems = messageProblems(body);
  if (reference && (!referenced || referenced.channel_id !== channel.id) && reference.fail_if_not_exists !== false) {
    problems.push('message_reference: Unknown message');
  }
  if (problems.length) {
    recordOutgoing(state, call, body, false, referenced ?? null, null);
    return refuse(state, call, problems);
  }
  const message = state.world.createMessage({
    channelId: channel.id,
    author: state.world.bot,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: (body.embeds as Json[] | undefined) ?? [],
    components: (body.components as Json[] | undefined) ?? [],
    flags: Number(body.flags ?? 0),
    type: referenced ? MessageType.Reply : MessageType.Default,
    extra: referenced
      ? {
          message_reference: {
            type: 0,
            message_id: referenced.id,
            channel_id: channel.id,
            ...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
          },
          referenced_message: referenced,
        }
      : {},
  });
  recordOutgoing(state, call, body, true, referenced ?? null, null);
  state.gateway.dispatch('MESSAGE_CREATE', message);
  return ok(message);
}

function editChannelMessage(state: StandInState, context: RouteContext): Reply {
  const { call, params } = context;
  const message = state.world.messages.get(params.messageId);
  if (!message || message.channel_id !== params.channelId)
    return error(404, ErrorCode.UnknownMessage, 'Unknown Message');
  if (message.author.id !== state.world.bot.id)
    return error(403, 50005, 'Cannot edit a message authored by another user');
  const body = (context.body ?? {}) as Json;
  const problems = messageProblems(body, { partial: true });
  if (problems.length) {
    recordOutgoing(state, call, body, false, null, null);
    return refuse(state, call, problems);
  }
  mergeEdit(state, message, body);
  recordOutgoing(state, call, body, true, null, null);
  return ok(message);
}
