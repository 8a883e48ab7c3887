// The admin's round settings form. Plain HTML fields (it works before scripts load): rule rows
// are parallel lists, and clearing a row's count and points removes it. On conform (ADR 070):
// RoundSettingsFormSchema checks it in the browser before posting and again in the action.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Button, ErrorList, Field, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { UnitTreePicker, type PickerUnit } from '#app/components/unit-tree-picker.tsx'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'
import { toChinaDateTimeLocal } from '#app/exams/timing/china-time.ts'
import { RELEASE_LABELS, RELEASE_TIMINGS } from '#app/exams/timing/release-options.ts'
import { RoundSettingsFormSchema, type FieldErrors, type FormValues } from '#app/exams/rounds/round-settings.ts'
import { ROLE_LABELS, ROLES } from '#app/utils/roles.ts'

export type RoundSettingsDefaults = {
	title: string
	opensAt: Date | string
	closesAt: Date | string
	reviewOpensAt: Date | string | null
	scoreRelease: string
	marksRelease: string
	timeLimitMinutes: number
	attemptsAllowed: number
	shuffleQuestions: boolean
	shuffleOptions: boolean
	multipleChoicePolicy: string
	partialCreditRatio: number
	fillBlankOrderInsensitive: boolean
	instructions: string
	drawRules: { topic: string; type: string; difficulty: number | null; count: number; pointsEach: number }[]
	eligibleUnitIds: string[]
	eligibleRoles: string[]
	eligibleUsers: { username: string }[]
}

const BLANK_RULE_ROWS = 3
const asList = (value: FormValues[string]) => (Array.isArray(value) ? value : value === undefined ? [] : [value])
const asText = (value: FormValues[string]) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

function valuesFromRound(round: RoundSettingsDefaults): FormValues {
	return {
		title: round.title,
		opensAt: toChinaDateTimeLocal(new Date(round.opensAt)),
		closesAt: toChinaDateTimeLocal(new Date(round.closesAt)),
		reviewOpensAt: round.reviewOpensAt ? toChinaDateTimeLocal(new Date(round.reviewOpensAt)) : '',
		scoreRelease: round.scoreRelease,
		marksRelease: round.marksRelease,
		timeLimitMinutes: String(round.timeLimitMinutes),
		attemptsAllowed: String(round.attemptsAllowed),
		shuffleQuestions: round.shuffleQuestions ? 'on' : '',
		shuffleOptions: round.shuffleOptions ? 'on' : '',
		multipleChoicePolicy: round.multipleChoicePolicy,
		partialCreditRatio: String(Math.round(round.partialCreditRatio * 100)),
		fillBlankOrderInsensitive: round.fillBlankOrderInsensitive ? 'on' : '',
		instructions: round.instructions,
		ruleTopic: round.drawRules.map((r) => r.topic),
		ruleType: round.drawRules.map((r) => r.type),
		ruleDifficulty: round.drawRules.map((r) => (r.difficulty == null ? '' : String(r.difficulty))),
		ruleCount: round.drawRules.map((r) => String(r.count)),
		rulePoints: round.drawRules.map((r) => String(r.pointsEach)),
		eligibilityUnits: round.eligibleUnitIds,
		eligibilityRoles: round.eligibleRoles,
		eligibilityUsernames: round.eligibleUsers.map((u) => u.username).join('\n'),
	}
}

function Section({ title, children }: { title: string; children: ReactNode }) {
	return (
		<fieldset className="flex flex-col gap-4 rounded-lg border bg-white p-4">
			<legend className="px-1 font-semibold">{title}</legend>
			{children}
		</fieldset>
	)
}

function Check({ name, label, checked, value = 'on' }: { name: string; label: string; checked: boolean; value?: string }) {
	return (
		<label className="flex items-center gap-2 text-sm">
			<input type="checkbox" name={name} value={value} defaultChecked={checked} className="h-4 w-4" />
			{label}
		</label>
	)
}

/** conform's error keys (`drawRules[0].count`) as the settings' paths (`drawRules.0.count`). */
function errorsByPath(allErrors: Record<string, string[]>): FieldErrors {
	return Object.fromEntries(Object.entries(allErrors).map(([name, messages]) => [name.replace(/\[(\d+)\]/g, '.$1'), messages]))
}

/** What the admin sent, as the action's reply gives it back (blank cells as null), to refill the form. */
function submittedValues(lastResult: SubmissionResult | null | undefined): FormValues | null {
	const initial = lastResult?.initialValue
	if (!initial) return null
	const text = (value: unknown) => (typeof value === 'string' ? value : '')
	return Object.fromEntries(Object.entries(initial).map(([key, value]) => [key, Array.isArray(value) ? value.map(text) : typeof value === 'string' ? value : undefined]))
}

