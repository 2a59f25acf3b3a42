import { describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { SignatureVerifier } from '../../src/discord/signature.js';

async function keys() {
  const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const hex = Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('hex');
  const sign = async (timestamp: string, body: string) =>
    Buffer.from(
      await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, Buffer.from(timestamp + body)),
    ).toString('hex');
  return { hex, sign };
}

describe('SignatureVerifier (Ed25519, WebCrypto)', () => {
  it('accepts a request signed with the application key once; refuses forged, missing, malformed, stale and replayed ones', async () => {
    const { hex, sign } = await keys();
    const other = await keys();
    let now = 1_700_000_000_000;
    const verifier = await SignatureVerifier.create(hex, { now: () => now });
    const body = '{"type":1}';
    const ts = String(now / 1000);
    const good = await sign(ts, body);
    expect(await verifier.verify(good, ts, Buffer.from(body))).toEqual({ ok: true });
    expect(await verifier.verify(good, ts, Buffer.from(body))).toEqual({ ok: false, reason: 'replayed' });
    expect(await verifier.verify(await other.sign(ts, body), ts, Buffer.from(body))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(await verifier.verify(await sign(ts, body), ts, Buffer.from('{"type":2}'))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(await verifier.verify(undefined, ts, Buffer.from(body))).toEqual({ ok: false, reason: 'missing' });
    expect(await verifier.verify(good, undefined, Buffer.from(body))).toEqual({ ok: false, reason: 'missing' });
    expect(await verifier.verify('abc', ts, Buffer.from(body))).toEqual({ ok: false, reason: 'malformed' });
    const old = String(now / 1000 - 301);
    expect(await verifier.verify(await sign(old, body), old, Buffer.from(body))).toEqual({
      ok: false,
      reason: 'stale',
    });
    const ahead = String(now / 1000 + 301);
    expect(await verifier.verify(await sign(ahead, body), ahead, Buffer.from(body))).toEqual({
      ok: false,
      reason: 'stale',
    });
    // Past the five minutes a signature is forgotten: it would be refused as stale anyway.
    now += 6 * 60_000;
    expect(await verifier.verify(good, ts, Buffer.from(body))).toEqual({ ok: false, reason: 'stale' });
  });

  it('remembers a bounded number of signatures', async () => {
    const { hex, sign } = await keys();
    const verifier = await SignatureVerifier.create(hex, { maxRemembered: 3 });
    const ts = String(Math.floor(Date.now() / 1000));
    const signatures = await Promise.all(['1', '2', '3', '4'].map((b) => sign(ts, b)));
    for (const [i, s] of signatures.entries())
      expect(await verifier.verify(s, ts, Buffer.from(String(i + 1)))).toEqual({ ok: true });
    // The oldest was forgotten to stay within the bound; the newest is still refused.
    expect(await verifier.verify(signatures[3], ts, Buffer.from('4'))).toEqual({ ok: false, reason: 'replayed' });
    expect(await verifier.verify(signatures[0], ts, Buffer.from('1'))).toEqual({ ok: true });
  });
});
