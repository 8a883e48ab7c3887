// kill -9 of the production server (SQLite) while 220 learners are saving answers, then a
// restart: every save the server acknowledged is stored with its value (ADR 031), deadlines
// are the server's and unchanged by the crash, and attempts whose time ran out while the
// server was down are closed by the sweep with finish time = deadline.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createBankQuestions, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { SWEEP_INTERVAL_MS } from '#app/exams/sweep.server.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { prepareFaultDatabase } from './fault-databases.ts'
import { freePort, killAllServers, type RunningServer, saveAnswer, seedSitters, type Sitter, startProductionServer, storedChoice } from './fault-support.ts'

/** Attempts saving at the moment of the kill: the issue asks for at least 200. */
const SAVING = 200
/** Attempts of a round whose window closes while the server is down. */
const EXPIRING = 20
const QUESTIONS = 10
/**
 * The expiring round's window closes this long after its attempts start; with the save grace
 * after it, they must still be open when the kill comes, and the downtime lasts until then.
 */
const EXPIRING_WINDOW_MS = 2_000

let database: Awaited<ReturnType<typeof prepareFaultDatabase>>
let server: RunningServer | null = null
let db: Db | null = null

beforeAll(async () => {
	database = await prepareFaultDatabase('sqlite', 'crash')
})

afterAll(async () => {
	await killAllServers()
	await db?.$disconnect()
	await database?.drop()
})

type Ack = { seq: number; choice: number }

/**
 * Every sitter saves in a loop, one request at a time as the page's answer queue does, until
 * the server is gone. Returns the acknowledged ('applied') saves by attempt and position;
 * `onAck` hears how many of the first `watched` sitters have had a save acknowledged.
 */
function saveUntilTheServerDies(origin: string, sitters: Sitter[], watched: number, onAck: (sittersAcknowledged: number) => void) {
	const acknowledged = new Map<string, Ack>()
	const outcomes = new Map<string, number>()
	const sittersAcknowledged = new Set<number>()
	let inFlight = 0
	const loops = sitters.map(async (sitter, index) => {
		for (let seq = 1; ; seq++) {
			const position = ((seq - 1) % QUESTIONS) + 1
			const choice = (seq + index) % 4
			inFlight++
			let reply
			try {
				reply = await saveAnswer(origin, sitter, { position, seq, choice })
			} catch {
				return // connection refused or reset: the server is gone
			} finally {
				inFlight--
			}
			const outcome = `${reply.status} ${reply.body.status ?? reply.body.message}`
			outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
			if (reply.status === 200 && reply.body.status === 'applied') {
				acknowledged.set(`${sitter.attemptId}:${position}`, { seq, choice })
				if (index < watched) sittersAcknowledged.add(index)
				onAck(sittersAcknowledged.size)
			}
		}
	})
	return { acknowledged, outcomes, inFlight: () => inFlight, done: Promise.all(loops) }
}

