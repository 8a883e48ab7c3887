// Course details as a form: shared by "new course" and the course page. On conform (ADR 070):
// CourseInputSchema (isomorphic) checks it in the browser and again in the action.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { Button, ErrorList, Field, FormError, inputProps, SelectField, TextareaField } from '#app/components/forms.tsx'
import { CourseInputSchema } from '#app/courses/course-input.ts'
import { AUDIENCE_LABELS, AUDIENCES } from '#app/courses/vocabulary.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'

export { CourseInputSchema }

export type CourseDefaults = { title: string; summary: string; topic: string; audiences: string[] }

export function CourseForm({ defaults, lastResult, submitLabel, intent }: { defaults: CourseDefaults; lastResult: SubmissionResult | null | undefined; submitLabel: string; intent?: string }) {
	const [form, fields] = useForm({
		id: 'course',
		lastResult,
		defaultValue: defaults,
		constraint: getZodConstraint(CourseInputSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CourseInputSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const chosen = fields.audiences.initialValue
	const audiences = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : []
	const audienceErrorId = fields.audiences.errors?.length ? `${fields.audiences.id}-error` : undefined
	return (
		<Form method="post" className="flex max-w-2xl flex-col gap-4" aria-label="课程信息" {...getFormProps(form)}>
			<FormError message={form.errors?.[0]} />
			<Field label="课程名称" errors={fields.title.errors} {...inputProps(fields.title, { type: 'text' })} />
			<TextareaField
				label="简介"
				name={fields.summary.name}
				rows={3}
				defaultValue={fields.summary.initialValue}
				maxLength={1000}
				errors={fields.summary.errors}
			/>
			<SelectField
				label="专题"
				name={fields.topic.name}
				defaultValue={fields.topic.initialValue}
				options={TOPICS.map((topic) => ({ value: topic, label: TOPIC_LABELS[topic] }))}
				errors={fields.topic.errors}
			/>
			<fieldset aria-describedby={audienceErrorId}>
				<legend className="text-sm font-medium text-gray-800">受众（四进）</legend>
				<div className="mt-1 flex flex-wrap gap-4">
					{AUDIENCES.map((audience) => (
						<label key={audience} className="flex items-center gap-1 text-sm">
							<input type="checkbox" name={fields.audiences.name} value={audience} defaultChecked={audiences.includes(audience)} />
							{AUDIENCE_LABELS[audience]}
						</label>
					))}
				</div>
				<ErrorList id={audienceErrorId} errors={fields.audiences.errors} />
			</fieldset>
			<div>
				<Button type="submit" name="intent" value={intent ?? 'save'}>
					{submitLabel}
				</Button>
			</div>
		</Form>
	)
}
