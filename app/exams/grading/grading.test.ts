import { expect, test } from 'vitest'
import type { QuestionContentInput } from '#app/exams/bank/question-types.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { gradeAttemptObjective } from './grade-attempt.ts'
import { getGradingItem, gradingProgress, gradingQueue, recordMark } from './manual.server.ts'
import { applyKeyCorrection, previewKeyCorrection } from './regrade.ts'
import { createClosedAttempt, createTestQuestion, createTestRound, createTestUser, uniqueTag } from './test-fixtures.ts'

async function paperQuestions(db: Db, actorId: string) {
	const tag = uniqueTag()
	const common = { topic: 'fiscal' as const, difficulty: 2, points: 1, tags: [tag] }
	const make = async (input: QuestionContentInput) => (await createTestQuestion(db, input, { actorId })).versionId
	return {
		single: await make({ ...common, type: 'single', stem: `${tag} 单选`, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }], answerKey: 'B' }),
		multiple: await make({
			...common,
			type: 'multiple',
			stem: `${tag} 多选`,
			options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }, { key: 'D', text: '丁' }],
			answerKey: ['A', 'C', 'D'],
		}),
		trueFalse: await make({ ...common, type: 'true_false', stem: `${tag} 判断`, answerKey: false }),
		fill: await make({ ...common, type: 'fill_blank', stem: `${tag} 审计的____、____和效益性`, answerKey: [['真实性'], ['合法性']] }),
		essay: await make({ ...common, type: 'short_answer', stem: `${tag} 简述以拨代支的处理`, answerKey: '参考答案', rubric: '要点一 5 分' }),
		caseStudy: await make({ ...common, type: 'case_analysis', stem: `${tag} 案例`, answerKey: '参考答案', rubric: null }),
	}
}

