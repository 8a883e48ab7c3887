// Closing attempts at their deadline. One guarded UPDATE each time, safe to run from any
// number of processes at once: only rows still open and past deadline + grace change, and
// the finish time is the deadline itself, not the moment the sweep happened to run.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'

/** Closes every open attempt past deadline + grace; returns the ids it closed. */
export async function closeExpiredAttempts(db: DbOrTx, now: Date): Promise<string[]> {
	const cutoff = new Date(now.getTime() - SAVE_GRACE_MS)
	const rows = await db.$queryRaw<{ id: string }[]>`
		UPDATE "Attempt" SET "status" = 'expired', "finishedAt" = "deadline"
		WHERE "status" = 'open' AND "deadline" < ${cutoff}
		RETURNING "id"`
	return rows.map((row) => row.id)
}

/** The lazy close on access: true when this call closed the attempt. */
export async function closeAttemptIfExpired(db: DbOrTx, attemptId: string, now: Date): Promise<boolean> {
	const cutoff = new Date(now.getTime() - SAVE_GRACE_MS)
	const closed = await db.$executeRaw`
		UPDATE "Attempt" SET "status" = 'expired', "finishedAt" = "deadline"
		WHERE "id" = ${attemptId} AND "status" = 'open' AND "deadline" < ${cutoff}`
	return closed > 0
}
