/**
 * Downloads an attachment Discord resolved for a command, and nothing else: only from the CDN's
 * origin (DISCORD_CDN_BASE), following redirects only within it, with a timeout and a byte cap
 * enforced while reading (a declared size can lie). Never called with a URL a user typed.
 */
import { formatBytes } from '../server-stories/upload.js';

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

export interface DownloadOptions {
  /** The CDN origin, e.g. https://cdn.discordapp.com. */
  cdnBase: string;
  maxBytes: number;
  timeoutMs: number;
  /** How many same-origin redirects to follow. */
  maxRedirects?: number;
}

const RETRY = 'try attaching it again in a moment.';

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export async function downloadAttachment(url: string, options: DownloadOptions): Promise<Download> {
  const allowed = originOf(options.cdnBase);
  let current = url;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
      if (!allowed || originOf(current) !== allowed) {
        return {
          ok: false,
          problem:
            "The attachment does not come from Discord's file server, so it was not downloaded: attach the file to the command again.",
        };
      }
      const response = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/plain, text/markdown, */*' },
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) return { ok: false, problem: `Discord's file server sent a broken redirect: ${RETRY}` };
        current = new URL(location, current).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, problem: `Discord's file server answered ${response.status} for the attachment: ${RETRY}` };
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        await response.body?.cancel();
        return tooBig(options.maxBytes);
      }
      return await readCapped(response, options.maxBytes);
    }
    return { ok: false, problem: `Discord's file server redirected too many times: ${RETRY}` };
  } catch (error) {
    if (signal.aborted)
      return {
        ok: false,
        problem: `Downloading the attachment took longer than ${Math.round(options.timeoutMs / 1000)} s: ${RETRY}`,
      };
    return {
      ok: false,
      problem: `Could not download the attachment (${error instanceof Error ? error.message.split('\n')[0] : 'network error'}): ${RETRY}`,
    };
  }
}

function tooBig(maxBytes: number): Download {
  return { ok: false, problem: `The file is over the ${formatBytes(maxBytes)} limit: split it into smaller stories.` };
}

async function readCapped(response: Response, maxBytes: number): Promise<Download> {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (!reader) return { ok: true, bytes: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return tooBig(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
