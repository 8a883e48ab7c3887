// 每月一学 check-ins (the mentor's record of a meeting), the apprentice's monthly reflection,
// and the project log (项目压担子 / 以审代训) with the mentor's comments.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.ts'
import { TopicSchema } from '#app/utils/topics.ts'
import { ChinaDaySchema, chinaMonthOf, MonthSchema } from './dates.ts'

const Text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`)

export const CheckInSchema = z.object({
	heldOn: ChinaDaySchema,
	topics: Text(500, '主题').min(1, '请填写本次交流的主题'),
	notes: Text(4000, '记录').default(''),
	nextSteps: Text(2000, '下一步').default(''),
})

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

export const ReflectionSchema = z.object({
	month: MonthSchema,
	content: Text(4000, '学习心得').min(1, '请写下本月的学习心得'),
})

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

export const ProjectEntrySchema = z
	.object({
		projectName: Text(200, '项目名称').min(1, '请填写项目名称'),
		topic: TopicSchema,
		periodStart: ChinaDaySchema,
		periodEnd: z.string().trim().optional().transform((v, ctx) => {
			if (!v) return null
			const parsed = ChinaDaySchema.safeParse(v)
			if (!parsed.success) {
				ctx.addIssue({ code: 'custom', message: '日期格式应为 2026-03-01' })
				return z.NEVER
			}
			return parsed.data
		}),
		role: Text(50, '角色').min(1, '请填写在项目中的角色'),
		work: Text(4000, '承担的工作').min(1, '请填写承担的工作'),
		learned: Text(4000, '收获').default(''),
	})
	.refine((v) => !v.periodEnd || v.periodEnd >= v.periodStart, { path: ['periodEnd'], message: '结束日期不能早于开始日期' })

export async function addProjectEntry(db: DbOrTx, { pairingId, apprenticeId, authorId, input }: { pairingId: string; apprenticeId: string; authorId: string; input: z.infer<typeof ProjectEntrySchema> }) {
	return db.projectLogEntry.create({ data: { pairingId, apprenticeId, createdById: authorId, ...input }, select: { id: true } })
}

export const ProjectCommentSchema = z.object({ entryId: z.string().min(1), body: Text(2000, '点评').min(1, '请填写点评') })

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
