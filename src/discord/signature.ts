/**
 * Discord signs every request it sends to an interactions endpoint: Ed25519 over the
 * `X-Signature-Timestamp` header followed by the raw body, checked against the application's
 * public key with Node's WebCrypto. Discord sends badly signed requests on purpose to check that
 * an endpoint refuses them. A request older than five minutes, or one already seen (the same
 * signature) within them, is refused too: a captured request cannot be played again.
 */
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;

/** How old (or how far ahead of this clock) a signed timestamp may be. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

export type SignatureVerdict =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'stale' | 'replayed' };

export interface SignatureVerifierOptions {
  maxAgeMs?: number;
  now?: () => number;
  /** Signatures remembered for replay checks (oldest forgotten first). */
  maxRemembered?: number;
}

const HEX = /^[0-9a-fA-F]+$/;

export async function importPublicKey(hex: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('raw', Buffer.from(hex, 'hex'), { name: 'Ed25519' }, false, ['verify']);
}

export class SignatureVerifier {
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly maxRemembered: number;
  /** Signatures accepted within the last maxAgeMs, with when they stop mattering (insertion order = age). */
  private readonly seen = new Map<string, number>();

  private constructor(
    private readonly key: CryptoKey,
    options: SignatureVerifierOptions,
  ) {
    this.maxAgeMs = options.maxAgeMs ?? MAX_SIGNATURE_AGE_MS;
    this.now = options.now ?? Date.now;
    this.maxRemembered = options.maxRemembered ?? 200_000;
  }

  static async create(publicKeyHex: string, options: SignatureVerifierOptions = {}): Promise<SignatureVerifier> {
    return new SignatureVerifier(await importPublicKey(publicKeyHex), options);
  }

  /** Checks the headers' signature over `timestamp + body`; a signature is accepted once. */
  async verify(
    signature: string | undefined,
    timestamp: string | undefined,
    body: Uint8Array,
  ): Promise<SignatureVerdict> {
    if (!signature || !timestamp) return { ok: false, reason: 'missing' };
    if (signature.length !== 128 || !HEX.test(signature) || !/^\d{1,12}$/.test(timestamp))
      return { ok: false, reason: 'malformed' };
    const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
    const valid = await webcrypto.subtle.verify({ name: 'Ed25519' }, this.key, Buffer.from(signature, 'hex'), message);
    if (!valid) return { ok: false, reason: 'bad-signature' };
    const now = this.now();
    if (Math.abs(now - Number(timestamp) * 1000) > this.maxAgeMs) return { ok: false, reason: 'stale' };
    this.forgetOld(now);
    const key = signature.toLowerCase();
    if (this.seen.has(key)) return { ok: false, reason: 'replayed' };
    this.seen.set(key, now + this.maxAgeMs);
    if (this.seen.size > this.maxRemembered) this.seen.delete(this.seen.keys().next().value!);
    return { ok: true };
  }

  private forgetOld(now: number): void {
    for (const [signature, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(signature);
    }
  }
}
