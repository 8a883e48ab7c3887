// 结对 (ADR 051): an admin pairs a mentor with an apprentice for a term with 业务 and 党建
// goals. An apprentice has at most one active mentor: the pairing row carries
// activeApprenticeId (the apprentice's id while active, null after), and its unique index
// refuses a second active pairing in the same write, whoever wins a race and on both
// providers. Ending or changing a pairing never deletes it: history stays.
import { z } from 'zod'
import { auditActor, NOT_FOUND, refuse, type Actor, type Refusal } from '#app/admin/actor.ts'
import { isUniqueViolation } from '#app/admin/users.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { ChinaDaySchema, chinaDayOf } from './dates.ts'
import { Goals, type PairingFormSchema } from './pairing-form.ts'

export { PAIRING_STATUS_LABELS, PAIRING_STATUSES, type PairingStatus } from './labels.ts'


export const PairingInputSchema = z
	.object({
		mentorId: z.string({ error: '请选择导师' }).trim().min(1, '请选择导师'),
		apprenticeId: z.string({ error: '请选择徒弟' }).trim().min(1, '请选择徒弟'),
		startsOn: ChinaDaySchema,
		endsOn: ChinaDaySchema,
		businessGoals: Goals.default(''),
		partyGoals: Goals.default(''),
	})
	.refine((v) => v.endsOn > v.startsOn, { path: ['endsOn'], message: '结束日期须晚于开始日期' })
	.refine((v) => v.mentorId !== v.apprenticeId, { path: ['apprenticeId'], message: '导师和徒弟不能是同一个人' })
export type PairingInput = z.infer<typeof PairingInputSchema>

export type Person = { id: string; username: string; name: string; unitId: string; unitName: string; active: boolean; roles: string[] }

export async function peopleByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, Person>> {
	const unique = [...new Set(ids)]
	if (!unique.length) return new Map()
	const users = await db.user.findMany({
		where: { id: { in: unique } },
		select: { id: true, username: true, name: true, unitId: true, active: true, unit: { select: { name: true } }, roles: { select: { role: true } } },
	})
	return new Map(users.map((u) => [u.id, { id: u.id, username: u.username, name: u.name, unitId: u.unitId, unitName: u.unit.name, active: u.active, roles: u.roles.map((r) => r.role) }]))
}

/** Who may be a mentor and who an apprentice; the message says which person is wrong. */
export async function checkPair(db: DbOrTx, { mentorId, apprenticeId }: { mentorId: string; apprenticeId: string }): Promise<Refusal | null> {
	const people = await peopleByIds(db, [mentorId, apprenticeId])
	const mentor = people.get(mentorId)
	const apprentice = people.get(apprenticeId)
	if (!mentor) return refuse('mentorId', '导师不存在')
	if (!mentor.active) return refuse('mentorId', `${mentor.name} 的账号已停用`)
	if (!mentor.roles.includes('mentor')) return refuse('mentorId', `${mentor.name} 没有导师身份，请先在用户管理中授予`)
	if (!apprentice) return refuse('apprenticeId', '徒弟不存在')
	if (!apprentice.active) return refuse('apprenticeId', `${apprentice.name} 的账号已停用`)
	return null
}

async function activeMentorMessage(db: DbOrTx, apprenticeId: string) {
	const current = await db.pairing.findUnique({ where: { activeApprenticeId: apprenticeId }, select: { mentorId: true } })
	const names = await peopleByIds(db, [apprenticeId, ...(current ? [current.mentorId] : [])])
	const mentorName = current ? names.get(current.mentorId)?.name : null
	return `${names.get(apprenticeId)?.name ?? '该徒弟'} 已有在带导师${mentorName ? `（${mentorName}）` : ''}；一名徒弟同时只能有一位导师，请先结束或更换原结对`
}

function snapshot(p: { mentorId: string; apprenticeId: string; startsOn: Date; endsOn: Date; businessGoals: string; partyGoals: string }) {
	return { mentorId: p.mentorId, apprenticeId: p.apprenticeId, startsOn: chinaDayOf(p.startsOn), endsOn: chinaDayOf(p.endsOn), businessGoals: p.businessGoals, partyGoals: p.partyGoals }
}

/** Creates the pairing inside a transaction the caller holds (the import writes many). */
export async function insertPairing(tx: DbTx, actor: Actor, input: PairingInput, summary?: string) {
	const pairing = await tx.pairing.create({
		data: { ...input, activeApprenticeId: input.apprenticeId, status: 'active', createdById: actor.id },
		select: { id: true },
	})
	await writeAuditLog(tx, {
		...auditActor(actor),
		action: 'mentorship.pairing.create',
		targetType: 'Pairing',
		targetId: pairing.id,
		summary: summary ?? '新建导师带徒结对',
		after: snapshot(input),
	})
	return pairing
}

export async function createPairing(db: Db, actor: Actor, input: PairingInput): Promise<{ ok: true; id: string } | Refusal> {
	const problem = await checkPair(db, input)
	if (problem) return problem
	const people = await peopleByIds(db, [input.mentorId, input.apprenticeId])
	try {
		const pairing = await auditedTransaction(db, (tx) =>
			insertPairing(tx, actor, input, `结对：导师 ${people.get(input.mentorId)!.name}，徒弟 ${people.get(input.apprenticeId)!.name}`),
		)
		return { ok: true, id: pairing.id }
	} catch (error) {
		// The unique activeApprenticeId refused it: this apprentice already has an active mentor
		// (perhaps paired a moment ago by another admin).
		if (isUniqueViolation(error)) return refuse('apprenticeId', await activeMentorMessage(db, input.apprenticeId))
		throw error
	}
}

