import argon2 from 'argon2';
import { randomInt } from 'node:crypto';

let cost = { memoryCost: 19456, timeCost: 2 };

/** argon2id parameters (OWASP minimum by default); tests lower them. */
export function configurePasswordHashing(c: { memoryCost: number; timeCost: number }) {
  cost = c;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  // An account without a usable password (a member's before its first reset code) spends the
  // same time as one with a password, so the answer's timing tells nothing about it.
  if (!hash.startsWith('$argon2')) {
    await verifyAgainstDummy(password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-0');
  await verifyPassword(await dummyHash, password);
}

/** A one-time password for a new or reset account: 12 characters, letters and digits, no look-alikes. */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)]!, digits[randomInt(digits.length)]!];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
