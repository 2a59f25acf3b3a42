/**
 * `npm start` / `node dist/src/main.js`: read .env and the environment, load the stories, then
 * serve Discord (with a token) or the local console (without one). Every start-up failure a person
 * can cause ends in one clear line on stderr and exit code 1. SIGTERM/SIGINT, however the bot was
 * started, log out of the gateway and exit 0.
 */
import { commands, messageCommands } from '../commands/index.js';
import { loadLibrary } from './answer/library.js';
import { loadLibraryCached, logCacheEvent } from './answer/library-cache.js';
import { ConfigError, NO_TOKEN_LINE, parseConfig, type Config } from './config.js';
import { runConsole } from './console.js';
import { LoginError, startBot, type RunningBot } from './discord/bot.js';
import { loadEnvFile } from './env-file.js';
import { createLogger, createRedactor, type Logger } from './log.js';
import { UsageError, parseScriptArgs, reportUsageError, standardFlags } from './script-args.js';
import { startInteractionsEndpoint, type RunningEndpoint } from './discord/http-endpoint.js';
import { parseScaleConfig, shardsInProcesses, type ScaleConfig } from './scale/config.js';
import { forgetShardEnvironment, gatewayClientOptions, inShardProcess, shardLabel } from './scale/process.js';
import { runShardManager } from './scale/shard-manager.js';
import { startServerStories, type RunningServerStories } from './server-stories/start.js';
import { StoreError } from './store/errors.js';
import { isWordDataError } from './search/word-data.js';
import { StoryLoadError } from './story/load.js';

/** Longest a clean logout may take before we exit anyway (the whole stop stays under 5 s). */
const SHUTDOWN_GRACE_MS = 4000;
/** How often to check that the process that started us (npm's shell) is still there. */
const PARENT_CHECK_MS = 250;

const USAGE = `Usage: npm start   (or: node dist/src/main.js [--help | --version])
Runs storybot on Discord when DISCORD_TOKEN is set (in the environment or .env); without it,
answers questions typed in the terminal. Settings: see .env.example.`;

/** Redacts the token from lines written without the logger (before it exists, or as a last resort). */
let redact = createRedactor([process.env.DISCORD_TOKEN]);

function fail(line: string): never {
  process.stderr.write(`${redact(line)}\n`);
  process.exit(1);
}

