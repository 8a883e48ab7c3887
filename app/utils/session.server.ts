// Sessions after Lucia's successor guide: the cookie carries a random token; the database
// keeps only its SHA-256, so a leaked table cannot be replayed. Expiry slides: a session
// used in its second half is extended to a full period again.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { createCookie } from '@remix-run/node'
import { isDatabaseBusy } from './busy-retry.ts'
import type { DbOrTx } from './db-client.server.ts'
import { serverEnv } from './env.server.ts'
import type { Role } from './roles.ts'

export const SESSION_DURATION_MS = 30 * 24 * 60 * 60 * 1000
const RENEW_WHEN_LEFT_MS = SESSION_DURATION_MS / 2

export const sessionCookie = createCookie('hs_session', {
	httpOnly: true,
	sameSite: 'lax',
	secure: serverEnv.secureCookies,
	path: '/',
	secrets: serverEnv.sessionSecrets,
	maxAge: SESSION_DURATION_MS / 1000,
})

export function generateSessionToken() {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
}

export function sessionIdFromToken(token: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createSession(
	db: DbOrTx,
	userId: string,
	meta: { userAgent?: string | null; ipAddress?: string | null } = {},
	now = new Date(),
) {
	const token = generateSessionToken()
	const session = await db.session.create({
		data: {
			id: sessionIdFromToken(token),
			userId,
			expiresAt: new Date(now.getTime() + SESSION_DURATION_MS),
			userAgent: meta.userAgent?.slice(0, 300) ?? null,
			ipAddress: meta.ipAddress ?? null,
		},
	})
	return { token, session }
}

export type SessionUser = {
	id: string
	username: string
	name: string
	unitId: string
	unitName: string
	roles: Role[]
	mustChangePassword: boolean
}

type SessionRow = {
	expiresAt: Date | string
	userId: string
	username: string
	name: string
	active: boolean | number
	mustChangePassword: boolean | number
	unitId: string
	unitName: string
	role: string | null
}

// Every request asks this, so it is one statement (a row per role) rather than the four a
// nested Prisma select issues; the SQL is the same on SQLite and PostgreSQL.
function readSession(db: DbOrTx, sessionId: string) {
	return db.$queryRaw<SessionRow[]>`
		SELECT s."expiresAt" AS "expiresAt", u."id" AS "userId", u."username" AS "username", u."name" AS "name",
			u."active" AS "active", u."mustChangePassword" AS "mustChangePassword", n."id" AS "unitId", n."name" AS "unitName", r."role" AS "role"
		FROM "Session" s
		JOIN "User" u ON u."id" = s."userId"
		JOIN "Unit" n ON n."id" = u."unitId"
		LEFT JOIN "UserRole" r ON r."userId" = u."id"
		WHERE s."id" = ${sessionId}`
}

export async function validateSessionToken(db: DbOrTx, token: string, now = new Date()) {
	const sessionId = sessionIdFromToken(token)
	const rows = await readSession(db, sessionId)
	const first = rows[0]
	if (!first) return null
	let expiresAt = new Date(first.expiresAt)
	if (expiresAt.getTime() <= now.getTime() || !first.active) {
		await unlessDatabaseBusy(db.session.deleteMany({ where: { id: sessionId } }))
		return null
	}
	if (expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
		const renewed = new Date(now.getTime() + SESSION_DURATION_MS)
		if (await unlessDatabaseBusy(db.session.update({ where: { id: sessionId }, data: { expiresAt: renewed } }))) expiresAt = renewed
	}
	const sessionUser: SessionUser = {
		id: first.userId,
		username: first.username,
		name: first.name,
		unitId: first.unitId,
		unitName: first.unitName,
		roles: rows.flatMap((row) => (row.role ? [row.role as Role] : [])).sort(),
		mustChangePassword: Boolean(first.mustChangePassword),
	}
	return { sessionId, expiresAt, user: sessionUser }
}

/**
 * The session check's own writes (renewal, removing an expired row) can wait: when another
 * process holds SQLite's write lock past busy_timeout, the request goes on (the session is
 * still valid, or still refused) and the next request writes again, rather than the learner
 * getting a 500 for housekeeping. Resolves whether the write happened.
 */
async function unlessDatabaseBusy(write: Promise<unknown>) {
	try {
		await write
		return true
	} catch (error) {
		if (isDatabaseBusy(error)) return false
		throw error
	}
}

export async function invalidateSession(db: DbOrTx, sessionId: string) {
	await db.session.deleteMany({ where: { id: sessionId } })
}

export async function invalidateAllSessions(db: DbOrTx, userId: string, exceptSessionId?: string) {
	await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } })
}

export async function readSessionToken(request: Request): Promise<string | null> {
	return readSessionTokenFromCookieHeader(request.headers.get('Cookie'))
}

export async function readSessionTokenFromCookieHeader(cookieHeader: string | null | undefined): Promise<string | null> {
	const value = await sessionCookie.parse(cookieHeader ?? null)
	return typeof value === 'string' && value.length > 0 ? value : null
}

export function commitSessionCookie(token: string) {
	return sessionCookie.serialize(token)
}

export function clearSessionCookie() {
	return sessionCookie.serialize('', { maxAge: 0 })
}
