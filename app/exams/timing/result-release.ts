// When a learner may see their score and per-question marks (成绩公布, ADR 039): a round's
// decision, in the manner of Moodle's review options. Every learner-facing place that shows
// a score (result page, exams list, round page, their .data) asks `attemptRelease` first and
// leaves the numbers out of the response until it says so.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { ReleaseTimingSchema, type ReleaseTiming } from '#app/exams/timing/release-options.ts'
import { latestPossibleFinish } from '#app/exams/timing/review-window.ts'

/** A stored value the schema does not know falls back to the latest release, never an earlier one. */
export function parseReleaseTiming(value: string): ReleaseTiming {
	return ReleaseTimingSchema.safeParse(value).data ?? 'with_review'
}

export type RoundReleaseTimes = {
	/** The moment after which nobody can still be answering (window close, personal closes, extra time, open deadlines, grace). */
	closedAt: Date
	/** When the review opens (ADR 033). */
	reviewAt: Date
}

type ReleaseRound = { id: string; closesAt: Date; reviewOpensAt: Date | null }

/** One query set per round: both moments a release can wait for. */
export async function roundReleaseTimes(db: DbOrTx, round: ReleaseRound): Promise<RoundReleaseTimes> {
	return releaseTimesFrom(round, await latestPossibleFinish(db, round))
}

/** Both moments from the round and its latest possible finish (latestPossibleFinish or latestFinishFrom). */
export function releaseTimesFrom(round: Pick<ReleaseRound, 'closesAt' | 'reviewOpensAt'>, closedAt: Date): RoundReleaseTimes {
	const configured = round.reviewOpensAt ?? round.closesAt
	return { closedAt, reviewAt: configured > closedAt ? configured : closedAt }
}

export type Release = { released: boolean; at: Date | null }
export type AttemptRelease = { score: Release; marks: Release }

function releaseOf(timing: ReleaseTiming, times: RoundReleaseTimes, finishedAt: Date | null, now: Date): Release {
	// An open attempt has nothing to release, whatever the timing.
	if (finishedAt === null) return { released: false, at: null }
	const at = timing === 'immediately' ? finishedAt : timing === 'after_close' ? times.closedAt : times.reviewAt
	return { released: at <= now, at }
}

/**
 * Whether this attempt's score and marks may be shown at `now`, and from when. Marks never
 * come before the score (they add up to it), and both come at the latest with the review.
 */
export function attemptRelease(
	round: { scoreRelease: string; marksRelease: string },
	times: RoundReleaseTimes,
	attempt: { status: string; finishedAt: Date | null },
	now: Date,
): AttemptRelease {
	const finishedAt = attempt.status === 'open' ? null : attempt.finishedAt
	const score = releaseOf(parseReleaseTiming(round.scoreRelease), times, finishedAt, now)
	const marks = releaseOf(parseReleaseTiming(round.marksRelease), times, finishedAt, now)
	if (marks.at && score.at && marks.at < score.at) return { score, marks: score }
	return { score, marks }
}
