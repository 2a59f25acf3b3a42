// Discord's CDN as the bot meets it: attachment files served over HTTP on a loopback port of
// their own (another origin than the API, as cdn.discordapp.com is), at signed URLs
// (/attachments/{channel}/{id}/{name}?ex=&is=&hm=; a wrong signature is 404). A file can be made
// to misbehave the ways a download must survive: a size that lies, no Content-Length, a redirect
// (to another origin, say), a body that stalls forever, an error status.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { snowflake } from './ids.js';
import type { Json } from './world.js';

export interface CdnFileOptions {
  filename: string;
  /** The file's bytes (a string is UTF-8 encoded). */
  content: string | Uint8Array;
  contentType?: string;
  /** The size Discord declares in the interaction (default: the real size). */
  declaredSize?: number;
  /** Send no Content-Length (chunked), so only reading tells the size. */
  chunked?: boolean;
  /** Answer 302 to this URL instead of the file. */
  redirectTo?: string;
  /** Send this many bytes, then nothing more, never ending the response. */
  stallAfterBytes?: number;
  /** Answer this status (with a short body) instead of the file. */
  status?: number;
}

export interface CdnRequest {
  path: string;
  status: number;
  at: number;
}

interface CdnFile extends CdnFileOptions {
  id: string;
  path: string;
  bytes: Buffer;
}

export class Cdn {
  readonly files = new Map<string, CdnFile>();
  readonly requests: CdnRequest[] = [];
  private readonly secret = randomBytes(16);
  private readonly server: Server;
  private readonly stalled = new Set<import('node:http').ServerResponse>();
  port = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://cdn');
      const file = this.files.get(url.pathname);
      const record = (status: number) => this.requests.push({ path: url.pathname, status, at: Date.now() });
      if (
        request.method !== 'GET' ||
        !file ||
        url.searchParams.get('hm') !== this.sign(url.pathname, url.searchParams.get('ex') ?? '')
      ) {
        record(404);
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      if (file.status !== undefined) {
        record(file.status);
        response.writeHead(file.status, { 'content-type': 'text/plain' }).end('error');
        return;
      }
      if (file.redirectTo !== undefined) {
        record(302);
        response.writeHead(302, { location: file.redirectTo }).end();
        return;
      }
      record(200);
      const headers: Record<string, string> = { 'content-type': file.contentType ?? 'text/plain; charset=utf-8' };
      if (!file.chunked && file.stallAfterBytes === undefined) headers['content-length'] = String(file.bytes.length);
      response.writeHead(200, headers);
      if (file.stallAfterBytes !== undefined) {
        response.write(file.bytes.subarray(0, file.stallAfterBytes));
        this.stalled.add(response);
        response.on('close', () => this.stalled.delete(response));
        return;
      }
      // In pieces, as a real download arrives.
      for (let at = 0; at < file.bytes.length; at += 64 * 1024) response.write(file.bytes.subarray(at, at + 64 * 1024));
      response.end();
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** What DISCORD_CDN_BASE is set to for a bot using this CDN. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private sign(path: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${path}?${expires}`).digest('hex').slice(0, 32);
  }

  /** Stores a file and returns the attachment object Discord puts in an interaction's resolved data. */
  add(channelId: string, options: CdnFileOptions): Json & { id: string; filename: string; size: number; url: string } {
    const id = snowflake();
    const bytes = Buffer.from(
      typeof options.content === 'string' ? Buffer.from(options.content, 'utf8') : options.content,
    );
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(options.filename)}`;
    this.files.set(path, { ...options, id, path, bytes });
    const expires = Math.floor(Date.now() / 1000 + 24 * 3600).toString(16);
    const url = `${this.origin}${path}?ex=${expires}&is=${Math.floor(Date.now() / 1000).toString(16)}&hm=${this.sign(path, expires)}&`;
    return {
      id,
      filename: options.filename,
      size: options.declaredSize ?? bytes.length,
      url,
      proxy_url: url.replace(this.origin, `${this.origin}/media`),
      ...(options.contentType !== undefined
        ? { content_type: options.contentType }
        : { content_type: 'text/plain; charset=utf-8' }),
      ephemeral: true,
    };
  }

  async stop(): Promise<void> {
    for (const response of this.stalled) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
