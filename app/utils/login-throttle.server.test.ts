// The throttle of ADR 007, on both databases: parallel guesses cannot exceed it, delays grow,
// one attacker cannot keep the real person out for long, old rows go, and 修改密码's
// current-password check is throttled the same way.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { describe, expect, test } from 'vitest'
import { CLI_TEST_TIMEOUT } from '#tests/cli.ts'
import { describeEachProvider, getTestDbWithUrl } from '#tests/db-utils.ts'
import { authenticate, changePassword } from './auth.server.ts'
import { createDb, type Db } from './db-client.server.ts'
import {
	ATTEMPT_HISTORY_MS,
	delayAfter,
	formatWait,
	pruneLoginAttempts,
	readThrottle,
	THROTTLE_RULES,
	throttleMessage,
} from './login-throttle.server.ts'
import { hashPassword } from './password.server.ts'

const PASSWORD = 'Secret123'
const PAIR_FREE = THROTTLE_RULES.pair.freeFailures
const ACCOUNT_FREE = THROTTLE_RULES.account.freeFailures
const ACCOUNT_MAX_DELAY = THROTTLE_RULES.account.maxDelayMs
const PAIR_MAX_DELAY = THROTTLE_RULES.pair.maxDelayMs

let counter = 0
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${++counter}`
/** Tests share one database per file: each uses its own addresses and accounts. */
const address = () => `10.${counter % 250}.${++counter % 250}.${Math.floor(Math.random() * 250)}`

async function createUser(db: Db) {
	const unit = await db.unit.create({ data: { name: unique('节流单位'), kind: 'department' } })
	return db.user.create({
		data: {
			username: unique('t'),
			name: '节流测试',
			unitId: unit.id,
			mustChangePassword: false,
			password: { create: { hash: await hashPassword(PASSWORD) } },
			roles: { create: [{ role: 'learner' }] },
		},
	})
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms)

describe('delays', () => {
	test('grow by doubling after the free failures, up to each rule’s cap', () => {
		const pair = Array.from({ length: 18 }, (_, failures) => delayAfter('pair', failures))
		expect(pair.slice(0, PAIR_FREE)).toEqual(Array(PAIR_FREE).fill(0))
		expect(pair.slice(PAIR_FREE, PAIR_FREE + 4)).toEqual([1000, 2000, 4000, 8000])
		for (let i = 1; i < pair.length; i++) expect(pair[i]!).toBeGreaterThanOrEqual(pair[i - 1]!)
		expect(pair.at(-1)).toBe(PAIR_MAX_DELAY)
		expect(delayAfter('account', ACCOUNT_FREE - 1)).toBe(0)
		expect(delayAfter('account', 1000)).toBe(ACCOUNT_MAX_DELAY)
		expect(delayAfter('address', 1000)).toBe(THROTTLE_RULES.address.maxDelayMs)
	})

	test('the message says how long to wait, in seconds or minutes', () => {
		expect(formatWait(400)).toBe('1 秒')
		expect(formatWait(59_100)).toBe('60 秒')
		expect(formatWait(14 * 60_000 + 1)).toBe('15 分钟')
		expect(throttleMessage({ allowed: false, reason: 'pair', retryAfterMs: 8000 })).toBe('密码错误次数过多，请 8 秒后再试。')
		expect(throttleMessage({ allowed: false, reason: 'account', retryAfterMs: 60_000 })).toBe('该账号近期密码错误次数过多，请 60 秒后再试。')
		expect(throttleMessage({ allowed: false, reason: 'address', retryAfterMs: 3000 })).toBe('此网络地址近期登录失败次数过多，请 3 秒后再试。')
	})
})

describeEachProvider('sign-in throttle', (getDb, provider) => {
	test(`60 parallel guesses from one address, the last correct: at most ${PAIR_FREE} password checks, no session past the limit`, async () => {
		const db = await getDb()
		const user = await createUser(db)
		const ip = address()
		// On PostgreSQL half the guesses go through a second client: a second app server.
		const { url } = await getTestDbWithUrl(provider)
		const second = provider === 'postgresql' ? createDb(url) : db
		try {
			const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? PASSWORD : `wrong${i}`))
			const results = await Promise.all(
				guesses.map((password, i) => authenticate(i % 2 ? second : db, { username: user.username, password, ipAddress: ip })),
			)
			const checked = results.filter((result) => result.ok || !result.throttled)
			expect(checked.length).toBeLessThanOrEqual(PAIR_FREE)
			expect(checked.length).toBeGreaterThan(0)
			// Every password check left exactly one row; nothing else did.
			expect(await db.loginAttempt.count({ where: { username: user.username } })).toBe(checked.length)
			const sessionsGranted = results.filter((result) => result.ok).length
			// The correct guess was sent last: it gets in only if it was among the allowed checks.
			expect(sessionsGranted).toBe(results[59]!.ok ? 1 : 0)
			const throttled = results.filter((result) => !result.ok && result.throttled)
			expect(throttled.length).toBe(60 - checked.length)
			for (const result of throttled) expect(result.ok === false && result.message).toMatch(/请 \d+ 秒后再试/)
		} finally {
			if (second !== db) await second.$disconnect()
		}
	})

	test(`60 parallel guesses from 60 addresses: at most ${ACCOUNT_FREE} password checks for the account`, async () => {
		const db = await getDb()
		const user = await createUser(db)
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) => authenticate(db, { username: user.username, password: i === 59 ? PASSWORD : `wrong${i}`, ipAddress: address() })),
		)
		const checked = results.filter((result) => result.ok || !result.throttled)
		expect(checked.length).toBeLessThanOrEqual(ACCOUNT_FREE)
		expect(await db.loginAttempt.count({ where: { username: user.username } })).toBe(checked.length)
	})

	test('the wait grows with each failure, and the message names it', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const ip = address()
		let now = new Date('2026-02-02T08:00:00Z')
		const waits: number[] = []
		for (let failures = 1; failures <= 16; failures++) {
			const result = await authenticate(db, { username: user.username, password: 'wrong', ipAddress: ip }, now)
			expect(result).toMatchObject({ ok: false, throttled: false })
			const verdict = await readThrottle(db, { username: user.username, ipAddress: ip }, now)
			const wait = verdict.allowed ? 0 : verdict.retryAfterMs
			waits.push(wait)
			if (wait > 0) {
				// Even the right password waits; the refusal says for how long.
				const early = await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: ip }, now)
				expect(early).toMatchObject({ ok: false, throttled: true })
				if (!early.ok) expect(early.message).toContain(`请 ${formatWait(wait)}后再试`)
			}
			now = at(now, Math.max(wait, 1000))
		}
		expect(waits).toEqual(Array.from({ length: 16 }, (_, i) => delayAfter('pair', i + 1)))
		expect(waits.slice(PAIR_FREE - 1, PAIR_FREE + 3)).toEqual([1000, 2000, 4000, 8000])
		expect(waits.at(-1)).toBe(PAIR_MAX_DELAY)
		// After the wait, the right password works and clears the count.
		expect((await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: ip }, now)).ok).toBe(true)
		expect(await readThrottle(db, { username: user.username, ipAddress: ip }, now)).toEqual({ allowed: true })
	})

	test('a few typos and a success: the next typos are free again', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const ip = address()
		const start = new Date('2026-02-03T08:00:00Z')
		let t = 0
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < PAIR_FREE - 1; i++) {
				expect(await authenticate(db, { username: user.username, password: 'typo', ipAddress: ip }, at(start, t++))).toMatchObject({ throttled: false })
			}
			expect((await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: ip }, at(start, t++))).ok).toBe(true)
		}
	})

	test('one attacker address cannot keep the real person out: at most 1 minute at a time, at most 1 minute in 15 once ramped up', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const attacker = address()
		const realPerson = address()
		const start = new Date('2026-02-04T08:00:00Z')
		const STEP_MS = 20_000
		const HOURS = 3
		let attackerChecks = 0
		let blockedAfterFirstHourMs = 0
		let longestWait = 0
		for (let t = 0; t < HOURS * 3600_000; t += STEP_MS) {
			const now = at(start, t)
			// The attacker tries a wrong password every 20 seconds, whatever the answer.
			const guess = await authenticate(db, { username: user.username, password: 'guess', ipAddress: attacker }, now)
			if (!guess.ok && !guess.throttled) attackerChecks++
			const seen = await readThrottle(db, { username: user.username, ipAddress: realPerson }, now)
			if (!seen.allowed) {
				longestWait = Math.max(longestWait, seen.retryAfterMs)
				if (t >= 3600_000) blockedAfterFirstHourMs += STEP_MS
			}
			// Every 20 minutes the real person signs in; told to wait, they wait and get in.
			if (t % (20 * 60_000) === 10 * 60_000) {
				const first = await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: realPerson }, now)
				if (!first.ok) {
					expect(first.throttled).toBe(true)
					if (!first.throttled) continue
					expect(first.retryAfterMs).toBeLessThanOrEqual(ACCOUNT_MAX_DELAY)
					expect((await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: realPerson }, at(now, first.retryAfterMs))).ok).toBe(true)
				}
			}
		}
		expect(longestWait).toBeLessThanOrEqual(ACCOUNT_MAX_DELAY)
		// One address: its free failures plus the ramp (15 checks), then one per 15 minutes.
		expect(attackerChecks).toBeLessThanOrEqual(15 + (HOURS * 3600_000) / PAIR_MAX_DELAY)
		// Once ramped up, each of its failures holds the account back at most a minute (plus one sampling step).
		const failuresInLastHours = ((HOURS - 1) * 3600_000) / PAIR_MAX_DELAY + 1
		expect(blockedAfterFirstHourMs).toBeLessThanOrEqual(failuresInLastHours * (ACCOUNT_MAX_DELAY + STEP_MS))
	}, 120_000)

	test('a shared proxy address slows down under many failures but never locks anyone out for long', async () => {
		const db = await getDb()
		const proxy = address()
		const now = new Date('2026-02-05T08:00:00Z')
		for (let i = 0; i < THROTTLE_RULES.address.freeFailures + 10; i++) {
			await authenticate(db, { username: unique('nobody'), password: 'x', ipAddress: proxy }, at(now, i))
		}
		const colleague = await createUser(db)
		const verdict = await readThrottle(db, { username: colleague.username, ipAddress: proxy }, at(now, 100))
		expect(verdict).toMatchObject({ allowed: false, reason: 'address' })
		expect(!verdict.allowed && verdict.retryAfterMs).toBeLessThanOrEqual(THROTTLE_RULES.address.maxDelayMs)
		expect((await authenticate(db, { username: colleague.username, password: PASSWORD, ipAddress: proxy }, at(now, THROTTLE_RULES.address.maxDelayMs + 100))).ok).toBe(true)
	})

	test('rows older than a day stop counting and are deleted', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const other = unique('gone')
		const ip = address()
		const now = new Date('2026-09-09T08:00:00Z')
		const old = at(now, -ATTEMPT_HISTORY_MS - 60_000)
		const recent = at(now, -60_000)
		await db.loginAttempt.createMany({
			data: [
				...Array.from({ length: 20 }, () => ({ username: user.username, ipAddress: ip, success: false, createdAt: old })),
				...Array.from({ length: 3 }, () => ({ username: other, ipAddress: ip, success: false, createdAt: old })),
				{ username: other, ipAddress: ip, success: false, createdAt: recent },
			],
		})
		// 20 failures a day ago no longer count.
		expect((await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: ip }, now)).ok).toBe(true)
		// The sign-in deleted the account's expired rows (and, at most every 10 minutes, everyone's).
		expect(await db.loginAttempt.count({ where: { username: user.username, createdAt: { lt: at(now, -ATTEMPT_HISTORY_MS) } } })).toBe(0)
		await pruneLoginAttempts(db, now)
		expect(await db.loginAttempt.count({ where: { createdAt: { lt: at(now, -ATTEMPT_HISTORY_MS) } } })).toBe(0)
		expect(await db.loginAttempt.count({ where: { username: other } })).toBe(1)
	})
})

describeEachProvider('修改密码 is throttled like sign-in', (getDb) => {
	test(`60 parallel current-password guesses, the last correct: at most ${PAIR_FREE} checks, the rest told how long to wait`, async () => {
		const db = await getDb()
		const user = await createUser(db)
		const ip = address()
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				changePassword(db, { userId: user.id, currentPassword: i === 59 ? PASSWORD : `wrong${i}`, newPassword: 'Changed2026', keepSessionId: null, ipAddress: ip }),
			),
		)
		const throttled = results.filter((result) => !result.ok && result.retryAfterMs !== undefined)
		expect(60 - throttled.length).toBeLessThanOrEqual(PAIR_FREE)
		expect(await db.loginAttempt.count({ where: { username: user.username } })).toBe(60 - throttled.length)
		for (const result of throttled) expect(result).toMatchObject({ ok: false, field: 'currentPassword', message: expect.stringMatching(/请 \d+ 秒后再试/) })
	})

	test('wrong current passwords delay sign-in from that address too (one counter per secret)', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const ip = address()
		const now = new Date('2026-02-06T08:00:00Z')
		for (let i = 0; i < PAIR_FREE; i++) {
			const result = await changePassword(db, { userId: user.id, currentPassword: `wrong${i}`, newPassword: 'Changed2026', keepSessionId: null, ipAddress: ip }, at(now, i))
			expect(result).toEqual({ ok: false, field: 'currentPassword', message: '当前密码不正确' })
		}
		expect(await authenticate(db, { username: user.username, password: PASSWORD, ipAddress: ip }, at(now, 10))).toMatchObject({ ok: false, throttled: true })
		const again = await changePassword(db, { userId: user.id, currentPassword: PASSWORD, newPassword: 'Changed2026', keepSessionId: null, ipAddress: ip }, at(now, 10))
		expect(again).toMatchObject({ ok: false, field: 'currentPassword', retryAfterMs: expect.any(Number) })
		const later = await changePassword(db, { userId: user.id, currentPassword: PASSWORD, newPassword: 'Changed2026', keepSessionId: null, ipAddress: ip }, at(now, 60_000))
		expect(later).toEqual({ ok: true })
	})
})

/** Starts a guessing "app server" process; resolves once it is connected and waiting for "go". */
function startGuesser(databaseUrl: string, args: string[]) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sign-in-guesser.ts', ...args], {
		cwd: new URL('../..', import.meta.url).pathname,
		env: { ...process.env, DATABASE_URL: databaseUrl },
		stdio: ['pipe', 'pipe', 'inherit'],
	})
	const lines = createInterface({ input: child.stdout })
	const nextLine = () =>
		new Promise<string>((resolve, reject) => {
			lines.once('line', resolve)
			child.once('exit', (code) => reject(new Error(`guesser exited ${code}`)))
		})
	const go = async () => {
		const outcome = nextLine()
		child.stdin.write('go\n')
		return JSON.parse(await outcome) as string[]
	}
	return nextLine().then((ready) => {
		expect(ready).toBe('ready')
		return { go }
	})
}

describe('sign-in throttle across processes sharing one SQLite file (WEB_CONCURRENCY > 1)', () => {
	test(`two processes, 30 parallel guesses each, one correct: at most ${PAIR_FREE} password checks in all`, async () => {
		const { db, url } = await getTestDbWithUrl('sqlite')
		const user = await createUser(db)
		const ip = address()
		const guesses = (offset: number) => Array.from({ length: 30 }, (_, i) => (offset + i === 59 ? PASSWORD : `wrong${offset + i}`))
		const servers = await Promise.all([startGuesser(url, [user.username, ip, ...guesses(0)]), startGuesser(url, [user.username, ip, ...guesses(30)])])
		const outcomes = (await Promise.all(servers.map((server) => server.go()))).flat()
		expect(outcomes).toHaveLength(60)
		const checked = outcomes.filter((outcome) => outcome !== 'throttled')
		expect(checked.length).toBeLessThanOrEqual(PAIR_FREE)
		expect(await db.loginAttempt.count({ where: { username: user.username } })).toBe(checked.length)
	}, CLI_TEST_TIMEOUT) // two tsx processes compile and start: a hang limit, not a speed check
})
