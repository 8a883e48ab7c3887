import { expect, test } from 'vitest'
import { createClosedAttempt, createTestRound, createTestUser, uniqueTag } from '#app/exams/grading/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { chinaDate } from './regulation-format.ts'
import { createQuestion, getQuestionForEditing, isUniqueViolationOn, lockQuestionVersions, setQuestionStatus, updateQuestion } from './questions.ts'
import { listQuestions, parseQuestionFilter } from './search.ts'

function singleChoice(stem: string, tags: string[] = []) {
	return {
		type: 'single' as const,
		topic: 'fiscal' as const,
		difficulty: 2,
		points: 2,
		stem,
		options: [
			{ key: 'A' as const, text: '超预算支出' },
			{ key: 'B' as const, text: '按预算支出' },
		],
		answerKey: 'A',
		explanation: '解析',
		tags,
	}
}

describeEachProvider('question bank', (getDb) => {
	test('creating validates per type and refuses a duplicate stem, whatever its width and spacing', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const stem = `${uniqueTag()} 下列属于无预算支出的是（ ）`
		const created = await createQuestion(db, { input: singleChoice(stem), actorId: admin.id })
		expect(created).toMatchObject({ ok: true, versionNo: 1 })

		const fullWidth = stem.replace(/ /g, '　').replace('（ ）', '（　　）')
		expect(await createQuestion(db, { input: singleChoice(fullWidth), actorId: admin.id })).toEqual({
			ok: false,
			fieldErrors: { stem: ['题库中已有相同题干的题目'] },
		})
		expect(await createQuestion(db, { input: { ...singleChoice(`${uniqueTag()}题`), answerKey: 'C' }, actorId: admin.id })).toEqual({
			ok: false,
			fieldErrors: { answerKey: ['答案不在选项范围内'] },
		})
		const log = await db.auditLog.findFirst({ where: { action: 'bank.question.create', targetId: created.ok ? created.questionId : '' } })
		expect(log?.actorId).toBe(admin.id)
	})

	test('two people saving the same stem at once: one question is created, the other is told it is a duplicate', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const stem = `${uniqueTag()} 同时录入的题目（ ）`
		const results = await Promise.all([0, 1, 2].map(() => createQuestion(db, { input: singleChoice(stem), actorId: admin.id })))
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		expect(results.filter((r) => !r.ok)).toEqual([
			{ ok: false, fieldErrors: { stem: ['题库中已有相同题干的题目'] } },
			{ ok: false, fieldErrors: { stem: ['题库中已有相同题干的题目'] } },
		])
	})

	test('the database refusal of a duplicate stem is recognised from model and raw statements', async () => {
		const db = await getDb()
		const existing = await db.question.findFirstOrThrow({ select: { stemKey: true } })
		const now = new Date()
		const raw = await db.$executeRaw`INSERT INTO "Question" ("id", "status", "topic", "type", "difficulty", "stemKey", "createdAt", "updatedAt") VALUES (${uniqueTag('q')}, 'draft', 'fiscal', 'single', 1, ${existing.stemKey}, ${now}, ${now})`.catch((e: unknown) => e)
		const model = await db.question.create({ data: { topic: 'fiscal', type: 'single', difficulty: 1, stemKey: existing.stemKey } }).catch((e: unknown) => e)
		expect([isUniqueViolationOn(raw, 'stemKey'), isUniqueViolationOn(model, 'stemKey'), isUniqueViolationOn(model, 'currentVersionId')]).toEqual([true, true, false])
	})

	test('editing an unanswered question changes it in place; once drawn, an edit makes a new version and the paper keeps the old one', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const stem = `${uniqueTag()} 三公经费审计关注（ ）`
		const created = await createQuestion(db, { input: singleChoice(stem), actorId: admin.id, status: 'active' })
		if (!created.ok) throw new Error('setup')

		const inPlace = await updateQuestion(db, { questionId: created.questionId, input: { ...singleChoice(stem), explanation: '改过的解析' }, actorId: admin.id })
		expect(inPlace).toMatchObject({ ok: true, versionId: created.versionId, versionNo: 1, newVersion: false, changed: true })

		const unchanged = await updateQuestion(db, { questionId: created.questionId, input: { ...singleChoice(stem), explanation: '改过的解析' }, actorId: admin.id })
		expect(unchanged).toMatchObject({ ok: true, changed: false, versionNo: 1 })

		// A paper draws version 1.
		const learner = await createTestUser(db)
		const round = await createTestRound(db)
		await createClosedAttempt(db, { roundId: round.id, userId: learner.id, answers: [{ versionId: created.versionId, points: 2, answer: 'A' }] })
		await lockQuestionVersions(db, [created.versionId])

		const corrected = { ...singleChoice(stem), options: [{ key: 'A' as const, text: '超预算、无预算支出' }, { key: 'B' as const, text: '按预算支出' }] }
		const edited = await updateQuestion(db, { questionId: created.questionId, input: corrected, actorId: admin.id })
		expect(edited).toMatchObject({ ok: true, versionNo: 2, newVersion: true })
		if (!edited.ok) return
		expect(edited.versionId).not.toBe(created.versionId)

		const oldVersion = await db.questionVersion.findUniqueOrThrow({ where: { id: created.versionId } })
		expect(JSON.parse(oldVersion.options)[0].text).toBe('超预算支出')
		const attemptRow = await db.attemptQuestion.findFirstOrThrow({ where: { attempt: { userId: learner.id } } })
		expect(attemptRow.questionVersionId).toBe(created.versionId)

		const editing = await getQuestionForEditing(db, created.questionId)
		expect(editing?.currentVersionNo).toBe(2)
		expect(editing?.versions.map((v) => [v.version, v.locked, v.answeredCount])).toEqual([
			[2, false, 0],
			[1, true, 1],
		])

		// Version 2 is not drawn yet: the next edit stays on it.
		const again = await updateQuestion(db, { questionId: created.questionId, input: { ...corrected, difficulty: 3 }, actorId: admin.id })
		expect(again).toMatchObject({ ok: true, versionNo: 2, newVersion: false })
		expect(await db.auditLog.count({ where: { targetId: created.questionId, action: 'bank.question.new_version' } })).toBe(1)
	})

	test('an answered version is never edited in place even when lockedAt was not set', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const stem = `${uniqueTag()} 未设置锁定时间的题`
		const created = await createQuestion(db, { input: singleChoice(stem), actorId: admin.id, status: 'active' })
		if (!created.ok) throw new Error('setup')
		const round = await createTestRound(db)
		await createClosedAttempt(db, { roundId: round.id, userId: (await createTestUser(db)).id, answers: [{ versionId: created.versionId, points: 2, answer: 'B' }] })

		const edited = await updateQuestion(db, { questionId: created.questionId, input: { ...singleChoice(stem), answerKey: 'B' }, actorId: admin.id })
		expect(edited).toMatchObject({ ok: true, newVersion: true, versionNo: 2 })
		expect((await db.questionVersion.findUniqueOrThrow({ where: { id: created.versionId } })).answerKey).toBe('"A"')

		const typeChange = await updateQuestion(db, {
			questionId: created.questionId,
			input: { ...singleChoice(stem), type: 'multiple', answerKey: ['A', 'B'] },
			actorId: admin.id,
		})
		expect(typeChange).toEqual({ ok: false, fieldErrors: { type: ['已被作答的题目不能更改题型，请新建题目'] } })
	})

	test('search filters by topic, type, difficulty, status, tag, text and review flag, with pages', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const tag = uniqueTag('标签')
		const ids: string[] = []
		for (let i = 0; i < 5; i++) {
			const result = await createQuestion(db, {
				input: {
					...singleChoice(`${tag} 第${i}题 关于预算调整`, [tag]),
					difficulty: i < 3 ? 2 : 4,
					regulation: i === 4 ? { name: '旧办法', article: '第一条', effectiveFrom: null, expiresAt: chinaDate(2020, 1, 1) } : null,
				},
				actorId: admin.id,
				status: i === 0 ? 'draft' : 'active',
			})
			if (result.ok) ids.push(result.questionId)
		}
		const filter = (query: string) => parseQuestionFilter(new URLSearchParams(query))

		expect((await listQuestions(db, filter(`tag=${tag}`))).total).toBe(5)
		expect((await listQuestions(db, filter(`tag=${tag}&difficulty=4`))).total).toBe(2)
		expect((await listQuestions(db, filter(`tag=${tag}&status=draft`))).items.map((i) => i.id)).toEqual([ids[0]])
		expect((await listQuestions(db, filter(`tag=${tag}&topic=economic_responsibility`))).total).toBe(0)
		expect((await listQuestions(db, filter(`tag=${tag}&type=single&q=第3题`))).items.map((i) => i.id)).toEqual([ids[3]])
		const flagged = await listQuestions(db, filter(`tag=${tag}&flagged=1`))
		expect(flagged.items.map((i) => [i.id, i.flagged])).toEqual([[ids[4], true]])

		const page1 = await listQuestions(db, filter(`tag=${tag}&pageSize=2`))
		const page3 = await listQuestions(db, filter(`tag=${tag}&pageSize=2&page=3`))
		expect([page1.items.length, page3.items.length, page1.pageCount]).toEqual([2, 1, 3])
		expect(new Set([...page1.items, ...page3.items].map((i) => i.id)).size).toBe(3)

		// A bad value is dropped, not a failed page.
		const cleaned = filter(`difficulty=9&type=essay&page=-1&tag=${tag}`)
		expect([cleaned.difficulty, cleaned.type, cleaned.page, cleaned.tag]).toEqual([undefined, undefined, 1, tag])

		expect(await setQuestionStatus(db, { questionIds: ids.slice(0, 2), status: 'retired', actorId: admin.id })).toEqual({ updated: 2 })
		expect((await listQuestions(db, filter(`tag=${tag}&status=retired`))).total).toBe(2)
	})
})
