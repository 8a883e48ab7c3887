// Handing in. One guarded UPDATE: only an open attempt of this person, still within
// deadline + grace, becomes submitted, so a double submit (two clicks, two tabs, a retry)
// changes the row once and every caller then reads the same single result.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { closeAttemptIfExpired } from './close-attempts.ts'
import { finishClosedAttempts } from './finish.ts'

export type SubmitResult =
	| { ok: true; status: 'submitted' | 'expired'; submittedNow: boolean }
	| { ok: false; reason: 'not_found' }

export async function submitAttempt(db: DbOrTx, { attemptId, userId, now }: { attemptId: string; userId: string; now: Date }): Promise<SubmitResult> {
	const acceptsDeadlinesFrom = new Date(now.getTime() - SAVE_GRACE_MS)
	// Handed in during the grace period: the paper ended at the deadline.
	const submitted = await db.$executeRaw`
		UPDATE "Attempt"
		SET "status" = 'submitted', "finishedAt" = CASE WHEN "deadline" < ${now} THEN "deadline" ELSE ${now} END
		WHERE "id" = ${attemptId} AND "userId" = ${userId} AND "status" = 'open' AND "deadline" >= ${acceptsDeadlinesFrom}`
	if (submitted > 0) {
		await finishClosedAttempts(db, [attemptId])
		return { ok: true, status: 'submitted', submittedNow: true }
	}
	if (await closeAttemptIfExpired(db, attemptId, now)) await finishClosedAttempts(db, [attemptId])
	const attempt = await db.attempt.findFirst({ where: { id: attemptId, userId }, select: { status: true } })
	if (!attempt) return { ok: false, reason: 'not_found' }
	if (attempt.status === 'open') throw new Error(`attempt ${attemptId} is open but refused the submit`)
	return { ok: true, status: attempt.status === 'submitted' ? 'submitted' : 'expired', submittedNow: false }
}
