// SQLite only: another process holding the write lock is what produces SQLITE_BUSY.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { createBankQuestions, createPerson, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { sqliteFilePath } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { DatabaseBusyError, isDatabaseBusy, isTransactionQueueTimeout } from '#app/utils/busy-retry.ts'
import { optionIdFor } from './option-ids.server.ts'
import { saveAnswer } from './save-answer.server.ts'
import { START_BUSY_MESSAGE, startAttempt } from './start-attempt.server.ts'

const now = new Date('2026-06-01T02:00:00.000Z')

describe('saves while another process holds the SQLite write lock', () => {
	let blocker: Database.Database | null = null
	afterEach(() => {
		if (blocker?.inTransaction) blocker.exec('ROLLBACK')
		blocker?.close()
		blocker = null
	})

	async function setup() {
		const { db, url } = await getTestDbWithUrl('sqlite')
		await createBankQuestions(db, 'single', 2)
		const round = await createRound(db, now)
		const person = await createPerson(db)
		const started = await startAttempt(db, { roundId: round.id, candidate: person, now })
		if (!started.ok) throw new Error(started.message)
		// Short waits inside SQLite so the test exercises our retries, not the 5 s busy_timeout.
		await db.$executeRawUnsafe('PRAGMA busy_timeout = 20')
		blocker = new Database(sqliteFilePath(url))
		return { db, person, attemptId: started.attemptId }
	}

	test('a short lock is waited out by the retries and the save applies', async () => {
		const { db, person, attemptId } = await setup()
		blocker!.exec('BEGIN IMMEDIATE')
		setTimeout(() => blocker!.exec('COMMIT'), 120)
		const outcome = await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 1, answer: optionIdFor(attemptId, 1, 'A') }, now })
		expect(outcome.status).toBe('applied')
	})

	test('a lock that outlasts the retries ends in DatabaseBusyError with a message for the page', async () => {
		const { db, person, attemptId } = await setup()
		blocker!.exec('BEGIN IMMEDIATE')
		const error = await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 1, answer: optionIdFor(attemptId, 1, 'A') }, now }).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(DatabaseBusyError)
		expect(isDatabaseBusy((error as DatabaseBusyError).cause)).toBe(true)
		expect((error as DatabaseBusyError).userMessage).toContain('服务器繁忙')
		blocker!.exec('ROLLBACK')
		const stored = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position: 1 } })
		expect(stored.seq).toBe(0)
	})
})

describe('starts while the database is too busy', () => {
	let blocker: Database.Database | null = null
	afterEach(() => {
		if (blocker?.inTransaction) blocker.exec('ROLLBACK')
		blocker?.close()
		blocker = null
	})

	test('a start under a lock that outlasts the retries is refused as busy, in Chinese, and writes nothing; the next start works', async () => {
		const { db, url } = await getTestDbWithUrl('sqlite')
		await createBankQuestions(db, 'single', 2)
		const round = await createRound(db, now)
		const person = await createPerson(db)
		await db.$executeRawUnsafe('PRAGMA busy_timeout = 20')
		blocker = new Database(sqliteFilePath(url))
		blocker.exec('BEGIN IMMEDIATE')
		const refused = await startAttempt(db, { roundId: round.id, candidate: person, now })
		expect(refused).toEqual({ ok: false, reason: 'busy', message: START_BUSY_MESSAGE })
		blocker.exec('ROLLBACK')
		expect(await db.attempt.count({ where: { roundId: round.id } })).toBe(0)
		const started = await startAttempt(db, { roundId: round.id, candidate: person, now })
		expect(started).toMatchObject({ ok: true, resumed: false })
	})

	test("Prisma's \"unable to start a transaction in the given time\" is recognised as busy", async () => {
		const { db } = await getTestDbWithUrl('sqlite')
		// SQLite has one writer: while one transaction holds it, another that may wait only 1 ms cannot start.
		let release!: () => void
		const holding = db.$transaction(() => new Promise<void>((resolve) => (release = resolve)), { timeout: 10_000 })
		const error = await db.$transaction(async () => undefined, { maxWait: 1 }).catch((e: unknown) => e)
		release()
		await holding
		expect(isTransactionQueueTimeout(error)).toBe(true)
		expect(isTransactionQueueTimeout(new Error('Unique constraint failed'))).toBe(false)
	})
})
