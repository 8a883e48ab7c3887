// Gathers the facts behind each pairing's attention flags (flags.ts), a few batched queries
// for any number of pairings: the desk, the apprentice page and the admins' list share it.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { lastStudyTimes, releasedScores } from './activity.ts'
import { listAssignments } from './assignments.ts'
import { attentionFlags, type AttentionFlag } from './flags.ts'

type PairingLike = { id: string; apprenticeId: string; status: string; endsOn: Date; evaluation: { signedAt: Date } | null }

export async function attentionFor(db: DbOrTx, pairings: readonly PairingLike[], now = new Date()): Promise<Map<string, AttentionFlag[]>> {
	const active = pairings.filter((p) => p.status === 'active')
	const out = new Map<string, AttentionFlag[]>(pairings.map((p) => [p.id, []]))
	if (!active.length) return out
	const userIds = [...new Set(active.map((p) => p.apprenticeId))]
	const [assignments, checkIns, scores, lastStudy] = await Promise.all([
		listAssignments(db, { userIds }, now),
		db.mentorCheckIn.findMany({ where: { pairingId: { in: active.map((p) => p.id) } }, select: { pairingId: true, month: true }, distinct: ['pairingId', 'month'] }),
		releasedScores(db, userIds, now),
		lastStudyTimes(db, userIds),
	])
	for (const pairing of active) {
		out.set(
			pairing.id,
			attentionFlags({
				now,
				active: true,
				endsOn: pairing.endsOn,
				// Overdue work of the apprentice's, whoever assigned it: the mentor should know.
				overdueAssignments: assignments.filter((a) => a.userId === pairing.apprenticeId && a.overdue).map((a) => ({ title: a.title, dueAt: a.dueAt! })),
				checkInMonths: checkIns.filter((c) => c.pairingId === pairing.id).map((c) => c.month),
				scores: scores.get(pairing.apprenticeId) ?? [],
				lastStudyAt: lastStudy.get(pairing.apprenticeId) ?? null,
				signedOff: Boolean(pairing.evaluation?.signedAt),
			}),
		)
	}
	return out
}
