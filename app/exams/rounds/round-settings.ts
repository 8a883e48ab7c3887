// A round's settings as the admin edits them: the form's text in, validated settings out,
// with Chinese messages keyed by field so each lands next to its input.
import { z } from 'zod'
import { MULTIPLE_CHOICE_POLICIES } from '#app/exams/grading/objective.ts'
import { QuestionTypeSchema } from '#app/exams/bank/question-types.ts'
import { TopicSchema } from '#app/utils/topics.ts'
import { RoleSchema } from '#app/utils/roles.ts'
import { parseChinaDateTimeLocal } from '#app/exams/timing/china-time.ts'
import { isEarlier, RELEASE_TIMINGS } from '#app/exams/timing/release-options.ts'

export type FormValues = Record<string, string | string[] | undefined>
export type FieldErrors = Record<string, string[]>

export const RULE_FIELDS = ['ruleTopic', 'ruleType', 'ruleDifficulty', 'ruleCount', 'rulePoints'] as const
export const LIST_FIELDS = [...RULE_FIELDS, 'eligibilityUnits', 'eligibilityRoles'] as const

const text = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim()
const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value === undefined ? [] : [value])

const dateTime = (label: string) =>
	z.string().transform((value, ctx) => {
		const date = parseChinaDateTimeLocal(value)
		if (!date) {
			ctx.addIssue({ code: 'custom', message: `请填写${label}` })
			return z.NEVER
		}
		return date
	})

const optionalDateTime = (label: string) =>
	z.string().transform((value, ctx) => {
		if (value === '') return null
		const date = parseChinaDateTimeLocal(value)
		if (!date) {
			ctx.addIssue({ code: 'custom', message: `${label}格式不正确` })
			return z.NEVER
		}
		return date
	})

const wholeNumber = (label: string, min: number, max: number) =>
	z
		.string()
		.trim()
		.min(1, { error: `请填写${label}` })
		.pipe(z.coerce.number<string>({ error: `${label}须为数字` }).int({ error: `${label}须为整数` }).min(min, { error: `${label}须在 ${min}–${max} 之间` }).max(max, { error: `${label}须在 ${min}–${max} 之间` }))

export const DrawRuleInputSchema = z.object({
	topic: TopicSchema,
	type: QuestionTypeSchema,
	difficulty: z.string().transform((value, ctx) => {
		if (value === '') return null
		const n = Number(value)
		if (!Number.isInteger(n) || n < 1 || n > 5) {
			ctx.addIssue({ code: 'custom', message: '难度须为 1–5 或“任意”' })
			return z.NEVER
		}
		return n
	}),
	count: wholeNumber('题数', 1, 200),
	pointsEach: z
		.string()
		.trim()
		.min(1, { error: '请填写每题分值' })
		.pipe(
			z.coerce
				.number<string>({ error: '分值须为数字' })
				.positive({ error: '分值须大于 0' })
				.max(100, { error: '分值不能超过 100' })
				.refine((points) => Number.isInteger(Math.round(points * 1e6) / 1e5), { error: '分值最多一位小数' }),
		),
})

export const RoundSettingsSchema = z
	.object({
		title: z.string().trim().min(1, { error: '请填写轮次名称' }).max(100, { error: '名称不能超过100字' }),
		opensAt: dateTime('开始时间'),
		closesAt: dateTime('截止时间'),
		reviewOpensAt: optionalDateTime('复盘开放时间'),
		scoreRelease: z.enum(RELEASE_TIMINGS, { error: '请选择成绩公布时间' }),
		marksRelease: z.enum(RELEASE_TIMINGS, { error: '请选择每题得分公布时间' }),
		timeLimitMinutes: wholeNumber('考试时长（分钟）', 1, 600),
		attemptsAllowed: wholeNumber('作答次数', 1, 10),
		shuffleQuestions: z.boolean(),
		shuffleOptions: z.boolean(),
		multipleChoicePolicy: z.enum(MULTIPLE_CHOICE_POLICIES, { error: '请选择多选题计分方式' }),
		partialCreditRatio: z
			.string()
			.trim()
			.pipe(z.coerce.number<string>({ error: '漏选得分比例须为数字' }).min(0, { error: '漏选得分比例须在 0–100% 之间' }).max(100, { error: '漏选得分比例须在 0–100% 之间' }))
			.transform((percent) => percent / 100),
		fillBlankOrderInsensitive: z.boolean(),
		instructions: z.string().max(5000, { error: '考试说明不能超过5000字' }),
		drawRules: z.array(DrawRuleInputSchema).min(1, { error: '请至少设置一条抽题规则' }).max(50, { error: '抽题规则最多 50 条' }),
		eligibility: z.object({
			unitIds: z.array(z.string().min(1)).max(500),
			roles: z.array(RoleSchema),
			usernames: z.array(z.string().min(1).max(50)).max(2000, { error: '指定人员最多 2000 人' }),
		}),
	})
	.superRefine((settings, ctx) => {
		if (settings.closesAt <= settings.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '截止时间须晚于开始时间' })
		if (settings.reviewOpensAt && settings.reviewOpensAt < settings.closesAt) {
			ctx.addIssue({ code: 'custom', path: ['reviewOpensAt'], message: '复盘开放时间不能早于截止时间（留空即截止后开放）' })
		}
		// Per-question marks add up to the total: showing them first would show the total early.
		if (isEarlier(settings.marksRelease, settings.scoreRelease)) {
			ctx.addIssue({ code: 'custom', path: ['marksRelease'], message: '每题得分的公布时间不能早于总分的公布时间' })
		}
	})