export const EndPairingSchema = z.object({
	pairingId: z.string().min(1),
	reason: z.string().trim().min(1, '请填写结束原因').max(200, '原因不能超过 200 个字'),
})

/** Ends an active pairing early (history kept). One guarded update: ending twice ends once. */
export async function endPairing(db: Db, actor: Actor, { pairingId, reason }: z.infer<typeof EndPairingSchema>, now = new Date()): Promise<{ ok: true } | Refusal> {
	return auditedTransaction(db, async (tx) => {
		const { count } = await tx.pairing.updateMany({
			where: { id: pairingId, status: 'active' },
			data: { status: 'ended', activeApprenticeId: null, endedAt: now, endReason: reason },
		})
		if (count !== 1) return (await tx.pairing.findUnique({ where: { id: pairingId }, select: { id: true } })) ? refuse(null, '该结对已经结束') : NOT_FOUND
		await writeAuditLog(tx, { ...auditActor(actor), action: 'mentorship.pairing.end', targetType: 'Pairing', targetId: pairingId, summary: `结束结对：${reason}`, after: { reason } }, now)
		return { ok: true as const }
	})
}

export const ChangeMentorSchema = z.object({
	pairingId: z.string().min(1),
	mentorId: z.string({ error: '请选择新导师' }).trim().min(1, '请选择新导师'),
	startsOn: ChinaDaySchema,
})

/**
 * 更换导师: ends the active pairing and starts one with the new mentor for the rest of the
 * term, with the same goals, in one transaction: the apprentice is never without a mentor
 * in between, nor with two.
 */
export async function changeMentor(db: Db, actor: Actor, input: z.infer<typeof ChangeMentorSchema>, now = new Date()): Promise<{ ok: true; id: string } | Refusal> {
	const old = await db.pairing.findUnique({ where: { id: input.pairingId } })
	if (!old) return NOT_FOUND
	if (old.status !== 'active') return refuse(null, '该结对已经结束，无法更换导师')
	if (old.mentorId === input.mentorId) return refuse('mentorId', '新导师与原导师相同')
	if (input.startsOn >= old.endsOn) return refuse('startsOn', `新结对的开始日期须早于结对期结束日（${chinaDayOf(old.endsOn)}）`)
	const problem = await checkPair(db, { mentorId: input.mentorId, apprenticeId: old.apprenticeId })
	if (problem) return problem
	const people = await peopleByIds(db, [old.mentorId, input.mentorId, old.apprenticeId])
	try {
		return await auditedTransaction(db, async (tx) => {
			const { count } = await tx.pairing.updateMany({
				where: { id: old.id, status: 'active' },
				data: { status: 'ended', activeApprenticeId: null, endedAt: now, endReason: `更换导师为 ${people.get(input.mentorId)!.name}` },
			})
			if (count !== 1) return refuse(null, '该结对刚刚已被结束，请刷新后重试')
			await writeAuditLog(tx, { ...auditActor(actor), action: 'mentorship.pairing.end', targetType: 'Pairing', targetId: old.id, summary: '更换导师，原结对结束' }, now)
			const created = await insertPairing(
				tx,
				actor,
				{ mentorId: input.mentorId, apprenticeId: old.apprenticeId, startsOn: input.startsOn, endsOn: old.endsOn, businessGoals: old.businessGoals, partyGoals: old.partyGoals },
				`更换导师：${people.get(old.apprenticeId)!.name} 的导师由 ${people.get(old.mentorId)!.name} 改为 ${people.get(input.mentorId)!.name}`,
			)
			return { ok: true as const, id: created.id }
		})
	} catch (error) {
		if (isUniqueViolation(error)) return refuse(null, await activeMentorMessage(db, old.apprenticeId))
		throw error
	}
}

export const PAIRING_SELECT = {
	id: true,
	mentorId: true,
	apprenticeId: true,
	status: true,
	startsOn: true,
	endsOn: true,
	businessGoals: true,
	partyGoals: true,
	endedAt: true,
	endReason: true,
	createdAt: true,
	evaluation: { select: { signedAt: true, acknowledgedAt: true } },
} as const

export { PairingFormSchema } from './pairing-form.ts'

export async function userIdByUsername(db: DbOrTx, username: string) {
	return (await db.user.findUnique({ where: { username }, select: { id: true } }))?.id ?? null
}

/** Resolves the 工号 and checks the whole input as PairingInputSchema does. */
export async function pairingInputFromForm(db: DbOrTx, form: z.infer<typeof PairingFormSchema>): Promise<{ ok: true; input: PairingInput } | Refusal> {
	const mentorId = await userIdByUsername(db, form.mentorUsername)
	if (!mentorId) return refuse('mentorUsername', `工号“${form.mentorUsername}”不存在`)
	const apprenticeId = await userIdByUsername(db, form.apprenticeUsername)
	if (!apprenticeId) return refuse('apprenticeUsername', `工号“${form.apprenticeUsername}”不存在`)
	if (form.endsOn <= form.startsOn) return refuse('endsOn', '结束日期须晚于开始日期')
	if (mentorId === apprenticeId) return refuse('apprenticeUsername', '导师和徒弟不能是同一个人')
	return { ok: true, input: { mentorId, apprenticeId, startsOn: form.startsOn, endsOn: form.endsOn, businessGoals: form.businessGoals, partyGoals: form.partyGoals } }
}

/** Field names of PairingInput refusals as the 工号 form calls them. */
export function toFormRefusal(refusal: Refusal): Refusal {
	const rename: Record<string, string> = { mentorId: 'mentorUsername', apprenticeId: 'apprenticeUsername' }
	return { ...refusal, fieldErrors: Object.fromEntries(Object.entries(refusal.fieldErrors).map(([key, value]) => [rename[key] ?? key, value])) }
}
