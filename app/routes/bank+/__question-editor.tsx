// The question editor: shared fields, then the options and answer inputs of the chosen type.
// On conform (ADR 070): QuestionFormSchema checks the question in the browser with the same
// rules the server applies; errors come back by field name (options[1], answerKey, stem…).
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { Button, ErrorList, Field, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { OPTION_KEYS, QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'
import { cn } from '#app/utils/misc.ts'
import { QuestionFormFieldsSchema, QuestionFormSchema, TRUE_FALSE_CHOICES, type QuestionFormValues } from './__question-form.ts'

export type EditorErrors = Record<string, string[] | undefined>

const TOPIC_OPTIONS = TOPICS.map((topic) => ({ value: topic, label: TOPIC_LABELS[topic] }))
const DIFFICULTY_OPTIONS = [1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: `${d}${d === 1 ? '（最易）' : d === 5 ? '（最难）' : ''}` }))

/** Links that switch the editor to another type (the page reloads its fields for that type). */
export function TypeTabs({ current, hrefFor, disabled }: { current: QuestionType; hrefFor: (type: QuestionType) => string; disabled?: boolean }) {
	return (
		<nav aria-label="题型" className="mb-4 flex flex-wrap gap-2">
			{QUESTION_TYPES.map((type) =>
				disabled && type !== current ? null : (
					<Link
						key={type}
						to={hrefFor(type)}
						aria-current={type === current ? 'page' : undefined}
						className={cn('rounded border px-3 py-1.5 text-sm', type === current ? 'border-brand-700 bg-brand-700 text-white' : 'border-gray-300 bg-white hover:bg-gray-50')}
					>
						{QUESTION_TYPE_LABELS[type]}
					</Link>
				),
			)}
		</nav>
	)
}

function ChoiceFields({ values, errors, formId }: { values: QuestionFormValues; errors: EditorErrors; formId: string }) {
	const isMultiple = values.type === 'multiple'
	return (
		<fieldset className="rounded border border-gray-200 p-4">
			<legend className="px-1 text-sm font-medium">选项与答案</legend>
			<p className="mb-3 text-xs text-gray-500">从 A 起连续填写，至少两项，最多 8 项；空着的选项不保存。{isMultiple ? '勾选全部正确选项（至少两个）。' : '选中唯一正确的选项。'}</p>
			<div className="flex flex-col gap-2">
				{OPTION_KEYS.map((key, index) => {
					const optionErrors = errors[`options[${index}]`]
					const errorId = optionErrors?.length ? `${formId}-option-${key}-error` : undefined
					return (
						<div key={key} className="flex flex-col gap-1">
							<div className="flex items-center gap-3">
								<label className="flex w-20 shrink-0 items-center gap-1 text-sm">
									<input
										type={isMultiple ? 'checkbox' : 'radio'}
										name={isMultiple ? 'answerMultiple' : 'answerSingle'}
										value={key}
										defaultChecked={isMultiple ? values.answerMultiple.includes(key) : values.answerSingle === key}
										aria-label={`${key} 为正确答案`}
									/>
									<span className="font-mono">{key}</span>
								</label>
								<input
									name={`options[${index}]`}
									aria-label={`选项${key}`}
									defaultValue={values.options[index] ?? ''}
									aria-invalid={errorId ? true : undefined}
									aria-describedby={errorId}
									className="min-w-0 flex-1 rounded border border-gray-300 px-3 py-1.5 aria-[invalid]:border-red-600"
								/>
							</div>
							<ErrorList id={errorId} errors={optionErrors} />
						</div>
					)
				})}
			</div>
			<ErrorList errors={[...(errors.options ?? []), ...(errors.answerKey ?? [])]} />
		</fieldset>
	)
}

/** The 正确/错误 key of a 判断 question; the editor and the key-correction page both ask for it. */
export function TrueFalseKeyChoices({ checked }: { checked: string }) {
	return (
		<div className="flex gap-6">
			{TRUE_FALSE_CHOICES.map((choice) => (
				<label key={choice.value} className="flex items-center gap-2">
					<input type="radio" name="answerTrueFalse" value={choice.value} defaultChecked={checked === choice.value} />
					{choice.label}
				</label>
			))}
		</div>
	)
}

