// The bot as a person runs it: `node dist/src/deploy-commands.js` and `node dist/src/main.js` as
// child processes against the stand-in. Start-up mistakes give one clear line and a non-zero exit;
// a running bot survives its story file vanishing, logs handler errors, and logs out and exits 0
// on SIGTERM/SIGINT; the token never appears in anything it prints.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../support/discord-standin.js';
import { botToken } from '../support/standin/ids.js';
import { leakedSpellings } from '../support/harness.js';
import { citedParagraphs, visibleText } from '../support/wire.js';
import { DEPLOY, MAIN, ROOT, hasStackTrace, lines, run, type Child } from '../support/child.js';
import { smallTalkHint } from '../../src/answer/small-talk.js';
import { NO_TOKEN_LINE } from '../../src/config.js';

const QUESTION = 'How many US troops are in Iraq?';

let standin: DiscordStandIn;
let workdir: string;
const children: Child[] = [];

function start(script: string, env: Record<string, string>, args: string[] = [], cwd = workdir): Child {
  const child = run(script, args, env, cwd);
  children.push(child);
  return child;
}

/** A folder of its own with a copy of the seed story, so a test may delete or change it. */
function storyCopy(name: string): string {
  const dir = join(workdir, name);
  cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
  return dir;
}

function botEnv(extra: Record<string, string> = {}): Record<string, string> {
  // The database in the test's own folder: by default it would be the project's data/.
  return {
    DISCORD_TOKEN: standin.token,
    DISCORD_API_BASE: standin.apiBase,
    STORY_PATH: join(ROOT, 'seeds'),
    DATABASE_PATH: join(workdir, 'data', 'storybot.sqlite'),
    ...extra,
  };
}

beforeAll(async () => {
  workdir = mkdtempSync(join(tmpdir(), 'storybot-e2e-'));
  standin = await DiscordStandIn.start();
}, 120_000);

afterEach(() => {
  for (const child of children.splice(0))
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
});

afterAll(async () => {
  await standin?.stop();
  rmSync(workdir, { recursive: true, force: true });
});

describe('deploy-commands as a person runs it', () => {
  it('--dry-run prints the commands as JSON on stdout without needing a token', async () => {
    const child = start(DEPLOY, {}, ['--dry-run']);
    expect((await child.exited).code).toBe(0);
    const body = JSON.parse(child.stdout()) as Array<{ name: string }>;
    expect(body.map((c) => c.name).sort()).toEqual(['Ask storybot', 'ask', 'help', 'passage', 'story', 'summary']);
  });

  it('registers the commands to DISCORD_GUILD_ID through the REST API', async () => {
    const child = start(DEPLOY, {
      DISCORD_TOKEN: standin.token,
      DISCORD_API_BASE: standin.apiBase,
      DISCORD_GUILD_ID: standin.guildId,
    });
    expect((await child.exited).code).toBe(0);
    expect([...(standin.commands.guild.get(standin.guildId)?.keys() ?? [])].sort()).toEqual([
      'Ask storybot',
      'ask',
      'help',
      'passage',
      'story',
      'summary',
    ]);
    expect(leakedSpellings(child.output(), standin.token)).toEqual([]);
  });
});

