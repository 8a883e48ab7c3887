// Who is asking, and may they? Every loader and action calls one of the guards below
// itself (deny by default); tests/security/authorization.test.ts calls every one as every identity.
import { data, redirect } from '@remix-run/node'
import type { Db } from './db-client.server.ts'
import { prisma } from './db.server.ts'
import { recordPasswordCheckSuccess, reservePasswordCheck, throttleMessage } from './login-throttle.server.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import { ACCESS, mayEnter, SIGNED_IN, type AccessArea, type Allowed } from './access.ts'
import { hasAnyRole, ROLE_LABELS, type Role } from './roles.ts'
// zod's default messages in Chinese for every action that parses input (each passes a guard here first).
import './zod-locale.ts'
import {
	clearSessionCookie,
	commitSessionCookie,
	createSession,
	invalidateAllSessions,
	invalidateSession,
	readSessionToken,
	validateSessionToken,
	type SessionUser,
} from './session.server.ts'

export type { SessionUser } from './session.server.ts'
export type { Role } from './roles.ts'

export const CHANGE_PASSWORD_PATH = '/settings/password'

// Runs argon2 even for unknown accounts so response time does not reveal which exist.
const DUMMY_HASH_PROMISE = hashPassword('not-a-real-password-0')

export type AuthenticateResult =
	| { ok: true; userId: string; mustChangePassword: boolean }
	| { ok: false; message: string; throttled: false }
	| { ok: false; message: string; throttled: true; retryAfterMs: number }

export async function authenticate(
	db: Db,
	{ username, password, ipAddress }: { username: string; password: string; ipAddress: string },
	now = new Date(),
): Promise<AuthenticateResult> {
	// The try is recorded (as a failure) before the password is checked: ADR 007.
	const reservation = await reservePasswordCheck(db, { username, ipAddress }, now)
	if (!reservation.allowed) return { ok: false, throttled: true, retryAfterMs: reservation.retryAfterMs, message: throttleMessage(reservation) }

	const user = await db.user.findUnique({
		where: { username },
		select: { id: true, active: true, mustChangePassword: true, password: { select: { hash: true } } },
	})
	const passwordOk = await verifyPassword(user?.password?.hash ?? (await DUMMY_HASH_PROMISE), password)
	const success = Boolean(user && user.active && user.password && passwordOk)
	if (!success || !user) return { ok: false, throttled: false, message: '工号或密码不正确，或账号已停用。' }
	await recordPasswordCheckSuccess(db, reservation.attemptId)
	return { ok: true, userId: user.id, mustChangePassword: user.mustChangePassword }
}

type SessionContext = { sessionId: string; user: SessionUser; refreshedCookie: string | null }

const sessionCache = new WeakMap<Request, Promise<SessionContext | null>>()

/** Parallel loaders of one request share a single session lookup. */
function loadSession(request: Request) {
	let pending = sessionCache.get(request)
	if (!pending) {
		pending = (async () => {
			const token = await readSessionToken(request)
			if (!token) return null
			const result = await validateSessionToken(prisma, token)
			if (!result) return null
			return { sessionId: result.sessionId, user: result.user, refreshedCookie: null }
		})()
		sessionCache.set(request, pending)
	}
	return pending
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
	return (await loadSession(request))?.user ?? null
}

export async function getSessionId(request: Request) {
	return (await loadSession(request))?.sessionId ?? null
}

function loginRedirect(request: Request) {
	const url = new URL(request.url)
	const redirectTo = `${url.pathname}${url.search}`
	const search = redirectTo === '/' ? '' : `?${new URLSearchParams({ redirectTo })}`
	return redirect(`/login${search}`)
}

/** Signed in, active, and not holding a temporary password (unless on the change page). */
export async function requireUser(request: Request, { allowPasswordChange = false } = {}): Promise<SessionUser> {
	const user = await getOptionalUser(request)
	if (!user) throw loginRedirect(request)
	if (user.mustChangePassword && !allowPasswordChange) throw redirect(CHANGE_PASSWORD_PATH)
	return user
}

