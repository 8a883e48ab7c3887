// When a round's review (answers, keys, 解析) may open. Never while anyone could still be
// sitting the round: not before the window closes, nor before the latest personal close
// plus extra minutes, nor before every open attempt's deadline + grace has passed.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { effectiveCloseAt } from '#app/exams/timing/deadline.ts'

type ReviewRound = { id: string; closesAt: Date; reviewOpensAt: Date | null }

/** The moment after which nobody can still be answering. */
export async function latestPossibleFinish(db: DbOrTx, round: Pick<ReviewRound, 'id' | 'closesAt'>) {
	// One after the other: `db` may be a transaction, and a PostgreSQL transaction is one
	// connection, where queries sent at once are queued anyway (and node-postgres warns).
	const accommodations = await db.accommodation.findMany({ where: { roundId: round.id }, select: { extraMinutes: true, closesAt: true } })
	const open = await db.attempt.aggregate({ where: { roundId: round.id, status: 'open' }, _max: { deadline: true } })
	return latestFinishFrom(round.closesAt, accommodations, open._max.deadline)
}

/**
 * latestPossibleFinish from what was already read: the round's close, its accommodations and
 * the latest deadline of its open attempts (null: none open). For callers that read many rounds at once.
 */
export function latestFinishFrom(closesAt: Date, accommodations: readonly { extraMinutes: number; closesAt: Date | null }[], latestOpenDeadline: Date | null) {
	let latest = closesAt.getTime()
	for (const accommodation of accommodations) {
		const personal = effectiveCloseAt(closesAt, accommodation.closesAt).getTime() + accommodation.extraMinutes * 60_000
		latest = Math.max(latest, personal)
	}
	if (latestOpenDeadline) latest = Math.max(latest, latestOpenDeadline.getTime())
	return new Date(latest + SAVE_GRACE_MS)
}

/** The configured opening (the window's close by default), pushed back past latestPossibleFinish. */
export async function reviewOpensAt(db: DbOrTx, round: ReviewRound) {
	const configured = round.reviewOpensAt ?? round.closesAt
	const safe = await latestPossibleFinish(db, round)
	return configured > safe ? configured : safe
}

export async function isReviewOpen(db: DbOrTx, round: ReviewRound, now: Date) {
	return (await reviewOpensAt(db, round)) <= now
}

/** Published rounds whose review has opened: their papers' keys are no longer secret. */
export async function listReviewOpenRoundIds(db: DbOrTx, now: Date) {
	const rounds = await db.round.findMany({
		where: { status: 'published', closesAt: { lte: now } },
		select: { id: true, closesAt: true, reviewOpensAt: true },
	})
	const open = await Promise.all(rounds.map(async (round) => ((await isReviewOpen(db, round, now)) ? round.id : null)))
	return open.filter((id): id is string => id !== null)
}
