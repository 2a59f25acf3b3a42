/**
 * What a cache file is keyed by, and where it lives. The key is a hash of the stories' content
 * (every file's name and bytes, in order): any edit, added or removed story gives another key,
 * and the old file is refused as stale. One file per story source: a STORY_PATH (by its
 * resolved path) or a server's own stories (by the server's id).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface KeyPart {
  name: string;
  content: Uint8Array | string;
}

/** {@link contentKey} made one part at a time (each part's bytes can go once added). */
export class ContentKey {
  private readonly hash = createHash('sha256');

  add({ name, content }: KeyPart): void {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.hash.update(`${name.length}:${name}:${bytes.byteLength}:`);
    this.hash.update(bytes);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** SHA-256 over each part's name, length and content, in the order given. */
export function contentKey(parts: Iterable<KeyPart>): string {
  const key = new ContentKey();
  for (const part of parts) key.add(part);
  return key.digest();
}

export type CacheScope = { storyPath: string } | { server: string };

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The cache file for a story source under `dir`. */
export function cacheFilePath(dir: string, scope: CacheScope): string {
  if ('server' in scope) {
    // Servers' ids are snowflakes; anything else is hashed rather than trusted as a file name.
    const id = SAFE_ID.test(scope.server)
      ? scope.server
      : createHash('sha256').update(scope.server).digest('hex').slice(0, 32);
    return join(dir, `server-${id}.sbindex`);
  }
  const where = createHash('sha256').update(resolve(scope.storyPath)).digest('hex').slice(0, 16);
  return join(dir, `stories-${where}.sbindex`);
}

/**
 * What else an index depends on besides the stories: the code that analyses and indexes text and
 * the data files it reads (lexicon, word vectors). Their sizes and modification times are hashed,
 * so any rebuild or upgrade of storybot makes old cache files stale, even one that forgot to bump
 * the index format version. Cheap: a few dozen `stat` calls.
 */
export function buildFingerprint(codeFolders: readonly string[], dataFiles: readonly string[]): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    try {
      const s = statSync(path);
      hash.update(`${path}:${s.size}:${s.mtimeMs}\n`);
    } catch {
      hash.update(`${path}:missing\n`);
    }
  };
  for (const folder of codeFolders) {
    let names: string[] = [];
    try {
      names = readdirSync(folder, { recursive: true }) as string[];
    } catch {
      hash.update(`${folder}:missing\n`);
    }
    for (const name of names.filter((n) => /\.[cm]?[jt]s$/.test(n)).sort()) add(join(folder, name));
  }
  for (const file of dataFiles) add(file);
  return hash.digest('hex');
}
