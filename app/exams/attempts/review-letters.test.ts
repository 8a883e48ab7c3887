// Issue 11 item 2: a review (and the 错题本) must never contradict itself. Options are shuffled
// per person, but explanations name the bank's letters ("A、C、D均为…"), so the key, the options
// and the 解析 are all shown in the bank's letters, each option with the letter the learner saw.
import { expect, test } from 'vitest'
import { createClosedAttempt, createTestRound, createTestUser } from '#app/exams/grading/test-fixtures.ts'
import { seedQuestionBank } from '#app/exams/seed-questions.ts'
import { listMistakes } from '#app/exams/practice/mistakes.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { getAttemptResult } from './results.ts'

/** The seed's 多选 questions whose 解析 lists option letters, e.g. "B、C、D均为…". */
async function letterNamingQuestions(db: Parameters<typeof seedQuestionBank>[0]) {
	await seedQuestionBank(db)
	const versions = await db.questionVersion.findMany({ where: { type: 'multiple' }, select: { id: true, explanation: true, answerKey: true, options: true } })
	return versions.flatMap((version) => {
		const listed = (version.explanation ?? '').match(/[A-H](?:、[A-H])+/)?.[0].split('、')
		return listed ? [{ ...version, listed, keys: (JSON.parse(version.options) as { key: string }[]).map((o) => o.key) }] : []
	})
}

describeEachProvider('a review in the bank’s letters', (getDb) => {
	test('with shuffled options the key, the 解析 and the listed options agree, and each option says how the learner saw it', async () => {
		const db = await getDb()
		const questions = await letterNamingQuestions(db)
		expect(questions.length).toBeGreaterThanOrEqual(2)
		const learner = await createTestUser(db)
		const round = await createTestRound(db)
		const attempt = await createClosedAttempt(db, {
			roundId: round.id,
			userId: learner.id,
			// The learner picked exactly the options the 解析 names.
			answers: questions.map((q) => ({ versionId: q.id, points: 2, answer: q.listed })),
		})
		// Their paper showed every question's options in reverse order: bank A was their D, and so on.
		for (const [index, question] of questions.entries()) {
			await db.attemptQuestion.update({ where: { id: attempt.questions[index]!.id }, data: { optionOrder: JSON.stringify([...question.keys].reverse()) } })
		}

		const result = await getAttemptResult(db, { attemptId: attempt.id, userId: learner.id, now: new Date() })
		expect(result?.review).toHaveLength(questions.length)
		for (const [index, question] of questions.entries()) {
			const reviewed = result!.review![index]!
			expect(reviewed.explanation).toBe(question.explanation)
			// The key is given in the letters the 解析 uses.
			expect(reviewed.keyText).toBe(question.listed.join(''))
			expect(reviewed.options.map((o) => o.label)).toEqual(question.keys)
			// Reversed: bank option i of n stood at place n-1-i on the paper.
			expect(reviewed.options.map((o) => o.seenAs)).toEqual(question.keys.map((_, i) => 'ABCDEFGH'[question.keys.length - 1 - i]))
		}
	})

	test('the 错题本 shows a missed exam question in the same letters as its 解析', async () => {
		const db = await getDb()
		// One whose key reads differently in the reversed labels, so a contradiction would show.
		const question = (await letterNamingQuestions(db)).find((q) => q.listed.map((key) => 'ABCDEFGH'[q.keys.length - 1 - q.keys.indexOf(key)]).sort().join('') !== q.listed.join(''))
		const learner = await createTestUser(db)
		const round = await createTestRound(db)
		const wrong = question!.keys.filter((key) => !question!.listed.includes(key)).slice(0, 1)
		const attempt = await createClosedAttempt(db, { roundId: round.id, userId: learner.id, answers: [{ versionId: question!.id, points: 2, answer: wrong }] })
		await db.attemptQuestion.update({
			where: { id: attempt.questions[0]!.id },
			data: { optionOrder: JSON.stringify([...question!.keys].reverse()), isCorrect: false, autoScore: 0, finalScore: 0 },
		})
		await db.attempt.update({ where: { id: attempt.id }, data: { gradingStatus: 'complete', score: 0 } })

		const mistakes = await listMistakes(db, { userId: learner.id, now: new Date() })
		const missed = mistakes.find((m) => m.explanation === question!.explanation)
		expect(missed?.keyText).toBe(question!.listed.join(''))
		expect(missed?.options.map((o) => o.label)).toEqual(question!.keys)
	})
})
