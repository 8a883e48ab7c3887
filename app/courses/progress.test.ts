import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { syncGitContent } from './git-sync.server.ts'
import { answerKnowledgeCheck } from './knowledge-checks.ts'
import { getCourseForLearner, getLessonForLearner, listCatalog } from './learner.ts'
import { LessonBundleCache } from './mdx/bundle-cache.server.ts'
import { assignCourse, markLessonComplete, myLearning, recordLessonHeartbeat } from './progress.ts'
import { createPerson } from './test-fixtures.ts'

const COURSE = 'fiscal-budget-execution'

describeEachProvider('learner progress and knowledge checks', (getDb) => {
	const cache = new LessonBundleCache()
	let learner: { id: string }
	let lessonIds: Record<string, string>

	beforeAll(async () => {
		const db = await getDb()
		await syncGitContent(db)
		learner = await createPerson(db)
		const lessons = await db.lesson.findMany({ where: { course: { slug: COURSE } }, select: { id: true, slug: true } })
		lessonIds = Object.fromEntries(lessons.map((lesson) => [lesson.slug, lesson.id]))
	})

	const view = async (lessonSlug: string, userId = learner.id) => getLessonForLearner(await getDb(), { courseSlug: COURSE, lessonSlug, userId }, cache)

	test('the catalog filters by topic and audience and shows each course once', async () => {
		const db = await getDb()
		const all = await listCatalog(db, { userId: learner.id })
		expect(all.map((course) => course.slug)).toEqual(['fiscal-budget-execution', 'economic-responsibility-audit', 'fixed-asset-investment-audit', 'combined-internal-audit-practice'])
		expect((await listCatalog(db, { userId: learner.id, topic: 'fiscal' })).map((c) => c.slug)).toEqual([COURSE])
		expect((await listCatalog(db, { userId: learner.id, audience: 'community' })).map((c) => c.slug)).toEqual(['economic-responsibility-audit', 'combined-internal-audit-practice'])
		expect(all[0]).toMatchObject({ totalMinutes: 65, lecturers: ['王敏'], progress: { total: 3, completed: 0, percent: 0 } })
	})

	test('heartbeats record the resume position and credit time by the server clock', async () => {
		const db = await getDb()
		const lessonId = lessonIds['budget-law-basics']!
		const start = new Date('2026-03-02T09:00:00Z')
		expect(await recordLessonHeartbeat(db, { userId: learner.id, lessonId, position: 0, activeSeconds: 0 }, start)).toMatchObject({ timeSpentSeconds: 0 })
		const at = (seconds: number) => new Date(start.getTime() + seconds * 1000)
		await recordLessonHeartbeat(db, { userId: learner.id, lessonId, position: 0.3, activeSeconds: 30 }, at(30))
		// Claims more than the clock allows are cut to the time that passed.
		await recordLessonHeartbeat(db, { userId: learner.id, lessonId, position: 0.5, activeSeconds: 600 }, at(40))
		// A long gap (tab left open overnight) credits one beat at most.
		const last = await recordLessonHeartbeat(db, { userId: learner.id, lessonId, position: 0.6, activeSeconds: 3600 }, at(40_000))
		expect(last).toMatchObject({ position: 0.6, timeSpentSeconds: 30 + 10 + 60 })
		expect((await view('budget-law-basics'))?.personal.progress).toMatchObject({ position: 0.6, completed: false })
	})

	test('20 parallel heartbeats at one moment credit the 10 s that passed, once', async () => {
		const db = await getDb()
		const person = await createPerson(db)
		const lessonId = lessonIds['budget-law-basics']!
		const start = new Date('2026-03-03T09:00:00Z')
		await recordLessonHeartbeat(db, { userId: person.id, lessonId, position: 0, activeSeconds: 0 }, start)
		const tenSecondsLater = new Date(start.getTime() + 10_000)
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => recordLessonHeartbeat(db, { userId: person.id, lessonId, position: i / 20, activeSeconds: 30 }, tenSecondsLater)),
		)
		const row = await db.lessonProgress.findUniqueOrThrow({ where: { userId_lessonId: { userId: person.id, lessonId } } })
		expect(row.timeSpentSeconds).toBe(10)
	})

	test('20 parallel heartbeats on the real clock credit no more than the wall time that passed', async () => {
		const db = await getDb()
		const person = await createPerson(db)
		const lessonId = lessonIds['budget-law-basics']!
		// The learner's last beat was recorded 10 s ago.
		const lastBeat = new Date(Date.now() - 10_000)
		await recordLessonHeartbeat(db, { userId: person.id, lessonId, position: 0, activeSeconds: 0 }, lastBeat)
		await Promise.all(Array.from({ length: 20 }, () => recordLessonHeartbeat(db, { userId: person.id, lessonId, position: 0.5, activeSeconds: 30 })))
		const wallSeconds = (Date.now() - lastBeat.getTime()) / 1000
		const row = await db.lessonProgress.findUniqueOrThrow({ where: { userId_lessonId: { userId: person.id, lessonId } } })
		expect(row.timeSpentSeconds).toBeGreaterThanOrEqual(10)
		expect(row.timeSpentSeconds).toBeLessThanOrEqual(wallSeconds)
		// Nothing is lost either: the next beat is credited the seconds since, fractions included.
		const next = await recordLessonHeartbeat(db, { userId: person.id, lessonId, position: 0.6, activeSeconds: 30 }, new Date(lastBeat.getTime() + 40_000))
		expect(next?.timeSpentSeconds).toBe(30 + 10)
	})

	test('the learner view carries the question but no answer until it is answered', async () => {
		const db = await getDb()
		const before = await view('budget-law-basics')
		expect(before?.checkKeys).toEqual(['budget-basis'])
		expect(before?.personal.answered).toEqual({})
		const serialized = JSON.stringify(before)
		expect(serialized).toContain('各部门、各单位的支出必须以什么为依据')
		expect(serialized).not.toContain('第十三条规定，支出必须以经批准的预算为依据')
		expect(serialized).not.toMatch(/"answer"/)

		const versionId = before!.lesson.versionId
		const lessonId = lessonIds['budget-law-basics']!
		expect(await answerKnowledgeCheck(db, { userId: learner.id, lessonId, versionId, checkKey: 'budget-basis', choice: ['E'] })).toEqual({ ok: false, message: '所选答案不在选项中' })
		const wrong = await answerKnowledgeCheck(db, { userId: learner.id, lessonId, versionId, checkKey: 'budget-basis', choice: ['A'] })
		expect(wrong).toMatchObject({ ok: true, result: { correct: false, choice: ['A'], answer: ['B'] } })
		const right = await answerKnowledgeCheck(db, { userId: learner.id, lessonId, versionId, checkKey: 'budget-basis', choice: ['B'] })
		expect(right).toMatchObject({ ok: true, result: { correct: true, answer: ['B'], explanation: expect.stringContaining('未列入预算的不得支出') } })
		expect(await db.knowledgeCheckAnswer.count({ where: { userId: learner.id } })).toBe(2)

		const after = await view('budget-law-basics')
		expect(after?.personal.answered['budget-basis']).toMatchObject({ correct: true, choice: ['B'], answer: ['B'] })
		// Another learner still sees no answer.
		const other = await createPerson(db)
		expect((await view('budget-law-basics', other.id))?.personal.answered).toEqual({})
	})

	test('checks of an unpublished draft cannot be answered', async () => {
		const db = await getDb()
		const draft = await db.lessonVersion.create({
			data: {
				lessonId: lessonIds['budget-law-basics']!,
				version: 99,
				title: '草稿',
				estimatedMinutes: 1,
				source: '',
				contentHash: 'x',
				bodyHash: 'x',
				checks: { create: { key: 'draft-check', prompt: '草稿题', options: '[{"value":"A","label":"甲"}]', answer: '["A"]' } },
			},
		})
		const result = await answerKnowledgeCheck(db, { userId: learner.id, lessonId: lessonIds['budget-law-basics']!, versionId: draft.id, checkKey: 'draft-check', choice: ['A'] })
		expect(result).toEqual({ ok: false, message: '小测不存在或课时已下架' })
		await db.lessonVersion.delete({ where: { id: draft.id } })
	})

	test('completing lessons moves the course from in progress to completed', async () => {
		const db = await getDb()
		const firstDone = await markLessonComplete(db, { userId: learner.id, lessonId: lessonIds['budget-law-basics']! }, new Date('2026-03-02T10:00:00Z'))
		const again = await markLessonComplete(db, { userId: learner.id, lessonId: lessonIds['budget-law-basics']! }, new Date('2026-03-03T10:00:00Z'))
		expect(again?.completedAt).toEqual(firstDone?.completedAt)

		let course = await getCourseForLearner(db, { slug: COURSE, userId: learner.id })
		expect(course?.progress).toMatchObject({ total: 3, completed: 1, percent: 33 })
		expect(course?.resumeLessonSlug).toBe('expenditure-and-procurement')
		let mine = await myLearning(db, learner.id)
		expect(mine.inProgress.map((c) => c.slug)).toEqual([COURSE])
		expect(mine.inProgress[0]).toMatchObject({ continueLessonSlug: 'expenditure-and-procurement' })
		expect(mine.completed).toEqual([])

		await markLessonComplete(db, { userId: learner.id, lessonId: lessonIds['expenditure-and-procurement']! })
		await markLessonComplete(db, { userId: learner.id, lessonId: lessonIds['special-funds-performance']! })
		course = await getCourseForLearner(db, { slug: COURSE, userId: learner.id })
		expect(course?.progress).toMatchObject({ completed: 3, percent: 100 })
		mine = await myLearning(db, learner.id)
		expect(mine.inProgress).toEqual([])
		expect(mine.completed.map((c) => c.slug)).toEqual([COURSE])
	})

	test('assigned courses appear under 我的学习 with their progress, for that learner only', async () => {
		const db = await getDb()
		const mentor = await createPerson(db, { roles: ['mentor'] })
		const target = await db.course.findUniqueOrThrow({ where: { slug: 'economic-responsibility-audit' }, select: { id: true } })
		await assignCourse(db, { userId: learner.id, courseId: target.id, note: '本季度经责专题', dueAt: new Date('2026-06-30T00:00:00Z'), assignedById: mentor.id })
		const mine = await myLearning(db, learner.id)
		expect(mine.assigned).toEqual([
			expect.objectContaining({ slug: 'economic-responsibility-audit', note: '本季度经责专题', progress: expect.objectContaining({ total: 3, completed: 0 }) }),
		])
		expect((await myLearning(db, mentor.id)).assigned).toEqual([])
		expect((await getCourseForLearner(db, { slug: 'economic-responsibility-audit', userId: learner.id }))?.assignment).toMatchObject({ note: '本季度经责专题' })
	})

	test('lessons of unpublished courses record nothing', async () => {
		const db = await getDb()
		await db.course.update({ where: { slug: 'fixed-asset-investment-audit' }, data: { status: 'draft' } })
		const hidden = await db.lesson.findFirstOrThrow({ where: { course: { slug: 'fixed-asset-investment-audit' } }, select: { id: true } })
		expect(await recordLessonHeartbeat(db, { userId: learner.id, lessonId: hidden.id, position: 0, activeSeconds: 0 })).toBeNull()
		expect(await markLessonComplete(db, { userId: learner.id, lessonId: hidden.id })).toBeNull()
		expect(await db.lessonProgress.count({ where: { lessonId: hidden.id } })).toBe(0)
		await db.course.update({ where: { slug: 'fixed-asset-investment-audit' }, data: { status: 'published' } })
	})
})
