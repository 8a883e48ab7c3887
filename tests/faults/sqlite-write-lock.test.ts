// Another process holding SQLite's write lock (a script, a backup, a second server) while a
// learner saves: the production server retries the busy save (app/utils/busy-retry.ts) and
// either saves it once the lock is gone or answers the clear Chinese message with a 503 the
// page retries. Never a 500.
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createBankQuestions, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { DatabaseBusyError } from '#app/utils/busy-retry.ts'
import { createDb, SQLITE_BUSY_TIMEOUT_MS } from '#app/utils/db-client.server.ts'
import { SESSION_DURATION_MS } from '#app/utils/session.server.ts'
import { prepareFaultDatabase } from './fault-databases.ts'
import { freePort, killAllServers, type RunningServer, saveAnswer, seedSitters, type Sitter, startProductionServer, storedChoice } from './fault-support.ts'

const QUESTIONS = 3
/** Longer than one statement's busy_timeout: only a retry can save through it. */
const SHORT_LOCK_MS = SQLITE_BUSY_TIMEOUT_MS + 1_500

let database: Awaited<ReturnType<typeof prepareFaultDatabase>>
let server: RunningServer
let sitters: Sitter[]
/** The other process's connection: a plain better-sqlite3 handle on the same file. */
let blocker: Database.Database

beforeAll(async () => {
	database = await prepareFaultDatabase('sqlite', 'lock')
	const db = createDb(database.url)
	const now = new Date()
	await createBankQuestions(db, 'single', QUESTIONS)
	const round = await createRound(db, now, { rules: [{ topic: 'fiscal', type: 'single', difficulty: null, count: QUESTIONS, pointsEach: 5 }] })
	sitters = await seedSitters(db, { roundId: round.id, count: 3, questions: QUESTIONS, now, tag: 'lock' })
	// The third signed in long ago: the next request renews the session, a write of its own.
	await db.session.updateMany({ where: { userId: sitters[2]!.userId }, data: { expiresAt: new Date(now.getTime() + SESSION_DURATION_MS / 4) } })
	await db.$disconnect()
	server = await startProductionServer({ databaseUrl: database.url, port: await freePort() })
	blocker = new Database(database.file!)
})

afterAll(async () => {
	if (blocker?.inTransaction) blocker.exec('ROLLBACK')
	blocker?.close()
	await killAllServers()
	await database?.drop()
})

function storedAnswer(sitter: Sitter, position: number) {
	// The blocker's own connection reads the committed state (WAL readers never wait).
	return blocker.prepare('SELECT "seq", "answer" FROM "AttemptQuestion" WHERE "attemptId" = ? AND "position" = ?').get(sitter.attemptId, position) as { seq: number; answer: string | null }
}

test('a lock held longer than busy_timeout is waited out by the retries and the save applies', async () => {
	const sitter = sitters[0]!
	blocker.exec('BEGIN IMMEDIATE')
	let releasedAt = 0
	const release = setTimeout(() => {
		blocker.exec('COMMIT')
		releasedAt = Date.now()
	}, SHORT_LOCK_MS)
	try {
		const reply = await saveAnswer(server.origin, sitter, { position: 1, seq: 1, choice: 2 })
		const answeredAt = Date.now()
		expect(reply).toMatchObject({ status: 200, body: { status: 'applied', seq: 1 } })
		// The save could only commit after the other process let go of the lock.
		expect(releasedAt).toBeGreaterThan(0)
		expect(answeredAt).toBeGreaterThanOrEqual(releasedAt)
	} finally {
		clearTimeout(release)
		if (blocker.inTransaction) blocker.exec('ROLLBACK')
	}
	expect(storedAnswer(sitter, 1)).toEqual({ seq: 1, answer: storedChoice(2) })
})

test('a lock that outlasts every retry gets the clear message with 503, never a 500, and the page’s retry then saves', async () => {
	const sitter = sitters[1]!
	blocker.exec('BEGIN IMMEDIATE')
	let reply
	try {
		// Held until the server gives up, however long its retries take on a busy machine.
		reply = await saveAnswer(server.origin, sitter, { position: 2, seq: 1, choice: 3 })
	} finally {
		blocker.exec('ROLLBACK')
	}
	expect(reply.status).toBe(503)
	expect(reply.body.message).toBe(new DatabaseBusyError(null).userMessage)
	expect(reply.body.serverNow).toEqual(expect.any(String))
	expect(storedAnswer(sitter, 2)).toEqual({ seq: 0, answer: null })

	// The page keeps the answer and sends it again: with the lock gone it is stored.
	const retried = await saveAnswer(server.origin, sitter, { position: 2, seq: 1, choice: 3 })
	expect(retried).toMatchObject({ status: 200, body: { status: 'applied', seq: 1 } })
	expect(storedAnswer(sitter, 2)).toEqual({ seq: 1, answer: storedChoice(3) })
})

test('a session due for renewal while another process holds the lock still saves, never a 500', async () => {
	const sitter = sitters[2]!
	blocker.exec('BEGIN IMMEDIATE')
	const release = setTimeout(() => blocker.exec('COMMIT'), SHORT_LOCK_MS)
	try {
		const reply = await saveAnswer(server.origin, sitter, { position: 3, seq: 1, choice: 1 })
		expect(reply).toMatchObject({ status: 200, body: { status: 'applied', seq: 1 } })
	} finally {
		clearTimeout(release)
		if (blocker.inTransaction) blocker.exec('ROLLBACK')
	}
	expect(storedAnswer(sitter, 3)).toEqual({ seq: 1, answer: storedChoice(1) })
})
