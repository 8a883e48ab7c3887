// The answer key, rubric and 解析 never reach a learner before their review opens: every
// learner-facing domain response is serialised and scanned (the route test does the same
// over HTTP).
import { expect, test } from 'vitest'
import { createBankQuestions, createPerson, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { listRoundsForLearner } from '#app/exams/rounds/learner-rounds.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { getAttemptClock, getLearnerAttempt } from './learner-paper.ts'
import { getAttemptResult } from './results.ts'
import { saveAnswer } from './save-answer.server.ts'
import { startAttempt } from './start-attempt.server.ts'
import { submitAttempt } from './submit-attempt.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/** Field names and the fixtures' key-only texts (see test-fixtures.ts). */
const SECRET = /answerKey|rubric|explanation|keyText|评分要点【|参考答案【|解析【|人民代表大会/

describeEachProvider('key secrecy', (getDb) => {
	test('paper, clock, result and round list carry no key until review opens; then the review does', async () => {
		const db = await getDb()
		for (const type of ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'] as const) await createBankQuestions(db, type, 1)
		const round = await createRound(db, T0, {
			closesAt: at(90),
			rules: (['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'] as const).map((type) => ({ topic: 'fiscal', type, difficulty: null, count: 1, pointsEach: 2 })),
		})
		const person = await createPerson(db)
		const started = await startAttempt(db, { roundId: round.id, candidate: person, now: T0 })
		if (!started.ok) throw new Error(started.message)
		const attemptId = started.attemptId
		const responses: unknown[] = []
		const paper = await getLearnerAttempt(db, { attemptId, userId: person.id, now: at(1) })
		responses.push(paper)
		// Answers name options as the page does, by the paper's opaque ids (ADR 037).
		const [single, multiple] = paper!.questions
		responses.push(await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 1, answer: single!.options[0]!.id }, now: at(2) }))
		responses.push(await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 1, answer: single!.options[2]!.id }, now: at(2) }))
		responses.push(await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 2, answer: 'B' }, now: at(2) }))
		responses.push(await getAttemptClock(db, { attemptId, userId: person.id, now: at(3) }))
		responses.push(await submitAttempt(db, { attemptId, userId: person.id, now: at(4) }))
		responses.push(await saveAnswer(db, { attemptId, userId: person.id, request: { position: 2, seq: 5, answer: [multiple!.options[0]!.id] }, now: at(5) }))
		const beforeReview = await getAttemptResult(db, { attemptId, userId: person.id, now: at(60) })
		responses.push(beforeReview)
		responses.push(await listRoundsForLearner(db, { candidate: person, now: at(60) }))
		for (const response of responses) expect(JSON.stringify(response)).not.toMatch(SECRET)
		expect(beforeReview?.review).toBeNull()

		const afterReview = await getAttemptResult(db, { attemptId, userId: person.id, now: at(91) })
		expect(afterReview?.review).toHaveLength(5)
		expect(JSON.stringify(afterReview)).toMatch(/解析【/)
		// The rubric is for graders; even the review does not show it.
		expect(JSON.stringify(afterReview)).not.toMatch(/评分要点【/)
	})
})
