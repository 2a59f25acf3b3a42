// Proves the stand-in against the real discord.js v14 client with no bot code in between: if these
// pass, a failure in the bot's e2e tests is the bot's, not the stand-in's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import zlib from 'node:zlib';
import WebSocket from 'ws';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  Routes,
  SlashCommandBuilder,
  type ClientOptions,
} from 'discord.js';
import { Close, DiscordStandIn, Intent } from '../support/discord-standin.js';

const commands = [
  new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about the story')
    .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(300))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'))
    .addStringOption((o) => o.setName('story').setDescription('Which story').setAutocomplete(true)),
].map((c) => c.toJSON());

let standin: DiscordStandIn;
let client: Client | null = null;

function bareClient(extra: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: standin.apiBase },
    allowedMentions: { parse: [] },
    ...extra,
  });
}

async function loggedIn(extra: Partial<ClientOptions> = {}): Promise<Client> {
  client = bareClient(extra);
  const ready = once(client, 'clientReady');
  await client.login(standin.token);
  await ready;
  return client;
}

beforeEach(async () => {
  standin = await DiscordStandIn.start({ onUnknownRoute: () => undefined });
});

afterEach(async () => {
  await client?.destroy();
  client = null;
  expect(standin.rest.unknownRoutes.map((c) => `${c.method} ${c.path}`)).toEqual([]);
  await standin.stop();
});