describe('start-up mistakes: one clear line, no stack trace', () => {
  async function failsWithOneLine(env: Record<string, string>, mentions: RegExp, cwd = workdir): Promise<string> {
    const child = start(MAIN, env, [], cwd);
    const { code } = await child.exited;
    const output = child.output();
    expect(code, output).not.toBe(0);
    expect(lines(child.stderr()), output).toHaveLength(1);
    expect(child.stderr()).toMatch(mentions);
    expect(hasStackTrace(output), output).toBe(false);
    if (env.DISCORD_TOKEN) expect(leakedSpellings(output, env.DISCORD_TOKEN)).toEqual([]);
    return child.stderr();
  }

  it('no token and stdin closed (a process manager): one line naming DISCORD_TOKEN, exit 1, nothing on stdout', async () => {
    const child = start(MAIN, { STORY_PATH: join(ROOT, 'seeds') });
    child.process.stdin!.end();
    const { code } = await child.exited;
    expect(code).toBe(1);
    expect(lines(child.stderr())).toEqual([NO_TOKEN_LINE]);
    expect(child.stdout()).toBe('');
  });

  it('no token and only blank lines on stdin: the same exit 1', async () => {
    const child = start(MAIN, { STORY_PATH: join(ROOT, 'seeds') });
    child.process.stdin!.end('\n  \n\n');
    expect((await child.exited).code).toBe(1);
    expect(lines(child.stderr())).toEqual([NO_TOKEN_LINE]);
  });

  it('no token and questions on stdin: says it runs the local console, answers each, exit 0', async () => {
    const child = start(MAIN, { STORY_PATH: join(ROOT, 'seeds') });
    child.process.stdin!.end(`${QUESTION}\nhello\n`);
    const { code } = await child.exited;
    expect(code, child.output()).toBe(0);
    expect(lines(child.stderr())).toHaveLength(1);
    expect(child.stderr()).toMatch(/DISCORD_TOKEN.*console/);
    // The short answer first, in bold with its citation; then the sentence (the answer bold in it).
    expect(child.stdout()).toContain('**2,500** [¶3]');
    expect(child.stdout().replaceAll('**', '')).toMatch(/2,500 U\.S\. forces.*\[¶3\]/);
    expect(child.stdout()).toContain(smallTalkHint('greeting'));
    expect(hasStackTrace(child.output())).toBe(false);
  });

  it('a .env copied unchanged from .env.example names DISCORD_TOKEN and exits 1', async () => {
    const dir = mkdtempSync(join(workdir, 'env-'));
    writeFileSync(join(dir, '.env'), 'DISCORD_TOKEN=paste-your-bot-token-here\n');
    await failsWithOneLine({ STORY_PATH: join(ROOT, 'seeds') }, /DISCORD_TOKEN/, dir);
  });

  it('a token Discord rejects (401) names DISCORD_TOKEN and exits non-zero', async () => {
    const wrong = botToken(standin.bot.id);
    await failsWithOneLine(botEnv({ DISCORD_TOKEN: wrong }), /DISCORD_TOKEN/);
  });

  it('a STORY_PATH that does not exist names the path', async () => {
    const missing = join(workdir, 'no-such-stories');
    await failsWithOneLine(botEnv({ STORY_PATH: missing }), new RegExp(missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('a story folder with no usable file says so', async () => {
    const empty = join(workdir, 'unusable');
    cpSync(join(ROOT, 'seeds'), empty, {
      recursive: true,
      filter: (source) => !source.endsWith('.txt') && !source.endsWith('.md'),
    });
    writeFileSync(join(empty, 'notes.json'), '{}');
    writeFileSync(join(empty, 'blank.txt'), '\n\n');
    await failsWithOneLine(botEnv({ STORY_PATH: empty }), /unusable|blank\.txt|no .*stor|empty/i);
  });
});

describe('the running bot process', () => {
  async function readyBot(extra: Record<string, string> = {}): Promise<Child> {
    const child = start(MAIN, botEnv(extra));
    await child.waitForOutput(/Logged in/);
    return child;
  }

  async function ask(question = QUESTION) {
    return standin
      .sendInteraction({ command: 'ask', options: { question }, user: standin.addUser('proc') })
      .reply(5000);
  }

  it('keeps answering from what it loaded when its story file is deleted, then changed', async () => {
    const stories = storyCopy('stories-vanish');
    const child = await readyBot({ STORY_PATH: stories });
    const first = await ask();
    const cited = citedParagraphs(visibleText(first.message!));
    expect(cited.length).toBeGreaterThan(0);

    const [file] = readdirSync(stories);
    rmSync(join(stories, file));
    const afterDelete = await ask();
    expect(citedParagraphs(visibleText(afterDelete.message!))).toEqual(cited);

    writeFileSync(join(stories, file), 'A different story\n\nNothing here mentions any troops at all.\n');
    const afterChange = await ask();
    expect(visibleText(afterChange.message!)).toBe(visibleText(first.message!));
    child.process.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: logs out (closes the gateway with 1000) and exits 0 within a few seconds`, async () => {
      const child = await readyBot();
      await ask();
      const closes = standin.gateway.closes.length;
      const sentAt = Date.now();
      child.process.kill(signal);
      const { code } = await child.exited;
      expect(code).toBe(0);
      expect(Date.now() - sentAt).toBeLessThan(5000);
      expect(standin.gateway.closes.slice(closes)).toContainEqual(
        expect.objectContaining({ by: 'client', code: 1000 }),
      );
      expect(hasStackTrace(child.output())).toBe(false);
      // The shutdown is logged as such, and not as a connection problem.
      expect(child.stderr()).toMatch(new RegExp(`Received ${signal}: shutting down`));
      expect(child.stderr()).not.toMatch(/reconnecting|disconnected/i);
    });
  }

  it('started in the background by a shell that then exits (nohup node ... &), it keeps serving until SIGTERM', async () => {
    const log = join(workdir, 'background.log');
    const env = { PATH: process.env.PATH ?? '', ...botEnv() };
    // The shell outlives the bot's start-up, so the bot does see its parent go away.
    const shell = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${MAIN}" > "${log}" 2>&1 < /dev/null & echo $!; sleep 2`],
      { env, encoding: 'utf8' },
    );
    const pid = Number(shell.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      const until = async (test: () => boolean, ms: number) => {
        for (const end = Date.now() + ms; !test() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
        return test();
      };
      expect(await until(() => existsSync(log) && /Logged in/.test(readFileSync(log, 'utf8')), 15_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 1000)); // several parent checks' worth
      expect(alive()).toBe(true);
      expect((await ask()).message).toBeDefined();
      process.kill(pid, 'SIGTERM');
      expect(await until(() => !alive(), 5000)).toBe(true);
      expect(readFileSync(log, 'utf8')).toMatch(/Received SIGTERM: shutting down/);
    } finally {
      if (alive()) process.kill(pid, 'SIGKILL');
    }
  });

  it('never prints the token: start-up and a handler error at debug level, and a failed login', async () => {
    const child = await readyBot({ LOG_LEVEL: 'debug' });
    standin.failNext('POST /interactions/:interactionId/:token/callback', 500, { times: 8 });
    standin.sendInteraction({ command: 'ask', options: { question: QUESTION }, user: standin.addUser('secret') });
    await child.waitForOutput(/ERROR/);
    child.process.kill('SIGTERM');
    await child.exited;
    expect(child.output()).toMatch(/discord\.js/); // debug output from discord.js itself was included
    expect(leakedSpellings(child.output(), standin.token)).toEqual([]);

    const wrong = botToken(standin.bot.id);
    const failed = start(MAIN, botEnv({ DISCORD_TOKEN: wrong, LOG_LEVEL: 'debug' }));
    expect((await failed.exited).code).not.toBe(0);
    expect(failed.output()).toMatch(/401|DISCORD_TOKEN/);
    expect(leakedSpellings(failed.output(), wrong)).toEqual([]);
  });
});
