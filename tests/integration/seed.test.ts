// The demo data `npm start` writes: enough of everything to try every role, on both
// databases, and never written twice.
import { createHash } from 'node:crypto'
import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { ROLES } from '#app/utils/roles.ts'
import { seedDemoData } from '../../prisma/seed.ts'

describeEachProvider('demo seed', (getDb) => {
	test('fills an empty database with the bureau, units of every kind, people of every role, a bank and a season', async () => {
		const db = await getDb()
		expect(await seedDemoData(db)).toEqual({ seeded: true })

		for (const kind of ['bureau', 'department', 'subdistrict', 'soe', 'community', 'other']) {
			expect(await db.unit.count({ where: { kind } }), kind).toBeGreaterThanOrEqual(10)
		}
		expect(await db.user.count()).toBeGreaterThanOrEqual(40)
		for (const role of ROLES) expect(await db.userRole.count({ where: { role } }), role).toBeGreaterThan(0)
		expect(await db.question.count({ where: { status: 'active' } })).toBeGreaterThanOrEqual(120)
		const rounds = await db.round.findMany({ where: { season: { year: 2026 } }, select: { status: true, opensAt: true, closesAt: true } })
		expect(rounds).toHaveLength(4)
		const now = Date.now()
		expect(rounds.some((r) => r.status === 'published' && r.opensAt.getTime() <= now && r.closesAt.getTime() > now)).toBe(true)
		expect(rounds.some((r) => r.status === 'published' && r.closesAt.getTime() < now)).toBe(true)
		expect(await db.attempt.count({ where: { gradingStatus: 'complete' } })).toBeGreaterThan(0)
		// The graded round's ranking is published (issue 10 item 6), its stored rows matching its hash.
		const closedRound = await db.round.findFirstOrThrow({ where: { season: { year: 2026 }, status: 'published', closesAt: { lt: new Date(now) } } })
		const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scope: 'round', scopeId: closedRound.id } })
		expect(snapshot.version).toBe(1)
		expect(createHash('sha256').update(snapshot.content, 'utf8').digest('hex')).toBe(snapshot.contentHash)
		expect((JSON.parse(snapshot.content) as { people: unknown[] }).people.length).toBeGreaterThan(0)
	}, 240_000)

	test('a second run writes nothing', async () => {
		const db = await getDb()
		const before = { users: await db.user.count(), units: await db.unit.count(), questions: await db.question.count() }
		expect(await seedDemoData(db)).toEqual({ seeded: false })
		expect({ users: await db.user.count(), units: await db.unit.count(), questions: await db.question.count() }).toEqual(before)
	})
})