test('a crash while 220 attempts save loses no acknowledged answer, keeps deadlines, and the sweep closes what expired', async () => {
	db = createDb(database.url)
	const now = new Date()
	await createBankQuestions(db, 'single', QUESTIONS)
	const rules = [{ topic: 'fiscal', type: 'single', difficulty: null, count: QUESTIONS, pointsEach: 5 }]
	const longRound = await createRound(db, now, { closesAt: new Date(now.getTime() + 6 * 3600_000), timeLimitMinutes: 240, rules })
	const saving = await seedSitters(db, { roundId: longRound.id, count: SAVING, questions: QUESTIONS, now, tag: 'long' })
	// Not started while seeding: its sweep would wait for the seeding's write locks with the
	// event loop blocked (better-sqlite3 waits synchronously), and answer nothing meanwhile.
	const port = await freePort()
	server = await startProductionServer({ databaseUrl: database.url, port })

	// Started last, so the server's start-up does not eat into their short window.
	const expiringStart = new Date()
	const shortRound = await createRound(db, expiringStart, { closesAt: new Date(expiringStart.getTime() + EXPIRING_WINDOW_MS), timeLimitMinutes: 60, rules })
	const expiring = await seedSitters(db, { roundId: shortRound.id, count: EXPIRING, questions: QUESTIONS, now: expiringStart, tag: 'short' })
	const deadlines = new Map((await db.attempt.findMany({ select: { id: true, deadline: true } })).map((a) => [a.id, a.deadline.toISOString()]))
	expect(deadlines.get(expiring[0]!.attemptId)).toBe(shortRound.closesAt.toISOString())
	// The test reads the database again only after the restart, through a new connection.
	await db.$disconnect()
	db = null

	let killed = false
	let savingAtKill = 0
	let killedAt = 0
	let run: ReturnType<typeof saveUntilTheServerDies> | null = null
	let lastMoment: NodeJS.Timeout | undefined
	const crashed = new Promise<void>((resolve) => {
		const kill = (answeredJustNow: number) => {
			if (killed) return
			killed = true
			clearTimeout(lastMoment)
			// Every loop has a request outstanding except one answered just now, if any.
			savingAtKill = load.inFlight() + answeredJustNow
			killedAt = Date.now()
			void server!.crash().then(() => load.done.then(() => resolve()))
		}
		// The kill comes once each of the 200 has had a save acknowledged: all are mid-exam, all have something to lose.
		const load = saveUntilTheServerDies(server!.origin, [...saving, ...expiring], SAVING, (sittersAcknowledged) => {
			if (sittersAcknowledged >= SAVING) kill(1)
		})
		run = load
		// On a machine so busy that this takes longer, it comes while the expiring attempts are
		// still open (before deadline + grace, with seconds to spare for a late timer): they must
		// be closed by the restarted server, not before the crash.
		const expiringCloseAt = expiringStart.getTime() + EXPIRING_WINDOW_MS + SAVE_GRACE_MS
		lastMoment = setTimeout(() => kill(0), expiringCloseAt - 4_000 - Date.now())
	})
	await crashed
	const { acknowledged, outcomes } = run!
	expect(server.process.signalCode).toBe('SIGKILL')
	expect(savingAtKill).toBeGreaterThanOrEqual(SAVING)
	expect(acknowledged.size).toBeGreaterThan(0)
	// Before the kill every save applied: no server error, and no attempt closed yet (the
	// expiring ones must be closed by the restarted server, not before the crash).
	expect([...outcomes.keys()]).toEqual(['200 applied'])

	// Stay down until the short round's attempts are past deadline + grace: nobody saves or
	// loads them now, so only the sweep of the restarted server can close them.
	const expiredAt = new Date(expiringStart.getTime() + EXPIRING_WINDOW_MS + SAVE_GRACE_MS + 500)
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiredAt.getTime() - Date.now())))
	server = await startProductionServer({ databaseUrl: database.url, port })
	db = createDb(database.url)

	// Every acknowledged save is stored with its value (a later save of the same question may
	// have overtaken it; then the stored one is newer, never older).
	const rows = await db.attemptQuestion.findMany({ select: { attemptId: true, position: true, seq: true, answer: true } })
	const stored = new Map(rows.map((row) => [`${row.attemptId}:${row.position}`, row]))
	const lost = [...acknowledged].filter(([key, ack]) => {
		const row = stored.get(key)
		return !row || row.seq < ack.seq || (row.seq === ack.seq && row.answer !== storedChoice(ack.choice))
	})
	expect(lost).toEqual([])

	// The sweep closes the expired attempts at their deadline, not at the moment it ran.
	const closedBySweep = () => db!.attempt.findMany({ where: { roundId: shortRound.id }, select: { id: true, status: true, deadline: true, finishedAt: true } })
	await expect.poll(async () => (await closedBySweep()).filter((a) => a.status === 'expired').length, { timeout: 10 * SWEEP_INTERVAL_MS, interval: 500 }).toBe(EXPIRING)
	for (const attempt of await closedBySweep()) {
		expect(attempt.finishedAt?.toISOString()).toBe(deadlines.get(attempt.id))
		expect(attempt.deadline.toISOString()).toBe(deadlines.get(attempt.id))
	}

	// Remaining time comes from the server: the same deadline as before the crash, measured
	// from the server's clock now, so the time the server was down was not given back.
	const clocks = await Promise.all(
		saving.map(async (sitter) => {
			const response = await fetch(`${server!.origin}/exams/attempts/${sitter.attemptId}/answers`, { headers: { cookie: sitter.cookie } })
			return { sitter, status: response.status, clock: (await response.json()) as { status: string; deadline: string; serverNow: string } }
		}),
	)
	for (const { sitter, status, clock } of clocks) {
		expect(status).toBe(200)
		expect(clock.status).toBe('open')
		expect(clock.deadline).toBe(deadlines.get(sitter.attemptId))
		expect(new Date(clock.serverNow).getTime()).toBeGreaterThan(killedAt)
	}

	// The restarted server takes the next save of a running attempt and refuses one of an
	// expired attempt with the reason, as a 200 the page understands (not an error).
	const next = await saveAnswer(server.origin, saving[0]!, { position: 1, seq: 1_000_000, choice: 2 })
	expect(next).toMatchObject({ status: 200, body: { status: 'applied', deadline: deadlines.get(saving[0]!.attemptId) } })
	const late = await saveAnswer(server.origin, expiring[0]!, { position: 1, seq: 1_000_000, choice: 2 })
	expect(late.status).toBe(200)
	expect(late.body).toMatchObject({ status: 'closed', message: expect.stringContaining('截止') })
	expect(server.log()).not.toMatch(/Error|错误|失败/)
})
