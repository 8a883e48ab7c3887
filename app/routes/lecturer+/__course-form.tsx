// Course details as a form: shared by "new course" and the course page.
import { Form } from '@remix-run/react'
import { Button, ErrorList, Field, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { CourseInputSchema } from '#app/courses/course-input.ts'
import { AUDIENCE_LABELS, AUDIENCES } from '#app/courses/vocabulary.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'
import { fieldErrorsFrom, type FormFailure, type FormResult } from '#app/utils/forms.ts'

export function parseCourseForm(formData: FormData): FormResult<ReturnType<typeof CourseInputSchema.parse>> {
	const result = CourseInputSchema.safeParse({
		title: formData.get('title') ?? undefined,
		summary: formData.get('summary') ?? undefined,
		topic: formData.get('topic') ?? undefined,
		audiences: formData.getAll('audiences'),
	})
	if (result.success) return { ok: true, data: result.data }
	const values = { title: String(formData.get('title') ?? ''), summary: String(formData.get('summary') ?? ''), topic: String(formData.get('topic') ?? ''), audiences: formData.getAll('audiences').join(',') }
	return { ok: false, fieldErrors: fieldErrorsFrom(result.error), values }
}

export type CourseDefaults = { title: string; summary: string; topic: string; audiences: string[] }

export function CourseForm({ defaults, failure, submitLabel, intent }: { defaults: CourseDefaults; failure: FormFailure | null; submitLabel: string; intent?: string }) {
	const values = failure?.values
	const audiences = values ? (values.audiences ?? '').split(',') : defaults.audiences
	return (
		<Form method="post" className="flex max-w-2xl flex-col gap-4" aria-label="课程信息">
			<FormError message={failure?.formError} />
			<Field label="课程名称" name="title" defaultValue={values?.title ?? defaults.title} required maxLength={100} errors={failure?.fieldErrors.title} />
			<TextareaField label="简介" name="summary" rows={3} defaultValue={values?.summary ?? defaults.summary} maxLength={1000} errors={failure?.fieldErrors.summary} />
			<SelectField
				label="专题"
				name="topic"
				defaultValue={values?.topic ?? defaults.topic}
				options={TOPICS.map((topic) => ({ value: topic, label: TOPIC_LABELS[topic] }))}
				errors={failure?.fieldErrors.topic}
			/>
			<fieldset>
				<legend className="text-sm font-medium text-gray-800">受众（四进）</legend>
				<div className="mt-1 flex flex-wrap gap-4">
					{AUDIENCES.map((audience) => (
						<label key={audience} className="flex items-center gap-1 text-sm">
							<input type="checkbox" name="audiences" value={audience} defaultChecked={audiences.includes(audience)} />
							{AUDIENCE_LABELS[audience]}
						</label>
					))}
				</div>
				<ErrorList errors={failure?.fieldErrors.audiences} />
			</fieldset>
			<div>
				<Button type="submit" name="intent" value={intent ?? 'save'}>
					{submitLabel}
				</Button>
			</div>
		</Form>
	)
}
