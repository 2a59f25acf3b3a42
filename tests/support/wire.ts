// Assertions on what the bot sent over the wire to the stand-in, shared by the e2e tests.
import { expect } from 'vitest';
import type { DiscordStandIn, Json } from './discord-standin.js';

/** All the text a user sees in a message: content, then each embed's title, author, description, fields and footer. */
export function visibleText(body: Json): string {
  const parts: string[] = [];
  if (typeof body.content === 'string') parts.push(body.content);
  for (const embed of (body.embeds as Json[] | undefined) ?? []) {
    const e = embed as {
      title?: string;
      description?: string;
      author?: { name?: string };
      footer?: { text?: string };
      fields?: Array<{ name?: string; value?: string }>;
    };
    parts.push(e.title ?? '', e.author?.name ?? '', e.description ?? '');
    for (const field of e.fields ?? []) parts.push(field.name ?? '', field.value ?? '');
    parts.push(e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** Paragraph numbers cited as ¶N in a text, in order of appearance. */
export function citedParagraphs(text: string): number[] {
  return [...text.matchAll(/¶\s?(\d+)/g)].map((m) => Number(m[1]));
}

/**
 * The checks every e2e run ends with: each message the bot sent set allowed_mentions.parse to []
 * and would ping nobody, Discord refused nothing for breaking its limits, and the bot called no
 * route the stand-in does not know.
 */
export function expectCleanWire(standin: DiscordStandIn): void {
  expect(
    standin.rest.unknownRoutes.map((c) => `${c.method} ${c.path}`),
    'routes the stand-in does not know',
  ).toEqual([]);
  expect(standin.violations, 'payloads Discord would refuse (limits)').toEqual([]);
  const careless = standin.outgoing
    .filter((o) => {
      const allowed = o.body.allowed_mentions as { parse?: unknown } | undefined;
      return !allowed || JSON.stringify(allowed.parse) !== '[]' || o.pinged.length > 0;
    })
    .map((o) => ({ route: o.route, allowed_mentions: o.body.allowed_mentions, pinged: o.pinged }));
  expect(careless, 'messages that could ping someone').toEqual([]);
}
