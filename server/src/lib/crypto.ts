import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Random URL-safe token (default 32 bytes of entropy). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens are stored only as their SHA-256, so a leaked table opens nothing. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

// argon2id with OWASP's second recommended profile (m=19 MiB, t=2, p=1).
const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashSecret = (secret: string): Promise<string> => hash(secret, argonOptions);

export const verifySecret = async (hashed: string, secret: string): Promise<boolean> => {
  try {
    return await verify(hashed, secret);
  } catch {
    return false;
  }
};

/** Readable one-off password: no look-alike characters. */
export function readablePassword(length = 14): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Numeric code a person reads to support over the phone. */
export const supportCode = (): string => String(randomInt(100000, 1000000));
