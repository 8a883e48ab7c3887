// The exams home of a learner: the published rounds they may sit, each with its state and
// their own attempts. A score appears only once the round releases it (ADR 039) and grading
// is complete; before that the response says when, and carries no number.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { effectiveCloseAt } from '#app/exams/timing/deadline.ts'
import { matchesEligibility, unitAncestry, type Candidate } from './eligibility.ts'
import { attemptRelease, roundReleaseTimes } from '#app/exams/timing/result-release.ts'

export type LearnerRoundState = 'upcoming' | 'open' | 'closed'

export async function listRoundsForLearner(db: DbOrTx, { candidate, now, roundId }: { candidate: Candidate; now: Date; roundId?: string }) {
	const rounds = await db.round.findMany({
		where: { status: 'published', ...(roundId ? { id: roundId } : {}) },
		orderBy: [{ opensAt: 'desc' }],
		take: 40,
		select: {
			id: true,
			title: true,
			topic: true,
			instructions: true,
			opensAt: true,
			closesAt: true,
			reviewOpensAt: true,
			scoreRelease: true,
			marksRelease: true,
			timeLimitMinutes: true,
			attemptsAllowed: true,
			season: { select: { year: true, name: true } },
			eligibility: { select: { kind: true, value: true } },
			accommodations: { where: { userId: candidate.id }, select: { extraMinutes: true, closesAt: true } },
			attempts: {
				where: { userId: candidate.id },
				orderBy: { attemptNo: 'asc' },
				select: { id: true, attemptNo: true, status: true, startedAt: true, finishedAt: true, deadline: true, gradingStatus: true, score: true, maxScore: true },
			},
		},
	})
	const ancestry = rounds.some((r) => r.eligibility.some((e) => e.kind === 'unit')) ? await unitAncestry(db, candidate.unitId) : []
	const visible = rounds.filter((round) => matchesEligibility(round.eligibility, candidate, ancestry))
	return Promise.all(
		visible.map(async (round) => {
			const accommodation = round.accommodations[0]
			const closesAt = effectiveCloseAt(round.closesAt, accommodation?.closesAt)
			const state: LearnerRoundState = now < round.opensAt ? 'upcoming' : now < closesAt ? 'open' : 'closed'
			const openAttempt = round.attempts.find((a) => a.status === 'open' && a.deadline > now)
			const times = await roundReleaseTimes(db, round)
			const reviewAt = times.reviewAt
			return {
				id: round.id,
				title: round.title,
				topic: round.topic,
				instructions: round.instructions,
				seasonName: round.season.name,
				opensAt: round.opensAt,
				closesAt,
				timeLimitMinutes: round.timeLimitMinutes,
				extraMinutes: accommodation?.extraMinutes ?? 0,
				attemptsAllowed: round.attemptsAllowed,
				state,
				openAttemptId: openAttempt?.id ?? null,
				canStart: state === 'open' && !openAttempt && round.attempts.length < round.attemptsAllowed,
				reviewOpensAt: reviewAt,
				reviewOpen: reviewAt <= now,
				attempts: round.attempts.map((attempt) => {
					const release = attemptRelease(round, times, attempt, now).score
					return {
						id: attempt.id,
						attemptNo: attempt.attemptNo,
						status: attempt.status,
						finishedAt: attempt.finishedAt,
						gradingStatus: attempt.gradingStatus,
						score: release.released && attempt.gradingStatus === 'complete' ? attempt.score : null,
						scoreReleased: release.released,
						scoreReleaseAt: release.at,
						maxScore: attempt.maxScore,
					}
				}),
			}
		}),
	)
}

export type LearnerRound = Awaited<ReturnType<typeof listRoundsForLearner>>[number]

/** One round as its learner sees it, or null when it is not published or not theirs to sit. */
export async function getRoundForLearner(db: DbOrTx, { roundId, candidate, now }: { roundId: string; candidate: Candidate; now: Date }) {
	const [round] = await listRoundsForLearner(db, { candidate, now, roundId })
	return round ?? null
}
