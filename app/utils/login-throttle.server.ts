// Password-guess throttling, kept in the database so it holds across restarts and app
// servers (ADR 007). Every password check — sign-in and the current password of 修改密码 —
// first reserves a LoginAttempt row, in one transaction that also decides whether the try
// may happen at all. The row is written as a failure and turned into a success only after
// the password matched, so checks still running count against the caller: parallel guesses
// cannot slip past the limit between "count" and "record".
//
// There are no lock-outs, only delays that grow with consecutive failures:
//   - per account and address: 5 free failures, then 1 s, 2 s, 4 s … up to 15 minutes;
//   - per account, from anywhere: 10 free failures, then 1 s, 2 s … up to 1 minute;
//   - per address, any account (password spraying): 30 free failures in 15 minutes, then up to 10 s.
// Failures from other addresses therefore never hold a person back more than a minute at a time.
import { withBusyRetry } from '#app/utils/busy-retry.ts'
import type { Db, DbOrTx, DbTx } from './db-client.server.ts'
import { providerOfDb } from './db-client.server.ts'

export const BASE_DELAY_MS = 1000

export type ThrottleRule = 'pair' | 'account' | 'address'

export const THROTTLE_RULES = {
	/** One account from one address: the attacker's own guesses. */
	pair: { freeFailures: 5, maxDelayMs: 15 * 60_000 },
	/** One account from any address: guesses spread over many addresses. */
	account: { freeFailures: 10, maxDelayMs: 60_000 },
	/** One address over all accounts, in a sliding window: one password tried on many accounts. */
	address: { freeFailures: 30, maxDelayMs: 10_000 },
} as const satisfies Record<ThrottleRule, { freeFailures: number; maxDelayMs: number }>

/** The address rule counts failures this recent; offices behind one proxy share an address. */
export const ADDRESS_WINDOW_MS = 15 * 60_000
/** Failures older than this no longer count for anything and are deleted. */
export const ATTEMPT_HISTORY_MS = 24 * 60 * 60_000
/** How often one process deletes expired rows of every account. */
const PRUNE_INTERVAL_MS = 10 * 60_000

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: ThrottleRule }
export type Reservation = { allowed: true; attemptId: number } | Extract<ThrottleVerdict, { allowed: false }>

/** The wait after `failures` consecutive failures under one rule: 0, then doubling, capped. */
export function delayAfter(rule: ThrottleRule, failures: number) {
	const { freeFailures, maxDelayMs } = THROTTLE_RULES[rule]
	if (failures < freeFailures) return 0
	return Math.min(maxDelayMs, BASE_DELAY_MS * 2 ** Math.min(30, failures - freeFailures))
}

type Attempt = { ipAddress: string; success: boolean; createdAt: Date }

/** Failures after the last success among `attempts` (oldest first): their count and the latest one. */
function failuresSinceSuccess(attempts: Attempt[]) {
	let count = 0
	let latest: Date | null = null
	for (const attempt of attempts) {
		if (attempt.success) {
			count = 0
			latest = null
		} else {
			count++
			latest = attempt.createdAt
		}
	}
	return { count, latest }
}

/**
 * The decision, as a pure function of the history: `accountAttempts` are the account's
 * attempts of the last ATTEMPT_HISTORY_MS from every address, oldest first; `addressFailures`
 * counts the address's failures in the last ADDRESS_WINDOW_MS over all accounts.
 */
export function throttleVerdict(
	{
		ipAddress,
		accountAttempts,
		addressFailures,
	}: { ipAddress: string; accountAttempts: Attempt[]; addressFailures: { count: number; latest: Date | null } },
	now: Date,
): ThrottleVerdict {
	const counts: Record<ThrottleRule, { count: number; latest: Date | null }> = {
		pair: failuresSinceSuccess(accountAttempts.filter((attempt) => attempt.ipAddress === ipAddress)),
		account: failuresSinceSuccess(accountAttempts),
		address: addressFailures,
	}
	let verdict: ThrottleVerdict = { allowed: true }
	for (const rule of ['pair', 'account', 'address'] as const) {
		const { count, latest } = counts[rule]
		if (!latest) continue
		const waitMs = latest.getTime() + delayAfter(rule, count) - now.getTime()
		if (waitMs > 0 && (verdict.allowed || waitMs > verdict.retryAfterMs)) verdict = { allowed: false, retryAfterMs: waitMs, reason: rule }
	}
	return verdict
}

/**
 * Serialises reservations for one account and one address. PostgreSQL: transaction-scoped
 * advisory locks, always account first, so two reservations cannot deadlock. SQLite: the
 * DELETE that prunes the account's old rows takes the database's write lock before this
 * transaction reads anything; within one process the driver adapter runs transactions one
 * at a time. The process's other queries share its one connection and may slip a read in
 * after BEGIN; if another process then holds the write lock, SQLite refuses the upgrade
 * (SQLITE_BUSY) rather than risk a deadlock, and the reservation is simply run again.
 */
