// Interaction responses: the callback (once, within 3 s), then edits of @original and follow-ups
// through the interaction's webhook token (valid 15 minutes). Each is checked against Discord's
// limits and noted on the interaction's record.
import { InteractionRecord, type InteractionKind } from './interactions.js';
import { autocompleteProblems, messageProblems } from './limits.js';
import { CallbackType, ErrorCode, InteractionType, MessageFlag, MessageType } from './protocol.js';
import { error, ok, type Reply, type RestCall, type RestRouter, type RouteContext } from './rest.js';
import { recordOutgoing, refuse, type StandInState } from './state.js';
import type { Json, Message } from './world.js';

/** Discord's "loading" flag on a deferred response, cleared by the first edit. */
const LOADING_FLAG = 1 << 7;

export function registerInteractionRoutes(r: RestRouter, state: StandInState): void {
  r.route('POST', '/interactions/:interactionId/:token/callback', (context) => interactionCallback(state, context), {
    auth: false,
  });
  r.route('POST', '/webhooks/:appId/:token', (context) => followUp(state, context), { auth: false });
  r.route('GET', '/webhooks/:appId/:token/messages/:messageId', (context) => webhookMessage(state, context, 'get'), {
    auth: false,
  });
  r.route('PATCH', '/webhooks/:appId/:token/messages/:messageId', (context) => webhookMessage(state, context, 'edit'), {
    auth: false,
  });
  r.route(
    'DELETE',
    '/webhooks/:appId/:token/messages/:messageId',
    (context) => webhookMessage(state, context, 'delete'),
    { auth: false },
  );
}

function interactionMessage(state: StandInState, record: InteractionRecord, data: Json, flags: number): Message {
  return state.world.createMessage({
    channelId: record.channelId,
    author: state.world.bot,
    content: typeof data.content === 'string' ? data.content : '',
    embeds: (data.embeds as Json[] | undefined) ?? [],
    components: (data.components as Json[] | undefined) ?? [],
    flags,
    type:
      record.kind === 'command'
        ? MessageType.ChatInputCommand
        : record.kind === 'message-command'
          ? MessageType.ContextMenuCommand
          : MessageType.Default,
    extra: {
      webhook_id: state.application.id,
      application_id: state.application.id,
      interaction_metadata: {
        id: record.id,
        type: record.kind === 'button' ? 3 : 2,
        user: record.user,
        authorizing_integration_owners: {},
        ...(record.kind === 'command'
          ? { name: record.name, command_type: 1 }
          : record.kind === 'message-command'
            ? { name: record.name, command_type: 3, target_message_id: (record.payload.data as Json).target_id }
            : {}),
      },
    },
  });
}

/** Non-ephemeral messages show up in the channel, so Discord dispatches them to the bot too. */
function announce(state: StandInState, message: Message): void {
  if (!(message.flags & MessageFlag.Ephemeral)) state.gateway.dispatch('MESSAGE_CREATE', message);
}

function interactionCallback(state: StandInState, context: RouteContext): Reply {
  const { call, params } = context;
  const body = (context.body ?? {}) as Json;
  const record = state.interactions.get(params.interactionId);
  if (!record || record.token !== params.token) return error(404, ErrorCode.UnknownInteraction, 'Unknown interaction');
  return acceptCallback(state, record, body, call, context.query.get('with_response') === 'true');
}

/**
 * An interaction's first response, however it came: POSTed to the callback route, or (HTTP
 * interactions) as the body of the endpoint's HTTP response. The same checks either way.
 */
