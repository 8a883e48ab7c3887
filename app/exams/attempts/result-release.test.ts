// Issue 8 item 3: when scores show is the round's decision. Before release neither the result
// nor the exams list carries a score or a mark; after it, the objective part shows at once
// while essays are still being marked. Settings changes are validated in Chinese and audited.
import { expect, test } from 'vitest'
import { recordMark } from '#app/exams/grading/manual.server.ts'
import { listRoundsForLearner } from '#app/exams/rounds/learner-rounds.ts'
import { toChinaDateTimeLocal } from '#app/exams/timing/china-time.ts'
import { getRoundForAdmin, updateRoundSettings } from '#app/exams/rounds/round-admin.ts'
import { parseRoundSettings, type FormValues } from '#app/exams/rounds/round-settings.ts'
import { createBankQuestions, createPerson, createRound, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { getAttemptResult } from './results.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/** No score, total, objective part or mark anywhere in the serialised response. */
function expectNoScore(value: unknown) {
	const json = JSON.stringify(value)
	expect(json).not.toMatch(/"score":\d/)
	expect(json).not.toMatch(/"objective":\{/)
	expect(json).not.toMatch(/"marks":\[/)
}

describeEachProvider('result release', (getDb) => {
	/**
	 * A round of two singles (2 points each) and an essay (10), closing at minute 120, review at
	 * minute 500 unless said otherwise (without a review time the review opens with the close,
	 * and "after the close" and "with the review" fall together). Each test uses its own
	 * difficulty, so one test's open round is not another's embargo (ADR 038).
	 */
	async function roundWithEssay(db: Db, difficulty: number, release: { scoreRelease: string; marksRelease: string; reviewOpensAt?: Date }) {
		await createBankQuestions(db, 'single', 2, { topic: 'general', difficulty })
		await createBankQuestions(db, 'short_answer', 1, { topic: 'general', difficulty })
		const round = await createRound(db, T0, {
			closesAt: at(120),
			reviewOpensAt: release.reviewOpensAt ?? at(500),
			shuffleQuestions: false,
			rules: [
				{ topic: 'general', type: 'single', difficulty, count: 2, pointsEach: 2 },
				{ topic: 'general', type: 'short_answer', difficulty, count: 1, pointsEach: 10 },
			],
		})
		await db.round.update({ where: { id: round.id }, data: { scoreRelease: release.scoreRelease, marksRelease: release.marksRelease } })
		const grader = await createPerson(db, { roles: ['lecturer'] })
		return { round, grader }
	}

	async function markEssay(db: Db, attemptId: string, graderId: string, score: number, now: Date) {
		const essay = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, questionVersion: { type: 'short_answer' } }, select: { id: true } })
		const marked = await recordMark(db, { attemptQuestionId: essay.id, graderId, score }, now)
		if (!marked.ok) throw new Error(JSON.stringify(marked))
	}

	test('after the window closes (the 技能比武 default): nothing before, even fully graded; then the total and the marks', async () => {
		const db = await getDb()
		const { round, grader } = await roundWithEssay(db, 1, { scoreRelease: 'after_close', marksRelease: 'after_close' })
		const person = await createPerson(db)
		// Right on the first single, wrong on the second; essay answered.
		const attemptId = await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: (p) => p !== 2 })
		await markEssay(db, attemptId, grader.id, 7, at(30))
		expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).gradingStatus).toBe('complete')

		const before = await getAttemptResult(db, { attemptId, userId: person.id, now: at(60) })
		expect(before).toMatchObject({ scoreReleased: false, score: null, objective: null, marks: null, review: null })
		expect(before!.scoreReleaseAt).toBe(new Date(at(120).getTime() + SAVE_GRACE_MS).toISOString())
		expectNoScore(before)
		const listed = await listRoundsForLearner(db, { candidate: person, now: at(60), roundId: round.id })
		expect(listed[0]!.attempts[0]).toMatchObject({ score: null, scoreReleased: false })
		expectNoScore(listed)

		const after = await getAttemptResult(db, { attemptId, userId: person.id, now: at(121) })
		expect(after).toMatchObject({ scoreReleased: true, score: 9, maxScore: 14, objective: null })
		expect(after!.marks).toEqual([
			{ position: 1, type: 'single', points: 2, score: 2, withheld: false },
			{ position: 2, type: 'single', points: 2, score: 0, withheld: false },
			{ position: 3, type: 'short_answer', points: 10, score: 7, withheld: false },
		])
		// Marks are no key: the review (and with it the key) waits for its own time.
		expect(after!.review).toBeNull()
		const listedAfter = await listRoundsForLearner(db, { candidate: person, now: at(121), roundId: round.id })
		expect(listedAfter[0]!.attempts[0]).toMatchObject({ score: 9, scoreReleased: true })
	})

	test('a person with extra time holds the release back for everyone until they cannot answer any more', async () => {
		const db = await getDb()
		const { round } = await roundWithEssay(db, 2, { scoreRelease: 'after_close', marksRelease: 'after_close' })
		const person = await createPerson(db)
		const late = await createPerson(db)
		await db.accommodation.create({ data: { roundId: round.id, userId: late.id, extraMinutes: 30 } })
		const attemptId = await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: () => true })
		const during = await getAttemptResult(db, { attemptId, userId: person.id, now: at(130) })
		expect(during).toMatchObject({ scoreReleased: false, objective: null })
		expectNoScore(during)
		expect(during!.scoreReleaseAt).toBe(new Date(at(150).getTime() + SAVE_GRACE_MS).toISOString())
	})

	test('released while the essay awaits its grader: the objective part at once (客观题 2/4), the essay 阅卷中', async () => {
		const db = await getDb()
		const { round } = await roundWithEssay(db, 3, { scoreRelease: 'immediately', marksRelease: 'after_close' })
		const person = await createPerson(db)
		const attemptId = await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: (p) => p === 1 })
		const now = at(12)
		const result = await getAttemptResult(db, { attemptId, userId: person.id, now })
		expect(result).toMatchObject({ gradingStatus: 'manual_pending', scoreReleased: true, score: null, objective: { score: 2, max: 4 }, marks: null })
		// Marks wait for the close, though the total does not.
		expect(result!.marksReleaseAt).toBe(new Date(at(120).getTime() + SAVE_GRACE_MS).toISOString())
		const later = await getAttemptResult(db, { attemptId, userId: person.id, now: at(121) })
		expect(later!.marks!.map((m) => m.score)).toEqual([2, 0, null])
	})

	test('when the review opens: nothing after the close, everything with the review', async () => {
		const db = await getDb()
		const { round, grader } = await roundWithEssay(db, 4, { scoreRelease: 'with_review', marksRelease: 'with_review', reviewOpensAt: at(300) })
		const person = await createPerson(db)
		const attemptId = await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: () => true })
		await markEssay(db, attemptId, grader.id, 10, at(30))
		const closed = await getAttemptResult(db, { attemptId, userId: person.id, now: at(200) })
		expect(closed).toMatchObject({ scoreReleased: false, scoreReleaseAt: at(300).toISOString() })
		expectNoScore(closed)
		const reviewed = await getAttemptResult(db, { attemptId, userId: person.id, now: at(301) })
		expect(reviewed).toMatchObject({ score: 14, marks: null })
		expect(reviewed!.review!.map((q) => q.score)).toEqual([2, 2, 10])
	})

	test("released marks hold back the questions another open round can still draw (ADR 038), not the round's own", async () => {
		const db = await getDb()
		const { round } = await roundWithEssay(db, 5, { scoreRelease: 'after_close', marksRelease: 'after_close' })
		const person = await createPerson(db)
		const attemptId = await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: () => true })
		// Another round, open until minute 600, draws the same difficulty-5 singles (not the essay).
		await createRound(db, T0, { opensAt: at(100), closesAt: at(600), rules: [{ topic: 'general', type: 'single', difficulty: 5, count: 1, pointsEach: 2 }] })
		const result = await getAttemptResult(db, { attemptId, userId: person.id, now: at(121) })
		expect(result!.marks).toEqual([
			{ position: 1, type: 'single', points: 2, score: null, withheld: true },
			{ position: 2, type: 'single', points: 2, score: null, withheld: true },
			{ position: 3, type: 'short_answer', points: 10, score: null, withheld: false },
		])
	})

	test('settings: two release choices with Chinese errors, marks never before the total, changes audited', async () => {
		const db = await getDb()
		const admin = await createPerson(db, { roles: ['admin'] })
		const round = await createRound(db, T0, { status: 'draft' })
		expect(round.scoreRelease).toBe('after_close')
		const form = (overrides: FormValues): FormValues => ({
			title: '成绩公布测试',
			opensAt: toChinaDateTimeLocal(at(-60)),
			closesAt: toChinaDateTimeLocal(at(180)),
			reviewOpensAt: '',
			timeLimitMinutes: '60',
			attemptsAllowed: '1',
			multipleChoicePolicy: 'all_or_nothing',
			partialCreditRatio: '50',
			instructions: '',
			ruleTopic: ['fiscal'],
			ruleType: ['single'],
			ruleDifficulty: [''],
			ruleCount: ['2'],
			rulePoints: ['2'],
			...overrides,
		})
		expect(parseRoundSettings(form({ scoreRelease: 'whenever', marksRelease: '' }))).toEqual({
			ok: false,
			fieldErrors: { scoreRelease: ['请选择成绩公布时间'], marksRelease: ['请选择每题得分公布时间'] },
		})
		expect(parseRoundSettings(form({ scoreRelease: 'with_review', marksRelease: 'immediately' }))).toEqual({
			ok: false,
			fieldErrors: { marksRelease: ['每题得分的公布时间不能早于总分的公布时间'] },
		})
		const parsed = parseRoundSettings(form({ scoreRelease: 'immediately', marksRelease: 'with_review' }))
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors))
		expect(await updateRoundSettings(db, { roundId: round.id, settings: parsed.settings, actorId: admin.id, now: T0 })).toMatchObject({ ok: true, warnings: expect.any(Array) })
		expect(await getRoundForAdmin(db, round.id, T0)).toMatchObject({ scoreRelease: 'immediately', marksRelease: 'with_review' })
		const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'round.update', targetId: round.id } })
		expect(JSON.parse(audit.before!)).toMatchObject({ scoreRelease: 'after_close', marksRelease: 'after_close' })
		expect(JSON.parse(audit.after!)).toMatchObject({ scoreRelease: 'immediately', marksRelease: 'with_review' })
	})
})
