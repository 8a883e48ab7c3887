import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). @node-rs/argon2 defaults to argon2id.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

export function hashPassword(password: string) {
	return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string) {
	try {
		return await verify(passwordHash, password)
	} catch {
		return false
	}
}

// The rule lives in an isomorphic module so forms check it in the browser too (ADR 070).
export { NewPasswordSchema } from './password-rules.ts'

const TEMPORARY_PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A one-time password an admin hands over; the first sign-in must replace it. */
export function generateTemporaryPassword(length = 12) {
	const bytes = crypto.getRandomValues(new Uint8Array(length))
	const chars = Array.from(bytes, (b) => TEMPORARY_PASSWORD_ALPHABET[b % TEMPORARY_PASSWORD_ALPHABET.length])
	// Guarantee the letters-and-digits rule so a temporary password is itself valid.
	chars[0] = 'Hs'[bytes[0]! % 2]!
	chars[length - 1] = String(2 + (bytes[1]! % 8))
	return chars.join('')
}
