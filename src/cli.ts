#!/usr/bin/env node
// Command-line front end: `ask`, `summary`, or an interactive console with no arguments.
// stdout carries only answers (one JSON object per line with --json); messages go to stderr.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { Library } from './answer/library.js';
import { loadLibraryCached } from './answer/library-cache.js';
import { isSummaryLength } from './answer/summary.js';
import { parseIndexCacheDir } from './config.js';
import { answerText, runConsole } from './console.js';
import { DEFAULT_STORY_PATH, loadEnvFile } from './env-file.js';
import { isWordDataError } from './search/word-data.js';
import { UsageError, parseScriptArgs, reportUsageError, standardFlags, type OptionSpec } from './script-args.js';
import { StoryLoadError } from './story/load.js';
import { answerToText, summaryToText } from './text-render.js';

const USAGE = `Usage:
  cli ask [--json] [--story PATH] [--limit N] "QUESTION"
  cli ask [--json] [--story PATH] [--limit N] --stdin   one question per line
  cli summary [--json] [--story PATH] [--length short|medium|long]
  cli [--story PATH]                                    interactive console
  cli --help | --version
PATH is a story file or a folder of .txt/.md stories (default: $STORY_PATH, else the shipped seeds/).`;

const OPTIONS: OptionSpec = {
  json: { type: 'boolean' },
  stdin: { type: 'boolean' },
  story: { type: 'string' },
  length: { type: 'string' },
  limit: { type: 'string' },
};

/** Which options each command takes; any other is a usage error, never silently ignored. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  ask: ['json', 'stdin', 'story', 'limit'],
  summary: ['json', 'story', 'length'],
  console: ['story'],
};

interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

function checkOptionsFor(command: string, values: Record<string, unknown>): void {
  const allowed = COMMAND_OPTIONS[command] ?? [];
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !allowed.includes(name)) {
      throw new UsageError(`--${name} does not apply to ${command === 'console' ? 'the console' : command}.`);
    }
  }
}

async function askEach(library: Library, io: CliIo, json: boolean, limit: number | undefined): Promise<void> {
  const several = library.stories.length > 1;
  const rl = createInterface({ input: io.stdin, terminal: false });
  for await (const line of rl) {
    if (!json && limit === undefined) {
      io.stdout.write(`${answerText(library, line)}\n\n`);
      continue;
    }
    const answer = library.ask(line, { limit, allPassages: json });
    io.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${answerToText(answer, several)}\n\n`);
  }
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseScriptArgs(argv, OPTIONS, { positionals: true });
    const done = standardFlags(args, USAGE, io);
    if (done !== undefined) return done;
    const values = args.values as { json?: boolean; stdin?: boolean; story?: string; length?: string; limit?: string };
    const [command, ...rest] = args.positionals;
    if (command !== undefined && !(command in COMMAND_OPTIONS && command !== 'console'))
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    checkOptionsFor(command ?? 'console', values);
    if (command !== 'ask' && rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
    const json = values.json === true;
    const storyPath = values.story ?? (io.env.STORY_PATH || DEFAULT_STORY_PATH);
    const cacheDir = parseIndexCacheDir(io.env);
    let limit: number | undefined;
    if (values.limit !== undefined) {
      limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 20)
        throw new UsageError('--limit must be a whole number from 1 to 20.');
    }
    if (command === undefined) {
      await runConsole(await loadLibraryCached(storyPath, { cacheDir }), io.stdin, io.stdout);
      return 0;
    }
    if (command === 'ask') {
      const question = rest.join(' ');
      if (!values.stdin && !question.trim()) throw new UsageError('ask needs a question, or --stdin.');
      const library = await loadLibraryCached(storyPath, { cacheDir });
      if (values.stdin) {
        if (question.trim()) throw new UsageError('give the question as an argument or with --stdin, not both.');
        await askEach(library, io, json, limit);
        return 0;
      }
      if (!json && limit === undefined) {
        io.stdout.write(`${answerText(library, question)}\n`);
        return 0;
      }
      const answer = library.ask(question, { limit, allPassages: json });
      io.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${answerToText(answer, library.stories.length > 1)}\n`);
      return 0;
    }
    if (command === 'summary') {
      const length = values.length ?? 'medium';
      if (!isSummaryLength(length)) throw new UsageError('--length must be short, medium or long.');
      const library = await loadLibraryCached(storyPath, { cacheDir });
      const summaries = library.summarize({ length: length });
      if (json) {
        const out = summaries.map((s) => ({ story: s.story, sentences: s.sentences }));
        io.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out)}\n`);
      } else {
        io.stdout.write(`${summaries.map((s) => summaryToText(s, summaries.length > 1)).join('\n\n')}\n`);
      }
      return 0;
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (err) {
    if (err instanceof UsageError) return reportUsageError('cli', err, USAGE, io);
    if (err instanceof StoryLoadError || isWordDataError(err)) {
      io.stderr.write(`storybot: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/**
 * A reader that stops early (`cli ask --stdin < questions | head -1`) closes the pipe: stop
 * quietly, as other command-line tools do, rather than die with an EPIPE stack trace.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WritableStream, exit: (code: number) => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(0);
    else throw err;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadEnvFile(); // STORY_PATH, as the bot reads it
  exitQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));
  main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`storybot: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
