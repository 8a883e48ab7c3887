// The question editor's form ⇄ question content. Form values are plain strings so a refused
// submission can be shown again exactly as typed; the domain's schema validates the content,
// and QuestionFormSchema runs it in the browser and on the server alike (ADR 070).
import { z } from 'zod'
import {
	OPTION_KEYS,
	QUESTION_TYPES,
	QuestionContentSchema,
	type QuestionContent,
	type QuestionContentInput,
	type QuestionType,
} from '#app/exams/bank/question-types.ts'
import { chinaDate, formatChinaDate } from '#app/exams/bank/regulation-format.ts'
import { formatTrueFalse } from '#app/exams/import/answer-format.ts'

export type QuestionFormValues = {
	type: QuestionType
	topic: string
	difficulty: string
	points: string
	stem: string
	options: string[]
	answerSingle: string
	answerMultiple: string[]
	answerTrueFalse: string
	answerBlanks: string
	referenceAnswer: string
	rubric: string
	explanation: string
	tags: string
	regulationName: string
	regulationArticle: string
	regulationEffectiveFrom: string
	regulationExpiresAt: string
	lessonRefs: string
	problemRefs: string
}

export const DEFAULT_POINTS: Record<QuestionType, string> = { single: '1', multiple: '2', true_false: '1', fill_blank: '2', short_answer: '10', case_analysis: '20' }

export function parseQuestionType(value: unknown): QuestionType {
	return (QUESTION_TYPES as readonly unknown[]).includes(value) ? (value as QuestionType) : 'single'
}

export function emptyFormValues(type: QuestionType): QuestionFormValues {
	return {
		type,
		topic: 'fiscal',
		difficulty: '3',
		points: DEFAULT_POINTS[type],
		stem: '',
		options: ['', '', '', ''],
		answerSingle: '',
		answerMultiple: [],
		answerTrueFalse: '',
		answerBlanks: '',
		referenceAnswer: '',
		rubric: '',
		explanation: '',
		tags: '',
		regulationName: '',
		regulationArticle: '',
		regulationEffectiveFrom: '',
		regulationExpiresAt: '',
		lessonRefs: '',
		problemRefs: '',
	}
}

export function formValuesFromContent(content: QuestionContent): QuestionFormValues {
	const values = emptyFormValues(content.type)
	const options = content.options.map((option) => option.text)
	return {
		...values,
		topic: content.topic,
		difficulty: String(content.difficulty),
		points: String(content.points),
		stem: content.stem,
		options: options.length ? [...options, ...(options.length < OPTION_KEYS.length ? [''] : [])] : values.options,
		answerSingle: content.type === 'single' ? content.answerKey : '',
		answerMultiple: content.type === 'multiple' ? content.answerKey : [],
		answerTrueFalse: content.type === 'true_false' ? String(content.answerKey) : '',
		answerBlanks: content.type === 'fill_blank' ? content.answerKey.map((alternatives) => alternatives.join(' | ')).join('\n') : '',
		referenceAnswer: content.type === 'short_answer' || content.type === 'case_analysis' ? content.answerKey : '',
		rubric: content.rubric ?? '',
		explanation: content.explanation,
		tags: content.tags.join('、'),
		regulationName: content.regulation?.name ?? '',
		regulationArticle: content.regulation?.article ?? '',
		regulationEffectiveFrom: content.regulation?.effectiveFrom ? formatChinaDate(content.regulation.effectiveFrom) : '',
		regulationExpiresAt: content.regulation?.expiresAt ? formatChinaDate(content.regulation.expiresAt) : '',
		lessonRefs: content.lessonRefs.join('、'),
		problemRefs: content.problemRefs.join('、'),
	}
}

function list(value: string) {
	return value
		.split(/[、,，;；\n]/)
		.map((item) => item.trim())
		.filter(Boolean)
}

function dateInput(value: string) {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
	return match ? chinaDate(Number(match[1]), Number(match[2]), Number(match[3])) : null
}

function numberOrNaN(value: string) {
	return value.trim() === '' ? Number.NaN : Number(value.normalize('NFKC'))
}