function readConfig(): Config & { scale: ScaleConfig } {
  loadEnvFile();
  try {
    return { ...parseConfig(process.env), scale: parseScaleConfig(process.env) };
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/**
 * `npm start` runs the bot under `sh -c`; npm passes SIGTERM to that shell, which dies without
 * passing it on, and the bot would be left running with nobody to stop it. Under an npm script
 * (npm sets npm_lifecycle_event), losing the parent is therefore treated as a stop request too.
 * Started any other way (`nohup node ... &` from a shell that then exits) it is left alone.
 */
function watchParent(onGone: () => void): void {
  // A shard process whose ShardingManager is gone (its IPC channel closed) stops too.
  if (inShardProcess()) process.once('disconnect', onGone);
  const parent = process.ppid;
  if (!process.env.npm_lifecycle_event || parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, PARENT_CHECK_MS);
  timer.unref();
}

function handleSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutDown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: shutting down`);
    setTimeout(() => {
      logger.warn('Logout took too long; exiting anyway');
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    stop().then(
      () => {
        logger.info('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.warn('Error while logging out', error);
        process.exit(0);
      },
    );
  };
  process.once('SIGTERM', () => shutDown('Received SIGTERM'));
  process.once('SIGINT', () => shutDown('Received SIGINT'));
  watchParent(() => shutDown('The process that started storybot has gone (npm was stopped)'));
}

/** No token: a terminal gets the console; piped questions are answered; no input at all is an error. */
async function runWithoutToken(library: Awaited<ReturnType<typeof loadLibrary>>): Promise<void> {
  const questions = await runConsole(library, process.stdin, process.stdout, {
    onFirstInput: () =>
      process.stderr.write(
        'No DISCORD_TOKEN set (in the environment or .env): answering in the local console instead.\n',
      ),
  });
  // Started by a process manager (stdin closed or empty) it would otherwise exit 0, silently offline.
  if (questions === 0 && process.stdin.isTTY !== true) fail(NO_TOKEN_LINE);
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    const done = standardFlags(parseScriptArgs(argv, {}), USAGE, process);
    if (done !== undefined) process.exit(done);
  } catch (error) {
    if (error instanceof UsageError) process.exit(reportUsageError('storybot', error, USAGE, process));
    throw error;
  }
  const config = readConfig();
  redact = createRedactor([config.token, process.env.DISCORD_TOKEN]);
  // A shard process's lines say which shard wrote them (they share the manager's stderr).
  const label = inShardProcess() ? `[${shardLabel()}] ` : '';
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.token],
    ...(label ? { write: (line: string) => process.stderr.write(`${label}${line}`) } : {}),
  });
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection', reason));
  // From here on a stop request is honoured: before the bot is ready there is nothing to log out of.
  let stop: () => Promise<void> = async () => {};
  handleSignals(logger, () => stop());

  const { sharding, interactions } = config.scale;
  if (config.token && shardsInProcesses(sharding) && !inShardProcess()) {
    // This process only runs the ShardingManager; each shard process loads the stories itself.
    if (interactions)
      fail(
        'INTERACTIONS_PORT cannot be served by the process that runs shards in processes of their own (SHARDS_PER_PROCESS=1): run the HTTP endpoint as a process of its own.',
      );
    try {
      const shards = await runShardManager({
        token: config.token,
        count: sharding.count ?? 1,
        script: process.argv[1],
        logger,
        ...(config.apiBase ? { apiBase: config.apiBase } : {}),
      });
      stop = () => shards.stop();
    } catch (error) {
      if (error instanceof LoginError) fail(error.message);
      fail(error instanceof Error ? error.message.split('\n')[0] : String(error));
    }
    return;
  }
  forgetShardEnvironment();

  let library;
  try {
    library = await loadLibraryCached(config.storyPath, {
      cacheDir: config.indexCacheDir,
      onCache: (e) => logCacheEvent(logger, e),
    });
  } catch (error) {
    if (error instanceof StoryLoadError || isWordDataError(error)) fail(error.message);
    fail(
      `Could not load the stories from ${config.storyPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  if (!config.token && !interactions) {
    await runWithoutToken(library);
    return;
  }

  let stories: RunningServerStories;
  try {
    stories = await startServerStories(config.serverStories, library, logger, { indexCacheDir: config.indexCacheDir });
  } catch (error) {
    if (error instanceof StoreError) fail(error.message);
    throw error;
  }
  // A stop before the bot is ready still closes the database (and its upload worker).
  stop = () => stories.stop();
  const storyAccess = { service: stories.service, cdnBase: config.serverStories.cdnBase };

  // Slash commands, context menus, autocomplete and buttons as signed HTTP requests (stateless: any number of replicas).
  let endpoint: RunningEndpoint | undefined;
  if (interactions) {
    try {
      endpoint = await startInteractionsEndpoint({
        ...interactions,
        commands,
        messageCommands,
        library,
        logger,
        cooldown: config.cooldown,
        stories: storyAccess,
        ...(config.apiBase ? { apiBase: config.apiBase } : {}),
      });
    } catch (error) {
      fail(
        `Could not listen on ${interactions.host}:${interactions.port} (INTERACTIONS_PORT): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
    const started = endpoint;
    stop = () => started.stop().finally(() => stories.stop());
  }

  // The gateway: mentions and DMs (and interactions too, unless Discord sends them to the endpoint).
  if (config.token) {
    let bot: RunningBot;
    try {
      bot = await startBot({
        commands,
        messageCommands,
        stories: storyAccess,
        token: config.token,
        library,
        logger,
        cooldown: config.cooldown,
        gateway: gatewayClientOptions(sharding),
        ...(config.apiBase ? { apiBase: config.apiBase } : {}),
      });
    } catch (error) {
      if (error instanceof LoginError) {
        logger.debug('Login failed', error.cause);
        fail(error.message);
      }
      fail(`Could not start the bot: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const withEndpoint = endpoint;
    stop = () =>
      Promise.all([bot.stop(), withEndpoint?.stop()])
        .finally(() => stories.stop())
        .then(() => undefined);
  }
  logger.info(stories.description);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Last resort: still one line, still redacted.
  fail(`storybot stopped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
});