describeEachProvider('grading', (getDb) => {
	test('objective questions are scored by the round policy; essays leave the attempt manual_pending; grading again changes nothing', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const learner = await createTestUser(db)
		const v = await paperQuestions(db, admin.id)
		const round = await createTestRound(db, { multipleChoicePolicy: 'partial', partialCreditRatio: 0.5, fillBlankOrderInsensitive: true })
		const attempt = await createClosedAttempt(db, {
			roundId: round.id,
			userId: learner.id,
			answers: [
				{ versionId: v.single, points: 2, answer: 'B' },
				{ versionId: v.multiple, points: 4, answer: ['C', 'A'] },
				{ versionId: v.trueFalse, points: 1, answer: true },
				{ versionId: v.fill, points: 3, answer: ['合法性 ', 'ＸＸ'] },
				{ versionId: v.essay, points: 10, answer: '我的作答' },
				{ versionId: v.caseStudy, points: 20, answer: '   ' },
			],
		})
		const grade = await gradeAttemptObjective(db, attempt.id)
		expect(grade).toMatchObject({ score: 2 + 2 + 0 + 1.5 + 0, gradingStatus: 'manual_pending' })
		const rows = await db.attemptQuestion.findMany({ where: { attemptId: attempt.id }, orderBy: { position: 'asc' } })
		expect(rows.map((r) => [r.autoScore, r.finalScore, r.isCorrect])).toEqual([
			[2, 2, true],
			[2, 2, false],
			[0, 0, false],
			[1.5, 1.5, false],
			[null, null, null],
			[null, 0, null],
		])
		const stored = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })
		expect([stored.score, stored.gradingStatus, stored.gradedAt]).toEqual([5.5, 'manual_pending', null])

		const again = await gradeAttemptObjective(db, attempt.id)
		expect(again.changes).toEqual([])
		expect(again.score).toBe(5.5)
	})

	test('an attempt without essays is complete at once; an open attempt is refused', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const v = await paperQuestions(db, admin.id)
		const round = await createTestRound(db)
		const done = await createClosedAttempt(db, {
			roundId: round.id,
			userId: (await createTestUser(db)).id,
			status: 'expired',
			answers: [
				{ versionId: v.single, points: 2, answer: 'A' },
				{ versionId: v.multiple, points: 4, answer: ['A', 'C'] },
				{ versionId: v.trueFalse, points: 1 , answer: undefined },
			],
		})
		expect(await gradeAttemptObjective(db, done.id)).toMatchObject({ score: 0, gradingStatus: 'complete' })
		expect((await db.attempt.findUniqueOrThrow({ where: { id: done.id } })).gradedAt).toBeInstanceOf(Date)

		const open = await createClosedAttempt(db, { roundId: round.id, userId: (await createTestUser(db)).id, status: 'open', answers: [{ versionId: v.single, points: 2, answer: 'B' }] })
		await expect(gradeAttemptObjective(db, open.id)).rejects.toThrow(/still open/)
	})

	test('one marker: graders see answers without names, mark with a comment, and the attempt completes; every mark is audit-logged', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const lecturer = await createTestUser(db, { name: '李讲师', roles: ['lecturer'] })
		const learner = await createTestUser(db, { name: '王小审' })
		const v = await paperQuestions(db, admin.id)
		const round = await createTestRound(db)
		const attempt = await createClosedAttempt(db, {
			roundId: round.id,
			userId: learner.id,
			answers: [
				{ versionId: v.single, points: 2, answer: 'B' },
				{ versionId: v.essay, points: 10, answer: '核实资金拨付后提出调整建议' },
			],
		})
		await gradeAttemptObjective(db, attempt.id)

		const queue = await gradingQueue(db, { roundId: round.id, graderId: lecturer.id })
		expect(queue.items).toHaveLength(1)
		const [item] = queue.items
		expect(item).toMatchObject({ stageLabel: '待初评', rubric: '要点一 5 分', referenceAnswer: '参考答案', answer: '核实资金拨付后提出调整建议', points: 10, canMark: true, markerNo: 1 })
		expect(item!.label).toMatch(/^答卷 [0-9A-F]{6}$/)
		const serialised = JSON.stringify(queue)
		for (const secret of [learner.id, learner.name, learner.username, attempt.id]) expect(serialised).not.toContain(secret)

		expect(await recordMark(db, { attemptQuestionId: item!.attemptQuestionId, graderId: lecturer.id, score: 11 })).toEqual({
			ok: false,
			fieldErrors: { score: ['分数不能超过本题满分 10'] },
		})
		expect(await recordMark(db, { attemptQuestionId: item!.attemptQuestionId, graderId: lecturer.id, score: 7.25 })).toEqual({
			ok: false,
			fieldErrors: { score: ['分数最多一位小数'] },
		})
		expect(await recordMark(db, { attemptQuestionId: item!.attemptQuestionId, graderId: learner.id, score: 10 })).toEqual({
			ok: false,
			fieldErrors: { form: ['不能评阅自己的答卷'] },
		})

		const marked = await recordMark(db, { attemptQuestionId: item!.attemptQuestionId, graderId: lecturer.id, score: 7.5, comment: '要点基本齐全' })
		expect(marked).toMatchObject({ ok: true, markerNo: 1, attemptScore: 9.5, attemptStatus: 'complete', stage: { stage: 'final', score: 7.5 } })
		const graded = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })
		expect([graded.score, graded.gradingStatus]).toEqual([9.5, 'complete'])
		expect((await gradingQueue(db, { roundId: round.id, graderId: lecturer.id })).items).toEqual([])
		expect((await gradingQueue(db, { roundId: round.id, graderId: lecturer.id, view: 'mine' })).items[0]?.myMark).toEqual({ markerNo: 1, score: 7.5, comment: '要点基本齐全' })

		// Another grader finds nothing left to do on a finalised answer.
		const other = await createTestUser(db, { roles: ['lecturer'] })
		expect(await recordMark(db, { attemptQuestionId: item!.attemptQuestionId, graderId: other.id, score: 3 })).toEqual({
			ok: false,
			fieldErrors: { form: ['该答案已定分，无需再评'] },
		})

		const changed = await recordMark(db, { attemptQuestionId: item!.attemptQuestionId, graderId: lecturer.id, score: 6, comment: '复核后扣分' })
		expect(changed).toMatchObject({ ok: true, attemptScore: 8 })
		const audit = await db.auditLog.findMany({ where: { targetId: item!.attemptQuestionId }, orderBy: { id: 'asc' } })
		expect(audit.map((a) => [a.action, a.actorId])).toEqual([
			['grading.mark.create', lecturer.id],
			['grading.mark.change', lecturer.id],
		])
		expect(JSON.parse(audit[1]!.before!)).toEqual({ score: 7.5, comment: '要点基本齐全' })
		expect(await gradingProgress(db, round.id)).toMatchObject({ total: 1, final: 1, first: 0 })
	})

	test('second marker: blind marking, mean within the threshold, arbitration beyond it, progress per stage', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const [ann, bob, cat] = [await createTestUser(db, { roles: ['lecturer'] }), await createTestUser(db, { roles: ['lecturer'] }), await createTestUser(db, { roles: ['admin'] })]
		const v = await paperQuestions(db, admin.id)
		const round = await createTestRound(db, { secondMarkerEnabled: true, discrepancyThreshold: 2 })
		const attempts = []
		for (const answer of ['答案一', '答案二', '答案三']) {
			const attempt = await createClosedAttempt(db, { roundId: round.id, userId: (await createTestUser(db)).id, answers: [{ versionId: v.essay, points: 10, answer }] })
			await gradeAttemptObjective(db, attempt.id)
			attempts.push(attempt)
		}
		const [near, far, untouched] = attempts.map((a) => a.questions[0]!.id)

		expect(await recordMark(db, { attemptQuestionId: near!, graderId: ann.id, score: 8 })).toMatchObject({ ok: true, markerNo: 1, stage: { stage: 'second' }, attemptStatus: 'manual_pending' })
		expect(await recordMark(db, { attemptQuestionId: far!, graderId: ann.id, score: 9 })).toMatchObject({ ok: true, markerNo: 1 })

		const bobsView = await getGradingItem(db, { attemptQuestionId: near!, graderId: bob.id })
		expect(bobsView?.item).toMatchObject({ stageLabel: '待复评', markerNo: 2, otherMarks: [], canMark: true })
		expect((await gradingQueue(db, { roundId: round.id, graderId: ann.id })).items.map((i) => i.attemptQuestionId)).toEqual([untouched])

		expect(await recordMark(db, { attemptQuestionId: near!, graderId: bob.id, score: 6.5 })).toMatchObject({
			ok: true,
			markerNo: 2,
			stage: { stage: 'final', score: 7.25, by: 'mean' },
			attemptScore: 7.25,
			attemptStatus: 'complete',
		})
		expect(await recordMark(db, { attemptQuestionId: far!, graderId: bob.id, score: 4 })).toMatchObject({ ok: true, markerNo: 2, stage: { stage: 'arbitration', difference: 5 } })
		expect(await gradingProgress(db, round.id)).toMatchObject({ total: 3, first: 1, second: 0, arbitration: 1, final: 1 })

		// The markers cannot arbitrate their own disagreement; a third grader sees both marks.
		expect((await getGradingItem(db, { attemptQuestionId: far!, graderId: ann.id }))?.item).toMatchObject({ markerNo: 1, otherMarks: [] })
		const catsView = await getGradingItem(db, { attemptQuestionId: far!, graderId: cat.id })
		expect(catsView?.item).toMatchObject({ stageLabel: '待仲裁', markerNo: 3, canMark: true })
		expect(catsView?.item.otherMarks.map((m) => [m.markerNo, m.score])).toEqual([
			[1, 9],
			[2, 4],
		])
		expect(await recordMark(db, { attemptQuestionId: far!, graderId: cat.id, score: 7, comment: '仲裁' })).toMatchObject({
			ok: true,
			markerNo: 3,
			stage: { stage: 'final', score: 7, by: 'arbitration' },
			attemptStatus: 'complete',
		})
		expect(await gradingProgress(db, round.id)).toMatchObject({ total: 3, first: 1, arbitration: 0, final: 2 })
	})

	test('two graders marking the same answer at once never both become the first marker', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const v = await paperQuestions(db, admin.id)
		const round = await createTestRound(db)
		const attempt = await createClosedAttempt(db, { roundId: round.id, userId: (await createTestUser(db)).id, answers: [{ versionId: v.essay, points: 10, answer: '作答' }] })
		await gradeAttemptObjective(db, attempt.id)
		const graders = [await createTestUser(db, { roles: ['lecturer'] }), await createTestUser(db, { roles: ['lecturer'] })]
		const results = await Promise.all(graders.map((g, i) => recordMark(db, { attemptQuestionId: attempt.questions[0]!.id, graderId: g.id, score: 5 + i })))
		expect(results.filter((r) => r.ok)).toHaveLength(1)
		const refused = results.find((r) => !r.ok)
		expect(['该答案已定分，无需再评', '其他评阅人刚刚评阅了此答案，请刷新后重试']).toContain(refused && !refused.ok ? refused.fieldErrors.form?.[0] : null)
		expect(await db.gradingMark.count({ where: { attemptQuestionId: attempt.questions[0]!.id } })).toBe(1)
	})

	test('regrade after a key correction: preview shows the differences and writes nothing; applying re-scores and audit-logs', async () => {
		const db = await getDb()
		const admin = await createTestUser(db, { roles: ['admin'] })
		const v = await paperQuestions(db, admin.id)
		const round = await createTestRound(db)
		const people = [await createTestUser(db, { name: '甲' }), await createTestUser(db, { name: '乙' }), await createTestUser(db, { name: '丙' })]
		const answers = ['B', 'A', undefined]
		const attempts = []
		for (const [i, person] of people.entries()) {
			const attempt = await createClosedAttempt(db, {
				roundId: round.id,
				userId: person.id,
				answers: [
					{ versionId: v.single, points: 2, answer: answers[i] },
					{ versionId: v.trueFalse, points: 1, answer: false },
				],
			})
			await gradeAttemptObjective(db, attempt.id)
			attempts.push(attempt)
		}
		const stillOpen = await createClosedAttempt(db, { roundId: round.id, userId: (await createTestUser(db)).id, status: 'open', answers: [{ versionId: v.single, points: 2, answer: 'A' }] })

		expect(await previewKeyCorrection(db, { versionId: v.single, answerKey: 'B' })).toEqual({ ok: false, fieldErrors: { answerKey: ['新答案与原答案相同'] } })
		expect(await previewKeyCorrection(db, { versionId: v.single, answerKey: 'E' })).toEqual({ ok: false, fieldErrors: { answerKey: ['答案不在选项范围内'] } })
		expect(await previewKeyCorrection(db, { versionId: v.essay, answerKey: '新参考答案' })).toMatchObject({ ok: false })

		const preview = await previewKeyCorrection(db, { versionId: v.single, answerKey: 'A' })
		expect(preview).toMatchObject({ ok: true, before: 'B', after: 'A', affectedAttempts: 3 })
		const expected = [
			{ userName: '甲', questionBefore: 2, questionAfter: 0, totalBefore: 3, totalAfter: 1 },
			{ userName: '乙', questionBefore: 0, questionAfter: 2, totalBefore: 1, totalAfter: 3 },
		]
		if (!preview.ok) throw new Error('preview')
		expect(preview.differences.map(({ userName, questionBefore, questionAfter, totalBefore, totalAfter }) => ({ userName, questionBefore, questionAfter, totalBefore, totalAfter })).sort((a, b) => a.userName.localeCompare(b.userName, 'zh-CN'))).toEqual(expected)
		expect((await db.attempt.findUniqueOrThrow({ where: { id: attempts[0]!.id } })).score).toBe(3)
		expect((await db.questionVersion.findUniqueOrThrow({ where: { id: v.single } })).answerKey).toBe('"B"')

		expect(await applyKeyCorrection(db, { versionId: v.single, answerKey: 'A', actorId: admin.id, reason: ' ' })).toEqual({ ok: false, fieldErrors: { reason: ['请填写更正原因'] } })
		const applied = await applyKeyCorrection(db, { versionId: v.single, answerKey: 'A', actorId: admin.id, reason: '原答案录入错误' })
		expect(applied).toMatchObject({ ok: true, affectedAttempts: 3 })
		expect((await db.questionVersion.findUniqueOrThrow({ where: { id: v.single } })).answerKey).toBe('"A"')
		const scores = await db.attempt.findMany({ where: { id: { in: attempts.map((a) => a.id) } }, select: { id: true, score: true } })
		expect(attempts.map((a) => scores.find((s) => s.id === a.id)?.score)).toEqual([1, 3, 1])
		expect((await db.attempt.findUniqueOrThrow({ where: { id: stillOpen.id } })).score).toBeNull()

		const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'grading.regrade.key_correction', targetId: v.single } })
		expect(audit.actorId).toBe(admin.id)
		expect(audit.summary).toBe('更正第 1 版答案：B → A；重新评分 3 份答卷，2 份得分变化。原因：原答案录入错误')
		expect(JSON.parse(audit.after!).differences).toHaveLength(2)
	})
})
