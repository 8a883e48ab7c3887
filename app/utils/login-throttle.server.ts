// Sign-in throttling counted in the database, so it holds across restarts and app servers.
import type { DbOrTx } from './db-client.ts'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 20

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'account' | 'ip' }

/** When the oldest counted failure leaves the window, one more try is allowed. */
function retryAfter(failures: { createdAt: Date }[], limit: number, now: Date) {
	const oldestCounted = failures[failures.length - limit]!
	return Math.max(1000, oldestCounted.createdAt.getTime() + THROTTLE_WINDOW_MS - now.getTime())
}

export async function checkLoginThrottle(db: DbOrTx, { username, ipAddress }: { username: string; ipAddress: string }, now = new Date()): Promise<ThrottleVerdict> {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS)
	// A success for the account resets its count; failures from the IP count regardless.
	const lastSuccess = await db.loginAttempt.findFirst({
		where: { username, success: true, createdAt: { gte: since } },
		orderBy: { createdAt: 'desc' },
		select: { createdAt: true },
	})
	const accountFailures = await db.loginAttempt.findMany({
		where: { username, success: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
		orderBy: { createdAt: 'asc' },
		select: { createdAt: true },
	})
	if (accountFailures.length >= MAX_FAILURES_PER_ACCOUNT) {
		return { allowed: false, reason: 'account', retryAfterMs: retryAfter(accountFailures, MAX_FAILURES_PER_ACCOUNT, now) }
	}
	const ipFailures = await db.loginAttempt.findMany({
		where: { ipAddress, success: false, createdAt: { gte: since } },
		orderBy: { createdAt: 'asc' },
		select: { createdAt: true },
	})
	if (ipFailures.length >= MAX_FAILURES_PER_IP) {
		return { allowed: false, reason: 'ip', retryAfterMs: retryAfter(ipFailures, MAX_FAILURES_PER_IP, now) }
	}
	return { allowed: true }
}

export async function recordLoginAttempt(db: DbOrTx, attempt: { username: string; ipAddress: string; success: boolean }, now = new Date()) {
	await db.loginAttempt.create({ data: { ...attempt, createdAt: now } })
}

export function throttleMessage(verdict: Extract<ThrottleVerdict, { allowed: false }>) {
	const minutes = Math.ceil(verdict.retryAfterMs / 60_000)
	return verdict.reason === 'account'
		? `该账号连续登录失败次数过多，请 ${minutes} 分钟后再试。`
		: `此网络地址登录失败次数过多，请 ${minutes} 分钟后再试。`
}
