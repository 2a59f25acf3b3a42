#!/usr/bin/env node
// Command-line front end: `ask`, `summary`, or an interactive console with no arguments.
// stdout carries only answers (one JSON object per line with --json); messages go to stderr.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadLibrary, type Library } from './answer/library.js';
import type { SummaryLength } from './answer/types.js';
import { runConsole } from './console.js';
import { LexiconLoadError } from './search/lexicon/index.js';
import { StoryLoadError } from './story/load.js';
import { answerToText, summaryToText } from './text-render.js';

const USAGE = `Usage:
  cli ask [--json] [--story PATH] [--limit N] "QUESTION"
  cli ask [--json] [--story PATH] --stdin        one question per line
  cli summary [--json] [--story PATH] [--length short|medium|long]
  cli                                            interactive console
PATH is a story file or a folder of .txt/.md stories (default: $STORY_PATH or seeds/).`;

class UsageError extends Error {}

const LENGTHS = ['short', 'medium', 'long'] as const;

interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        stdin: { type: 'boolean', default: false },
        story: { type: 'string' },
        length: { type: 'string' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function askEach(library: Library, io: CliIo, json: boolean, limit: number | undefined): Promise<void> {
  const several = library.stories.length > 1;
  const rl = createInterface({ input: io.stdin, terminal: false });
  for await (const line of rl) {
    const answer = library.ask(line, { limit, allPassages: json });
    io.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${answerToText(answer, several)}\n\n`);
  }
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    const storyPath = values.story ?? (io.env.STORY_PATH || 'seeds/');
    let limit: number | undefined;
    if (values.limit !== undefined) {
      limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new UsageError('--limit must be a whole number from 1 to 20.');
    }
    if (command === undefined) {
      await runConsole(await loadLibrary(storyPath), io.stdin, io.stdout);
      return 0;
    }
    if (command === 'ask') {
      const question = rest.join(' ');
      if (!values.stdin && !question.trim()) throw new UsageError('ask needs a question, or --stdin.');
      const library = await loadLibrary(storyPath);
      if (values.stdin) {
        await askEach(library, io, values.json, limit);
        return 0;
      }
      const answer = library.ask(question, { limit, allPassages: values.json });
      io.stdout.write(values.json ? `${JSON.stringify(answer)}\n` : `${answerToText(answer, library.stories.length > 1)}\n`);
      return 0;
    }
    if (command === 'summary') {
      const length = values.length ?? 'medium';
      if (!(LENGTHS as readonly string[]).includes(length)) throw new UsageError('--length must be short, medium or long.');
      const library = await loadLibrary(storyPath);
      const summaries = library.summarize({ length: length as SummaryLength });
      if (values.json) {
        const out = summaries.map((s) => ({ story: s.story, sentences: s.sentences }));
        io.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out)}\n`);
      } else {
        io.stdout.write(`${summaries.map((s) => summaryToText(s, summaries.length > 1)).join('\n\n')}\n`);
      }
      return 0;
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`storybot: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof StoryLoadError || err instanceof LexiconLoadError) {
      io.stderr.write(`storybot: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`storybot: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
