import { expect, test } from 'vitest'
import { createBankQuestions, createPerson, createRound, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { seedAppeals } from './appeals-seed.ts'
import { seedPublishedRanking } from './seed.ts'
import { HOUR } from './test-fixtures.ts'

describeEachProvider('seedAppeals', (getDb) => {
	test('after the publication the demo learner has one appeal in each state, the decided ones notified; a rerun changes nothing', async () => {
		const db = await getDb()
		const now = new Date()
		await createPerson(db, { roles: ['admin'] })
		const learner = await createPerson(db, { name: '演示学员' })
		// The seed looks for the demo learner by 工号.
		const demo = await db.user.update({ where: { id: learner.id }, data: { username: 'learner' }, select: { id: true, unitId: true } })
		await createBankQuestions(db, 'single', 4, { topic: 'fiscal' })
		const round = await createRound(db, now, { eligibility: [{ kind: 'user', value: demo.id }], rules: [{ topic: 'fiscal', type: 'single', difficulty: null, count: 4, pointsEach: 2 }] })
		await sitRound(db, { roundId: round.id, person: { ...demo, roles: ['learner'] }, startAt: new Date(now.getTime() - 30 * 60_000), isRight: (position) => position === 1 })
		const at = new Date(now.getTime() + 5 * HOUR)

		// Without a published ranking nobody may appeal, so nothing is seeded.
		expect(await seedAppeals(db, { roundId: round.id, now: at })).toBeNull()
		await seedPublishedRanking(db, { roundId: round.id, now: at })
		const seeded = await seedAppeals(db, { roundId: round.id, now: at })
		expect(seeded).not.toBeNull()
		const appeals = await db.appeal.findMany({ where: { roundId: round.id }, orderBy: { position: 'asc' } })
		expect(appeals.map((a) => a.status).sort()).toEqual(['accepted', 'open', 'rejected'])
		// The questions the learner lost points on were the ones appealed.
		expect(appeals.every((a) => a.scoreAtFiling === 0)).toBe(true)
		const news = await db.notification.findMany({ where: { userId: demo.id } })
		expect(news.map((n) => n.kind).sort()).toEqual(['appeal.accepted', 'appeal.rejected'])
		expect(await db.auditLog.count({ where: { action: { in: ['appeal.accept', 'appeal.reject'] }, targetId: { in: appeals.map((a) => a.id) } } })).toBe(2)

		expect(await seedAppeals(db, { roundId: round.id, now: at })).toBeNull()
		expect(await db.appeal.count({ where: { roundId: round.id } })).toBe(3)
	})
})
