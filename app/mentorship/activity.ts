// What the mentorship pages read about an apprentice's learning: released test scores over
// time and when they last studied. Scores come only from rounds whose review has opened, so
// a mentor never sees a score before the learner could (nor anything that hints at a key).
import { listReviewOpenRoundIds } from '#app/exams/timing/review-window.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export type ScorePoint = { userId: string; roundId: string; title: string; finishedAt: Date; score: number; maxScore: number; percent: number }

/** Graded attempts in reviewed rounds, oldest first, per learner. */
export async function releasedScores(db: DbOrTx, userIds: string[], now: Date, reviewOpen?: string[]): Promise<Map<string, ScorePoint[]>> {
	const byUser = new Map<string, ScorePoint[]>(userIds.map((id) => [id, []]))
	if (!userIds.length) return byUser
	const roundIds = reviewOpen ?? (await listReviewOpenRoundIds(db, now))
	if (!roundIds.length) return byUser
	const attempts = await db.attempt.findMany({
		where: { userId: { in: userIds }, roundId: { in: roundIds }, status: { in: ['submitted', 'expired'] }, gradingStatus: 'complete', score: { not: null } },
		select: { userId: true, roundId: true, finishedAt: true, startedAt: true, score: true, maxScore: true, round: { select: { title: true } } },
		orderBy: { startedAt: 'asc' },
	})
	for (const attempt of attempts) {
		const score = attempt.score ?? 0
		byUser.get(attempt.userId)?.push({
			userId: attempt.userId,
			roundId: attempt.roundId,
			title: attempt.round.title,
			finishedAt: attempt.finishedAt ?? attempt.startedAt,
			score,
			maxScore: attempt.maxScore,
			percent: attempt.maxScore > 0 ? (score / attempt.maxScore) * 100 : 0,
		})
	}
	return byUser
}

/** The latest lesson beat or practice answer of each learner. */
export async function lastStudyTimes(db: DbOrTx, userIds: string[]): Promise<Map<string, Date>> {
	const out = new Map<string, Date>()
	if (!userIds.length) return out
	const [lessons, practice] = await Promise.all([
		db.lessonProgress.groupBy({ by: ['userId'], where: { userId: { in: userIds } }, _max: { lastSeenAt: true } }),
		db.practiceReview.groupBy({ by: ['userId'], where: { userId: { in: userIds } }, _max: { reviewedAt: true } }),
	])
	const note = (userId: string, at: Date | null) => {
		if (at && (!out.get(userId) || at > out.get(userId)!)) out.set(userId, at)
	}
	for (const row of lessons) note(row.userId, row._max.lastSeenAt)
	for (const row of practice) note(row.userId, row._max.reviewedAt)
	return out
}
