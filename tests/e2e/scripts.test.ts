// Every script as a person runs it (`node dist/src/<script>.js`, as npm run does): --help and
// --version, a typo is refused with exit code 2 and the usage and never acted on, and
// deploy-commands' --clear-guild and Discord's field errors, against the stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../support/discord-standin.js';
import { CLI, DEPLOY, INVITE, MAIN, hasStackTrace, run } from '../support/child.js';
import { deployCommands, explainDeployError } from '../../src/deploy-commands.js';
import type { Command } from '../../src/discord/context.js';
import { packageVersion } from '../../src/env-file.js';

let standin: DiscordStandIn;
let workdir: string;

beforeAll(async () => {
  workdir = mkdtempSync(join(tmpdir(), 'storybot-scripts-'));
  standin = await DiscordStandIn.start();
}, 120_000);

afterAll(async () => {
  await standin?.stop();
  rmSync(workdir, { recursive: true, force: true });
});

async function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const child = run(script, args, env, workdir);
  child.process.stdin!.end();
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr(), output: child.output() };
}

const commandCalls = () => standin.rest.calls.filter((c) => c.path.includes('/commands')).length;

const SCRIPTS = [
  ['cli', CLI],
  ['deploy-commands', DEPLOY],
  ['invite-url', INVITE],
  ['main (npm start)', MAIN],
] as const;

describe.each(SCRIPTS)('%s', (_name, script) => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await runScript(script, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage/);
    expect(r.stderr).toBe('');
  });

  it('--version prints the version and exits 0', async () => {
    const r = await runScript(script, ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${packageVersion()}\n`);
  });

  it('an unknown option: exit 2, the message and the usage on stderr, nothing done', async () => {
    const r = await runScript(script, ['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option --bogus/);
    expect(r.stderr).toMatch(/Usage/);
    expect(hasStackTrace(r.output)).toBe(false);
  });
});

describe('deploy-commands never acts on a typo', () => {
  const env = () => ({
    DISCORD_TOKEN: standin.token,
    DISCORD_API_BASE: standin.apiBase,
    DISCORD_GUILD_ID: standin.guildId,
  });

  it.each([['--dryrun'], ['--help'], ['--globl'], ['now']])(
    '%s with a valid token sends nothing to Discord',
    async (arg) => {
      const before = commandCalls();
      const r = await runScript(DEPLOY, [arg], env());
      expect(r.code).toBe(arg === '--help' ? 0 : 2);
      expect(commandCalls()).toBe(before);
    },
  );

  it('suggests the option that was meant', async () => {
    expect((await runScript(DEPLOY, ['--dryrun'])).stderr).toMatch(
      /unknown option --dryrun \(did you mean --dry-run\?\)/,
    );
    expect((await runScript(DEPLOY, ['--clear-guilds'])).stderr).toMatch(/did you mean --clear-guild\?/);
  });

  it('--clear-guild removes the server commands; --global --clear-guild moves them to global in one run', async () => {
    const registered = await runScript(DEPLOY, [], env());
    expect(registered.code).toBe(0);
    expect(registered.stdout).toMatch(
      /Registered 6 commands to server .*: \/ask, \/summary, \/passage, \/help, \/story, "Ask storybot"/,
    );
    expect(standin.commands.guild.get(standin.guildId)?.size).toBe(6);

    const cleared = await runScript(DEPLOY, ['--clear-guild'], env());
    expect(cleared.code, cleared.output).toBe(0);
    expect(cleared.stdout).toMatch(/Removed every command registered to server/);
    expect(standin.commands.guild.get(standin.guildId)?.size).toBe(0);
    expect(standin.commands.global.size).toBe(0);

    expect((await runScript(DEPLOY, [], env())).code).toBe(0);
    const moved = await runScript(DEPLOY, ['--global', '--clear-guild'], env());
    expect(moved.code, moved.output).toBe(0);
    expect([...standin.commands.global.keys()].sort()).toEqual([
      'Ask storybot',
      'ask',
      'help',
      'passage',
      'story',
      'summary',
    ]);
    expect(standin.commands.guild.get(standin.guildId)?.size).toBe(0);
  });

  it('--clear-guild without DISCORD_GUILD_ID says what it needs and exits 1', async () => {
    const r = await runScript(DEPLOY, ['--clear-guild'], {
      DISCORD_TOKEN: standin.token,
      DISCORD_API_BASE: standin.apiBase,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--clear-guild needs DISCORD_GUILD_ID/);
  });

  it('a 400 from Discord comes with its field errors, not just "Invalid Form Body"', async () => {
    // discord.js's builders refuse this locally; raw JSON reaches the API, as a stale build or a
    // hand-edited command would.
    const json = { type: 1, name: 'ask', description: 'x'.repeat(150) };
    const bad = { data: { name: 'ask', toJSON: () => json }, execute: async () => {} } as unknown as Command;
    const error = await deployCommands({
      token: standin.token,
      apiBase: standin.apiBase,
      guildId: standin.guildId,
      commands: [bad],
    }).catch((e: unknown) => e);
    const explained = explainDeployError(error, [{ name: 'ask' }]);
    expect(explained.split('\n')[0]).toBe('Discord answered 400: Invalid Form Body');
    expect(explained).toMatch(/description/);
    expect(explained.split('\n').length).toBeGreaterThan(1);
  });
});

describe('cli refuses what it would otherwise ignore', () => {
  it.each([
    [['ask', '--length', 'short', 'Who?'], /--length does not apply to ask/],
    [['summary', 'now'], /unexpected argument "now"/],
    [['summary', '--lenght', 'short'], /unknown option --lenght \(did you mean --length\?\)/],
    [['asks', 'Who?'], /unknown command "asks"/],
    [['ask', '--stdin', 'Who?'], /not both/],
  ])('%j', async (args, message) => {
    const r = await runScript(CLI, args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('invite-url', () => {
  it('prints the link for DISCORD_CLIENT_ID and refuses stray arguments', async () => {
    const ok = await runScript(INVITE, [], { DISCORD_CLIENT_ID: '123456789012345678' });
    expect(ok.code).toBe(0);
    expect(new URL(ok.stdout.trim()).searchParams.get('client_id')).toBe('123456789012345678');
    expect((await runScript(INVITE, ['123456789012345678'], { DISCORD_CLIENT_ID: '123456789012345678' })).code).toBe(2);
  });
});