export function RoundSettingsForm({
	round,
	lastResult,
	unitChoices,
	locked,
}: {
	round: RoundSettingsDefaults
	lastResult?: SubmissionResult | null
	unitChoices: PickerUnit[]
	locked: boolean
}) {
	const [form] = useForm({
		id: 'round-settings',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RoundSettingsFormSchema, disableAutoCoercion: true }),
	})
	const values = submittedValues(lastResult) ?? valuesFromRound(round)
	const errors = errorsByPath(form.allErrors)
	const formError = errors['']?.[0]
	const ruleRows = Math.max(asList(values.ruleTopic).length, 0) + BLANK_RULE_ROWS
	const chosenUnits = new Set(asList(values.eligibilityUnits))
	const chosenRoles = new Set(asList(values.eligibilityRoles))
	const ruleErrors = Object.entries(errors).filter(([key]) => key.startsWith('drawRules'))
	return (
		<Form method="post" className="flex flex-col gap-6" {...getFormProps(form)} key={JSON.stringify(values)}>
			<FormError message={formError} />
			{locked ? (
				<p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
					已有考生开始作答：开始时间、时长、抽题规则、乱序与计分方式已锁定，其余设置仍可修改。
				</p>
			) : null}
			<Section title="基本设置">
				<Field label="轮次名称" name="title" defaultValue={asText(values.title)} errors={errors.title} />
				<div className="grid gap-4 md:grid-cols-3">
					<Field label="开始时间" type="datetime-local" name="opensAt" defaultValue={asText(values.opensAt)} errors={errors.opensAt} />
					<Field label="截止时间" type="datetime-local" name="closesAt" defaultValue={asText(values.closesAt)} errors={errors.closesAt} />
					<Field
						label="复盘开放时间"
						type="datetime-local"
						name="reviewOpensAt"
						defaultValue={asText(values.reviewOpensAt)}
						errors={errors.reviewOpensAt}
						hint="留空：截止后开放（仍会等到所有考生交卷）"
					/>
				</div>
				<div className="grid gap-4 md:grid-cols-3">
					<Field label="考试时长（分钟）" name="timeLimitMinutes" inputMode="numeric" defaultValue={asText(values.timeLimitMinutes)} errors={errors.timeLimitMinutes} />
					<Field label="作答次数" name="attemptsAllowed" inputMode="numeric" defaultValue={asText(values.attemptsAllowed)} errors={errors.attemptsAllowed} />
				</div>
				<TextareaField label="考试说明" name="instructions" rows={5} defaultValue={asText(values.instructions)} errors={errors.instructions} />
			</Section>

			<Section title="成绩公布">
				<p className="text-sm text-gray-600">
					考生交卷后何时能看到自己的总分和每题得分。“考试结束后”指所有考生（含延时照顾）都已无法作答之时；答案与解析始终在复盘开放后才公布。提前公布成绩，仍在作答的考生可能据此推断答案。
				</p>
				<div className="grid gap-4 md:grid-cols-2">
					<SelectField
						label="总分公布"
						name="scoreRelease"
						defaultValue={asText(values.scoreRelease)}
						errors={errors.scoreRelease}
						options={RELEASE_TIMINGS.map((timing) => ({ value: timing, label: RELEASE_LABELS[timing] }))}
					/>
					<SelectField
						label="每题得分公布"
						name="marksRelease"
						defaultValue={asText(values.marksRelease)}
						errors={errors.marksRelease}
						hint="不能早于总分；已在其他未复盘考试题库中的题目，其得分在该考试复盘前不公布"
						options={RELEASE_TIMINGS.map((timing) => ({ value: timing, label: RELEASE_LABELS[timing] }))}
					/>
				</div>
			</Section>

			<Section title="组卷与计分">
				<div className="flex flex-wrap gap-6">
					<Check name="shuffleQuestions" label="题目乱序（每位考生不同，按随机种子可复现）" checked={asText(values.shuffleQuestions) === 'on'} />
					<Check name="shuffleOptions" label="选项乱序" checked={asText(values.shuffleOptions) === 'on'} />
					<Check name="fillBlankOrderInsensitive" label="填空题各空不计顺序" checked={asText(values.fillBlankOrderInsensitive) === 'on'} />
				</div>
				<ErrorList errors={[...(errors.shuffleQuestions ?? []), ...(errors.shuffleOptions ?? []), ...(errors.fillBlankOrderInsensitive ?? [])]} />
				<div className="grid gap-4 md:grid-cols-2">
					<SelectField
						label="多选题计分"
						name="multipleChoicePolicy"
						defaultValue={asText(values.multipleChoicePolicy)}
						errors={errors.multipleChoicePolicy}
						options={[
							{ value: 'all_or_nothing', label: '全对才得分' },
							{ value: 'partial', label: '漏选得部分分（错选不得分）' },
						]}
					/>
					<Field label="漏选得分比例（%）" name="partialCreditRatio" inputMode="decimal" defaultValue={asText(values.partialCreditRatio)} errors={errors.partialCreditRatio} />
				</div>
				<div>
					<p className="mb-2 text-sm font-medium">抽题规则（每条：专题 × 题型 × 难度，抽几题、每题几分；清空题数和分值即删除该行）</p>
					<div className="overflow-x-auto">
						<table className="w-full min-w-[40rem] text-sm">
							<thead>
								<tr className="text-left text-gray-600">
									<th className="p-1">#</th>
									<th className="p-1">专题</th>
									<th className="p-1">题型</th>
									<th className="p-1">难度</th>
									<th className="p-1">题数</th>
									<th className="p-1">每题分值</th>
								</tr>
							</thead>
							<tbody>
								{Array.from({ length: ruleRows }, (_, i) => {
									const cell = (field: string) => asList(values[field])[i] ?? ''
									const rowErrors = ruleErrors.filter(([key]) => key === `drawRules.${i}` || key.startsWith(`drawRules.${i}.`)).flatMap(([, messages]) => messages ?? [])
									return (
										<tr key={i} className="align-top">
											<td className="p-1 text-gray-500">{i + 1}</td>
											<td className="p-1">
												<select name="ruleTopic" aria-label={`规则 ${i + 1} 专题`} defaultValue={cell('ruleTopic') || 'fiscal'} className="rounded border px-2 py-1">
													{TOPICS.map((topic) => (
														<option key={topic} value={topic}>
															{TOPIC_LABELS[topic]}
														</option>
													))}
												</select>
											</td>
											<td className="p-1">
												<select name="ruleType" aria-label={`规则 ${i + 1} 题型`} defaultValue={cell('ruleType') || 'single'} className="rounded border px-2 py-1">
													{QUESTION_TYPES.map((type) => (
														<option key={type} value={type}>
															{QUESTION_TYPE_LABELS[type]}
														</option>
													))}
												</select>
											</td>
											<td className="p-1">
												<select name="ruleDifficulty" aria-label={`规则 ${i + 1} 难度`} defaultValue={cell('ruleDifficulty')} className="rounded border px-2 py-1">
													<option value="">任意</option>
													{[1, 2, 3, 4, 5].map((d) => (
														<option key={d} value={String(d)}>
															{d}
														</option>
													))}
												</select>
											</td>
											<td className="p-1">
												<input name="ruleCount" aria-label={`规则 ${i + 1} 题数`} inputMode="numeric" defaultValue={cell('ruleCount')} className="w-20 rounded border px-2 py-1" />
											</td>
											<td className="p-1">
												<input name="rulePoints" aria-label={`规则 ${i + 1} 每题分值`} inputMode="decimal" defaultValue={cell('rulePoints')} className="w-20 rounded border px-2 py-1" />
												<ErrorList errors={rowErrors} />
											</td>
										</tr>
									)
								})}
							</tbody>
						</table>
					</div>
					<ErrorList errors={errors.drawRules} />
				</div>
			</Section>

			<Section title="参考范围（任一条件满足即可参加；都不选则所有学员均可参加）">
				<UnitTreePicker name="eligibilityUnits" label="单位（选中的单位含其全部下级单位）" units={unitChoices} defaultSelected={[...chosenUnits]} errors={errors.eligibilityUnits} />
				<div className="flex flex-wrap gap-6" role="group" aria-label="身份">
					{ROLES.map((role) => (
						<Check key={role} name="eligibilityRoles" value={role} label={ROLE_LABELS[role]} checked={chosenRoles.has(role)} />
					))}
				</div>
				<ErrorList errors={errors['eligibility.roles']} />
				<TextareaField
					label="指定人员（工号，每行一个或用逗号分隔）"
					name="eligibilityUsernames"
					rows={3}
					defaultValue={asText(values.eligibilityUsernames)}
					errors={errors.eligibilityUsernames ?? errors['eligibility.usernames']}
				/>
			</Section>
			<div>
				<Button type="submit" name="intent" value="save" pendingLabel="正在保存…">
					保存设置
				</Button>
			</div>
		</Form>
	)
}
