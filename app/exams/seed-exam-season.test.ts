import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import { demoRoundPositions, seedExamSeason } from './seed-exam-season.ts'
import { createBankQuestions, createPerson } from '#app/exams/rounds/test-fixtures.ts'

const NOW = new Date('2026-11-28T06:00:00.000Z')

test('the demo rounds follow the quarter of today', () => {
	expect(demoRoundPositions(NOW)).toEqual({ open: 4, closed: 3 })
	expect(demoRoundPositions(new Date('2026-02-01T00:00:00Z'))).toEqual({ open: 2, closed: 1 })
	expect(demoRoundPositions(new Date('2027-08-01T00:00:00Z'))).toEqual({ open: 2, closed: 1 })
})

describeEachProvider('seedExamSeason', (getDb) => {
	test('a 2026 season with a round open now and a closed one graded for the learners; a rerun changes nothing', async () => {
		const db = await getDb()
		await createPerson(db, { roles: ['admin'] })
		const learners = await Promise.all(Array.from({ length: 7 }, () => createPerson(db)))
		for (const topic of ['fiscal', 'economic_responsibility', 'fixed_asset_investment'] as const) {
			await createBankQuestions(db, 'single', 4, { topic })
			await createBankQuestions(db, 'multiple', 3, { topic })
			await createBankQuestions(db, 'true_false', 3, { topic })
			await createBankQuestions(db, 'fill_blank', 2, { topic })
			await createBankQuestions(db, 'short_answer', 2, { topic })
		}
		await createBankQuestions(db, 'short_answer', 3, { topic: 'combined' })

		const first = await seedExamSeason(db, { now: NOW })
		const open = await db.round.findUniqueOrThrow({ where: { id: first.openRoundId } })
		expect([open.status, open.opensAt < NOW, open.closesAt > NOW, open.position]).toEqual(['published', true, true, 4])
		const closed = await db.round.findUniqueOrThrow({ where: { id: first.closedRoundId }, include: { attempts: true } })
		expect([closed.status, closed.closesAt < NOW]).toEqual(['published', true])
		// All seven sit (only every ninth is skipped); the sixth runs out of time.
		expect(closed.attempts).toHaveLength(learners.length)
		expect(closed.attempts.every((a) => a.status !== 'open' && a.gradingStatus === 'complete' && a.score !== null)).toBe(true)
		expect(closed.attempts.some((a) => a.status === 'expired' && a.finishedAt?.getTime() === a.deadline.getTime())).toBe(true)
		expect(await db.round.count({ where: { seasonId: first.seasonId } })).toBe(4)
		// 成绩公布 (ADR 039): the open round after its close; the closed one's marks with its review.
		expect([open.scoreRelease, open.marksRelease, closed.scoreRelease, closed.marksRelease]).toEqual(['after_close', 'after_close', 'after_close', 'with_review'])
		// The open round leaves the closed round's topic out, so the closed round's review and
		// practice are not embargoed by it (ADR 038).
		const openRules = await db.drawRule.findMany({ where: { roundId: open.id }, select: { topic: true } })
		expect(openRules.length).toBeGreaterThan(0)
		expect(openRules.some((rule) => rule.topic === closed.topic)).toBe(false)
		const embargoed = await embargoedQuestionIds(db, NOW)
		const closedPapers = await db.attemptQuestion.findMany({ where: { attempt: { roundId: closed.id } }, select: { questionVersion: { select: { questionId: true } } } })
		expect(closedPapers.filter((q) => embargoed.has(q.questionVersion.questionId))).toEqual([])

		const counts = async () => [await db.attempt.count(), await db.drawRule.count(), await db.auditLog.count()]
		const before = await counts()
		const again = await seedExamSeason(db, { now: new Date(NOW.getTime() + 3600_000) })
		expect(again).toEqual(first)
		expect(await counts()).toEqual(before)
	})
})
