// The mentorship record forms (每月一学, 心得, 项目, 点评, 确认结业评价): checked in the browser and
// again on the server (ADR 070), so they live apart from journal.ts and term.ts, which write to
// the database. Isomorphic. An empty field arrives as no value at all (conform), so a required
// field names its message for both.
import { z } from 'zod'
import { TopicSchema } from '#app/utils/topics.ts'
import { ChinaDaySchema } from './dates.ts'

const Text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`)
const Required = (max: number, label: string, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `${label}不能超过 ${max} 个字`)

export const CheckInSchema = z.object({
	heldOn: ChinaDaySchema,
	topics: Required(500, '主题', '请填写本次交流的主题'),
	notes: Text(4000, '记录').default(''),
	nextSteps: Text(2000, '下一步').default(''),
})

export const ReflectionSchema = z.object({
	month: z
		.string({ error: '请填写月份' })
		.trim()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-03'),
	content: Required(4000, '学习心得', '请写下本月的学习心得'),
})

export const ProjectEntrySchema = z
	.object({
		projectName: Required(200, '项目名称', '请填写项目名称'),
		topic: TopicSchema,
		periodStart: ChinaDaySchema,
		periodEnd: z
			.string()
			.trim()
			.optional()
			.transform((v, ctx) => {
				if (!v) return null
				const parsed = ChinaDaySchema.safeParse(v)
				if (!parsed.success) {
					ctx.addIssue({ code: 'custom', message: '日期格式应为 2026-03-01' })
					return z.NEVER
				}
				return parsed.data
			}),
		role: Required(50, '角色', '请填写在项目中的角色'),
		work: Required(4000, '承担的工作', '请填写承担的工作'),
		learned: Text(4000, '收获').default(''),
	})
	.refine((v) => !v.periodEnd || v.periodEnd >= v.periodStart, { path: ['periodEnd'], message: '结束日期不能早于开始日期' })

export const ProjectCommentSchema = z.object({ entryId: z.string({ error: '项目记录不存在' }).min(1, '项目记录不存在'), body: Required(2000, '点评', '请填写点评') })

export const AcknowledgeSchema = z.object({ apprenticeNote: Text(2000, '意见').default('') })
