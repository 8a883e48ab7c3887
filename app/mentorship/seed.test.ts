// The 导师带徒 demo data: every mentorship screen has something to show on `npm start`.
import { expect, test } from 'vitest'
import { syncGitContent } from '#app/courses/git-sync.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { seedOrganisation } from '../../prisma/seed.ts'
import { listAssignments } from './assignments.ts'
import { chinaMonthOf } from './dates.ts'
import { listPairings, mentorDesk } from './overview.ts'
import { seedMentorship } from './seed.ts'

describeEachProvider('mentorship demo data', (getDb) => {
	test('at least 6 pairs with months of check-ins, done/open/overdue assignments, projects and a completed term', async () => {
		const db = await getDb()
		await seedOrganisation(db)
		await syncGitContent(db)
		const now = new Date()
		expect(await seedMentorship(db, { now })).toEqual({ pairs: 8 })
		const all = await listPairings(db, { status: 'all', unitId: null, q: '' }, now)
		expect(all.filter((p) => p.status === 'active').length).toBeGreaterThanOrEqual(6)
		expect(all.filter((p) => p.status === 'completed' && p.acknowledgedAt)).toHaveLength(1)
		expect(all.filter((p) => p.status === 'ended')).toHaveLength(1)
		const months = await db.mentorCheckIn.groupBy({ by: ['month'], _count: { _all: true } })
		expect(months.length).toBeGreaterThanOrEqual(4)
		expect(await db.projectLogEntry.count()).toBeGreaterThanOrEqual(6)
		expect(await db.projectComment.count()).toBeGreaterThanOrEqual(6)
		expect(await db.apprenticeReflection.count()).toBeGreaterThanOrEqual(6)

		const mentor = await db.user.findUniqueOrThrow({ where: { username: 'mentor' }, select: { id: true } })
		const desk = await mentorDesk(db, mentor.id, now)
		expect(desk.current.map((c) => c.apprentice.username).sort()).toEqual(['learner', 's0001', 's0002'])
		expect(desk.past.map((c) => c.apprentice.username)).toEqual(['s0006'])
		// The one who needs attention comes first, with the reasons in words.
		expect(desk.current[0]!.flags.length).toBeGreaterThan(0)
		expect(desk.current.at(-1)!.apprentice.username).toBe('s0001')
		expect(desk.current.find((c) => c.apprentice.username === 's0001')!.flags.map((f) => f.code)).not.toContain('no_check_in')

		const learner = await db.user.findUniqueOrThrow({ where: { username: 'learner' }, select: { id: true } })
		const work = await listAssignments(db, { userIds: [learner.id] }, now)
		expect(work.some((a) => a.done)).toBe(true)
		expect(work.some((a) => !a.done && !a.overdue)).toBe(true)
		expect(work.some((a) => a.overdue)).toBe(true)
		expect(await db.mentorCheckIn.count({ where: { month: chinaMonthOf(now) } })).toBeGreaterThan(0)
	}, 120_000)
})