/** The content the domain validates; nothing here decides what is valid. */
export function contentInputFromValues(values: QuestionFormValues): QuestionContentInput {
	const lastFilled = values.options.reduce((last, option, index) => (option.trim() ? index : last), -1)
	const options = values.options.slice(0, lastFilled + 1).map((option, index) => ({ key: OPTION_KEYS[index]!, text: option }))
	const essay = values.type === 'short_answer' || values.type === 'case_analysis'
	const answerKey = {
		single: values.answerSingle || undefined,
		multiple: values.answerMultiple,
		true_false: values.answerTrueFalse === 'true' ? true : values.answerTrueFalse === 'false' ? false : undefined,
		fill_blank: values.answerBlanks
			.split('\n')
			.map((line) => line.split(/[|｜]/).map((alt) => alt.trim()).filter(Boolean))
			.filter((alternatives) => alternatives.length > 0),
		short_answer: values.referenceAnswer,
		case_analysis: values.referenceAnswer,
	}[values.type]
	const hasRegulation = [values.regulationName, values.regulationArticle, values.regulationEffectiveFrom, values.regulationExpiresAt].some((v) => v.trim())
	return {
		type: values.type,
		topic: values.topic,
		difficulty: numberOrNaN(values.difficulty),
		points: numberOrNaN(values.points),
		stem: values.stem,
		options: values.type === 'single' || values.type === 'multiple' ? options : [],
		answerKey,
		rubric: essay ? values.rubric.trim() || null : null,
		explanation: values.explanation,
		tags: list(values.tags),
		regulation: hasRegulation
			? {
					name: values.regulationName,
					article: values.regulationArticle,
					effectiveFrom: dateInput(values.regulationEffectiveFrom),
					expiresAt: dateInput(values.regulationExpiresAt),
				}
			: null,
		lessonRefs: list(values.lessonRefs),
		problemRefs: list(values.problemRefs),
	} as QuestionContentInput
}

export const TRUE_FALSE_CHOICES = [
	{ value: 'true', label: formatTrueFalse(true) },
	{ value: 'false', label: formatTrueFalse(false) },
]

// ── conform (ADR 070) ──────────────────────────────────────────────────────────────────────
// The form's fields are named as QuestionFormValues (the options as a field list, options[0]…
// options[7]); conform hands empty inputs over as undefined, read here as ''.

const typedText = z
	.string()
	.optional()
	.transform((value) => value ?? '')

export const QuestionFormFieldsSchema = z.object({
	type: z.string().optional().transform(parseQuestionType),
	topic: typedText,
	difficulty: typedText,
	points: typedText,
	stem: typedText,
	options: z
		.array(typedText)
		.optional()
		.transform((options) => OPTION_KEYS.map((_, index) => options?.[index] ?? '')),
	answerSingle: typedText,
	answerMultiple: z
		.array(z.string())
		.optional()
		.transform((keys) => keys ?? []),
	answerTrueFalse: typedText,
	answerBlanks: typedText,
	referenceAnswer: typedText,
	rubric: typedText,
	explanation: typedText,
	tags: typedText,
	regulationName: typedText,
	regulationArticle: typedText,
	regulationEffectiveFrom: typedText,
	regulationExpiresAt: typedText,
	lessonRefs: typedText,
	problemRefs: typedText,
}) satisfies z.ZodType<QuestionFormValues, unknown>

const REGULATION_FIELDS: Record<string, keyof QuestionFormValues> = {
	name: 'regulationName',
	article: 'regulationArticle',
	effectiveFrom: 'regulationEffectiveFrom',
	expiresAt: 'regulationExpiresAt',
}

/**
 * The form field a content issue belongs to: an option's text to its own input (options[1]),
 * a regulation part to its input, a list item (标签…) to the list's field, the rest by name.
 */
export function formFieldOf(path: readonly PropertyKey[]): string {
	const [first, second] = path
	if (first === undefined) return ''
	if (first === 'options' && typeof second === 'number') return `options[${second}]`
	if (first === 'regulation' && typeof second === 'string' && REGULATION_FIELDS[second]) return REGULATION_FIELDS[second]
	return String(first)
}

/** The domain's refusal (createQuestion / updateQuestion) as the form's errors: by field, or above the form. */
export function questionRefusal(fieldErrors: Record<string, string[]>) {
	const byField: Record<string, string[]> = {}
	const formErrors: string[] = []
	for (const [key, messages] of Object.entries(fieldErrors)) {
		if (key === 'form' || key === 'type') formErrors.push(...messages)
		else if (key.startsWith('regulation.')) (byField[REGULATION_FIELDS[key.slice('regulation.'.length)] ?? 'regulation'] ??= []).push(...messages)
		else (byField[key] ??= []).push(...messages)
	}
	return { fieldErrors: byField, formError: formErrors.length ? formErrors.join('；') : undefined }
}

/** The editor's schema: the fields as typed, checked by the question content's own rules. */
export const QuestionFormSchema = QuestionFormFieldsSchema.transform((values, ctx) => {
	const parsed = QuestionContentSchema.safeParse(contentInputFromValues(values))
	if (parsed.success) return { values, content: parsed.data }
	for (const issue of parsed.error.issues) {
		const field = formFieldOf(issue.path)
		ctx.addIssue({ code: 'custom', message: issue.message, path: field ? [field] : [] })
	}
	return z.NEVER
})
