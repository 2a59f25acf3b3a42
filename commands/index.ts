/** Every slash command, in the order `/help` and the deploy script list them. */
import type { Command, MessageCommand } from '../src/discord/context.js';
import * as ask from './ask.js';
import * as askMessage from './ask-message.js';
import * as story from './story.js';
import * as summary from './summary.js';
import * as passage from './passage.js';
import * as help from './help.js';

export const commands: readonly Command[] = [ask, summary, passage, help, story];

/** Message context-menu commands (right-click a message → Apps). */
export const messageCommands: readonly MessageCommand[] = [askMessage];
