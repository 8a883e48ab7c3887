// What follows the end of an attempt (submit, the deadline close, a lazy close on access):
// objective grading. Grading is idempotent, so the sweep may safely retry attempts a crash
// left between close and grading.
import { gradeAttemptObjective } from '#app/exams/grading/grade-attempt.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export async function finishClosedAttempts(db: DbOrTx, attemptIds: readonly string[], now = new Date()) {
	for (const attemptId of attemptIds) await gradeAttemptObjective(db, attemptId, now)
}
