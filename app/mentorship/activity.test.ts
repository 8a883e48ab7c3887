// What the mentor sees of an apprentice's tests: nothing before the round's review opens
// (no score, no weak topic that would hint at a key), then the score and the missed topics.
import { expect, test } from 'vitest'
import { createBankQuestions, createPerson, createRound, sitRound } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { lastStudyTimes, releasedScores } from './activity.ts'
import { weakTopicsOf } from './weak-topics.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

describeEachProvider('apprentice scores and weak topics', (getDb) => {
	test('scores and weak topics appear only once the round’s review has opened', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 4, { topic: 'economic_responsibility' })
		const round = await createRound(db, T0, { closesAt: at(120), rules: [{ topic: 'economic_responsibility', type: 'single', difficulty: null, count: 4, pointsEach: 2 }] })
		const person = await createPerson(db)
		await sitRound(db, { roundId: round.id, person, startAt: at(10), isRight: (p) => p > 2 })

		expect((await releasedScores(db, [person.id], at(60))).get(person.id)).toEqual([])
		expect(await weakTopicsOf(db, person.id, at(60))).toEqual([])

		const scores = (await releasedScores(db, [person.id], at(121))).get(person.id)!
		expect(scores.map((s) => [s.title, s.score, s.maxScore, s.percent])).toEqual([[round.title, 4, 8, 50]])
		const weak = await weakTopicsOf(db, person.id, at(121))
		expect(weak.map((w) => [w.topic, w.misses, w.questions])).toEqual([['economic_responsibility', 2, 2]])

		// A lesson beat or a practice answer is study; nothing yet.
		expect((await lastStudyTimes(db, [person.id])).get(person.id)).toBeUndefined()
	})
})
