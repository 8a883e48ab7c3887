// Sequence numbers of answer saves. Isomorphic and key-free: the test page allocates them,
// the server compares them.
import { z } from 'zod'

/** PostgreSQL `integer`; at one step per 100 ms that is years of test time. */
export const MAX_SEQ = 2_147_483_647
const SEQ_TICK_MS = 100

export const SeqSchema = z.number().int().min(1).max(MAX_SEQ)

/**
 * The next sequence number for a save: above every number this browser has used and above
 * the highest the server has seen, and never behind the (server-corrected) time since the
 * attempt started in tenths of a second. The time floor orders saves from two devices by
 * when they were made, so the later edit wins even when one device's counter lagged.
 */
export function nextSeq({ lastSeq, serverNowMs, startedAtMs }: { lastSeq: number; serverNowMs: number; startedAtMs: number }) {
	const timeFloor = Math.floor((serverNowMs - startedAtMs) / SEQ_TICK_MS)
	return Math.min(MAX_SEQ, Math.max(lastSeq + 1, timeFloor, 1))
}

/** The server's rule: a save applies only when its number is above the stored one. */
export function saveApplies(storedSeq: number, incomingSeq: number) {
	return incomingSeq > storedSeq
}