async function lockAndPrune(tx: DbTx, provider: 'sqlite' | 'postgresql', { username, ipAddress }: { username: string; ipAddress: string }, now: Date) {
	if (provider === 'postgresql') {
		await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hongshen-login-account:${username}`}))`
		await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hongshen-login-address:${ipAddress}`}))`
	}
	const expired = new Date(now.getTime() - ATTEMPT_HISTORY_MS)
	await tx.$executeRaw`DELETE FROM "LoginAttempt" WHERE "username" = ${username} AND "createdAt" < ${expired}`
}

/** Deletes every attempt too old to count. Runs on its own from reservations now and then. */
export async function pruneLoginAttempts(db: Db, now = new Date()) {
	const result = await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - ATTEMPT_HISTORY_MS) } } })
	return result.count
}

/**
 * What the history says now, without reserving anything. Inside a reservation it runs under
 * the lock; on its own it is a snapshot (for showing a wait, and for tests).
 */
export async function readThrottle(db: DbOrTx, { username, ipAddress }: { username: string; ipAddress: string }, now = new Date()) {
	const accountAttempts = await db.loginAttempt.findMany({
		where: { username, createdAt: { gte: new Date(now.getTime() - ATTEMPT_HISTORY_MS) } },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { ipAddress: true, success: true, createdAt: true },
	})
	const address = await db.loginAttempt.aggregate({
		where: { ipAddress, success: false, createdAt: { gte: new Date(now.getTime() - ADDRESS_WINDOW_MS) } },
		_count: { _all: true },
		_max: { createdAt: true },
	})
	return throttleVerdict({ ipAddress, accountAttempts, addressFailures: { count: address._count._all, latest: address._max.createdAt } }, now)
}

const lastPruned = new WeakMap<Db, number>()

async function pruneNowAndThen(db: Db, now: Date) {
	const last = lastPruned.get(db)
	if (last !== undefined && now.getTime() >= last && now.getTime() - last < PRUNE_INTERVAL_MS) return
	lastPruned.set(db, now.getTime())
	try {
		await pruneLoginAttempts(db, now)
	} catch (error) {
		// Housekeeping: a failed prune must not fail the sign-in; the next interval tries again.
		console.error('pruning LoginAttempt failed', error)
	}
}

/**
 * Decides whether a password may be checked for `username` from `ipAddress` and, if so,
 * records the try as a failure before the check happens (see the top of this file).
 */
export async function reservePasswordCheck(db: Db, { username, ipAddress }: { username: string; ipAddress: string }, now = new Date()): Promise<Reservation> {
	await pruneNowAndThen(db, now)
	const provider = providerOfDb(db)
	// Rolled back when busy, so a retry decides afresh; 60 guesses from two processes at once
	// have needed a few rounds.
	return withBusyRetry(() => reserveOnce(db, provider, { username, ipAddress }, now), RESERVATION_BUSY_BACKOFF_MS)
}

const RESERVATION_BUSY_BACKOFF_MS = [10, 25, 50, 100, 200, 400, 800, 1600]

function reserveOnce(db: Db, provider: 'sqlite' | 'postgresql', { username, ipAddress }: { username: string; ipAddress: string }, now: Date): Promise<Reservation> {
	return db.$transaction(
		async (tx) => {
			await lockAndPrune(tx, provider, { username, ipAddress }, now)
			const verdict = await readThrottle(tx, { username, ipAddress }, now)
			if (!verdict.allowed) return verdict
			const reserved = await tx.loginAttempt.create({ data: { username, ipAddress, success: false, createdAt: now }, select: { id: true } })
			return { allowed: true as const, attemptId: reserved.id }
		},
		// Many guesses at once queue here for a few milliseconds each; give a busy server room.
		{ maxWait: 20_000, timeout: 20_000 },
	)
}

/** The reserved try turned out right: the account's failures before it stop counting (ADR 007). */
export async function recordPasswordCheckSuccess(db: Db, attemptId: number) {
	await db.loginAttempt.update({ where: { id: attemptId }, data: { success: true } })
}

export function formatWait(ms: number) {
	return ms <= 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} 秒` : `${Math.ceil(ms / 60_000)} 分钟`
}

export function throttleMessage(verdict: Extract<ThrottleVerdict, { allowed: false }>) {
	const wait = formatWait(verdict.retryAfterMs)
	switch (verdict.reason) {
		case 'pair':
			return `密码错误次数过多，请 ${wait}后再试。`
		case 'account':
			return `该账号近期密码错误次数过多，请 ${wait}后再试。`
		case 'address':
			return `此网络地址近期登录失败次数过多，请 ${wait}后再试。`
	}
}