describe('the stand-in, driven by a bare discord.js client', () => {
  it('serves login: gateway/bot, IDENTIFY with the intents asked for, READY and GUILD_CREATE', async () => {
    const bot = await loggedIn();
    expect(bot.user?.id).toBe(standin.bot.id);
    expect(bot.application?.id).toBe(standin.application.id);
    expect(bot.guilds.cache.get(standin.guildId)?.channels.cache.get(standin.channel.id)?.name).toBe('general');
    const [identify] = standin.gateway.identifies;
    expect(identify?.intents).toBe(Intent.Guilds | Intent.GuildMessages | Intent.DirectMessages);
    expect(identify?.tokenValid).toBe(true);
    expect(identify?.path).toBe('/gateway');
    expect(standin.gateway.connections[0]?.query.get('v')).toBe('10');
    expect(standin.gateway.connections[0]?.query.get('encoding')).toBe('json');
    const gatewayCall = standin.rest.calls.find((c) => c.route === 'GET /gateway/bot');
    expect(gatewayCall?.authorized).toBe(true);
  });

  it('answers 401 to a wrong token, which discord.js reports as an invalid token', async () => {
    client = bareClient();
    await expect(client.login(standin.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).rejects.toThrow(/token/i);
    expect(standin.rest.calls.find((c) => c.route === 'GET /gateway/bot')?.status).toBe(401);
    expect(standin.gateway.identifies).toHaveLength(0);
  });

  it('closes with 4014 when the bot asks for the privileged Message Content intent', async () => {
    client = bareClient({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent] });
    const disconnected = once(client, 'shardDisconnect');
    void client.login(standin.token).catch(() => undefined);
    const [event] = (await disconnected) as [{ code: number }];
    expect(event.code).toBe(Close.DisallowedIntents);
  });

  it('registers commands, delivers a slash command with typed options and records the callback', async () => {
    const bot = await loggedIn();
    await bot.rest.put(Routes.applicationGuildCommands(standin.application.id, standin.guildId), { body: commands });
    expect([...(standin.commands.guild.get(standin.guildId)?.keys() ?? [])]).toEqual(['ask']);
    bot.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = interaction.options.getString('question', true);
      const hidden = interaction.options.getBoolean('private') ?? false;
      await interaction.reply({
        content: `You asked: ${question}`,
        flags: hidden ? MessageFlags.Ephemeral : undefined,
      });
    });
    const alice = standin.addUser('alice');
    const open = await standin
      .sendInteraction({ command: 'ask', options: { question: 'Who visited?' }, user: alice })
      .reply();
    expect(open.body.content).toBe('You asked: Who visited?');
    expect(open.ephemeral).toBe(false);
    expect(open.body.allowed_mentions).toEqual({ parse: [] });
    const hidden = await standin
      .sendInteraction({ command: 'ask', options: { question: 'Quietly?', private: true }, user: alice })
      .reply();
    expect(hidden.ephemeral).toBe(true);
    expect(() => standin.sendInteraction({ command: 'ask', options: {}, user: alice })).toThrow(
      /needs option "question"/,
    );
    expect(() => standin.sendInteraction({ command: 'nope', user: alice })).toThrow(/not registered/);
  });

  it('follows a deferral to the edit of @original, and refuses a second acknowledgement with 40060', async () => {
    const bot = await loggedIn();
    await bot.rest.put(Routes.applicationCommands(standin.application.id), { body: commands });
    const errors: unknown[] = [];
    bot.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply('done thinking');
      await interaction.followUp({ content: 'and one more', flags: MessageFlags.Ephemeral });
      await interaction.reply('again').catch((cause: unknown) => errors.push(cause));
      // discord.js refuses the double reply itself; go around it to see Discord's answer.
      await bot.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'x' } },
          auth: false,
        })
        .catch((cause: unknown) => errors.push(cause));
    });
    const record = standin.sendInteraction({
      command: 'ask',
      options: { question: 'q' },
      user: standin.addUser('bob'),
    });
    const reply = await record.reply();
    expect(reply.via).toBe('edit');
    expect(reply.message?.content).toBe('done thinking');
    await standin.waitUntil(() => errors.length === 2, 5000, 'the two refused replies');
    expect(record.visibleReplies()).toBe(2);
    expect(record.rejected().map((e) => e.reason)).toEqual(['40060 already acknowledged']);
  });

  it('delivers button presses on the bot message and autocomplete with the focused option', async () => {
    const bot = await loggedIn();
    await bot.rest.put(Routes.applicationGuildCommands(standin.application.id, standin.guildId), { body: commands });
    bot.on('interactionCreate', async (interaction) => {
      if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        await interaction.respond([{ name: `story matching ${typed}`, value: 'pezeshkian' }]);
      } else if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('para:story:4').setLabel('Show ¶4').setStyle(ButtonStyle.Secondary),
        );
        await interaction.reply({ content: 'answer', components: [row] });
      } else if (interaction.isButton()) {
        await interaction.reply({
          content: `pressed ${interaction.customId} on ${interaction.message.id}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    });
    const carol = standin.addUser('carol');
    const choices = await standin
      .sendAutocomplete({ command: 'ask', focused: 'story', options: { question: 'x', story: 'pez' }, user: carol })
      .reply();
    expect(choices.body.choices).toEqual([{ name: 'story matching pez', value: 'pezeshkian' }]);
    const answer = await standin.sendInteraction({ command: 'ask', options: { question: 'q' }, user: carol }).reply();
    const message = answer.message!;
    expect(standin.buttonsOf(message)).toEqual(['para:story:4']);
    const pressed = await standin.sendButton({ message, customId: 'para:story:4', user: carol }).reply();
    expect(pressed.body.content).toBe(`pressed para:story:4 on ${message.id}`);
    expect(() => standin.sendButton({ message, customId: 'missing', user: carol })).toThrow(/no button/);
  });

  it('sends message text only where Discord would without the Message Content intent', async () => {
    const bot = await loggedIn();
    const seen: Array<{ content: string; dm: boolean }> = [];
    bot.on('messageCreate', (message) => {
      if (message.author.id !== bot.user?.id) seen.push({ content: message.content, dm: message.channel.isDMBased() });
    });
    const dave = standin.addUser('dave');
    standin.sendMessage({ author: dave, content: 'no mention here' });
    standin.sendMessage({ author: dave, content: `${standin.botMention} hello` });
    standin.sendMessage({ author: dave, content: 'a direct message', dm: true });
    await standin.waitUntil(() => seen.length === 3, 5000, 'three messages');
    expect(seen).toEqual([
      { content: '', dm: false },
      { content: `${standin.botMention} hello`, dm: false },
      { content: 'a direct message', dm: true },
    ]);
  });

  it('records replies to messages, their allowed mentions and who they would ping', async () => {
    const bot = await loggedIn();
    bot.on('messageCreate', async (message) => {
      if (message.author.bot) return;
      // In DMs this reply deliberately opts back in to pinging the author, to see the stand-in notice.
      await message.reply({
        content: `<@${message.author.id}> @everyone`,
        allowedMentions: message.channel.isDMBased() ? { repliedUser: true } : undefined,
      });
    });
    const erin = standin.addUser('erin');
    const inGuild = standin.sendMessage({ author: erin, content: `${standin.botMention} hi` });
    const inDm = standin.sendMessage({ author: erin, content: 'hi', dm: true });
    await standin.waitForReplyTo(inGuild);
    await standin.waitForReplyTo(inDm);
    const [guildReply, dmReply] = [inGuild, inDm].map((m) =>
      standin.outgoing.find((o) => o.path === `/channels/${m.channel_id}/messages`)!,
    );
    expect(guildReply?.pinged).toEqual([]);
    expect(guildReply?.body.message_reference).toMatchObject({ message_id: inGuild.id });
    expect(guildReply?.body.allowed_mentions).toEqual({ parse: [] });
    expect(dmReply?.pinged).toEqual(['replied-user']);
  });

  it('resumes after a resumable close on resume_gateway_url and replays what was missed', async () => {
    const bot = await loggedIn();
    await bot.rest.put(Routes.applicationGuildCommands(standin.application.id, standin.guildId), { body: commands });
    bot.on('interactionCreate', async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    });
    standin.closeGateway(Close.UnknownError);
    // Sent while the bot is disconnected: it must arrive through the RESUME replay.
    const missed = standin.sendInteraction({
      command: 'ask',
      options: { question: 'q' },
      user: standin.addUser('frank'),
    });
    expect((await missed.reply()).body.content).toBe('still here');
    const [resume] = standin.gateway.resumes;
    expect(resume).toMatchObject({ outcome: 'resumed', path: '/resume' });
    expect(resume.replayed).toBeGreaterThanOrEqual(1);
    expect(standin.gateway.identifies).toHaveLength(1);
  });

  it('makes the client identify again after a non-resumable close (4007)', async () => {
    const bot = await loggedIn();
    const ready = once(bot.ws.shards.first()!, 'ready');
    standin.closeGateway(Close.InvalidSeq);
    await standin.waitUntil(() => standin.gateway.identifies.length === 2, 10_000, 'a second IDENTIFY');
    await ready;
    expect(standin.gateway.resumes).toHaveLength(0);
    expect(standin.gateway.sessions.map((s) => s.state)).toEqual(['invalid', 'live']);
  }, 15_000);

  it('lets the client resume after op 7 RECONNECT and after a resumable INVALID_SESSION', async () => {
    await loggedIn();
    standin.requestReconnect();
    await standin.waitUntil(
      () => standin.gateway.resumes.length === 1 && standin.gateway.liveSessions() === 1,
      5000,
      'a resume after op 7',
    );
    standin.invalidateSession(true);
    await standin.waitUntil(
      () => standin.gateway.resumes.length === 2 && standin.gateway.liveSessions() === 1,
      5000,
      'a resume after op 9',
    );
    expect(standin.gateway.resumes.map((r) => r.outcome)).toEqual(['resumed', 'resumed']);
    expect(standin.gateway.identifies).toHaveLength(1);
  });

  it('sees heartbeats, and a client that gets no ACK treats the link as a zombie and resumes', async () => {
    await standin.stop();
    standin = await DiscordStandIn.start({ heartbeatIntervalMs: 150, onUnknownRoute: () => undefined });
    await loggedIn();
    await standin.waitUntil(() => standin.gateway.heartbeats >= 2, 5000, 'two heartbeats');
    standin.gateway.ackHeartbeats = false;
    await standin.waitUntil(() => standin.gateway.resumes.length === 1, 5000, 'a resume after missed ACKs');
    standin.gateway.ackHeartbeats = true;
    await standin.waitUntil(() => standin.gateway.liveSessions() === 1, 5000, 'the resumed session');
    expect(standin.gateway.closes[0]).toMatchObject({ by: 'client', code: 4200 });
  });

  it('retries after an injected 429 with Retry-After and lands the reply exactly once', async () => {
    const bot = await loggedIn();
    await bot.rest.put(Routes.applicationGuildCommands(standin.application.id, standin.guildId), { body: commands });
    bot.on('interactionCreate', async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('after the wait');
    });
    standin.failNext('POST /interactions/:interactionId/:token/callback', 429, { retryAfter: 0.2 });
    const record = standin.sendInteraction({
      command: 'ask',
      options: { question: 'q' },
      user: standin.addUser('grace'),
    });
    const reply = await record.reply();
    expect(reply.latencyMs).toBeGreaterThanOrEqual(200);
    const callbacks = standin.rest.calls.filter((c) => c.path.startsWith(`/interactions/${record.id}/`));
    expect(callbacks.map((c) => c.status)).toEqual([429, 204]);
    expect(record.visibleReplies()).toBe(1);
  });

  it('answers Unknown interaction (10062) for an expired interaction and 401 for its webhook', async () => {
    const bot = await loggedIn();
    await bot.rest.put(Routes.applicationGuildCommands(standin.application.id, standin.guildId), { body: commands });
    const failures: string[] = [];
    bot.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('late').catch((cause: { code?: number }) => failures.push(`reply ${cause.code}`));
      await interaction.webhook
        .send('follow')
        .catch((cause: { code?: number }) => failures.push(`webhook ${cause.code}`));
    });
    const record = standin.sendInteraction({
      command: 'ask',
      options: { question: 'q' },
      user: standin.addUser('heidi'),
    });
    standin.expire(record);
    await standin.waitUntil(() => failures.length === 2, 5000, 'both refusals');
    expect(failures).toEqual(['reply 10062', 'webhook 50027']);
  });
});

describe('the stand-in gateway, spoken to directly', () => {
  async function open(
    query: string,
  ): Promise<{ socket: WebSocket; next: () => Promise<{ op: number; t?: string; d: any }>; closed: Promise<number> }> {
    const socket = new WebSocket(`${standin.gatewayUrl}?${query}`);
    const inflate = zlib.createInflate();
    const queue: Array<{ op: number; t?: string; d: any }> = [];
    const waiting: Array<(p: { op: number; t?: string; d: any }) => void> = [];
    const push = (packet: { op: number; t?: string; d: any }) =>
      waiting.length ? waiting.shift()!(packet) : queue.push(packet);
    let pending = '';
    inflate.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      try {
        push(JSON.parse(pending));
        pending = '';
      } catch {
        /* a partial payload: wait for the rest */
      }
    });
    socket.on('message', (data, isBinary) => (isBinary ? inflate.write(data) : push(JSON.parse(data.toString()))));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await once(socket, 'open');
    return {
      socket,
      next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve))),
      closed,
    };
  }

  it('says HELLO, acknowledges heartbeats and closes 4003 for a payload before IDENTIFY', async () => {
    const { socket, next, closed } = await open('v=10&encoding=json');
    expect((await next()).op).toBe(10);
    socket.send(JSON.stringify({ op: 1, d: null }));
    expect((await next()).op).toBe(11);
    socket.send(JSON.stringify({ op: 3, d: { status: 'online' } }));
    expect(await closed).toBe(Close.NotAuthenticated);
  });

  it('closes 4012 for another API version and 4004 for a wrong token', async () => {
    expect(await (await open('v=9&encoding=json')).closed).toBe(Close.InvalidApiVersion);
    const { socket, next, closed } = await open('v=10&encoding=json');
    await next();
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    expect(await closed).toBe(Close.AuthenticationFailed);
  });

  it('speaks zlib-stream transport compression when asked, with increasing sequence numbers', async () => {
    const { socket, next } = await open('v=10&encoding=json&compress=zlib-stream');
    expect((await next()).op).toBe(10);
    socket.send(JSON.stringify({ op: 2, d: { token: standin.token, intents: Intent.Guilds, properties: {} } }));
    const ready = await next();
    const guild = await next();
    expect([ready.t, guild.t]).toEqual(['READY', 'GUILD_CREATE']);
    expect([(ready as { s?: number }).s, (guild as { s?: number }).s]).toEqual([1, 2]);
    socket.close(1000);
  });
});
