// The landing page's 待办 (issue 11 item 5), on both databases: open rounds with their closing
// time, rounds opening soon, practice due, and the latest score the learner may already see.
import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { learnerAgenda } from './learner-agenda.ts'
import { newCard } from './practice/schedule.ts'
import { createPerson, createRound, uniqueTag } from './rounds/test-fixtures.ts'

const HOUR = 3600_000

describeEachProvider('learner agenda', (getDb) => {
	test('lists the open round with its closing time, the coming one, practice due and the latest released score', async () => {
		const db = await getDb()
		const now = new Date()
		const person = await createPerson(db)
		const onlyThem = [{ kind: 'user', value: person.id }]
		const open = await createRound(db, now, { opensAt: new Date(now.getTime() - 60_000), closesAt: new Date(now.getTime() + 3 * HOUR), eligibility: onlyThem })
		const coming = await createRound(db, now, { opensAt: new Date(now.getTime() + 2 * 24 * HOUR), closesAt: new Date(now.getTime() + 3 * 24 * HOUR), eligibility: onlyThem })
		const farOff = await createRound(db, now, { opensAt: new Date(now.getTime() + 60 * 24 * HOUR), closesAt: new Date(now.getTime() + 61 * 24 * HOUR), eligibility: onlyThem })
		const closed = await createRound(db, now, { opensAt: new Date(now.getTime() - 5 * HOUR), closesAt: new Date(now.getTime() - 2 * HOUR), eligibility: onlyThem })
		const startedAt = new Date(now.getTime() - 4 * HOUR)
		await db.attempt.create({
			data: { roundId: closed.id, userId: person.id, seed: uniqueTag(), startedAt, deadline: new Date(startedAt.getTime() + HOUR), status: 'submitted', finishedAt: new Date(startedAt.getTime() + 30 * 60_000), maxScore: 4, score: 3, gradingStatus: 'complete' },
		})
		const card = newCard(now)
		for (const [questionId, due] of [
			[`q${uniqueTag()}`, new Date(now.getTime() - HOUR)],
			[`q${uniqueTag()}`, new Date(now.getTime() - 60_000)],
			[`q${uniqueTag()}`, new Date(now.getTime() + 24 * HOUR)],
		] as const) {
			await db.practiceCard.create({ data: { ...card, userId: person.id, questionId, due, source: 'mistake' } })
		}

		const agenda = await learnerAgenda(db, { candidate: person, now })
		expect(agenda.open).toEqual([expect.objectContaining({ id: open.id, closesAt: open.closesAt, openAttemptId: null })])
		expect(agenda.upcoming.map((r) => r.id)).toEqual([coming.id])
		expect(agenda.upcoming.map((r) => r.id)).not.toContain(farOff.id)
		expect(agenda.practiceDue).toBe(2)
		expect(agenda.latestResult).toMatchObject({ roundId: closed.id, score: 3, maxScore: 4 })
	})

	test('a score not yet released is not shown, and someone else’s rounds are not listed', async () => {
		const db = await getDb()
		const now = new Date()
		const person = await createPerson(db)
		const other = await createPerson(db)
		await createRound(db, now, { eligibility: [{ kind: 'user', value: other.id }] })
		// Still open, so an after-close score is not released yet.
		const round = await createRound(db, now, { opensAt: new Date(now.getTime() - 2 * HOUR), closesAt: new Date(now.getTime() + HOUR), eligibility: [{ kind: 'user', value: person.id }] })
		const startedAt = new Date(now.getTime() - HOUR)
		await db.attempt.create({
			data: { roundId: round.id, userId: person.id, seed: uniqueTag(), startedAt, deadline: new Date(startedAt.getTime() + HOUR), status: 'submitted', finishedAt: now, maxScore: 4, score: 4, gradingStatus: 'complete' },
		})
		const agenda = await learnerAgenda(db, { candidate: person, now })
		expect(agenda.latestResult).toBeNull()
		// Handed in and only one attempt allowed: nothing more to do in it.
		expect(agenda.open).toEqual([])
		expect(agenda.practiceDue).toBe(0)
	})
})
