import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { parseScaleConfig, shardsInProcesses } from '../../src/scale/config.js';

const KEY = 'a'.repeat(64);

function problem(env: Record<string, string>): ConfigError {
  try {
    parseScaleConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseScaleConfig', () => {
  it('defaults: discord.js decides the shards, all in this process; no HTTP endpoint', () => {
    expect(parseScaleConfig({})).toEqual({ sharding: { perProcess: 'all' } });
    expect(shardsInProcesses(parseScaleConfig({}).sharding)).toBe(false);
  });

  it('reads SHARD_COUNT (a number or auto) and SHARDS_PER_PROCESS (1 or all)', () => {
    expect(parseScaleConfig({ SHARD_COUNT: '4', SHARDS_PER_PROCESS: '1' }).sharding).toEqual({
      count: 4,
      perProcess: 1,
    });
    expect(parseScaleConfig({ SHARD_COUNT: 'AUTO', SHARDS_PER_PROCESS: 'all' }).sharding).toEqual({
      count: 'auto',
      perProcess: 'all',
    });
    expect(shardsInProcesses({ count: 'auto', perProcess: 1 })).toBe(true);
    expect(shardsInProcesses({ count: 2, perProcess: 1 })).toBe(true);
    expect(shardsInProcesses({ count: 1, perProcess: 1 })).toBe(false);
    expect(shardsInProcesses({ count: 2, perProcess: 'all' })).toBe(false);
  });

  it('reads the HTTP endpoint, which needs the public key', () => {
    expect(parseScaleConfig({ INTERACTIONS_PORT: '8080', DISCORD_PUBLIC_KEY: KEY.toUpperCase() }).interactions).toEqual(
      { port: 8080, host: '0.0.0.0', publicKey: KEY },
    );
    expect(
      parseScaleConfig({ INTERACTIONS_PORT: '0', INTERACTIONS_HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: KEY })
        .interactions,
    ).toEqual({ port: 0, host: '127.0.0.1', publicKey: KEY });
  });

  it.each([
    ['SHARD_COUNT', { SHARD_COUNT: 'two' }, /SHARD_COUNT must be a whole number from 1/],
    ['SHARD_COUNT', { SHARD_COUNT: '0' }, /SHARD_COUNT must be a whole number from 1/],
    ['SHARDS_PER_PROCESS', { SHARDS_PER_PROCESS: '2' }, /SHARDS_PER_PROCESS must be 1 .* or all/],
    [
      'INTERACTIONS_PORT',
      { INTERACTIONS_PORT: '70000', DISCORD_PUBLIC_KEY: KEY },
      /INTERACTIONS_PORT must be a whole number from 0 to 65535/,
    ],
    ['DISCORD_PUBLIC_KEY', { INTERACTIONS_PORT: '8080' }, /DISCORD_PUBLIC_KEY is not set.*Public Key/],
    ['DISCORD_PUBLIC_KEY', { INTERACTIONS_PORT: '8080', DISCORD_PUBLIC_KEY: 'not-a-key' }, /64 hexadecimal/],
  ] as const)('%s: a malformed value is one line naming it and the fix', (variable, env, message) => {
    const error = problem({ ...env });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });
});
