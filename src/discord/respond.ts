/**
 * The one way handlers answer an interaction. `respond` picks reply, editReply (after a defer)
 * or followUp (after a reply) from the interaction's state; `deferIfSlow` acknowledges an
 * interaction that is still unanswered shortly before Discord's 3-second window closes.
 */
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import { APOLOGY, renderNotice, type Payload } from './render.js';

/** Defers in flight, so `respond` waits for one instead of racing it. */
const pendingDefers = new WeakMap<RepliableInteraction, Promise<unknown>>();
/** Interactions whose first response is under way (no defer may start then). */
const responding = new WeakSet<RepliableInteraction>();

/** Discord allows 3 s for the first response; defer well before that. */
export const DEFER_AFTER_MS = 1500;

export interface RespondOptions {
  /** Only the user sees it. Ignored after a defer, which already fixed the visibility. */
  ephemeral?: boolean;
}

function flagsFor(ephemeral: boolean | undefined) {
  return ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
}

/**
 * Starts a timer that defers the reply (with the given visibility) if nothing answered the
 * interaction within `afterMs`. Returns a function that cancels the timer.
 */
export function deferIfSlow(
  interaction: RepliableInteraction,
  options: RespondOptions & { afterMs?: number; logger: Logger },
): () => void {
  const timer = setTimeout(() => {
    if (interaction.replied || interaction.deferred || responding.has(interaction)) return;
    options.logger.debug(`Deferring interaction ${interaction.id}: the answer is taking a while`);
    const pending = interaction.deferReply(flagsFor(options.ephemeral)).catch((error: unknown) => {
      options.logger.warn(`Could not defer interaction ${interaction.id}`, error);
    });
    pendingDefers.set(interaction, pending);
  }, options.afterMs ?? DEFER_AFTER_MS);
  timer.unref?.();
  return () => clearTimeout(timer);
}

export async function respond(
  interaction: RepliableInteraction,
  payload: Payload,
  options: RespondOptions = {},
): Promise<void> {
  await pendingDefers.get(interaction);
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(payload);
    return;
  }
  if (interaction.replied) {
    await interaction.followUp({ ...payload, ...flagsFor(options.ephemeral) });
    return;
  }
  responding.add(interaction);
  await interaction.reply({ ...payload, ...flagsFor(options.ephemeral) });
}

/** Tells the user something went wrong, in whichever way the interaction's state still allows. */
export async function apologize(interaction: RepliableInteraction, logger: Logger): Promise<void> {
  try {
    await respond(interaction, renderNotice(APOLOGY), { ephemeral: true });
  } catch (error) {
    logger.warn(`Could not send an apology for interaction ${interaction.id}`, error);
  }
}
