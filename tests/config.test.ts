import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULTS,
  TOKEN_PLACEHOLDER,
  clientIdFromToken,
  parseConfig,
  requireClientId,
  requireToken,
} from '../src/config.js';

const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.x9Zq-ExampleSecretPartThatIsLong_1234';

function configError(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies defaults to an empty environment (console mode)', () => {
    expect(parseConfig({})).toEqual({
      storyPath: join(ROOT, 'seeds'),
      logLevel: 'info',
      cooldown: { requests: 5, seconds: 10 },
      serverStories: DEFAULTS.serverStories,
      indexCacheDir: join(ROOT, 'data', 'index-cache'),
    });
  });

  it('reads every setting, trimming and normalising', () => {
    const config = parseConfig({
      DISCORD_TOKEN: ` Bot ${TOKEN} `,
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      STORY_PATH: 'stories/',
      DISCORD_API_BASE: 'http://127.0.0.1:8080/api/',
      LOG_LEVEL: 'DEBUG',
      COOLDOWN_REQUESTS: '0',
      COOLDOWN_SECONDS: '2.5',
    });
    expect(config).toEqual({
      token: TOKEN,
      clientId: '123456789012345678',
      guildId: '223456789012345678',
      storyPath: 'stories/',
      apiBase: 'http://127.0.0.1:8080/api',
      logLevel: 'debug',
      cooldown: { requests: 0, seconds: 2.5 },
      serverStories: DEFAULTS.serverStories,
      indexCacheDir: join(ROOT, 'data', 'index-cache'),
    });
  });

  it('keeps the index cache beside the database unless INDEX_CACHE_DIR says where, or off', () => {
    expect(parseConfig({ DATABASE_PATH: '/var/lib/storybot/db.sqlite' }).indexCacheDir).toBe(
      '/var/lib/storybot/index-cache',
    );
    expect(parseConfig({ INDEX_CACHE_DIR: ' /var/cache/storybot ' }).indexCacheDir).toBe('/var/cache/storybot');
    expect(parseConfig({ INDEX_CACHE_DIR: 'OFF' })).not.toHaveProperty('indexCacheDir');
  });

  it('reads the server-story settings', () => {
    expect(DEFAULTS.serverStories).toEqual({
      databasePath: join(ROOT, 'data', 'storybot.sqlite'),
      maxBytes: 1048576,
      maxPerServer: 50,
      retentionDays: 30,
      cdnBase: 'https://cdn.discordapp.com',
    });
    const config = parseConfig({
      DATABASE_PATH: '/var/lib/storybot/db.sqlite',
      STORY_MAX_BYTES: '2000',
      STORIES_PER_SERVER: '3',
      GAPS_RETENTION_DAYS: '7',
      DISCORD_CDN_BASE: 'http://127.0.0.1:9000/',
    });
    expect(config.serverStories).toEqual({
      databasePath: '/var/lib/storybot/db.sqlite',
      maxBytes: 2000,
      maxPerServer: 3,
      retentionDays: 7,
      cdnBase: 'http://127.0.0.1:9000',
    });
  });

  it('treats blank values as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '  ', DISCORD_GUILD_ID: '' })).not.toHaveProperty('token');
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['DISCORD_TOKEN', { DISCORD_TOKEN: 'abc def ghi jkl mno' }, /DISCORD_TOKEN is malformed/],
    ['DISCORD_TOKEN', { DISCORD_TOKEN: TOKEN_PLACEHOLDER }, /placeholder/],
    ['DISCORD_CLIENT_ID', { DISCORD_CLIENT_ID: 'my-bot' }, /DISCORD_CLIENT_ID must be a numeric Discord id/],
    ['DISCORD_GUILD_ID', { DISCORD_GUILD_ID: 'https://discord.com/channels/1/2' }, /Copy ID/],
    ['DISCORD_API_BASE', { DISCORD_API_BASE: 'localhost:8080' }, /http/],
    ['DISCORD_API_BASE', { DISCORD_API_BASE: 'ftp://x/api' }, /http/],
    ['DISCORD_API_BASE', { DISCORD_API_BASE: 'http://127.0.0.1:1/api/v10' }, /use http:\/\/127\.0\.0\.1:1\/api/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /debug, info, warn, error/],
    ['COOLDOWN_REQUESTS', { COOLDOWN_REQUESTS: '-1' }, /whole number from 0/],
    ['COOLDOWN_REQUESTS', { COOLDOWN_REQUESTS: '2.5' }, /whole number/],
    ['COOLDOWN_SECONDS', { COOLDOWN_SECONDS: 'ten' }, /number from 1 to 3600/],
    ['COOLDOWN_SECONDS', { COOLDOWN_SECONDS: '0' }, /number from 1/],
    ['STORY_MAX_BYTES', { STORY_MAX_BYTES: '1MB' }, /STORY_MAX_BYTES must be a whole number/],
    ['STORIES_PER_SERVER', { STORIES_PER_SERVER: '-2' }, /STORIES_PER_SERVER must be a whole number/],
    ['GAPS_RETENTION_DAYS', { GAPS_RETENTION_DAYS: '0' }, /GAPS_RETENTION_DAYS must be a whole number from 1/],
    ['DISCORD_CDN_BASE', { DISCORD_CDN_BASE: 'cdn.discordapp.com' }, /DISCORD_CDN_BASE must be an http/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u:p@db/storybot' }, /DATABASE_URL must be a Postgres URL/],
  ];
  it.each(bad)('%s: a malformed value is one line naming it and the fix', (variable, env, message) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('reads DATABASE_URL (Postgres) and never echoes a malformed one, which may hold a password', () => {
    expect(
      parseConfig({ DATABASE_URL: 'postgresql://storybot:pw@db.example:5432/storybot' }).serverStories.databaseUrl,
    ).toBe('postgresql://storybot:pw@db.example:5432/storybot');
    expect(parseConfig({}).serverStories).not.toHaveProperty('databaseUrl');
    expect(configError({ DATABASE_URL: 'postgres//storybot:hunter2@db' }).message).not.toContain('hunter2');
  });

  it('never echoes a malformed token', () => {
    const secret = 'secret with spaces inside it';
    expect(configError({ DISCORD_TOKEN: secret }).message).not.toContain('secret with');
  });
});

