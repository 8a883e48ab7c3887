// Issue 8, item 1: the paper gave the key away. Options went to the page as their bank key
// letters and the save took those letters, so with the seed's keys mostly A / ABC a learner
// could answer "A" and ["A","B","C"] everywhere and score full marks without reading.
// Now the page gets opaque per-attempt ids (ADR 037). These tests hold, on both databases:
// the paper names no key letter and does not change with the key; a blind guesser scores
// around chance on the seeded quarterly round; the save refuses what is not on the paper and
// maps what is back to the right key.
import { expect, test } from 'vitest'
import { OPTION_KEYS } from '#app/exams/bank/question-types.ts'
import { seedExamSeason } from '#app/exams/seed-exam-season.ts'
import { createBankQuestions, createPerson, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { seedQuestionBank } from '#app/exams/seed-questions.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { getLearnerAttempt, type LearnerAttemptView } from './learner-paper.ts'
import { optionIdFor } from './option-ids.server.ts'
import { NOT_ON_PAPER_MESSAGE, saveAnswer, WRONG_KIND_MESSAGE } from './save-answer.server.ts'
import { startAttempt } from './start-attempt.server.ts'
import { submitAttempt } from './submit-attempt.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const CHOICE = ['single', 'multiple']
const KEY_LETTER = /^[A-H]$/

async function sit(db: Db, roundId: string, { now = T0, seed }: { now?: Date; seed?: string } = {}) {
	const person = await createPerson(db)
	const started = await startAttempt(db, { roundId, candidate: person, now, seed })
	if (!started.ok) throw new Error(started.message)
	const paper = await getLearnerAttempt(db, { attemptId: started.attemptId, userId: person.id, now })
	return { person, attemptId: started.attemptId, paper: paper! }
}

/** Choice points earned over choice points offered, per attempt, after grading. */
async function choiceScore(db: Db, attemptIds: readonly string[]) {
	const rows = await db.attemptQuestion.findMany({
		where: { attemptId: { in: [...attemptIds] }, questionVersion: { type: { in: CHOICE } } },
		select: { points: true, autoScore: true },
	})
	return { earned: rows.reduce((sum, row) => sum + (row.autoScore ?? 0), 0), offered: rows.reduce((sum, row) => sum + row.points, 0), count: rows.length }
}

function withoutClock(paper: LearnerAttemptView) {
	return { ...paper, serverNow: null }
}

describeEachProvider('option ids on the paper', (getDb) => {
	async function choiceRound(db: Db, { shuffleOptions }: { shuffleOptions: boolean }) {
		await createBankQuestions(db, 'single', 2)
		await createBankQuestions(db, 'multiple', 2)
		await createBankQuestions(db, 'true_false', 1)
		return createRound(db, T0, {
			shuffleOptions,
			rules: [
				{ topic: 'fiscal', type: 'single', difficulty: null, count: 2, pointsEach: 2 },
				{ topic: 'fiscal', type: 'multiple', difficulty: null, count: 2, pointsEach: 3 },
				{ topic: 'fiscal', type: 'true_false', difficulty: null, count: 1, pointsEach: 1 },
			],
		})
	}

	test('the paper names options by opaque per-attempt ids, never key letters, and does not change when the key does', async () => {
		const db = await getDb()
		for (const shuffleOptions of [false, true]) {
			const round = await choiceRound(db, { shuffleOptions })
			const first = await sit(db, round.id)
			const second = await sit(db, round.id)
			const choices = first.paper.questions.filter((q) => CHOICE.includes(q.type))
			expect(choices).toHaveLength(4)
			for (const question of choices) {
				// What the learner sees: labels A, B, C, … in display order, and nothing else keyed.
				expect(question.options.map((o) => o.label)).toEqual(OPTION_KEYS.slice(0, question.options.length))
				for (const option of question.options) {
					expect(Object.keys(option).sort()).toEqual(['id', 'label', 'text'])
					expect(option.id).toMatch(/^o[A-Za-z0-9_-]{16}$/)
					expect(option.id).not.toMatch(KEY_LETTER)
				}
				expect(new Set(question.options.map((o) => o.id)).size).toBe(question.options.length)
				// Per attempt: another person's paper names the same option differently.
				const theirs = second.paper.questions.find((q) => q.stem === question.stem)
				if (theirs) for (const option of question.options) expect(theirs.options.map((o) => o.id)).not.toContain(option.id)
			}
			expect(JSON.stringify(first.paper)).not.toMatch(/"key"/)

			// Rewrite every drawn key: the paper is the same to the byte, so nothing in it can say which option is right.
			const drawn = await db.attemptQuestion.findMany({ where: { attemptId: first.attemptId }, select: { questionVersionId: true, questionVersion: { select: { type: true } } } })
			for (const row of drawn) {
				if (row.questionVersion.type === 'single') await db.questionVersion.update({ where: { id: row.questionVersionId }, data: { answerKey: JSON.stringify('D') } })
				if (row.questionVersion.type === 'multiple') await db.questionVersion.update({ where: { id: row.questionVersionId }, data: { answerKey: JSON.stringify(['B', 'D']) } })
			}
			const again = await getLearnerAttempt(db, { attemptId: first.attemptId, userId: first.person.id, now: T0 })
			expect(withoutClock(again!)).toEqual(withoutClock(first.paper))
		}
	})

	test('the save refuses letters and ids that are not on this paper (Chinese message) and maps the paper’s ids to the right keys', async () => {
		const db = await getDb()
		const round = await choiceRound(db, { shuffleOptions: true })
		const mine = await sit(db, round.id)
		const other = await sit(db, round.id)
		const { attemptId, person, paper } = mine
		const single = paper.questions.find((q) => q.type === 'single')!
		const multiple = paper.questions.find((q) => q.type === 'multiple')!
		const judge = paper.questions.find((q) => q.type === 'true_false')!
		const otherSingle = other.paper.questions.find((q) => q.type === 'single')!
		const anotherQuestion = paper.questions.find((q) => q.type === 'single' && q.position !== single.position)!
		let seq = 0
		const save = (position: number, answer: string | string[] | boolean | null) => saveAnswer(db, { attemptId, userId: person.id, request: { position, seq: ++seq, answer }, now: at(1) })

		const refusals = [
			[single.position, 'A'],
			[single.position, 'B'],
			[multiple.position, ['A', 'B', 'C']],
			[single.position, otherSingle.options[0]!.id],
			[single.position, anotherQuestion.options[0]!.id],
			[single.position, `${single.options[0]!.id.slice(0, -1)}${single.options[0]!.id.endsWith('x') ? 'y' : 'x'}`],
			[multiple.position, [multiple.options[0]!.id, 'C']],
			[single.position, multiple.options.map((o) => o.id)],
		] as const
		for (const [position, answer] of refusals) {
			expect(await save(position, answer as string | string[]), JSON.stringify(answer)).toEqual({ status: 'invalid', position, message: NOT_ON_PAPER_MESSAGE })
		}
		expect(await save(judge.position, single.options[0]!.id)).toEqual({ status: 'invalid', position: judge.position, message: WRONG_KIND_MESSAGE })
		const untouched = await db.attemptQuestion.findMany({ where: { attemptId }, select: { answer: true } })
		expect(untouched.every((row) => row.answer === null)).toBe(true)

		// Answered as the page would, by the option whose text is the right one: full marks.
		for (const question of paper.questions) {
			const version = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position: question.position }, select: { questionVersion: { select: { options: true, answerKey: true } } } })
			const options = JSON.parse(version.questionVersion.options) as { key: string; text: string }[]
			const key = JSON.parse(version.questionVersion.answerKey) as string | string[] | boolean
			const idOf = (k: string) => question.options.find((o) => o.text === options.find((b) => b.key === k)!.text)!.id
			const answer = question.type === 'single' ? idOf(key as string) : question.type === 'multiple' ? (key as string[]).map(idOf).reverse() : key
			expect(await save(question.position, answer)).toMatchObject({ status: 'applied' })
			const stored = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position: question.position }, select: { answer: true } })
			// Stored in the bank's keys, the form grading, review, regrade and statistics read.
			expect(JSON.parse(stored.answer!)).toEqual(key)
		}
		// The page gets its own ids back for the stored answers.
		const reloaded = await getLearnerAttempt(db, { attemptId, userId: person.id, now: at(2) })
		expect(reloaded!.questions.find((q) => q.position === single.position)!.answer).toMatch(/^o/)
		await submitAttempt(db, { attemptId, userId: person.id, now: at(3) })
		const graded = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { score: true, maxScore: true, gradingStatus: true } })
		expect(graded).toEqual({ score: 11, maxScore: 11, gradingStatus: 'complete' })
		expect(optionIdFor(attemptId, single.position, 'A')).not.toBe(optionIdFor(other.attemptId, single.position, 'A'))
	})

	test('a blind guesser on the seeded quarterly round scores around chance, not full marks', async () => {
		const db = await getDb()
		await seedQuestionBank(db)
		const now = new Date('2026-11-28T06:00:00.000Z')
		const { openRoundId } = await seedExamSeason(db, { now })

		/** Answers without reading: "A" on every 单选, "A","B","C" on every 多选. */
		async function guess(letters: 'raw' | 'labels', seed: string) {
			const { attemptId, person, paper } = await sit(db, openRoundId, { now, seed })
			let refused = 0
			for (const question of paper.questions) {
				if (!CHOICE.includes(question.type)) continue
				const byLabel = (labels: string[]) => question.options.filter((o) => labels.includes(o.label)).map((o) => o.id)
				const answer =
					question.type === 'single'
						? letters === 'raw' ? 'A' : byLabel(['A'])[0]!
						: letters === 'raw' ? ['A', 'B', 'C'] : byLabel(['A', 'B', 'C'])
				const outcome = await saveAnswer(db, { attemptId, userId: person.id, request: { position: question.position, seq: question.position, answer }, now })
				if (outcome.status === 'invalid') refused++
			}
			await submitAttempt(db, { attemptId, userId: person.id, now: new Date(now.getTime() + 60_000) })
			return { attemptId, refused }
		}

		// Sending the letters themselves, as the old API took them, is refused outright.
		const raw = await guess('raw', 'blind-raw')
		const rawScore = await choiceScore(db, [raw.attemptId])
		expect(rawScore.count).toBeGreaterThanOrEqual(10)
		expect(raw.refused).toBe(rawScore.count)
		expect(rawScore.earned).toBe(0)

		// Picking whatever the page labels A (and A, B, C): chance level, shuffled or not.
		const sitters = async (prefix: string) => {
			const attemptIds = []
			for (const n of [1, 2, 3]) attemptIds.push((await guess('labels', `${prefix}-${n}`)).attemptId)
			return choiceScore(db, attemptIds)
		}
		const shuffled = await sitters('blind')
		// Even where a round keeps the bank's option order, the seed's spread keys leave "A" at chance.
		await db.round.update({ where: { id: openRoundId }, data: { shuffleOptions: false } })
		const unshuffled = await sitters('blind-plain')
		console.info('blind guesser, share of choice points:', { shuffled: shuffled.earned / shuffled.offered, unshuffled: unshuffled.earned / unshuffled.offered })
		for (const run of [shuffled, unshuffled]) {
			expect(run.offered).toBeGreaterThan(0)
			expect(run.earned / run.offered).toBeLessThan(0.5)
		}
	})
})
