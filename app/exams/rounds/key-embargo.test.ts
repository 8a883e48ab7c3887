// Issue 8 item 2: a question reviewed in round A that is also in the pool of round B (open,
// upcoming or not yet reviewed) is served with its key nowhere — practice, 错题本, A's
// review — until B's review opens; and a round's draw warns when a rule can only be filled
// from questions whose keys are already public.
import { expect, test } from 'vitest'
import { getAttemptResult } from '#app/exams/attempts/results.ts'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { recordMark } from '#app/exams/grading/manual.server.ts'
import { listMistakes } from '#app/exams/practice/mistakes.ts'
import { answerPracticeQuestion, essayReference, getPracticeOverview, nextPracticeQuestion } from '#app/exams/practice/practice.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { embargoedQuestionIds } from './key-embargo.ts'
import { getRoundForAdmin } from './round-admin.ts'
import { createBankQuestions, createPerson, createRound, sitRound } from './test-fixtures.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
/** Round A reviewed, round B open: the moment the attack was made. */
const DURING_B = at(200)
/** Round B closed and reviewed too. */
const AFTER_B = at(700)

describeEachProvider('key embargo', (getDb) => {
	let scenario: ReturnType<typeof buildScenario> | undefined
	// One scenario per database: embargoes are global, so the tests share it rather than race it.
	const setup = () => (scenario ??= getDb().then(buildScenario))

	async function buildScenario(db: Db) {
		const shared = await createBankQuestions(db, 'single', 3, { topic: 'fiscal', difficulty: 3 })
		const fresh = await createBankQuestions(db, 'single', 2, { topic: 'fiscal', difficulty: 2 })
		const other = await createBankQuestions(db, 'single', 3, { topic: 'economic_responsibility' })
		const essays = await createBankQuestions(db, 'short_answer', 1, { topic: 'fiscal', difficulty: 3 })
		// Round A: every fiscal difficulty-3 single, the fiscal essay and the three 经责 singles; reviewed from minute 120.
		const roundA = await createRound(db, T0, {
			closesAt: at(120),
			rules: [
				{ topic: 'fiscal', type: 'single', difficulty: 3, count: 3, pointsEach: 2 },
				{ topic: 'fiscal', type: 'short_answer', difficulty: 3, count: 1, pointsEach: 10 },
				{ topic: 'economic_responsibility', type: 'single', difficulty: null, count: 3, pointsEach: 2 },
			],
		})
		const learner = await createPerson(db)
		// Everything answered wrong, so every question of A is a 错题.
		const attemptA = await sitRound(db, { roundId: roundA.id, person: learner, startAt: at(10), isRight: () => false })
		const grader = await createPerson(db, { roles: ['lecturer'] })
		const essayAnswer = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId: attemptA, questionVersion: { type: 'short_answer' } }, select: { id: true } })
		const marked = await recordMark(db, { attemptQuestionId: essayAnswer.id, graderId: grader.id, score: 3 }, at(130))
		if (!marked.ok || marked.attemptStatus !== 'complete') throw new Error(JSON.stringify(marked))
		// Round B draws from the same fiscal difficulty-3 singles; open from minute 100 to 600.
		const roundB = await createRound(db, T0, {
			opensAt: at(100),
			closesAt: at(600),
			rules: [{ topic: 'fiscal', type: 'single', difficulty: 3, count: 2, pointsEach: 2 }],
		})
		const sitter = await createPerson(db)
		const started = await startAttempt(db, { roundId: roundB.id, candidate: sitter, now: at(150) })
		if (!started.ok) throw new Error(started.message)
		const openPaper = await db.attemptQuestion.findMany({ where: { attemptId: started.attemptId }, select: { questionVersion: { select: { questionId: true } } } })
		return {
			db,
			learner,
			attemptA,
			roundB,
			shared: shared.map((q) => q.questionId),
			fresh: fresh.map((q) => q.questionId),
			other: other.map((q) => q.questionId),
			essay: essays[0]!.questionId,
			openPaper: openPaper.map((q) => q.questionVersion.questionId),
		}
	}

	test('the embargo is the pool of every published round whose review is not open, and lifts with its review', async () => {
		const { db, shared, fresh, other, openPaper } = await setup()
		const during = await embargoedQuestionIds(db, DURING_B)
		expect(openPaper).toHaveLength(2)
		for (const id of [...shared, ...openPaper]) expect(during.has(id), id).toBe(true)
		for (const id of [...fresh, ...other]) expect(during.has(id), id).toBe(false)
		const after = await embargoedQuestionIds(db, AFTER_B)
		for (const id of shared) expect(after.has(id)).toBe(false)
	})

	test('a question already on an open paper stays embargoed after its topic is edited out of the rule', async () => {
		const { db, openPaper } = await setup()
		const moved = openPaper[0]!
		await db.question.update({ where: { id: moved }, data: { topic: 'general' } })
		try {
			expect((await embargoedQuestionIds(db, DURING_B)).has(moved)).toBe(true)
		} finally {
			await db.question.update({ where: { id: moved }, data: { topic: 'fiscal' } })
		}
	})

	test("A's review withholds key, 解析 and mark of the questions in B's pool, and shows them once B is reviewed", async () => {
		const { db, learner, attemptA } = await setup()
		const during = await getAttemptResult(db, { attemptId: attemptA, userId: learner.id, now: DURING_B })
		const review = during!.review!
		expect(review).toHaveLength(7)
		const withheld = review.filter((q) => q.withheld)
		// The three shared fiscal singles; the essay and the 经责 questions are in no open pool.
		expect(withheld).toHaveLength(3)
		expect(withheld.every((q) => q.type === 'single' && q.keyText === '' && q.explanation === '' && q.score === null && q.isCorrect === null)).toBe(true)
		expect(JSON.stringify(withheld)).not.toMatch(/解析【/)
		expect(review.filter((q) => !q.withheld).every((q) => q.keyText !== '' && q.explanation.startsWith('解析'))).toBe(true)

		const after = await getAttemptResult(db, { attemptId: attemptA, userId: learner.id, now: AFTER_B })
		expect(after!.review!.filter((q) => q.withheld)).toEqual([])
	})

	test('the 错题本 leaves out the missed questions of an open pool until that round is reviewed', async () => {
		const { db, learner, shared, other, essay } = await setup()
		const during = await listMistakes(db, { userId: learner.id, now: DURING_B })
		expect(new Set(during.map((m) => m.questionId))).toEqual(new Set([...other, essay]))
		expect(JSON.stringify(during)).not.toContain(shared[0]!)
		const after = await listMistakes(db, { userId: learner.id, now: AFTER_B })
		expect(new Set(after.map((m) => m.questionId))).toEqual(new Set([...other, essay, ...shared]))
	})

	test('practice never offers, counts or answers a question of an open pool, card or not; the questions of an open paper least of all', async () => {
		const { db, learner, shared, other, essay, openPaper } = await setup()
		const overview = await getPracticeOverview(db, { userId: learner.id, now: DURING_B })
		const fiscal = overview.topics.find((t) => t.topic === 'fiscal')
		// Only the essay: the three shared singles are missed (their cards exist) but embargoed.
		expect(fiscal).toMatchObject({ cards: 1, due: 1, mistakesDue: 1, fresh: 0 })

		for (const questionId of openPaper) {
			const answered = await answerPracticeQuestion(db, { userId: learner.id, input: { questionId, answer: 'B', selfRating: null }, now: DURING_B })
			expect(answered).toEqual({ ok: false, message: '这道题暂不开放练习。' })
		}
		const offered: string[] = []
		for (let i = 0; i < 20; i++) {
			const next = await nextPracticeQuestion(db, { userId: learner.id, topic: null, now: DURING_B })
			if (!next) break
			offered.push(next.questionId)
			const input = { questionId: next.questionId, answer: null, selfRating: next.type === 'short_answer' ? ('good' as const) : null }
			const feedback = await answerPracticeQuestion(db, { userId: learner.id, input, now: DURING_B })
			expect(feedback.ok).toBe(true)
		}
		expect(new Set(offered)).toEqual(new Set([...other, essay]))
		expect(await essayReference(db, { userId: learner.id, questionId: essay, now: DURING_B })).not.toBeNull()

		// Once B is reviewed the shared questions come back as due 错题.
		const later: string[] = []
		for (let i = 0; i < 20; i++) {
			const next = await nextPracticeQuestion(db, { userId: learner.id, topic: 'fiscal', now: AFTER_B })
			if (!next) break
			later.push(next.questionId)
			const input = { questionId: next.questionId, answer: null, selfRating: next.type === 'short_answer' ? ('easy' as const) : null }
			await answerPracticeQuestion(db, { userId: learner.id, input, now: AFTER_B })
		}
		for (const id of shared) expect(later).toContain(id)
	})

	test('the draw warns (in Chinese, naming the rule) when a rule can only be filled from questions whose keys are public', async () => {
		const { db } = await setup()
		// 5 fiscal singles, 3 of them public through A's review; the 3 经责 singles all public.
		const warned = await createRound(db, T0, {
			status: 'draft',
			opensAt: at(800),
			closesAt: at(900),
			rules: [
				{ topic: 'fiscal', type: 'single', difficulty: null, count: 4, pointsEach: 2 },
				{ topic: 'economic_responsibility', type: 'single', difficulty: null, count: 2, pointsEach: 2 },
			],
		})
		const admin = await getRoundForAdmin(db, warned.id, DURING_B)
		expect(admin!.shortages).toEqual([])
		expect(admin!.publicKeyWarnings).toEqual([
			{ position: 1, message: expect.stringMatching(/^抽题规则 1（财政 · 单选 · 任意难度）需要 4 道题，答案尚未公开的题目仅有 2 道，其余须从答案已公开/) },
			{ position: 2, message: expect.stringMatching(/^抽题规则 2（经责 · 单选 · 任意难度）的 2 道题只能从答案已公开/) },
		])

		const clean = await createRound(db, T0, {
			status: 'draft',
			opensAt: at(800),
			closesAt: at(900),
			rules: [{ topic: 'fiscal', type: 'single', difficulty: 2, count: 2, pointsEach: 2 }],
		})
		expect((await getRoundForAdmin(db, clean.id, DURING_B))!.publicKeyWarnings).toEqual([])
	})
})
