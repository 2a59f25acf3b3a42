// One interaction the stand-in dispatched, and everything the bot did about it over REST: the
// callback, edits of @original, follow-ups, and what Discord refused. `reply()` resolves with the
// first thing the user would see (or the autocomplete choices).
import { performance } from 'node:perf_hooks';
import { CallbackType, MessageFlag } from './protocol.js';
import type { Json, Message, User } from './world.js';

export type InteractionKind = 'command' | 'message-command' | 'autocomplete' | 'button';

export interface InteractionEvent {
  kind: 'callback' | 'followup' | 'edit' | 'delete' | 'rejected';
  at: number;
  route: string;
  status: number;
  callbackType?: number;
  body: Json;
  messageId?: string;
  /** For rejected calls: Discord's JSON error code and message. */
  reason?: string;
}

export interface InteractionReply {
  via: 'callback' | 'edit' | 'followup';
  callbackType: number | null;
  /** The payload as the bot sent it (message data, or autocomplete `{ choices }`). */
  body: Json;
  /** The message as Discord stored it (after edits are merged), when the reply is a message. */
  message: Message | null;
  ephemeral: boolean;
  at: number;
  /** Milliseconds from the stand-in dispatching INTERACTION_CREATE to this reply arriving. */
  latencyMs: number;
}

const VISIBLE_CALLBACKS = new Set<number>([
  CallbackType.ChannelMessageWithSource,
  CallbackType.UpdateMessage,
  CallbackType.AutocompleteResult,
  CallbackType.Modal,
]);

export class InteractionRecord {
  readonly events: InteractionEvent[] = [];
  /** Callback type accepted by the stand-in (set once: an interaction is acknowledged once). */
  acknowledged: number | null = null;
  originalMessageId: string | null = null;
  expired = false;
  firstReply: InteractionReply | null = null;
  /** False when no bot session was connected or resumable to receive the dispatch. */
  delivered = true;
  private waiters: Array<(reply: InteractionReply) => void> = [];

  constructor(
    readonly id: string,
    readonly token: string,
    readonly kind: InteractionKind,
    /** Command name, or the button's custom id. */
    readonly name: string,
    readonly user: User,
    readonly channelId: string,
    readonly guildId: string | null,
    readonly payload: Json,
    /** The message a button sits on (its @original for a component interaction). */
    readonly componentMessageId: string | null,
    public dispatchedAt: number,
  ) {}

  note(event: InteractionEvent, message: Message | null): void {
    this.events.push(event);
    if (this.firstReply || event.kind === 'rejected' || event.kind === 'delete') return;
    const visible =
      (event.kind === 'callback' && VISIBLE_CALLBACKS.has(event.callbackType ?? -1)) ||
      event.kind === 'edit' ||
      event.kind === 'followup';
    if (!visible) return;
    const flags = Number((event.body as { flags?: number }).flags ?? message?.flags ?? 0);
    this.firstReply = {
      via: event.kind === 'callback' ? 'callback' : event.kind === 'edit' ? 'edit' : 'followup',
      callbackType: event.callbackType ?? null,
      body: event.body,
      message,
      ephemeral:
        (flags & MessageFlag.Ephemeral) !== 0 || (message ? (message.flags & MessageFlag.Ephemeral) !== 0 : false),
      at: event.at,
      latencyMs: event.at - this.dispatchedAt,
    };
    for (const resolve of this.waiters.splice(0)) resolve(this.firstReply);
  }

  /** Messages the user ends up seeing: message callbacks, the first edit after a deferral, and follow-ups. */
  visibleReplies(): number {
    let count = 0;
    let deferredFilled = false;
    for (const event of this.events) {
      if (event.kind === 'callback' && event.callbackType !== undefined && VISIBLE_CALLBACKS.has(event.callbackType))
        count++;
      if (event.kind === 'followup') count++;
      if (
        event.kind === 'edit' &&
        !deferredFilled &&
        (this.acknowledged === CallbackType.DeferredChannelMessageWithSource ||
          this.acknowledged === CallbackType.DeferredUpdateMessage)
      ) {
        deferredFilled = true;
        count++;
      }
    }
    return count;
  }

  rejected(): InteractionEvent[] {
    return this.events.filter((event) => event.kind === 'rejected');
  }

  /** The first visible reply; rejects after `timeoutMs` with what the bot did do, for a readable failure. */
  reply(timeoutMs = 5000): Promise<InteractionReply> {
    if (this.firstReply) return Promise.resolve(this.firstReply);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        const seen = this.events.map((e) => `${e.kind} ${e.route} -> ${e.status}${e.reason ? ` (${e.reason})` : ''}`);
        const why = this.delivered
          ? `bot did: ${seen.length ? seen.join('; ') : 'nothing'}`
          : 'it was never delivered: no bot session was connected or resumable';
        reject(new Error(`no reply to ${this.kind} "${this.name}" (${this.id}) within ${timeoutMs} ms; ${why}`));
      }, timeoutMs);
      const done = (reply: InteractionReply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      this.waiters.push(done);
    });
  }

  ageMs(): number {
    return performance.now() - this.dispatchedAt;
  }
}