describe('client id', () => {
  it('comes from DISCORD_CLIENT_ID, else from the token', () => {
    expect(clientIdFromToken(TOKEN)).toBe('123456789012345678');
    expect(requireClientId({ token: TOKEN })).toBe('123456789012345678');
    expect(requireClientId({ token: TOKEN, clientId: '42' })).toBe('42');
    expect(clientIdFromToken('not-a-real-token')).toBeUndefined();
  });

  it('is a one-line ConfigError when neither gives one', () => {
    expect(() => requireClientId({ token: 'not-a-real-token' })).toThrow(/^DISCORD_CLIENT_ID is not set/);
    expect(() => requireToken({})).toThrow(/^DISCORD_TOKEN is not set/);
  });
});

describe('documented settings', () => {
  it('.env.example and the README configuration table list the server-story settings', async () => {
    const { readFileSync } = await import('node:fs');
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of [
      'DATABASE_PATH',
      'STORY_MAX_BYTES',
      'STORIES_PER_SERVER',
      'GAPS_RETENTION_DAYS',
      'DISCORD_CDN_BASE',
      'INDEX_CACHE_DIR',
    ]) {
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme).toContain(`| \`${name}\` |`);
    }
    // Copied unchanged, .env.example gives the defaults.
    const env = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    expect(parseConfig({ ...env, DISCORD_TOKEN: '' }).serverStories).toEqual(DEFAULTS.serverStories);
    expect(parseConfig({ ...env, DISCORD_TOKEN: '' }).indexCacheDir).toBe(join(ROOT, 'data', 'index-cache'));
  });

  it('.env.example and the README configuration table list the scale settings; copied unchanged, none is on', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScaleConfig } = await import('../src/scale/config.js');
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of [
      'DATABASE_URL',
      'SHARD_COUNT',
      'SHARDS_PER_PROCESS',
      'INTERACTIONS_PORT',
      'INTERACTIONS_HOST',
      'DISCORD_PUBLIC_KEY',
    ]) {
      expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
      expect(readme).toContain(`| \`${name}\` |`);
    }
    const env = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    expect(parseScaleConfig(env)).toEqual({ sharding: { perProcess: 'all' } });
    expect(readme).toContain('docs/scaling.md');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12_000);
  });
});
