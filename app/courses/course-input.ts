// What a lecturer fills in for a course. Isomorphic: the form and the server share it.
import { z } from 'zod'
import { AUDIENCES, TopicInputSchema } from './vocabulary.ts'

export const CourseInputSchema = z.object({
	title: z.string({ error: '请填写课程名称' }).trim().min(1, '请填写课程名称').max(100, '课程名称不能超过 100 个字符'),
	summary: z.string().trim().max(1000, '简介不能超过 1000 个字符').default(''),
	topic: TopicInputSchema,
	audiences: z
		.array(z.enum(AUDIENCES, { error: '受众无效' }), { error: '请至少选择一类受众' })
		.min(1, '请至少选择一类受众')
		.transform((list) => [...new Set(list)]),
})
export type CourseInput = z.infer<typeof CourseInputSchema>
