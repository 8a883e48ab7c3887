// 每月一学 check-ins (the mentor's record of a meeting), the apprentice's monthly reflection,
// and the project log (项目压担子 / 以审代训) with the mentor's comments.
import type { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { chinaMonthOf } from './dates.ts'
import { CheckInSchema, ProjectCommentSchema, ProjectEntrySchema, ReflectionSchema } from './record-form.ts'

// The forms' schemas live in record-form.ts (isomorphic, ADR 070).
export { CheckInSchema, ProjectCommentSchema, ProjectEntrySchema, ReflectionSchema }

export async function recordCheckIn(db: DbOrTx, { pairingId, authorId, input, now = new Date() }: { pairingId: string; authorId: string; input: z.infer<typeof CheckInSchema>; now?: Date }) {
	if (input.heldOn > now) return { ok: false as const, field: 'heldOn', message: '见面日期不能晚于今天' }
	const row = await db.mentorCheckIn.create({
		data: { pairingId, heldOn: input.heldOn, month: chinaMonthOf(input.heldOn), topics: input.topics, notes: input.notes, nextSteps: input.nextSteps, createdById: authorId },
		select: { id: true },
	})
	return { ok: true as const, id: row.id }
}

export function listCheckIns(db: DbOrTx, pairingIds: string[]) {
	return db.mentorCheckIn.findMany({
		where: { pairingId: { in: pairingIds } },
		select: { id: true, pairingId: true, heldOn: true, month: true, topics: true, notes: true, nextSteps: true, createdAt: true },
		orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }],
	})
}

/** One reflection per pairing and month; writing again replaces it (one upsert). */
export async function saveReflection(db: DbOrTx, { pairingId, input, now = new Date() }: { pairingId: string; input: z.infer<typeof ReflectionSchema>; now?: Date }) {
	if (input.month > chinaMonthOf(now)) return { ok: false as const, field: 'month', message: '不能为将来的月份写心得' }
	await db.apprenticeReflection.upsert({
		where: { pairingId_month: { pairingId, month: input.month } },
		create: { pairingId, month: input.month, content: input.content },
		update: { content: input.content },
	})
	return { ok: true as const }
}

export function listReflections(db: DbOrTx, pairingIds: string[]) {
	return db.apprenticeReflection.findMany({ where: { pairingId: { in: pairingIds } }, select: { id: true, pairingId: true, month: true, content: true, updatedAt: true }, orderBy: { month: 'desc' } })
}

export { PROJECT_ROLES } from './labels.ts'

export async function addProjectEntry(db: DbOrTx, { pairingId, apprenticeId, authorId, input }: { pairingId: string; apprenticeId: string; authorId: string; input: z.infer<typeof ProjectEntrySchema> }) {
	return db.projectLogEntry.create({ data: { pairingId, apprenticeId, createdById: authorId, ...input }, select: { id: true } })
}

/** A comment on an entry of this pairing only (the entry id comes from a form). */
export async function commentOnProject(db: DbOrTx, { pairingId, authorId, input }: { pairingId: string; authorId: string; input: z.infer<typeof ProjectCommentSchema> }) {
	const entry = await db.projectLogEntry.findFirst({ where: { id: input.entryId, pairingId }, select: { id: true } })
	if (!entry) return { ok: false as const, field: 'body', message: '项目记录不存在' }
	await db.projectComment.create({ data: { entryId: entry.id, authorId, body: input.body } })
	return { ok: true as const }
}

/** An apprentice's project log across all their pairings (the log is theirs), newest first. */
export function listProjects(db: DbOrTx, apprenticeId: string) {
	return db.projectLogEntry.findMany({
		where: { apprenticeId },
		select: {
			id: true,
			pairingId: true,
			projectName: true,
			topic: true,
			periodStart: true,
			periodEnd: true,
			role: true,
			work: true,
			learned: true,
			createdById: true,
			comments: { select: { id: true, authorId: true, body: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
		},
		orderBy: [{ periodStart: 'desc' }, { createdAt: 'desc' }],
	})
}
