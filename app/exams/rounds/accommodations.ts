// Per-person accommodations: extra minutes and a later close. An open attempt of that person
// gets the longer deadline at once; a deadline is never shortened under someone answering.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { computeDeadline } from '#app/exams/timing/deadline.ts'
import { AccommodationFormSchema, type AccommodationInput } from './accommodation-form.ts'
import type { FieldErrors } from './round-settings.ts'
import { issuesToFieldErrors } from './round-settings.ts'

export { AccommodationFormSchema, type AccommodationInput } from './accommodation-form.ts'

export type AccommodationResult = { ok: true } | { ok: false; fieldErrors: FieldErrors }

export async function setAccommodation(
	db: Db,
	{ roundId, input, actorId, now }: { roundId: string; input: AccommodationInput; actorId: string; now: Date },
): Promise<AccommodationResult> {
	const parsed = AccommodationFormSchema.safeParse(input)
	if (!parsed.success) return { ok: false, fieldErrors: issuesToFieldErrors(parsed.error.issues) }
	const { username, extraMinutes, closesAt, note } = parsed.data
	const [person, round] = await Promise.all([
		db.user.findUnique({ where: { username }, select: { id: true, name: true } }),
		db.round.findUnique({ where: { id: roundId }, select: { title: true, closesAt: true, timeLimitMinutes: true } }),
	])
	if (!round) return { ok: false, fieldErrors: { form: ['找不到这轮考试'] } }
	if (!person) return { ok: false, fieldErrors: { username: [`找不到工号 ${username}`] } }
	if (closesAt && closesAt <= round.closesAt) return { ok: false, fieldErrors: { closesAt: ['延后截止时间须晚于本轮截止时间'] } }
	if (extraMinutes === 0 && !closesAt) return { ok: false, fieldErrors: { extraMinutes: ['请填写延长分钟或延后截止时间'] } }

	await auditedTransaction(db, async (tx) => {
		const before = await tx.accommodation.findUnique({ where: { roundId_userId: { roundId, userId: person.id } } })
		await tx.accommodation.upsert({
			where: { roundId_userId: { roundId, userId: person.id } },
			create: { roundId, userId: person.id, extraMinutes, closesAt, note: note || null },
			update: { extraMinutes, closesAt, note: note || null },
		})
		const open = await tx.attempt.findFirst({ where: { roundId, userId: person.id, status: 'open' }, select: { id: true, startedAt: true, deadline: true } })
		if (open) {
			const extended = computeDeadline({
				startedAt: open.startedAt,
				timeLimitMinutes: round.timeLimitMinutes,
				windowClosesAt: round.closesAt,
				personalClosesAt: closesAt,
				extraMinutes,
			})
			if (extended > open.deadline) await tx.attempt.updateMany({ where: { id: open.id, status: 'open' }, data: { deadline: extended } })
		}
		await writeAuditLog(tx, {
			actorId,
			action: 'round.accommodation.set',
			targetType: 'Round',
			targetId: roundId,
			summary: `为 ${person.name}（${username}）设置考试照顾：延长 ${extraMinutes} 分钟${closesAt ? '，延后截止' : ''}`,
			before: before ? { extraMinutes: before.extraMinutes, closesAt: before.closesAt } : null,
			after: { userId: person.id, extraMinutes, closesAt, note },
		}, now)
	})
	return { ok: true }
}

export async function removeAccommodation(db: Db, { roundId, accommodationId, actorId, now }: { roundId: string; accommodationId: string; actorId: string; now: Date }) {
	return auditedTransaction(db, async (tx) => {
		const existing = await tx.accommodation.findFirst({ where: { id: accommodationId, roundId } })
		if (!existing) return false
		await tx.accommodation.delete({ where: { id: existing.id } })
		await writeAuditLog(tx, {
			actorId,
			action: 'round.accommodation.remove',
			targetType: 'Round',
			targetId: roundId,
			summary: '取消考试照顾',
			before: { userId: existing.userId, extraMinutes: existing.extraMinutes, closesAt: existing.closesAt },
		}, now)
		return true
	})
}
