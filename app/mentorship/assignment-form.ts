// The 指定学习 form: checked in the browser and again on the server (ADR 070), so it lives apart
// from assignments.ts, which writes the audit log (server-only). Isomorphic.
import { z } from 'zod'
import { TopicSchema } from '#app/utils/topics.ts'
import { ChinaDaySchema } from './dates.ts'
import { ASSIGNMENT_KINDS } from './labels.ts'

export const AssignmentInputSchema = z
	.object({
		kind: z.enum(ASSIGNMENT_KINDS, { error: '请选择指定学习的类型' }),
		lessonId: z.string().trim().optional(),
		courseId: z.string().trim().optional(),
		/** practice: a 专题, or "all" for any */
		topic: z.union([TopicSchema, z.literal('all')]).optional(),
		questionCount: z.coerce.number({ error: '题数须为整数' }).int('题数须为整数').min(1, '至少 1 题').max(200, '最多 200 题').optional(),
		dueOn: ChinaDaySchema,
		note: z.string().trim().max(500, '备注不能超过 500 个字').default(''),
	})
	.superRefine((value, ctx) => {
		if (value.kind === 'lesson' && !value.lessonId) ctx.addIssue({ code: 'custom', path: ['lessonId'], message: '请选择课时' })
		if (value.kind === 'course' && !value.courseId) ctx.addIssue({ code: 'custom', path: ['courseId'], message: '请选择课程' })
		if (value.kind === 'practice') {
			if (!value.topic) ctx.addIssue({ code: 'custom', path: ['topic'], message: '请选择专题' })
			if (!value.questionCount) ctx.addIssue({ code: 'custom', path: ['questionCount'], message: '请填写题数' })
		}
	})
