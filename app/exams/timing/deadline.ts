// Server-side time rules of an attempt. Pure: every caller passes `now`.

/** Saves made before the deadline may still be in flight; they are accepted this long after it. */
export const SAVE_GRACE_MS = 10_000

const MINUTE_MS = 60_000

export type DeadlineInput = {
	startedAt: Date
	timeLimitMinutes: number
	windowClosesAt: Date
	/** A later close granted to this person (an accommodation); an earlier one is ignored. */
	personalClosesAt?: Date | null
	extraMinutes?: number
}

/** The close of the window for this person: the round's, or their later one. */
export function effectiveCloseAt(windowClosesAt: Date, personalClosesAt?: Date | null) {
	return personalClosesAt && personalClosesAt > windowClosesAt ? personalClosesAt : windowClosesAt
}

/** min(start + limit, window close) + the person's extra minutes. */
export function computeDeadline({ startedAt, timeLimitMinutes, windowClosesAt, personalClosesAt, extraMinutes = 0 }: DeadlineInput) {
	const byLimit = startedAt.getTime() + timeLimitMinutes * MINUTE_MS
	const byWindow = effectiveCloseAt(windowClosesAt, personalClosesAt).getTime()
	return new Date(Math.min(byLimit, byWindow) + Math.max(0, extraMinutes) * MINUTE_MS)
}

/** Saves are accepted until this instant. */
export function acceptsSavesUntil(deadline: Date) {
	return new Date(deadline.getTime() + SAVE_GRACE_MS)
}

/** An open attempt past deadline + grace is closed by the sweep or on next access. */
export function isPastGrace(deadline: Date, now: Date) {
	return now.getTime() > deadline.getTime() + SAVE_GRACE_MS
}
