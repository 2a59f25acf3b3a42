// The stand-in's HTTP API under /api/v10: route matching, bot-token checks, Discord's rate-limit
// headers, injected faults (429 with Retry-After, 5xx, any status) and a record of every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { API_VERSION, ErrorCode } from './protocol.js';

export interface RestCall {
  seq: number;
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  /** The matched route pattern, e.g. "POST /channels/:channelId/messages"; null for unknown routes. */
  route: string | null;
  query: Record<string, string>;
  /** true: the right bot token; false: wrong or missing where one is needed; null: route takes no auth. */
  authorized: boolean | null;
  body: unknown;
  status: number;
  response: unknown;
  receivedAt: number;
  /** Set when the answer was an injected fault rather than the route's own. */
  injected?: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  call: RestCall;
}

type Handler = (context: RouteContext) => Reply;

interface Route {
  method: string;
  pattern: string;
  name: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: Handler;
}

export interface FaultOptions {
  /** Seconds, sent as the Retry-After header (fractions allowed so tests stay fast). */
  retryAfter?: number;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  code?: number;
  message?: string;
  /** 429 only: mark the limit as global (X-RateLimit-Global). */
  global?: boolean;
}

interface Fault extends FaultOptions {
  route: string;
  status: number;
  remaining: number;
}

export interface RouterOptions {
  token: () => string;
  onUnknownRoute: (call: RestCall) => void;
  onChange: () => void;
}

const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });
export const error = (status: number, code: number, message: string): Reply => json(status, { code, message });
export const ok = (body?: unknown): Reply => (body === undefined ? { status: 204 } : json(200, body));

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), keys };
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (contentType?.startsWith('multipart/form-data')) {
    // discord.js sends payload_json this way when a message has files; the JSON part is what we check.
    const match = /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(text);
    return match ? JSON.parse(match[1]) : { multipart: true };
  }
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: text };
  }
}

export class RestRouter {
  readonly calls: RestCall[] = [];
  readonly unknownRoutes: RestCall[] = [];
  /** Keep every call (tests) or only a count (the load benchmark, so memory stays flat). */
  keepCalls = true;
  callCount = 0;
  private readonly routes: Route[] = [];
  private readonly faults: Fault[] = [];

  constructor(private readonly options: RouterOptions) {}

  route(method: string, pattern: string, handler: Handler, options: { auth?: boolean } = {}): void {
    const { regex, keys } = compile(pattern);
    this.routes.push({
      method,
      pattern,
      name: `${method} ${pattern}`,
      regex,
      keys,
      auth: options.auth ?? true,
      handler,
    });
  }

  /** Route names as tests refer to them in failNext, e.g. "POST /channels/:channelId/messages". */
  routeNames(): string[] {
    return this.routes.map((route) => route.name);
  }

  failNext(route: string, status: number, options: FaultOptions = {}): void {
    if (!this.routes.some((r) => r.name === route)) {
      throw new Error(`failNext: no route "${route}". Known routes:\n  ${this.routeNames().join('\n  ')}`);
    }
    this.faults.push({ route, status, ...options, remaining: options.times ?? 1 });
  }

  pendingFaults(): number {
    return this.faults.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  private takeFault(routeName: string): Fault | undefined {
    const fault = this.faults.find((f) => f.route === routeName && f.remaining > 0);
    if (fault) fault.remaining--;
    return fault;
  }

  private faultReply(fault: Fault): Reply {
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 1;
      const headers: Record<string, string> = {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-reset': String((Date.now() / 1000 + retryAfter).toFixed(3)),
        'x-ratelimit-scope': fault.global ? 'global' : 'user',
      };
      if (fault.global) headers['x-ratelimit-global'] = 'true';
      return json(
        429,
        {
          message: fault.message ?? 'You are being rate limited.',
          retry_after: retryAfter,
          global: fault.global ?? false,
          code: fault.code ?? 0,
        },
        headers,
      );
    }
    if (fault.status >= 500)
      return json(fault.status, { message: fault.message ?? '500: Internal Server Error', code: fault.code ?? 0 });
    return error(
      fault.status,
      fault.code ?? ErrorCode.General,
      fault.message ?? `${fault.status}: injected by the stand-in`,
    );
  }

  /** Rate-limit headers as Discord sends them on every bucketed route. */
  private rateLimitHeaders(route: Route): Record<string, string> {
    return {
      'x-ratelimit-bucket': createHash('sha1').update(route.name).digest('hex').slice(0, 16),
      'x-ratelimit-limit': '50',
      'x-ratelimit-remaining': '49',
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-reset': String((Date.now() / 1000 + 1).toFixed(3)),
    };
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const receivedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const method = (request.method ?? 'GET').toUpperCase();
    const prefix = `/api/v${API_VERSION}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const call: RestCall = {
      seq: ++this.callCount,
      method,
      path,
      route: null,
      query: Object.fromEntries(url.searchParams),
      authorized: null,
      body: parseBody(Buffer.concat(chunks), request.headers['content-type']),
      status: 0,
      response: undefined,
      receivedAt,
    };

    let reply: Reply;
    let route: Route | undefined;
    let params: Record<string, string> = {};
    if (url.pathname.startsWith(prefix)) {
      for (const candidate of this.routes) {
        if (candidate.method !== method) continue;
        const match = candidate.regex.exec(path);
        if (!match) continue;
        route = candidate;
        params = Object.fromEntries(candidate.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]));
        break;
      }
    }

    if (!route) {
      reply = error(404, ErrorCode.General, '404: Not Found');
      this.unknownRoutes.push(call);
      this.options.onUnknownRoute(call);
    } else {
      call.route = route.name;
      if (route.auth) call.authorized = request.headers.authorization === `Bot ${this.options.token()}`;
      const fault = route.auth && !call.authorized ? undefined : this.takeFault(route.name);
      if (route.auth && !call.authorized) {
        reply = error(401, ErrorCode.General, '401: Unauthorized');
      } else if (fault) {
        call.injected = `${fault.status}`;
        reply = this.faultReply(fault);
      } else {
        try {
          reply = route.handler({ params, query: url.searchParams, body: call.body, call });
        } catch (cause) {
          // A bug in the stand-in must not look like Discord misbehaving: say so loudly.
          const message = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
          process.stderr.write(`[discord-standin] route ${route.name} threw: ${message}\n`);
          reply = error(500, ErrorCode.General, 'stand-in route failed');
        }
      }
      if (route.auth) reply.headers = { ...this.rateLimitHeaders(route), ...reply.headers };
    }

    call.status = reply.status;
    call.response = reply.body;
    if (this.keepCalls) this.calls.push(call);
    const headers: Record<string, string> = { via: 'discord-standin', ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] = 'application/json';
    response.writeHead(reply.status, headers);
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    this.options.onChange();
  }
}
