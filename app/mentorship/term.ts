// 出师 / 结业评价: the mentor rates each goal (业务, 党建), comments and signs off; the pairing
// is then completed (its activeApprenticeId freed) in the same transaction, audited. The
// apprentice acknowledges afterwards.
import type { z } from 'zod'
import { refuse, type Actor, type Refusal } from '#app/admin/actor.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'

import { RATING_LABELS } from './labels.ts'
import { SignOffSchema } from './sign-off-form.ts'
export { RATING_LABELS }
export { SignOffSchema }
// The apprentice's acknowledgement form lives with the other record forms (isomorphic, ADR 070).
export { AcknowledgeSchema } from './record-form.ts'

export async function signOffTerm(db: Db, mentor: Actor, { pairingId, input }: { pairingId: string; input: z.infer<typeof SignOffSchema> }, now = new Date()): Promise<{ ok: true } | Refusal> {
	return auditedTransaction(db, async (tx) => {
		// Only the pairing's own mentor, and only once: the guarded update is the check.
		const { count } = await tx.pairing.updateMany({
			where: { id: pairingId, mentorId: mentor.id, status: 'active' },
			data: { status: 'completed', activeApprenticeId: null, endedAt: now },
		})
		if (count !== 1) return refuse(null, '该结对已结束或已完成结业评价')
		await tx.termEvaluation.create({ data: { pairingId, ...input, signedById: mentor.id, signedAt: now } })
		await writeAuditLog(
			tx,
			{
				actorId: mentor.id,
				actorName: mentor.name,
				action: 'mentorship.term.sign_off',
				targetType: 'Pairing',
				targetId: pairingId,
				summary: `结业评价：业务 ${RATING_LABELS[input.businessRating]}，党建 ${RATING_LABELS[input.partyRating]}`,
				after: input,
			},
			now,
		)
		return { ok: true as const }
	})
}

/** The apprentice confirms they have read the evaluation (once). */
export async function acknowledgeTerm(db: DbOrTx, { pairingId, apprenticeId, note }: { pairingId: string; apprenticeId: string; note: string }, now = new Date()) {
	const { count } = await db.termEvaluation.updateMany({
		where: { pairingId, acknowledgedAt: null, pairing: { apprenticeId } },
		data: { acknowledgedAt: now, apprenticeNote: note },
	})
	return count === 1
}

export function getEvaluation(db: DbOrTx, pairingId: string) {
	return db.termEvaluation.findUnique({ where: { pairingId } })
}
