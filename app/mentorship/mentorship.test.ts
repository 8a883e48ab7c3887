import { beforeAll, describe, expect, test } from 'vitest'
import { makeAdmin, makeUnit, makeUser, tag } from '#app/admin/test-fixtures.ts'
import { syncGitContent } from '#app/courses/git-sync.server.ts'
import { markLessonComplete, recordLessonHeartbeat } from '#app/courses/progress.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { accessToApprentice, accessToPairing, NOT_YOUR_APPRENTICE } from './access.ts'
import { AssignmentInputSchema, createAssignment, listAssignments } from './assignments.ts'
import { parseChinaDay } from './dates.ts'
import { addProjectEntry, commentOnProject, CheckInSchema, listProjects, ProjectEntrySchema, recordCheckIn, ReflectionSchema, saveReflection } from './journal.ts'
import { listPairings, mentorDesk } from './overview.ts'
import { changeMentor, createPairing, endPairing, PairingInputSchema } from './pairings.ts'
import { acknowledgeTerm, signOffTerm, SignOffSchema } from './term.ts'

const day = (value: string) => parseChinaDay(value)!

describeEachProvider('mentorship', (getDb) => {
	let admin: Awaited<ReturnType<typeof makeAdmin>>
	let unit: { id: string }

	beforeAll(async () => {
		const db = await getDb()
		await syncGitContent(db)
		admin = await makeAdmin(db)
		unit = await makeUnit(db)
	})

	async function people(db: Db) {
		const mentor = await makeUser(db, { unitId: unit.id, roles: ['mentor', 'lecturer'], name: `导师${tag()}` })
		const apprentice = await makeUser(db, { unitId: unit.id, roles: ['learner'], name: `徒弟${tag()}` })
		return { mentor: { ...mentor, roles: ['mentor', 'lecturer'] as const }, apprentice }
	}

	const input = (mentorId: string, apprenticeId: string, extra: Record<string, string> = {}) =>
		PairingInputSchema.parse({ mentorId, apprenticeId, startsOn: '2026-09-01', endsOn: '2027-08-31', businessGoals: '独立完成一个经责审计项目', partyGoals: '每月参加一次主题党日', ...extra })

	async function pair(db: Db) {
		const { mentor, apprentice } = await people(db)
		const made = await createPairing(db, admin, input(mentor.id, apprentice.id))
		if (!made.ok) throw new Error(JSON.stringify(made))
		return { mentor, apprentice, pairingId: made.id }
	}

	test('a pairing is created and audited; a mentor needs the mentor role', async () => {
		const db = await getDb()
		const { mentor, apprentice, pairingId } = await pair(db)
		const row = await db.pairing.findUniqueOrThrow({ where: { id: pairingId } })
		expect(row).toMatchObject({ mentorId: mentor.id, apprenticeId: apprentice.id, status: 'active', activeApprenticeId: apprentice.id, businessGoals: '独立完成一个经责审计项目' })
		const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'mentorship.pairing.create', targetId: pairingId } })
		expect(audit.summary).toContain(mentor.name)
		const learner = await makeUser(db, { unitId: unit.id })
		const refused = await createPairing(db, admin, input(learner.id, apprentice.id))
		expect(refused).toMatchObject({ ok: false, fieldErrors: { mentorId: [expect.stringContaining('没有导师身份')] } })
	})

	test('bad input gets Chinese messages at the field', () => {
		const result = PairingInputSchema.safeParse({ mentorId: 'a', apprenticeId: 'a', startsOn: '2026-02-30', endsOn: '2026-01-01' })
		expect(result.success).toBe(false)
		const messages = result.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`)
		expect(messages).toContain('startsOn:日期格式应为 2026-03-01')
	})

	test('an apprentice has one active mentor, even when two admins pair them at the same moment', async () => {
		const db = await getDb()
		const apprentice = await makeUser(db, { unitId: unit.id })
		const mentors = await Promise.all(Array.from({ length: 4 }, () => makeUser(db, { unitId: unit.id, roles: ['mentor'] })))
		const results = await Promise.all(mentors.map((m) => createPairing(db, admin, input(m.id, apprentice.id))))
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		for (const refused of results.filter((r) => !r.ok)) {
			expect(refused).toMatchObject({ fieldErrors: { apprenticeId: [expect.stringContaining('已有在带导师')] } })
		}
		expect(await db.pairing.count({ where: { apprenticeId: apprentice.id, status: 'active' } })).toBe(1)
		// The rule is the database's: a direct second active row is refused too.
		await expect(
			db.pairing.create({ data: { mentorId: mentors[0]!.id, apprenticeId: apprentice.id, activeApprenticeId: apprentice.id, startsOn: day('2026-09-01'), endsOn: day('2027-01-01') } }),
		).rejects.toMatchObject({ code: 'P2002' })
	})

	test('ending and changing a pairing keep the history; a mentor may have several apprentices', async () => {
		const db = await getDb()
		const { mentor, apprentice, pairingId } = await pair(db)
		const second = await makeUser(db, { unitId: unit.id })
		expect(await createPairing(db, admin, input(mentor.id, second.id))).toMatchObject({ ok: true })
		const other = await makeUser(db, { unitId: unit.id, roles: ['mentor'] })
		const changed = await changeMentor(db, admin, { pairingId, mentorId: other.id, startsOn: day('2026-12-01') })
		expect(changed).toMatchObject({ ok: true })
		const history = await db.pairing.findMany({ where: { apprenticeId: apprentice.id }, orderBy: { createdAt: 'asc' } })
		expect(history.map((p) => [p.mentorId, p.status, p.activeApprenticeId])).toEqual([
			[mentor.id, 'ended', null],
			[other.id, 'active', apprentice.id],
		])
		expect(history[1]).toMatchObject({ businessGoals: '独立完成一个经责审计项目', endsOn: day('2027-08-31') })
		expect(await changeMentor(db, admin, { pairingId, mentorId: other.id, startsOn: day('2026-12-01') })).toMatchObject({ ok: false })
		const newId = (changed as { id: string }).id
		expect(await endPairing(db, admin, { pairingId: newId, reason: '徒弟调岗' })).toEqual({ ok: true })
		expect(await endPairing(db, admin, { pairingId: newId, reason: '徒弟调岗' })).toMatchObject({ ok: false, formError: '该结对已经结束' })
		expect(await db.pairing.count({ where: { apprenticeId: apprentice.id } })).toBe(2)
		// Free again: a new pairing may start.
		expect(await createPairing(db, admin, input(mentor.id, apprentice.id))).toMatchObject({ ok: true })
		const actions = await db.auditLog.findMany({ where: { targetType: 'Pairing', targetId: { in: [pairingId, newId] } }, select: { action: true } })
		expect(actions.map((a) => a.action).sort()).toEqual(['mentorship.pairing.create', 'mentorship.pairing.create', 'mentorship.pairing.end', 'mentorship.pairing.end'])
	})

	test('assignments complete themselves from lesson progress and practice answers, never by hand', async () => {
		const db = await getDb()
		const { mentor, apprentice, pairingId } = await pair(db)
		const course = await db.course.findUniqueOrThrow({ where: { slug: 'fiscal-budget-execution' }, select: { id: true, lessons: { select: { id: true }, orderBy: { position: 'asc' } } } })
		const now = new Date('2026-10-01T02:00:00Z')
		const assign = (raw: Record<string, unknown>) => createAssignment(db, mentor, { apprenticeId: apprentice.id, pairingId, input: AssignmentInputSchema.parse(raw) }, now)
		expect(await assign({ kind: 'lesson', lessonId: course.lessons[0]!.id, dueOn: '2026-10-10', note: '先读预算法' })).toMatchObject({ ok: true })
		expect(await assign({ kind: 'course', courseId: course.id, dueOn: '2026-10-31' })).toMatchObject({ ok: true })
		expect(await assign({ kind: 'practice', topic: 'fiscal', questionCount: 2, dueOn: '2026-10-05' })).toMatchObject({ ok: true })
		expect(await assign({ kind: 'lesson', lessonId: 'nope', dueOn: '2026-10-10' })).toMatchObject({ ok: false, field: 'lessonId' })
		expect(await assign({ kind: 'lesson', lessonId: course.lessons[0]!.id, dueOn: '2026-09-01' })).toMatchObject({ ok: false, field: 'dueOn' })

		let list = await listAssignments(db, { userIds: [apprentice.id] }, now)
		expect(list.map((a) => [a.kind, a.done, a.progressText])).toEqual([
			['practice', false, '0/2 题'],
			['lesson', false, '未学完'],
			['course', false, '0/3 课时'],
		])

		// Lesson progress completes the lesson, and counts towards the course.
		await recordLessonHeartbeat(db, { userId: apprentice.id, lessonId: course.lessons[0]!.id, position: 0.5, activeSeconds: 0 }, new Date('2026-10-02T01:00:00Z'))
		await markLessonComplete(db, { userId: apprentice.id, lessonId: course.lessons[0]!.id }, new Date('2026-10-02T01:10:00Z'))
		// Practice: two distinct 财政 questions answered after it was assigned; a 经责 one does not count.
		const q = async (topic: string) =>
			db.question.create({ data: { topic, type: 'single', difficulty: 2, stemKey: `k${tag()}${tag()}`, status: 'active' }, select: { id: true } })
		const [f1, f2, e1] = [await q('fiscal'), await q('fiscal'), await q('economic_responsibility')]
		const review = async (questionId: string, at: string, correct = true) => {
			const card = await db.practiceCard.upsert({
				where: { userId_questionId: { userId: apprentice.id, questionId } },
				create: { userId: apprentice.id, questionId, due: new Date(at), stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 1, reps: 1, lapses: 0, state: 1 },
				update: {},
			})
			await db.practiceReview.create({ data: { cardId: card.id, userId: apprentice.id, questionId, rating: 3, correct, reviewedAt: new Date(at) } })
		}
		await review(f1.id, '2026-09-20T00:00:00Z') // before the assignment: does not count
		await review(f1.id, '2026-10-03T00:00:00Z', false)
		await review(e1.id, '2026-10-03T00:01:00Z')
		list = await listAssignments(db, { userIds: [apprentice.id] }, new Date('2026-10-04T00:00:00Z'))
		expect(list.map((a) => [a.kind, a.done, a.progressText])).toEqual([
			['practice', false, '1/2 题'],
			['lesson', true, '已学完'],
			['course', false, '1/3 课时'],
		])
		// After the practice due day it is overdue; the flag says so in words.
		const later = new Date('2026-10-06T00:00:00Z')
		list = await listAssignments(db, { userIds: [apprentice.id] }, later)
		expect(list.find((a) => a.kind === 'practice')).toMatchObject({ overdue: true, done: false })
		const desk = await mentorDesk(db, mentor.id, later)
		expect(desk.current[0]!.flags.map((f) => f.text)).toContain('指定学习“财政练习 2 题”已逾期（截止 2026-10-05）')
		await review(f2.id, '2026-10-07T00:00:00Z')
		list = await listAssignments(db, { userIds: [apprentice.id] }, new Date('2026-10-08T00:00:00Z'))
		expect(list.find((a) => a.kind === 'practice')).toMatchObject({ done: true, overdue: false, completedAt: new Date('2026-10-07T00:00:00Z'), progressText: '2/2 题' })
	})

	test('check-ins clear the monthly flag; reflections are one per month; projects take comments', async () => {
		const db = await getDb()
		const { mentor, apprentice, pairingId } = await pair(db)
		const now = new Date('2026-11-20T04:00:00Z')
		const flags = async () => (await mentorDesk(db, mentor.id, now)).current[0]!.flags.map((f) => f.code)
		expect(await flags()).toContain('no_check_in')
		expect(await recordCheckIn(db, { pairingId, authorId: mentor.id, input: CheckInSchema.parse({ heldOn: '2026-12-01', topics: '将来' }), now })).toMatchObject({ ok: false, field: 'heldOn' })
		// The 1st of November in China is still 31 October in UTC: the month is China's.
		expect(await recordCheckIn(db, { pairingId, authorId: mentor.id, input: CheckInSchema.parse({ heldOn: '2026-11-01', topics: '经责审计方法', nextSteps: '读完经责课程' }), now })).toMatchObject({ ok: true })
		expect((await db.mentorCheckIn.findFirstOrThrow({ where: { pairingId } })).month).toBe('2026-11')
		expect(await flags()).not.toContain('no_check_in')

		await saveReflection(db, { pairingId, input: ReflectionSchema.parse({ month: '2026-11', content: '初稿' }), now })
		await saveReflection(db, { pairingId, input: ReflectionSchema.parse({ month: '2026-11', content: '学会了看预算调整' }), now })
		expect(await db.apprenticeReflection.findMany({ where: { pairingId }, select: { content: true } })).toEqual([{ content: '学会了看预算调整' }])
		expect(await saveReflection(db, { pairingId, input: ReflectionSchema.parse({ month: '2027-01', content: 'x' }), now })).toMatchObject({ ok: false })

		const entry = await addProjectEntry(db, {
			pairingId,
			apprenticeId: apprentice.id,
			authorId: apprentice.id,
			input: ProjectEntrySchema.parse({ projectName: '某街道经济责任审计', topic: 'economic_responsibility', periodStart: '2026-10-08', periodEnd: '2026-11-15', role: '组员', work: '负责三公经费核查', learned: '学会了抽凭' }),
		})
		expect(ProjectEntrySchema.safeParse({ projectName: 'x', topic: 'fiscal', periodStart: '2026-10-08', periodEnd: '2026-10-01', role: '组员', work: 'y' }).error?.issues[0]?.message).toBe('结束日期不能早于开始日期')
		expect(await commentOnProject(db, { pairingId, authorId: mentor.id, input: { entryId: entry.id, body: '抽凭思路清楚' } })).toEqual({ ok: true })
		// An entry of another pairing cannot be commented through this one.
		const other = await pair(db)
		expect(await commentOnProject(db, { pairingId: other.pairingId, authorId: other.mentor.id, input: { entryId: entry.id, body: 'x' } })).toMatchObject({ ok: false })
		expect((await listProjects(db, apprentice.id))[0]).toMatchObject({ projectName: '某街道经济责任审计', comments: [{ body: '抽凭思路清楚' }] })
	})

	test('term sign-off completes the pairing (audited) and the apprentice acknowledges it once', async () => {
		const db = await getDb()
		const { mentor, apprentice, pairingId } = await pair(db)
		const stranger = await makeUser(db, { unitId: unit.id, roles: ['mentor'] })
		const evaluation = SignOffSchema.parse({ businessRating: '4', partyRating: '3', comments: '进步明显，可独立承担项目' })
		expect(await signOffTerm(db, stranger, { pairingId, input: evaluation })).toMatchObject({ ok: false })
		expect(await signOffTerm(db, mentor, { pairingId, input: evaluation })).toEqual({ ok: true })
		expect(await signOffTerm(db, mentor, { pairingId, input: evaluation })).toMatchObject({ ok: false })
		expect(await db.pairing.findUniqueOrThrow({ where: { id: pairingId } })).toMatchObject({ status: 'completed', activeApprenticeId: null })
		expect(await db.auditLog.count({ where: { action: 'mentorship.term.sign_off', targetId: pairingId } })).toBe(1)
		expect(await acknowledgeTerm(db, { pairingId, apprenticeId: stranger.id, note: '' })).toBe(false)
		expect(await acknowledgeTerm(db, { pairingId, apprenticeId: apprentice.id, note: '感谢师傅' })).toBe(true)
		expect(await acknowledgeTerm(db, { pairingId, apprenticeId: apprentice.id, note: '再来' })).toBe(false)
		const rows = await listPairings(db, { status: 'completed', unitId: null, q: apprentice.username }, new Date())
		expect(rows.map((r) => [r.id, r.signedAt !== null, r.acknowledgedAt !== null])).toEqual([[pairingId, true, true]])
	})

	describe('access', () => {
		test('a mentor sees current apprentices, past ones read-only, and never another mentor’s', async () => {
			const db = await getDb()
			const { mentor, apprentice, pairingId } = await pair(db)
			const otherPair = await pair(db)
			expect(await accessToApprentice(db, mentor, apprentice.id)).toMatchObject({ ok: true, mode: 'mentor', pairingId })
			expect(await accessToApprentice(db, mentor, otherPair.apprentice.id)).toEqual({ ok: false, status: 403, message: NOT_YOUR_APPRENTICE })
			expect(await accessToPairing(db, mentor, otherPair.pairingId)).toMatchObject({ ok: false, status: 403 })
			// The apprentice reads their own, not the mentor's other apprentices.
			expect(await accessToApprentice(db, { id: apprentice.id, roles: ['learner'] }, apprentice.id)).toMatchObject({ ok: true, mode: 'apprentice' })
			expect(await accessToApprentice(db, { id: apprentice.id, roles: ['learner'] }, otherPair.apprentice.id)).toMatchObject({ ok: false, status: 403 })
			// After a change of mentor the old mentor still reads their term, read-only.
			const next = await makeUser(db, { unitId: unit.id, roles: ['mentor'] })
			await changeMentor(db, admin, { pairingId, mentorId: next.id, startsOn: day('2026-12-01') })
			expect(await accessToApprentice(db, mentor, apprentice.id)).toMatchObject({ ok: true, mode: 'past_mentor', pairingId, active: false })
			expect(await accessToApprentice(db, { id: next.id, roles: ['mentor'] }, apprentice.id)).toMatchObject({ ok: true, mode: 'mentor' })
			expect(await accessToApprentice(db, { id: admin.id, roles: ['admin'] }, apprentice.id)).toMatchObject({ ok: true, mode: 'admin' })
		})
	})

	test('the admin list filters by status and unit (with sub-units)', async () => {
		const db = await getDb()
		const parent = await makeUnit(db)
		const child = await makeUnit(db, { parentId: parent.id })
		const mentor = await makeUser(db, { unitId: unit.id, roles: ['mentor'] })
		const apprentice = await makeUser(db, { unitId: child.id })
		const made = await createPairing(db, admin, input(mentor.id, apprentice.id))
		const now = new Date('2026-11-20T04:00:00Z')
		const inParent = await listPairings(db, { status: 'all', unitId: parent.id, q: '' }, now)
		expect(inParent.map((r) => r.id)).toEqual([(made as { id: string }).id])
		expect((await listPairings(db, { status: 'flagged', unitId: parent.id, q: '' }, now)).map((r) => r.flags.map((f) => f.code))).toEqual([['no_study', 'no_check_in']])
		expect(await listPairings(db, { status: 'completed', unitId: parent.id, q: '' }, now)).toEqual([])
	})
})
