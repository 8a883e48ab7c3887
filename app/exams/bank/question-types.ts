// Question types and the shape of each type's options, answer key and response.
// Isomorphic and key-free: the UI imports the labels and schemas; no data lives here.
import { z } from 'zod'
import { TopicSchema } from '#app/utils/topics.ts'

export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'case_analysis'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]
export const QuestionTypeSchema = z.enum(QUESTION_TYPES, { error: '题型无效' })

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
	single: '单选',
	multiple: '多选',
	true_false: '判断',
	fill_blank: '填空',
	short_answer: '简答',
	case_analysis: '案例分析',
}

export const OBJECTIVE_TYPES = ['single', 'multiple', 'true_false', 'fill_blank'] as const
export type ObjectiveType = (typeof OBJECTIVE_TYPES)[number]
export const ESSAY_TYPES = ['short_answer', 'case_analysis'] as const
export type EssayType = (typeof ESSAY_TYPES)[number]

export function isEssayType(type: string): type is EssayType {
	return (ESSAY_TYPES as readonly string[]).includes(type)
}

export const QUESTION_STATUSES = ['draft', 'active', 'retired'] as const
export type QuestionStatus = (typeof QUESTION_STATUSES)[number]
export const QuestionStatusSchema = z.enum(QUESTION_STATUSES, { error: '状态无效' })
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = { draft: '草稿', active: '启用', retired: '停用' }

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const
export type OptionKey = (typeof OPTION_KEYS)[number]
export const OptionKeySchema = z.enum(OPTION_KEYS, { error: '选项字母须为 A–H' })

export const MAX_STEM_LENGTH = 5000
export const MAX_OPTION_LENGTH = 1000
export const MAX_BLANKS = 20
export const MAX_POINTS = 100

export const OptionSchema = z.object({
	key: OptionKeySchema,
	text: z.string().trim().min(1, { error: '选项内容不能为空' }).max(MAX_OPTION_LENGTH, { error: `选项不能超过${MAX_OPTION_LENGTH}字` }),
})
export type QuestionOption = z.infer<typeof OptionSchema>

/** Options must run A, B, C… without gaps, so a key letter always names a shown option. */
const ChoiceOptionsSchema = z
	.array(OptionSchema)
	.min(2, { error: '选择题至少需要两个选项' })
	.max(OPTION_KEYS.length, { error: '选项最多 8 个（A–H）' })
	.refine((options) => options.every((option, index) => option.key === OPTION_KEYS[index]), { error: '选项须从 A 起连续排列' })

export const SingleKeySchema = OptionKeySchema
export const MultipleKeySchema = z
	.array(OptionKeySchema)
	.min(2, { error: '多选题答案至少两个选项' })
	.refine((keys) => new Set(keys).size === keys.length, { error: '答案中有重复选项' })
	.transform((keys) => [...keys].sort())
export const TrueFalseKeySchema = z.boolean({ error: '判断题答案须为正确或错误' })
const BlankAlternativesSchema = z
	.array(z.string().trim().min(1, { error: '填空答案不能为空' }))
	.min(1, { error: '每个空至少一个答案' })
export const FillBlankKeySchema = z
	.array(BlankAlternativesSchema)
	.min(1, { error: '填空题至少一个空' })
	.max(MAX_BLANKS, { error: `填空题最多 ${MAX_BLANKS} 个空` })
export const EssayKeySchema = z.string().trim().min(1, { error: '请填写参考答案' })

export type SingleKey = z.infer<typeof SingleKeySchema>
export type MultipleKey = z.infer<typeof MultipleKeySchema>
export type FillBlankKey = z.infer<typeof FillBlankKeySchema>

/** What a learner's saved answer looks like per type (AttemptQuestion.answer, JSON). */
export const ResponseSchemas = {
	single: OptionKeySchema,
	multiple: z.array(OptionKeySchema).max(OPTION_KEYS.length),
	true_false: z.boolean(),
	fill_blank: z.array(z.string().max(MAX_OPTION_LENGTH)).max(MAX_BLANKS),
	short_answer: z.string().max(20_000),
	case_analysis: z.string().max(20_000),
} as const satisfies Record<QuestionType, z.ZodType>

export type ResponseFor<T extends QuestionType> = z.infer<(typeof ResponseSchemas)[T]>

/** Blank markers in a 填空 stem: two or more underscores, or empty full-/half-width parentheses. */
export const BLANK_MARKER = /_{2,}|（\s*）|\(\s*\)/g

export function countBlankMarkers(stem: string) {
	return stem.match(BLANK_MARKER)?.length ?? 0
}

export const RegulationSchema = z
	.object({
		name: z.string().trim().min(1, { error: '请填写法规名称' }).max(200, { error: '法规名称不能超过200字' }),
		article: z.string().trim().max(200, { error: '条款不能超过200字' }).default(''),
		effectiveFrom: z.date().nullable().default(null),
		expiresAt: z.date().nullable().default(null),
	})
	.refine((r) => !r.effectiveFrom || !r.expiresAt || r.expiresAt > r.effectiveFrom, {
		error: '失效日期须晚于生效日期',
		path: ['expiresAt'],
	})