export async function requireRole(request: Request, required: Role | readonly Role[]): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!hasAnyRole(user.roles, required)) {
		const wanted = (typeof required === 'string' ? [required] : required).map((r) => ROLE_LABELS[r]).join('或')
		throw data({ message: `需要${wanted}身份才能访问此页面。` }, { status: 403 })
	}
	return user
}

/**
 * The route guard: the area's roles come from the access table (app/utils/access.ts). An area
 * missing from the table is refused to everyone (deny by default).
 */
export async function requireAccess(request: Request, area: AccessArea, { allowPasswordChange = false } = {}): Promise<SessionUser> {
	const allowed = (Object.hasOwn(ACCESS, area) ? ACCESS[area] : undefined) as Allowed | undefined
	if (allowed === SIGNED_IN) return requireUser(request, { allowPasswordChange })
	if (allowed === undefined) {
		await requireUser(request, { allowPasswordChange })
		throw data({ message: '此页面不对任何身份开放。' }, { status: 403 })
	}
	return requireRole(request, allowed)
}

/**
 * Whether requireAccess(request, area) lets this signed-in user through, without throwing: a
 * temporary password holds them at the change page, and the area's roles must include one of
 * theirs. The lean answer-save endpoint (ADR 073) answers only whom this admits and leaves
 * every refusal (with its redirect or 403) to the route itself.
 */
export function passesAccess(user: SessionUser, area: AccessArea, { allowPasswordChange = false } = {}) {
	return (allowPasswordChange || !user.mustChangePassword) && mayEnter(user.roles, area)
}

export async function requireAnonymous(request: Request) {
	const user = await getOptionalUser(request)
	if (user) throw redirect('/')
}

/**
 * Marks a loader or action that anyone may call, on purpose; the route-guard test
 * accepts it in place of a guard.
 */
export function allowPublic(_reason: string) {}

export async function startSession(request: Request, userId: string, clientIp: string) {
	const { token } = await createSession(prisma, userId, { userAgent: request.headers.get('User-Agent'), ipAddress: clientIp })
	return commitSessionCookie(token)
}

export async function logout(request: Request, { everywhere = false } = {}) {
	const context = await loadSession(request)
	if (context) {
		if (everywhere) await invalidateAllSessions(prisma, context.user.id)
		else await invalidateSession(prisma, context.sessionId)
	}
	throw redirect('/login', { headers: { 'Set-Cookie': await clearSessionCookie() } })
}

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; field: 'currentPassword' | 'newPassword'; message: string; retryAfterMs?: number }

/**
 * The current password is a password check like sign-in and shares its throttle (ADR 007):
 * a borrowed session must not become a way to guess the password behind it.
 */
export async function changePassword(
	db: Db,
	{
		userId,
		currentPassword,
		newPassword,
		keepSessionId,
		ipAddress,
	}: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string | null; ipAddress: string },
	now = new Date(),
): Promise<ChangePasswordResult> {
	const account = await db.user.findUnique({ where: { id: userId }, select: { username: true, password: { select: { hash: true } } } })
	if (!account) return { ok: false, field: 'currentPassword', message: '当前密码不正确' }
	const reservation = await reservePasswordCheck(db, { username: account.username, ipAddress }, now)
	if (!reservation.allowed) {
		return { ok: false, field: 'currentPassword', message: throttleMessage(reservation), retryAfterMs: reservation.retryAfterMs }
	}
	if (!account.password || !(await verifyPassword(account.password.hash, currentPassword))) {
		return { ok: false, field: 'currentPassword', message: '当前密码不正确' }
	}
	await recordPasswordCheckSuccess(db, reservation.attemptId)
	if (currentPassword === newPassword) return { ok: false, field: 'newPassword', message: '新密码不能与当前密码相同' }
	const hash = await hashPassword(newPassword)
	await db.$transaction(async (tx) => {
		await tx.password.update({ where: { userId }, data: { hash } })
		await tx.user.update({ where: { id: userId }, data: { mustChangePassword: false } })
		// A changed password signs out every other device.
		await invalidateAllSessions(tx, userId, keepSessionId ?? undefined)
	})
	return { ok: true }
}
