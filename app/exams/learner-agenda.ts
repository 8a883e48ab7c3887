// What is waiting for a learner, for their landing page (issue 11 item 5): rounds open now
// (with the time each closes for them) or opening soon, practice cards due, and the latest
// result they may already see. Scores follow the same release rules as the 考试 list
// (ADR 039): a score not yet released is not shown here either.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { embargoedQuestionIds } from './rounds/key-embargo.ts'
import type { Candidate } from './rounds/eligibility.ts'
import { listRoundsForLearner } from './rounds/learner-rounds.ts'

/** Rounds opening within this many days are listed as coming up. */
const UPCOMING_DAYS = 14

export async function learnerAgenda(db: DbOrTx, { candidate, now }: { candidate: Candidate; now: Date }) {
	const [rounds, embargoed] = await Promise.all([listRoundsForLearner(db, { candidate, now }), embargoedQuestionIds(db, now)])
	const dueCards = await db.practiceCard.findMany({ where: { userId: candidate.id, due: { lte: now } }, select: { questionId: true } })
	const horizon = now.getTime() + UPCOMING_DAYS * 24 * 3600 * 1000

	const open = rounds
		.filter((round) => round.state === 'open' && (round.canStart || round.openAttemptId))
		.sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime())
		.map((round) => ({ id: round.id, title: round.title, seasonName: round.seasonName, closesAt: round.closesAt, openAttemptId: round.openAttemptId }))
	const upcoming = rounds
		.filter((round) => round.state === 'upcoming' && round.opensAt.getTime() <= horizon)
		.sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())
		.map((round) => ({ id: round.id, title: round.title, seasonName: round.seasonName, opensAt: round.opensAt }))

	let latestResult: { roundId: string; roundTitle: string; attemptId: string; score: number; maxScore: number; finishedAt: Date } | null = null
	for (const round of rounds) {
		for (const attempt of round.attempts) {
			if (attempt.score === null || !attempt.finishedAt) continue
			if (!latestResult || attempt.finishedAt > latestResult.finishedAt) {
				latestResult = { roundId: round.id, roundTitle: round.title, attemptId: attempt.id, score: attempt.score, maxScore: attempt.maxScore, finishedAt: attempt.finishedAt }
			}
		}
	}
	return {
		open,
		upcoming,
		// Questions of an open or coming round stay out of practice (ADR 038), so they are not counted as due.
		practiceDue: dueCards.filter((card) => !embargoed.has(card.questionId)).length,
		latestResult,
	}
}

export type LearnerAgenda = Awaited<ReturnType<typeof learnerAgenda>>