export function acceptCallback(
  state: StandInState,
  record: InteractionRecord,
  body: Json,
  call: RestCall,
  withResponse: boolean,
): Reply {
  const reject = (reply: Reply, reason: string): Reply => {
    record.note(
      { kind: 'rejected', at: call.receivedAt, route: call.route!, status: reply.status, body, reason },
      null,
    );
    if (
      body.data &&
      (body.type === CallbackType.ChannelMessageWithSource || body.type === CallbackType.UpdateMessage)
    ) {
      recordOutgoing(state, call, body.data as Json, false, null, record);
    }
    return reply;
  };
  if (record.expired)
    return reject(error(404, ErrorCode.UnknownInteraction, 'Unknown interaction'), '10062 token expired');
  const age = call.receivedAt - record.dispatchedAt;
  if (age > state.settings.responseWindowMs)
    return reject(
      error(404, ErrorCode.UnknownInteraction, 'Unknown interaction'),
      `10062 answered after ${Math.round(age)} ms`,
    );
  if (record.acknowledged !== null) {
    return reject(
      error(400, ErrorCode.InteractionAlreadyAcknowledged, 'Interaction has already been acknowledged.'),
      '40060 already acknowledged',
    );
  }
  const type = Number(body.type);
  const allowed: Record<InteractionKind, number[]> = {
    command: [CallbackType.ChannelMessageWithSource, CallbackType.DeferredChannelMessageWithSource, CallbackType.Modal],
    'message-command': [
      CallbackType.ChannelMessageWithSource,
      CallbackType.DeferredChannelMessageWithSource,
      CallbackType.Modal,
    ],
    button: [
      CallbackType.ChannelMessageWithSource,
      CallbackType.DeferredChannelMessageWithSource,
      CallbackType.DeferredUpdateMessage,
      CallbackType.UpdateMessage,
      CallbackType.Modal,
    ],
    autocomplete: [CallbackType.AutocompleteResult],
  };
  if (!allowed[record.kind].includes(type)) {
    state.violations.push({
      route: call.route!,
      problems: [`callback type ${type} is not valid for a ${record.kind} interaction`],
    });
    return reject(
      error(400, ErrorCode.InvalidFormBody, `Interaction response type ${type} is not valid here`),
      'invalid callback type',
    );
  }
  const data = (body.data ?? {}) as Json;
  const problems =
    type === CallbackType.ChannelMessageWithSource || type === CallbackType.UpdateMessage
      ? messageProblems(data, { partial: type === CallbackType.UpdateMessage })
      : type === CallbackType.AutocompleteResult
        ? autocompleteProblems(data)
        : [];
  if (problems.length) return reject(refuse(state, call, problems), `50035 ${problems.join('; ')}`);

  record.acknowledged = type;
  const requestedFlags = Number(data.flags ?? 0);
  let message: Message | null = null;
  if (type === CallbackType.ChannelMessageWithSource) {
    message = interactionMessage(state, record, data, requestedFlags & MessageFlag.Ephemeral);
    record.originalMessageId = message.id;
    recordOutgoing(state, call, data, true, null, record);
    announce(state, message);
  } else if (type === CallbackType.DeferredChannelMessageWithSource) {
    message = interactionMessage(state, record, {}, (requestedFlags & MessageFlag.Ephemeral) | LOADING_FLAG);
    record.originalMessageId = message.id;
    announce(state, message);
  } else if (type === CallbackType.DeferredUpdateMessage || type === CallbackType.UpdateMessage) {
    record.originalMessageId = record.componentMessageId;
    message = record.componentMessageId ? (state.world.messages.get(record.componentMessageId) ?? null) : null;
    if (message && type === CallbackType.UpdateMessage) {
      mergeEdit(state, message, data);
      recordOutgoing(state, call, data, true, null, record);
    }
  }
  record.note(
    {
      kind: 'callback',
      at: call.receivedAt,
      route: call.route!,
      status: 200,
      callbackType: type,
      body: data,
      messageId: message?.id,
    },
    message,
  );

  if (!withResponse) return ok();
  return ok({
    interaction: {
      id: record.id,
      type: (record.payload.type as number) ?? InteractionType.ApplicationCommand,
      response_message_id: message?.id,
      response_message_loading: type === CallbackType.DeferredChannelMessageWithSource,
      response_message_ephemeral: (requestedFlags & MessageFlag.Ephemeral) !== 0,
    },
    resource: { type, ...(message ? { message } : {}) },
  });
}

export function mergeEdit(state: StandInState, message: Message, data: Json): void {
  for (const key of ['content', 'embeds', 'components', 'attachments'] as const) {
    if (key in data && data[key] !== null) (message as Json)[key] = data[key];
  }
  message.flags &= ~LOADING_FLAG;
  message.edited_timestamp = new Date().toISOString();
  if (typeof data.content === 'string') message.mentions = state.world.mentionsIn(data.content, message.guild_id);
}

