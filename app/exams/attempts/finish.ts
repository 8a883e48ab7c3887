// What follows the end of an attempt (submit, deadline close): objective grading.
import type { DbOrTx } from '#app/utils/db-client.ts'

export async function finishClosedAttempts(_db: DbOrTx, _attemptIds: readonly string[]) {
	// Grading lands with app/exams/grading (the bank helper); wired in when it exists.
}
