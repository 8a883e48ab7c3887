// Two production server processes on different ports share one PostgreSQL database, as two
// machines behind a load balancer would. The saves of each attempt alternate between them,
// some deliberately out of order: nothing acknowledged is lost, and an older answer (lower
// sequence number) never overwrites a newer one, whichever server it reaches (ADR 031).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createBankQuestions, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { prepareFaultDatabase } from './fault-databases.ts'
import { freePort, killAllServers, type RunningServer, type SaveReply, saveAnswer, seedSitters, type Sitter, startProductionServer, storedChoice } from './fault-support.ts'

const SITTERS = 30
const QUESTIONS = 4
/** In-order saves per attempt, alternating servers. */
const IN_ORDER = 12

let database: Awaited<ReturnType<typeof prepareFaultDatabase>>
let servers: RunningServer[] = []
let db: Db
let sitters: Sitter[]

beforeAll(async () => {
	database = await prepareFaultDatabase('postgresql', 'pair')
	db = createDb(database.url)
	const now = new Date()
	await createBankQuestions(db, 'single', QUESTIONS)
	const round = await createRound(db, now, { rules: [{ topic: 'fiscal', type: 'single', difficulty: null, count: QUESTIONS, pointsEach: 5 }] })
	const ports = [await freePort(), await freePort()]
	// The servers load their build while the learners are seeded.
	const starting = Promise.all(ports.map((port) => startProductionServer({ databaseUrl: database.url, port })))
	sitters = await seedSitters(db, { roundId: round.id, count: SITTERS, questions: QUESTIONS, now, tag: 'pair' })
	servers = await starting
})

afterAll(async () => {
	await killAllServers()
	await db?.$disconnect()
	await database?.drop()
})

type Sent = { sitter: Sitter; position: number; seq: number; choice: number; server: number; reply: SaveReply }

test('saves alternating between two servers, some out of order, keep the newest answer and lose nothing', async () => {
	expect(servers[0]!.process.pid).not.toBe(servers[1]!.process.pid)
	const sent: Sent[] = []
	const send = async (sitter: Sitter, server: number, save: { position: number; seq: number; choice: number }) => {
		const reply = await saveAnswer(servers[server]!.origin, sitter, save)
		sent.push({ sitter, ...save, server, reply })
		return reply
	}

	await Promise.all(
		sitters.map(async (sitter, index) => {
			// In order, one at a time, each to the other server than the last.
			for (let seq = 1; seq <= IN_ORDER; seq++) {
				const reply = await send(sitter, seq % 2, { position: ((seq - 1) % QUESTIONS) + 1, seq, choice: (seq + index) % 4 })
				expect(reply).toMatchObject({ status: 200, body: { status: 'applied', seq } })
			}
			// Out of order on purpose: the newer save reaches one server first, then the older
			// one (a retry from a flaky connection) reaches the other. The older one is stale and
			// the answer comes back as the newer one, so the page can show what is stored.
			const newer = await send(sitter, index % 2, { position: 1, seq: 101, choice: 0 })
			expect(newer).toMatchObject({ status: 200, body: { status: 'applied', seq: 101 } })
			const older = await send(sitter, (index + 1) % 2, { position: 1, seq: 100, choice: 1 })
			expect(older).toMatchObject({ status: 200, body: { status: 'stale', seq: 101, answer: sitter.optionIds[0]![0] } })
			// And racing: two saves of one question sent at once, one to each server.
			const [a, b] = await Promise.all([
				send(sitter, index % 2, { position: 2, seq: 201, choice: 3 }),
				send(sitter, (index + 1) % 2, { position: 2, seq: 200, choice: 2 }),
			])
			expect(a).toMatchObject({ status: 200, body: { status: 'applied', seq: 201 } })
			expect(b.status).toBe(200)
			// Whichever came first, the older one cannot win: it applied before the newer one or was refused.
			expect(['applied', 'stale']).toContain(b.body.status)
		}),
	)

	// Both servers took part, and nobody got anything but a 200.
	expect(new Set(sent.map((s) => s.server))).toEqual(new Set([0, 1]))
	expect(sent.filter((s) => s.reply.status !== 200)).toEqual([])

	// What is stored is, per question, the save with the highest sequence number sent.
	const newest = new Map<string, Sent>()
	for (const s of sent) {
		const key = `${s.sitter.attemptId}:${s.position}`
		if ((newest.get(key)?.seq ?? -1) < s.seq) newest.set(key, s)
	}
	const rows = await db.attemptQuestion.findMany({ where: { attemptId: { in: sitters.map((s) => s.attemptId) } }, select: { attemptId: true, position: true, seq: true, answer: true } })
	expect(rows).toHaveLength(SITTERS * QUESTIONS)
	const wrong = rows.filter((row) => {
		const expected = newest.get(`${row.attemptId}:${row.position}`)!
		return row.seq !== expected.seq || row.answer !== storedChoice(expected.choice)
	})
	expect(wrong).toEqual([])
	// And no acknowledged save is missing: each is stored or overtaken by a newer one.
	for (const s of sent.filter((s) => s.reply.body.status === 'applied')) {
		const row = rows.find((r) => r.attemptId === s.sitter.attemptId && r.position === s.position)!
		expect(row.seq).toBeGreaterThanOrEqual(s.seq)
	}
})
