import { expect, test } from 'vitest'
import { createBankQuestions, createPerson, createRound, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { listMistakes } from './mistakes.ts'
import { answerPracticeQuestion, getPracticeOverview, nextPracticeQuestion } from './practice.ts'
import { newCard, ratingForResult, reviewCard } from './schedule.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const DAY = 24 * 60

describeEachProvider('错题本 and practice', (getDb) => {
	async function closedRound() {
		const db = await getDb()
		await createBankQuestions(db, 'single', 4, { topic: 'economic_responsibility' })
		await createBankQuestions(db, 'true_false', 2, { topic: 'economic_responsibility' })
		// Another topic's questions, never drawn: practice must not offer them.
		await createBankQuestions(db, 'single', 3, { topic: 'fixed_asset_investment' })
		const round = await createRound(db, T0, {
			closesAt: at(120),
			rules: [
				{ topic: 'economic_responsibility', type: 'single', difficulty: null, count: 4, pointsEach: 2 },
				{ topic: 'economic_responsibility', type: 'true_false', difficulty: null, count: 2, pointsEach: 1 },
			],
		})
		const person = await createPerson(db)
		// Wrong on questions 1 and 5, right on the rest.
		const attemptId = await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: (p) => p !== 1 && p !== 5 })
		return { db, round, person, attemptId }
	}

	test('the 错题本 stays empty until review opens, then lists each missed question with its key', async () => {
		const { db, person } = await closedRound()
		expect(await listMistakes(db, { userId: person.id, now: at(60) })).toEqual([])
		const mistakes = await listMistakes(db, { userId: person.id, now: at(121) })
		expect(mistakes).toHaveLength(2)
		expect(mistakes.every((m) => m.source === 'exam' && m.keyText !== '' && m.explanation.startsWith('解析'))).toBe(true)
	})

	test('missed questions come back first on the FSRS schedule; practice offers only questions already reviewed', async () => {
		const { db, person } = await closedRound()
		const now = at(121)
		const overview = await getPracticeOverview(db, { userId: person.id, now })
		// Earlier tests in this file left reviewed rounds too, so new questions number at least this round's four.
		expect(overview.topics).toEqual([{ topic: 'economic_responsibility', due: 2, mistakesDue: 2, cards: 2, fresh: expect.any(Number) }])
		expect(overview.topics[0]!.fresh).toBeGreaterThanOrEqual(4)

		const first = await nextPracticeQuestion(db, { userId: person.id, topic: null, now })
		expect(first).toMatchObject({ reason: 'due', source: 'mistake' })
		expect(JSON.stringify(first)).not.toMatch(/answerKey|explanation|解析/)
		const key = await db.question.findUniqueOrThrow({ where: { id: first!.questionId }, include: { currentVersion: true } })
		const feedback = await answerPracticeQuestion(db, {
			userId: person.id,
			input: { questionId: first!.questionId, answer: JSON.parse(key.currentVersion!.answerKey), selfRating: null },
			now,
		})
		expect(feedback).toMatchObject({ ok: true, isCorrect: true })
		if (!feedback.ok) throw new Error('practice failed')
		expect(new Date(feedback.nextDue).getTime()).toBeGreaterThan(now.getTime())

		// Work through everything due and new; afterwards nothing is offered until a card is due again.
		for (let i = 0; i < 100; i++) {
			const next = await nextPracticeQuestion(db, { userId: person.id, topic: 'economic_responsibility', now })
			if (!next) break
			await answerPracticeQuestion(db, { userId: person.id, input: { questionId: next.questionId, answer: null, selfRating: null }, now })
		}
		expect(await nextPracticeQuestion(db, { userId: person.id, topic: null, now })).toBeNull()
		const cards = await db.practiceCard.findMany({ where: { userId: person.id } })
		const topics = await db.question.findMany({ where: { id: { in: cards.map((c) => c.questionId) } }, select: { topic: true } })
		expect(cards.length).toBeGreaterThanOrEqual(6)
		expect(new Set(topics.map((t) => t.topic))).toEqual(new Set(['economic_responsibility']))
		expect(await nextPracticeQuestion(db, { userId: person.id, topic: null, now: at(30 * DAY) })).not.toBeNull()
		// A practice question answered wrong joins the 错题本 too.
		expect((await listMistakes(db, { userId: person.id, now })).length).toBeGreaterThanOrEqual(2)
	})

	test('practice refuses a question whose key is not yet public', async () => {
		const { db, person } = await closedRound()
		const hidden = await db.question.findFirstOrThrow({ where: { topic: 'fixed_asset_investment' } })
		expect(await answerPracticeQuestion(db, { userId: person.id, input: { questionId: hidden.id, answer: 'A', selfRating: null }, now: at(121) })).toEqual({
			ok: false,
			message: '这道题暂不开放练习。',
		})
	})
})

test('FSRS: a wrong answer comes back sooner than a right one', () => {
	const now = new Date('2026-06-01T00:00:00Z')
	const wrong = reviewCard(newCard(now), ratingForResult({ isCorrect: false, score: 0 }), now)
	const right = reviewCard(newCard(now), ratingForResult({ isCorrect: true, score: 1 }), now)
	expect(wrong.due.getTime()).toBeLessThan(right.due.getTime())
	expect(wrong.reps).toBe(1)
	expect(ratingForResult({ isCorrect: false, score: 0.5 })).toBe('hard')
})
