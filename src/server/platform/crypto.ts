/**
 * @module Protection of sensitive fields (ID numbers): AES-256-GCM encryption and keyed digests.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** Encrypts a short text; output is `v1.iv.tag.ciphertext` in base64url. */
export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decrypts what `seal` produced; throws if the text was altered. */
export function unseal(key: Buffer, sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) {
    throw new Error('malformed sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** Keyed digest for equality look-ups of protected values. */
export function keyedDigest(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random URL-safe token with the given prefix (session cookies, API tokens). */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}