/** The interaction a webhook token belongs to, or Discord's refusal. */
function webhookInteraction(state: StandInState, context: RouteContext): InteractionRecord | Reply {
  const { appId, token } = context.params;
  const record = state.byToken.get(token);
  if (appId !== state.application.id || !record) return error(404, ErrorCode.UnknownWebhook, 'Unknown Webhook');
  if (record.expired || record.ageMs() > state.settings.interactionTokenLifetimeMs) {
    const reply = error(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token');
    record.note(
      {
        kind: 'rejected',
        at: context.call.receivedAt,
        route: context.call.route!,
        status: 401,
        body: (context.body ?? {}) as Json,
        reason: '50027 token expired',
      },
      null,
    );
    return reply;
  }
  return record;
}

function followUp(state: StandInState, context: RouteContext): Reply {
  const found = webhookInteraction(state, context);
  if (!(found instanceof InteractionRecord)) return found;
  const record = found;
  const { call } = context;
  const body = (context.body ?? {}) as Json;
  if (record.acknowledged === null) {
    record.note(
      {
        kind: 'rejected',
        at: call.receivedAt,
        route: call.route!,
        status: 404,
        body,
        reason: '10015 follow-up before the interaction was acknowledged',
      },
      null,
    );
    return error(404, ErrorCode.UnknownWebhook, 'Unknown Webhook');
  }
  const problems = messageProblems(body);
  if (problems.length) {
    recordOutgoing(state, call, body, false, null, record);
    record.note(
      {
        kind: 'rejected',
        at: call.receivedAt,
        route: call.route!,
        status: 400,
        body,
        reason: `50035 ${problems.join('; ')}`,
      },
      null,
    );
    return refuse(state, call, problems);
  }
  const message = interactionMessage(state, record, body, Number(body.flags ?? 0) & MessageFlag.Ephemeral);
  message.type = MessageType.Default;
  recordOutgoing(state, call, body, true, null, record);
  record.note(
    { kind: 'followup', at: call.receivedAt, route: call.route!, status: 200, body, messageId: message.id },
    message,
  );
  announce(state, message);
  return context.query.get('wait') === 'false' ? ok() : ok(message);
}

function webhookMessage(state: StandInState, context: RouteContext, action: 'get' | 'edit' | 'delete'): Reply {
  const found = webhookInteraction(state, context);
  if (!(found instanceof InteractionRecord)) return found;
  const record = found;
  const { call } = context;
  const requested = context.params.messageId === '@original' ? record.originalMessageId : context.params.messageId;
  const ownIds = new Set([record.originalMessageId, ...record.events.map((e) => e.messageId)]);
  const message = requested && ownIds.has(requested) ? state.world.messages.get(requested) : undefined;
  const body = (context.body ?? {}) as Json;
  if (!message) {
    if (action !== 'get')
      record.note(
        {
          kind: 'rejected',
          at: call.receivedAt,
          route: call.route!,
          status: 404,
          body,
          reason: '10008 unknown message',
        },
        null,
      );
    return error(404, ErrorCode.UnknownMessage, 'Unknown Message');
  }
  if (action === 'get') return ok(message);
  if (action === 'delete') {
    state.world.messages.delete(message.id);
    record.note(
      { kind: 'delete', at: call.receivedAt, route: call.route!, status: 204, body, messageId: message.id },
      null,
    );
    return ok();
  }
  const problems = messageProblems(body, { partial: true });
  const merged = { content: message.content, embeds: message.embeds, components: message.components, ...body };
  problems.push(...messageProblems(merged).filter((p) => p === 'Cannot send an empty message'));
  if (problems.length) {
    recordOutgoing(state, call, body, false, null, record);
    record.note(
      {
        kind: 'rejected',
        at: call.receivedAt,
        route: call.route!,
        status: 400,
        body,
        reason: `50035 ${problems.join('; ')}`,
      },
      null,
    );
    return refuse(state, call, problems);
  }
  mergeEdit(state, message, body);
  recordOutgoing(state, call, body, true, null, record);
  record.note(
    { kind: 'edit', at: call.receivedAt, route: call.route!, status: 200, body, messageId: message.id },
    message,
  );
  return ok(message);
}
