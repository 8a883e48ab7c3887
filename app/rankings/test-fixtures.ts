// A small season for ranking tests, written through the real exam code (start, answer, submit).
import { createBankQuestions, createPerson, createRound, createUnit, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'

export const HOUR = 3600_000

/**
 * Two rounds of one season for units U (5 people) and V (1 person):
 * round 1 — A 4 pts, B 4 pts (same time, handed in later), C 2 pts, E 4 pts with extra time, G (unit V) 2 pts, D absent;
 * round 2 — A 4 pts, C 4 pts.
 */
export async function rankingScenario(db: Db) {
	const now = new Date()
	await createBankQuestions(db, 'single', 2, { topic: 'fiscal' })
	const u = await createUnit(db, { name: '甲审计组' })
	const v = await createUnit(db, { name: '乙审计组' })
	const eligibility = [
		{ kind: 'unit', value: u.id },
		{ kind: 'unit', value: v.id },
	]
	const round1 = await createRound(db, now, { eligibility })
	const round2 = await createRound(db, now, { eligibility })
	await db.round.update({ where: { id: round2.id }, data: { seasonId: round1.seasonId, position: 2 } })
	const [a, b, c, d, e] = await Promise.all(['甲', '乙', '丙', '丁', '戊'].map((name) => createPerson(db, { unitId: u.id, name })))
	const g = await createPerson(db, { unitId: v.id, name: '己' })
	await db.accommodation.create({ data: { roundId: round1.id, userId: e!.id, extraMinutes: 30 } })
	const start = new Date(now.getTime() - 30 * 60_000)
	const all = () => true
	await sitRound(db, { roundId: round1.id, person: a!, startAt: start, isRight: all })
	await sitRound(db, { roundId: round1.id, person: b!, startAt: new Date(start.getTime() + 60_000), isRight: all })
	await sitRound(db, { roundId: round1.id, person: c!, startAt: start, isRight: (position) => position === 1 })
	await sitRound(db, { roundId: round1.id, person: e!, startAt: new Date(start.getTime() + 120_000), isRight: all })
	await sitRound(db, { roundId: round1.id, person: g, startAt: start, isRight: (position) => position === 1 })
	await sitRound(db, { roundId: round2.id, person: a!, startAt: start, isRight: all })
	await sitRound(db, { roundId: round2.id, person: c!, startAt: start, isRight: all })
	return { now, round1, round2, people: { a: a!, b: b!, c: c!, d: d!, e: e!, g }, u, v }
}
