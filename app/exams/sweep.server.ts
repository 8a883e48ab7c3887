// The periodic close of attempts at their deadline (ADR 031). One timer per server process,
// started with the server (server.mjs -> entry.server.tsx startServerJobs), never by a loader;
// unref'd so it never keeps a process alive; several processes may sweep at once because the
// close is a guarded UPDATE. The lazy close on every access covers the gaps between sweeps.
import type { Db } from '#app/utils/db-client.server.ts'
import { closeExpiredAttempts } from './attempts/close-attempts.ts'
import { finishClosedAttempts } from './attempts/finish.ts'

export const SWEEP_INTERVAL_MS = 5_000
const GRADING_BATCH = 100

/** Closes what is due and grades finished attempts still waiting for their objective marks. */
export async function sweepAttempts(db: Db, now: Date) {
	const closed = await closeExpiredAttempts(db, now)
	// Includes attempts a crash left between close and grading.
	const waiting = await db.attempt.findMany({
		where: { status: { in: ['submitted', 'expired'] }, gradingStatus: 'pending' },
		select: { id: true },
		take: GRADING_BATCH,
	})
	await finishClosedAttempts(
		db,
		waiting.map((attempt) => attempt.id),
	)
	return { closed: closed.length, graded: waiting.length }
}

type SweepState = { timer: NodeJS.Timeout; running: boolean }
const globalForSweep = globalThis as unknown as { __hongshenAttemptSweep?: SweepState }

/** Starts the sweep once per process (entry.server.tsx's startServerJobs, at server start); later calls do nothing. */
export function ensureAttemptSweep(db: Db, intervalMs = SWEEP_INTERVAL_MS) {
	if (globalForSweep.__hongshenAttemptSweep) return
	const state: SweepState = {
		running: false,
		timer: setInterval(() => {
			if (state.running) return
			state.running = true
			sweepAttempts(db, new Date())
				.catch((error: unknown) => console.error('考试自动收卷失败，将在下次重试', error))
				.finally(() => {
					state.running = false
				})
		}, intervalMs),
	}
	state.timer.unref()
	globalForSweep.__hongshenAttemptSweep = state
}

export function stopAttemptSweep() {
	const state = globalForSweep.__hongshenAttemptSweep
	if (!state) return
	clearInterval(state.timer)
	delete globalForSweep.__hongshenAttemptSweep
}
