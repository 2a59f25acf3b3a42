// startBot's failure paths against a tiny local HTTP server (the full login is proven in
// tests/e2e against the Discord stand-in), and deployCommands / inviteUrl.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginError, startBot } from '../../src/discord/bot.js';
import { deployCommands, explainDeployError } from '../../src/deploy-commands.js';
import { BOT_PERMISSIONS, inviteUrl } from '../../src/invite-url.js';
import { createLogger } from '../../src/log.js';
import { STORY_TEXT, makeLibrary } from '../support/discord-helpers.js';
import { commands, messageCommands } from '../../commands/index.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.x9Zq-ExampleSecretPartThatIsLong_1234';

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: Server | undefined;

async function fakeDiscord(respond: (req: Recorded) => { status: number; body: unknown }) {
  const calls: Recorded[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const call = { method: req.method!, url: req.url!, authorization: req.headers.authorization, body };
      calls.push(call);
      const { status, body: out } = respond(call);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { calls, apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` };
}

afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

function capture() {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }), text: () => lines.join('') };
}

describe('startBot failures', () => {
  it('a rejected token (401 on GET /gateway/bot) is a LoginError that never shows the token', async () => {
    const discord = await fakeDiscord(() => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    const log = capture();
    const error = await startBot({
      commands,
      messageCommands,
      token: TOKEN,
      library: makeLibrary({ harbour: STORY_TEXT }),
      apiBase: discord.apiBase,
      logger: log.logger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginError);
    expect((error as LoginError).reason).toBe('invalid-token');
    expect((error as LoginError).message).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/);
    expect(discord.calls[0]).toMatchObject({
      method: 'GET',
      url: '/api/v10/gateway/bot',
      authorization: `Bot ${TOKEN}`,
    });
    expect(log.text() + (error as Error).message).not.toContain(TOKEN);
    expect(log.text()).not.toContain(TOKEN.split('.')[2]);
  });

  it('an unreachable API is a LoginError naming the address', async () => {
    const discord = await fakeDiscord(() => ({ status: 200, body: {} }));
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const error = await startBot({
      commands,
      messageCommands,
      token: TOKEN,
      library: makeLibrary({ harbour: STORY_TEXT }),
      apiBase: discord.apiBase,
      logger: capture().logger,
      readyTimeoutMs: 10_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginError);
    expect((error as LoginError).reason).toBe('unreachable');
    expect((error as LoginError).message).toContain(discord.apiBase);
  });
});

describe('deployCommands', () => {
  it('PUTs every command to the guild route (guild) or the global route', async () => {
    const discord = await fakeDiscord((req) => ({ status: 200, body: JSON.parse(req.body || '[]') }));
    const guild = await deployCommands({ token: TOKEN, guildId: '42', apiBase: discord.apiBase });
    expect(guild).toMatchObject({
      scope: 'guild',
      route: '/applications/123456789012345678/guilds/42/commands',
      sent: true,
    });
    const global = await deployCommands({ token: TOKEN, clientId: '77', apiBase: discord.apiBase });
    expect(global.route).toBe('/applications/77/commands');
    expect(discord.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'PUT /api/v10/applications/123456789012345678/guilds/42/commands',
      'PUT /api/v10/applications/77/commands',
    ]);
    expect(JSON.parse(discord.calls[0].body).map((c: { name: string }) => c.name)).toEqual([
      'ask',
      'summary',
      'passage',
      'help',
      'story',
      'Ask storybot',
    ]);
    expect(discord.calls[0].authorization).toBe(`Bot ${TOKEN}`);
  });

  it('--dry-run builds the same JSON without a token or a request', async () => {
    const dry = await deployCommands({ dryRun: true });
    expect(dry.sent).toBe(false);
    expect(dry.route).toBe('/applications/APPLICATION_ID/commands');
    expect(dry.body.map((c) => c.name)).toEqual(['ask', 'summary', 'passage', 'help', 'story', 'Ask storybot']);
  });

  it('explains failures in one line', async () => {
    const discord = await fakeDiscord(() => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    const error = await deployCommands({ token: TOKEN, apiBase: discord.apiBase }).catch((e: unknown) => e);
    expect(explainDeployError(error)).toMatch(/^Discord rejected DISCORD_TOKEN/);
    await expect(deployCommands({})).rejects.toThrow(/^DISCORD_TOKEN is not set/);
  });
});

describe('deploy errors', () => {
  it("prints Discord's field errors for a 400, each under the command it concerns", async () => {
    const invalid = {
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        '0': {
          description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] },
        },
        '2': {
          options: {
            '0': {
              name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] },
            },
          },
        },
      },
    };
    const discord = await fakeDiscord(() => ({ status: 400, body: invalid }));
    const error = await deployCommands({ token: TOKEN, guildId: '42', apiBase: discord.apiBase }).catch(
      (e: unknown) => e,
    );
    expect(explainDeployError(error).split('\n')).toEqual([
      'Discord answered 400: Invalid Form Body',
      '  /ask description: Must be between 1 and 100 in length. (BASE_TYPE_BAD_LENGTH)',
      '  /passage options.0.name: Command name is invalid (APPLICATION_COMMAND_INVALID_NAME)',
    ]);
    expect(explainDeployError(error)).not.toContain(TOKEN);
  });

  it('--clear-guild PUTs an empty list to the guild route, and needs a guild id', async () => {
    const discord = await fakeDiscord((req) => ({ status: 200, body: JSON.parse(req.body || '[]') }));
    const cleared = await deployCommands({ token: TOKEN, guildId: '42', apiBase: discord.apiBase, clearGuild: true });
    expect(cleared).toMatchObject({ scope: 'guild', body: [], sent: true });
    expect(discord.calls.map((c) => [`${c.method} ${c.url}`, c.body])).toEqual([
      ['PUT /api/v10/applications/123456789012345678/guilds/42/commands', '[]'],
    ]);
    await expect(deployCommands({ token: TOKEN, apiBase: discord.apiBase, clearGuild: true })).rejects.toThrow(
      /--clear-guild needs DISCORD_GUILD_ID/,
    );
    expect(discord.calls).toHaveLength(1);
  });
});

describe('inviteUrl', () => {
  it('asks for bot + applications.commands and only the permissions the bot uses', () => {
    const url = new URL(inviteUrl('123'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Read Message History, Send Messages in Threads.
    expect(url.searchParams.get('permissions')).toBe(
      String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 38n)),
    );
    expect(BOT_PERMISSIONS).toBe(274877991936n);
  });
});