function AnswerFields({ values, errors, formId }: { values: QuestionFormValues; errors: EditorErrors; formId: string }) {
	switch (values.type) {
		case 'single':
		case 'multiple':
			return <ChoiceFields values={values} errors={errors} formId={formId} />
		case 'true_false':
			return (
				<fieldset className="rounded border border-gray-200 p-4">
					<legend className="px-1 text-sm font-medium">答案</legend>
					<TrueFalseKeyChoices checked={values.answerTrueFalse} />
					<ErrorList errors={errors.answerKey} />
				</fieldset>
			)
		case 'fill_blank':
			return (
				<TextareaField
					label="答案（每行一个空）"
					name="answerBlanks"
					rows={4}
					defaultValue={values.answerBlanks}
					errors={errors.answerKey}
					hint="按题干中空位的顺序，每行写一个空的答案；同一空有多个可接受答案时用 | 分隔，如：3% | 百分之三。题干中用 ____ 或（ ）标出空位。"
				/>
			)
		case 'short_answer':
		case 'case_analysis':
			return (
				<>
					<TextareaField label="参考答案" name="referenceAnswer" rows={6} defaultValue={values.referenceAnswer} errors={errors.answerKey} />
					<TextareaField label="评分要点" name="rubric" rows={4} defaultValue={values.rubric} errors={errors.rubric} hint="评阅人看到的评分标准，如“定性准确 4 分；依据 3 分……”" />
				</>
			)
	}
}

/** The values to show: as last posted when the server refused them (also without JavaScript), else as loaded. */
export function editorValues(loaded: QuestionFormValues, lastResult: SubmissionResult | null | undefined): QuestionFormValues {
	if (!lastResult?.initialValue || lastResult.initialValue.intent !== 'save') return loaded
	const echoed = QuestionFormFieldsSchema.safeParse(lastResult.initialValue)
	return echoed.success ? echoed.data : loaded
}

export function QuestionEditor({
	id,
	values: loaded,
	lastResult,
	submitLabel,
	extraFields,
}: {
	id: string
	values: QuestionFormValues
	lastResult: SubmissionResult | null | undefined
	submitLabel: string
	extraFields?: React.ReactNode
}) {
	const [form] = useForm({
		id,
		lastResult,
		// The constraint walks the fields (conform cannot walk a transform at the root).
		constraint: getZodConstraint(QuestionFormFieldsSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: QuestionFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const values = editorValues(loaded, lastResult)
	const errors: EditorErrors = form.allErrors
	const formError = form.errors?.[0]
	return (
		<Form method="post" className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="题目内容" {...getFormProps(form)}>
			<input type="hidden" name="type" value={values.type} />
			<FormError message={formError} />
			<div className="grid gap-3 sm:grid-cols-3">
				<SelectField label="专题" name="topic" defaultValue={values.topic} options={TOPIC_OPTIONS} errors={errors.topic} />
				<SelectField label="难度" name="difficulty" defaultValue={values.difficulty} options={DIFFICULTY_OPTIONS} errors={errors.difficulty} />
				<Field label="分值" name="points" inputMode="decimal" defaultValue={values.points} errors={errors.points} />
			</div>
			<TextareaField label="题干" name="stem" rows={values.type === 'case_analysis' ? 8 : 3} defaultValue={values.stem} errors={errors.stem} />
			<AnswerFields values={values} errors={errors} formId={form.id} />
			<TextareaField label="解析" name="explanation" rows={3} defaultValue={values.explanation} errors={errors.explanation} />
			<Field label="标签" name="tags" defaultValue={values.tags} errors={errors.tags} hint="多个用、分隔" />
			<fieldset className="grid gap-3 rounded border border-gray-200 p-4 sm:grid-cols-2">
				<legend className="px-1 text-sm font-medium">法规依据（选填）</legend>
				<Field label="法规名称" name="regulationName" defaultValue={values.regulationName} errors={errors.regulationName} placeholder="中华人民共和国预算法" />
				<Field label="条款" name="regulationArticle" defaultValue={values.regulationArticle} errors={errors.regulationArticle} placeholder="第五十七条" />
				<Field label="生效日期" name="regulationEffectiveFrom" type="date" defaultValue={values.regulationEffectiveFrom} errors={errors.regulationEffectiveFrom} />
				<Field
					label="失效日期"
					name="regulationExpiresAt"
					type="date"
					defaultValue={values.regulationExpiresAt}
					errors={errors.regulationExpiresAt}
					hint="到期后题目标记为“待复核”"
				/>
				<ErrorList errors={errors.regulation} />
			</fieldset>
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="关联课程" name="lessonRefs" defaultValue={values.lessonRefs} errors={errors.lessonRefs} hint="课程或课时标识，多个用、分隔" />
				<Field label="关联共性问题" name="problemRefs" defaultValue={values.problemRefs} errors={errors.problemRefs} hint="共性问题清单条目标识，多个用、分隔" />
			</div>
			{extraFields}
			<div>
				<Button type="submit" name="intent" value="save" pendingLabel="保存中…">
					{submitLabel}
				</Button>
			</div>
		</Form>
	)
}
