// Question sets for the benchmarks, read from bench/data/ only (the project never reads ../shared).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SquadQuestion {
  id: string;
  question: string;
  /** 0-based index of the answering paragraph in its article; null = unanswerable (SQuAD 2.0). */
  paragraph: number | null;
  /** SQuAD 2.0 only: the paragraph the question was written against. */
  context_paragraph?: number;
  answers: string[];
}

export interface SquadArticle {
  title: string;
  paragraphs: string[];
  questions: SquadQuestion[];
}

export interface SquadSet {
  source: string;
  license: string;
  articles: SquadArticle[];
}

export interface SeedQuestion {
  q: string;
  /** Acceptable 1-based paragraphs, best first; [] = the story does not answer. */
  gold: number[];
  answer: string;
}

/** Project root, found from this file: works from bench/lib (tsx, vitest) and dist-tools/bench/lib (node). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('bench: cannot find the project root (package.json) above ' + fileURLToPath(import.meta.url));
}

export const dataDir = (): string => join(projectRoot(), 'bench', 'data');

const cache = new Map<string, SquadSet>();

function readSquad(file: string): SquadSet {
  let set = cache.get(file);
  if (!set) {
    set = JSON.parse(gunzipSync(readFileSync(join(dataDir(), file))).toString('utf8')) as SquadSet;
    cache.set(file, set);
  }
  return set;
}

/** SQuAD 1.1 dev: 48 articles, 2,067 paragraphs, 10,570 questions (all answerable). */
export const loadSquad1 = (): SquadSet => readSquad('squad-dev.json.gz');
/** SQuAD 2.0 dev: 35 articles, 1,204 paragraphs, 11,873 questions (5,945 unanswerable). */
export const loadSquad2 = (): SquadSet => readSquad('squad2-dev.json.gz');

/** Questions about the shipped story: seed-qa-dev (default), or seed-qa-train (written for this project, never fitted on). */
export function loadSeedQa(file: 'seed-qa-dev.json' | 'seed-qa-train.json' = 'seed-qa-dev.json'): SeedQuestion[] {
  const raw = JSON.parse(readFileSync(join(dataDir(), file), 'utf8')) as { questions: SeedQuestion[] };
  return raw.questions;
}

/** The shipped story folder. */
export const seedsDir = (): string => join(projectRoot(), 'seeds');