export type Regulation = z.infer<typeof RegulationSchema>

/** Separators of list cells (标签, 关联课程) in a spreadsheet; list items may not contain them. */
export const LIST_SEPARATORS = /[、,，;；|｜\n]/
const listItem = (max: number, what: string) =>
	z
		.string()
		.trim()
		.min(1, { error: `${what}不能为空` })
		.max(max, { error: `${what}不能超过${max}字` })
		.refine((item) => !LIST_SEPARATORS.test(item), { error: `${what}不能包含、，；| 等分隔符` })

const RefListSchema = z.array(listItem(200, '关联项')).max(50, { error: '关联项最多50个' }).default([])

const CommonFields = {
	topic: TopicSchema,
	difficulty: z.number({ error: '难度须为 1–5 的整数' }).int({ error: '难度须为 1–5 的整数' }).min(1, { error: '难度须为 1–5 的整数' }).max(5, { error: '难度须为 1–5 的整数' }),
	points: z
		.number({ error: '分值须为数字' })
		.positive({ error: '分值须大于 0' })
		.max(MAX_POINTS, { error: `分值不能超过 ${MAX_POINTS}` })
		.refine((points) => Number.isInteger(points * 10), { error: '分值最多一位小数' }),
	stem: z.string().trim().min(1, { error: '请填写题干' }).max(MAX_STEM_LENGTH, { error: `题干不能超过${MAX_STEM_LENGTH}字` }),
	explanation: z.string().trim().max(5000, { error: '解析不能超过5000字' }).default(''),
	tags: z.array(listItem(30, '标签')).max(20, { error: '标签最多20个' }).default([]),
	regulation: RegulationSchema.nullable().default(null),
	lessonRefs: RefListSchema,
	problemRefs: RefListSchema,
}

function keyNamesAnOption(options: QuestionOption[], keys: readonly string[]) {
	const shown = new Set(options.map((option) => option.key))
	return keys.every((key) => shown.has(key as OptionKey))
}

const SingleContentSchema = z
	.object({ ...CommonFields, type: z.literal('single'), options: ChoiceOptionsSchema, answerKey: SingleKeySchema, rubric: z.null().default(null) })
	.refine((q) => keyNamesAnOption(q.options, [q.answerKey]), { error: '答案不在选项范围内', path: ['answerKey'] })

const MultipleContentSchema = z
	.object({ ...CommonFields, type: z.literal('multiple'), options: ChoiceOptionsSchema, answerKey: MultipleKeySchema, rubric: z.null().default(null) })
	.refine((q) => keyNamesAnOption(q.options, q.answerKey), { error: '答案不在选项范围内', path: ['answerKey'] })

const TrueFalseContentSchema = z.object({
	...CommonFields,
	type: z.literal('true_false'),
	options: z.array(OptionSchema).max(0, { error: '判断题不需要选项' }).default([]),
	answerKey: TrueFalseKeySchema,
	rubric: z.null().default(null),
})

const FillBlankContentSchema = z
	.object({
		...CommonFields,
		type: z.literal('fill_blank'),
		options: z.array(OptionSchema).max(0, { error: '填空题不需要选项' }).default([]),
		answerKey: FillBlankKeySchema,
		rubric: z.null().default(null),
	})
	.refine((q) => countBlankMarkers(q.stem) === q.answerKey.length, {
		error: '题干中的空位（____ 或（ ））数量须与答案的空数一致',
		path: ['answerKey'],
	})

const essayFields = {
	options: z.array(OptionSchema).max(0, { error: '主观题不需要选项' }).default([]),
	answerKey: EssayKeySchema,
	rubric: z.string().trim().max(5000, { error: '评分要点不能超过5000字' }).nullable().default(null),
}
const ShortAnswerContentSchema = z.object({ ...CommonFields, type: z.literal('short_answer'), ...essayFields })
const CaseAnalysisContentSchema = z.object({ ...CommonFields, type: z.literal('case_analysis'), ...essayFields })

/** Everything a question version holds, validated per type. */
export const QuestionContentSchema = z.discriminatedUnion('type', [
	SingleContentSchema,
	MultipleContentSchema,
	TrueFalseContentSchema,
	FillBlankContentSchema,
	ShortAnswerContentSchema,
	CaseAnalysisContentSchema,
])
export type QuestionContent = z.infer<typeof QuestionContentSchema>
export type QuestionContentInput = z.input<typeof QuestionContentSchema>

/** The answer-key part of a content, for grading. */
export type AnswerKeyFor<T extends QuestionType> = Extract<QuestionContent, { type: T }>['answerKey']

/** A version is due for review once its regulation has stopped applying. */
export function isFlaggedForReview(regulationExpiresAt: Date | null | undefined, now: Date = new Date()) {
	return regulationExpiresAt != null && regulationExpiresAt.getTime() <= now.getTime()
}