export type RoundSettings = z.output<typeof RoundSettingsSchema>

/** The form's fields (parallel lists for the rule rows) as the schema's input; blank rule rows are dropped. */
export function roundSettingsInput(form: FormValues) {
	const columns = RULE_FIELDS.map((field) => list(form[field]))
	const rowCount = Math.max(...columns.map((column) => column.length))
	const drawRules = Array.from({ length: rowCount }, (_, i) => {
		const [topic, type, difficulty, count, pointsEach] = columns.map((column) => (column[i] ?? '').trim()) as [string, string, string, string, string]
		return { topic, type, difficulty, count, pointsEach }
	}).filter((rule) => rule.count !== '' || rule.pointsEach !== '')
	return {
		title: text(form.title),
		opensAt: text(form.opensAt),
		closesAt: text(form.closesAt),
		reviewOpensAt: text(form.reviewOpensAt),
		scoreRelease: text(form.scoreRelease),
		marksRelease: text(form.marksRelease),
		timeLimitMinutes: text(form.timeLimitMinutes),
		attemptsAllowed: text(form.attemptsAllowed),
		shuffleQuestions: text(form.shuffleQuestions) === 'on',
		shuffleOptions: text(form.shuffleOptions) === 'on',
		multipleChoicePolicy: text(form.multipleChoicePolicy),
		partialCreditRatio: text(form.partialCreditRatio) || '0',
		fillBlankOrderInsensitive: text(form.fillBlankOrderInsensitive) === 'on',
		instructions: text(form.instructions),
		drawRules,
		eligibility: {
			unitIds: list(form.eligibilityUnits).filter(Boolean),
			roles: list(form.eligibilityRoles).filter(Boolean),
			usernames: text(form.eligibilityUsernames)
				.split(/[\s,，、;；]+/)
				.filter(Boolean),
		},
	}
}

export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
	const errors: FieldErrors = {}
	for (const issue of issues) {
		const key = issue.path.length ? issue.path.map(String).join('.') : 'form'
		;(errors[key] ??= []).push(issue.message)
	}
	return errors
}

/** The submitted fields as conform hands them over (repeated names as lists), as FormValues. */
function formValuesOf(raw: unknown): FormValues {
	const values: FormValues = {}
	if (!raw || typeof raw !== 'object') return values
	for (const [key, value] of Object.entries(raw)) {
		if (typeof value === 'string') values[key] = (LIST_FIELDS as readonly string[]).includes(key) ? [value] : value
		// A blank cell stays in its place: the rule rows are parallel lists.
		else if (Array.isArray(value)) values[key] = value.map((v) => (typeof v === 'string' ? v : ''))
	}
	return values
}

/**
 * The round settings form's one schema (ADR 070), for conform's parseWithZod with
 * `disableAutoCoercion` (the rule rows are parallel lists, blank rows dropped, 工号 split): the
 * page checks it before posting and the action again. Errors are keyed by the settings' paths
 * (`drawRules[0].count`, `eligibility.usernames`), which the form shows at its fields.
 */
export const RoundSettingsFormSchema = z.preprocess((raw) => roundSettingsInput(formValuesOf(raw)), RoundSettingsSchema)

export function parseRoundSettings(form: FormValues): { ok: true; settings: RoundSettings } | { ok: false; fieldErrors: FieldErrors } {
	const parsed = RoundSettingsSchema.safeParse(roundSettingsInput(form))
	if (parsed.success) return { ok: true, settings: parsed.data }
	return { ok: false, fieldErrors: issuesToFieldErrors(parsed.error.issues) }
}
