// The stand-in's additions for server stories, proved against the real discord.js client with no
// bot code in between: several servers, member permissions, attachment options resolved with a
// CDN URL, the CDN itself, and message context-menu commands with their target resolved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import {
  ApplicationCommandType,
  Client,
  ContextMenuCommandBuilder,
  GatewayIntentBits,
  InteractionContextType,
  Partials,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  type Interaction,
} from 'discord.js';
import { DiscordStandIn, MANAGE_GUILD } from '../support/discord-standin.js';

const commands = [
  new SlashCommandBuilder()
    .setName('story')
    .setDescription('Manage stories')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Add')
        .addAttachmentOption((o) => o.setName('file').setDescription('File').setRequired(true)),
    ),
  new ContextMenuCommandBuilder().setName('Ask storybot').setType(ApplicationCommandType.Message),
].map((c) => c.toJSON());

let standin: DiscordStandIn;
let client: Client;

beforeEach(async () => {
  standin = await DiscordStandIn.start({ onUnknownRoute: () => undefined });
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    partials: [Partials.Channel],
    rest: { api: standin.apiBase },
  });
});

afterEach(async () => {
  await client.destroy();
  expect(standin.rest.unknownRoutes.map((c) => `${c.method} ${c.path}`)).toEqual([]);
  expect(standin.violations).toEqual([]);
  await standin.stop();
});

async function login(): Promise<void> {
  const ready = once(client, 'clientReady');
  await client.login(standin.token);
  await ready;
  await client.rest.put(Routes.applicationCommands(client.application!.id), { body: commands });
}

function nextInteraction(): Promise<Interaction> {
  return once(client, 'interactionCreate').then(([i]) => i as Interaction);
}

describe('stand-in: several servers, permissions, attachments, message commands', () => {
  it('the client sees every server at READY and one added later', async () => {
    const second = standin.addGuild('Second');
    await login();
    expect(client.guilds.cache.map((g) => g.id).sort()).toEqual([standin.guildId, second.id].sort());
    const third = standin.addGuild('Third');
    await standin.waitUntil(() => client.guilds.cache.has(third.id), 5000, 'the third guild');
    expect(client.channels.cache.get(third.channel.id)?.isTextBased()).toBe(true);
  });

  it('Discord offers /story only to members with Manage Server (or when the owner opens it), never in DMs; permissions arrive on the interaction', async () => {
    await login();
    const member = standin.addUser('member');
    const admin = standin.addUser('admin', { grant: { guild: standin.world.guild, permissions: MANAGE_GUILD } });
    const file = standin.addAttachment({ filename: 'a.txt', content: 'hello' });
    expect(() =>
      standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: member }),
    ).toThrow(/does not offer/);
    expect(() =>
      standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin, dm: true }),
    ).toThrow(/in DMs/);
    const asAdmin = nextInteraction();
    standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin });
    const interaction = await asAdmin;
    expect(
      interaction.isChatInputCommand() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
    ).toBe(true);
    standin.openCommandToEveryone(standin.world.guild, 'story');
    const asMember = nextInteraction();
    standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: member });
    const opened = await asMember;
    expect(opened.isChatInputCommand() && opened.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
  });

  it('an attachment option arrives resolved (name, size, CDN URL), and the CDN serves it only at its signed URL', async () => {
    await login();
    const admin = standin.addUser('admin', { grant: { guild: standin.world.guild, permissions: MANAGE_GUILD } });
    const file = standin.addAttachment({ filename: 'story.md', content: '# Title\n\nText.', declaredSize: 15 });
    const next = nextInteraction();
    standin.sendInteraction({ command: 'story', subcommand: 'add', options: { file }, user: admin });
    const interaction = await next;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    const attachment = interaction.options.getAttachment('file', true);
    expect(interaction.options.getSubcommand()).toBe('add');
    expect({ name: attachment.name, size: attachment.size }).toEqual({ name: 'story.md', size: 15 });
    expect(new URL(attachment.url).origin).toBe(standin.cdnBase);
    expect(await (await fetch(attachment.url)).text()).toBe('# Title\n\nText.');
    const unsigned = attachment.url.replace(/hm=[^&]+/, 'hm=forged');
    expect((await fetch(unsigned)).status).toBe(404);
    const moved = standin.addAttachment({
      filename: 'm.txt',
      content: 'x',
      redirectTo: `${standin.apiBase}/v10/gateway`,
    });
    const response = await fetch(moved.url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain(standin.apiBase);
  });

  it('a message command arrives with its target message resolved, content included, without Message Content', async () => {
    await login();
    const author = standin.addUser('author');
    const message = standin.sendMessage({ author, content: 'How many troops are in Iraq?' });
    const next = nextInteraction();
    standin.sendMessageCommand({ command: 'Ask storybot', message, user: standin.addUser('reader') });
    const interaction = await next;
    expect(interaction.isMessageContextMenuCommand()).toBe(true);
    if (!interaction.isMessageContextMenuCommand()) return;
    expect(interaction.commandName).toBe('Ask storybot');
    expect(interaction.targetMessage.id).toBe(message.id);
    expect(interaction.targetMessage.content).toBe('How many troops are in Iraq?');
  });
});
