// The mentor's forms on the apprentice page: assign study, record a check-in, add a project,
// comment on one. Each posts its intent; each is on conform (ADR 070): the schema that the
// action parses checks the form in the browser first, and a refusal comes back next to its field.
// The action tags its reply with the form's id, so only that form shows it.
import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useState } from 'react'
import type { z } from 'zod'
import { Button, Field, FormError, inputProps, SelectField, TextareaField } from '#app/components/forms.tsx'
import { AssignmentInputSchema } from '#app/mentorship/assignment-form.ts'
import { ASSIGNMENT_KIND_LABELS, ASSIGNMENT_KINDS, PROJECT_ROLES, type AssignmentKind } from '#app/mentorship/labels.ts'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { CheckInSchema, ProjectCommentSchema, ProjectEntrySchema } from '#app/mentorship/record-form.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'

/** conform's reply, tagged with the id of the form it answers. */
export type TaggedResult = SubmissionResult<string[]> & { form?: string }
type LastResult = TaggedResult | null | undefined

const today = () => chinaDayOf(new Date())
const inDays = (days: number) => chinaDayOf(new Date(Date.now() + days * 24 * 3600 * 1000))
const formClass = 'mt-4 flex flex-col gap-3 border-t border-gray-100 pt-4'

/** useForm with the project's defaults: checked on blur, rechecked while typing (ADR 070). */
export function useSchemaForm<S extends z.ZodType<unknown, Record<string, unknown>>>(id: string, schema: S, lastResult: LastResult, defaultValue?: Partial<Record<keyof z.input<S>, string>>) {
	return useForm<z.input<S>, z.output<S>>({
		id,
		lastResult,
		defaultValue: defaultValue as DefaultValue<z.input<S>>,
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
}

const initial = (value: unknown) => (typeof value === 'string' ? value : undefined)

export function AssignForm({ study, lastResult }: { study: { id: string; title: string; lessons: { id: string; title: string }[] }[]; lastResult: LastResult }) {
	const [form, fields] = useSchemaForm('assign', AssignmentInputSchema, lastResult, { kind: 'lesson', topic: 'all', questionCount: '20', dueOn: inDays(14) })
	const [kind, setKind] = useState<AssignmentKind>((initial(fields.kind.initialValue) as AssignmentKind | undefined) ?? 'lesson')
	return (
		<Form method="post" className={`${formClass} [&_select]:max-w-full [&>*]:min-w-0`} aria-label="布置指定学习" {...getFormProps(form)}>
			<h3 className="font-medium">布置指定学习</h3>
			<input type="hidden" name="intent" value="assign" />
			<FormError message={form.errors?.[0]} />
			<SelectField
				label="类型"
				name={fields.kind.name}
				value={kind}
				onChange={(e) => setKind(e.target.value as AssignmentKind)}
				options={ASSIGNMENT_KINDS.map((k) => ({ value: k, label: ASSIGNMENT_KIND_LABELS[k] }))}
				errors={fields.kind.errors}
			/>
			{kind === 'lesson' ? (
				<SelectField
					label="课时"
					name={fields.lessonId.name}
					defaultValue={initial(fields.lessonId.initialValue)}
					errors={fields.lessonId.errors}
					options={[{ value: '', label: '请选择课时' }, ...study.flatMap((c) => c.lessons.map((l) => ({ value: l.id, label: `${c.title} › ${l.title}` })))]}
				/>
			) : null}
			{kind === 'course' ? (
				<SelectField
					label="课程"
					name={fields.courseId.name}
					defaultValue={initial(fields.courseId.initialValue)}
					errors={fields.courseId.errors}
					options={[{ value: '', label: '请选择课程' }, ...study.map((c) => ({ value: c.id, label: `${c.title}（${c.lessons.length} 课时）` }))]}
				/>
			) : null}
			{kind === 'practice' ? (
				<div className="grid gap-3 sm:grid-cols-2">
					<SelectField
						label="专题"
						name={fields.topic.name}
						defaultValue={initial(fields.topic.initialValue) ?? 'all'}
						errors={fields.topic.errors}
						options={[{ value: 'all', label: '全部专题' }, ...TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))]}
					/>
					<Field label="题数" min={1} max={200} errors={fields.questionCount.errors} {...inputProps(fields.questionCount, { type: 'number' })} />
				</div>
			) : null}
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="截止日期" errors={fields.dueOn.errors} {...inputProps(fields.dueOn, { type: 'date' })} required />
				<Field label="备注" errors={fields.note.errors} placeholder="如：重点看预算调整程序" {...inputProps(fields.note, { type: 'text' })} />
			</div>
			<div>
				<Button type="submit">布置</Button>
			</div>
		</Form>
	)
}

export function CheckInForm({ lastResult }: { lastResult: LastResult }) {
	const [form, fields] = useSchemaForm('check-in', CheckInSchema, lastResult, { heldOn: today() })
	return (
		<Form method="post" className={formClass} aria-label="记录每月一学" {...getFormProps(form)}>
			<h3 className="font-medium">记录每月一学</h3>
			<input type="hidden" name="intent" value="check-in" />
			<FormError message={form.errors?.[0]} />
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="见面日期" errors={fields.heldOn.errors} {...inputProps(fields.heldOn, { type: 'date' })} required />
				<Field label="交流主题" errors={fields.topics.errors} placeholder="如：经责审计取证方法" {...inputProps(fields.topics, { type: 'text' })} />
			</div>
			<TextareaField label="交流记录" name={fields.notes.name} rows={3} defaultValue={initial(fields.notes.initialValue)} errors={fields.notes.errors} maxLength={4000} />
			<TextareaField label="下一步安排" name={fields.nextSteps.name} rows={2} defaultValue={initial(fields.nextSteps.initialValue)} errors={fields.nextSteps.errors} maxLength={2000} />
			<div>
				<Button type="submit">保存记录</Button>
			</div>
		</Form>
	)
}

export function ProjectForm({ lastResult, title = '添加项目记录' }: { lastResult: LastResult; title?: string }) {
	const [form, fields] = useSchemaForm('project', ProjectEntrySchema, lastResult, { topic: 'economic_responsibility', periodStart: today(), role: '组员' })
	return (
		<Form method="post" className={formClass} aria-label={title} {...getFormProps(form)}>
			<h3 className="font-medium">{title}</h3>
			<input type="hidden" name="intent" value="project" />
			<FormError message={form.errors?.[0]} />
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="项目名称" errors={fields.projectName.errors} {...inputProps(fields.projectName, { type: 'text' })} />
				<SelectField
					label="类型（专题）"
					name={fields.topic.name}
					defaultValue={initial(fields.topic.initialValue)}
					errors={fields.topic.errors}
					options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))}
				/>
				<Field label="开始日期" errors={fields.periodStart.errors} {...inputProps(fields.periodStart, { type: 'date' })} required />
				<Field label="结束日期（未结束可不填）" errors={fields.periodEnd.errors} {...inputProps(fields.periodEnd, { type: 'date' })} />
				<Field label="角色" list="project-roles" errors={fields.role.errors} {...inputProps(fields.role, { type: 'text' })} />
				<datalist id="project-roles">
					{PROJECT_ROLES.map((role) => (
						<option key={role} value={role} />
					))}
				</datalist>
			</div>
			<TextareaField label="承担的工作" name={fields.work.name} rows={3} defaultValue={initial(fields.work.initialValue)} errors={fields.work.errors} required maxLength={4000} />
			<TextareaField label="收获" name={fields.learned.name} rows={2} defaultValue={initial(fields.learned.initialValue)} errors={fields.learned.errors} maxLength={4000} />
			<div>
				<Button type="submit">保存项目</Button>
			</div>
		</Form>
	)
}

/** The id of one entry's comment form; the action tags its reply with it. */
export const commentFormId = (entryId: string) => `comment-${entryId}`

export function CommentForm({ entryId, lastResult }: { entryId: string; lastResult: LastResult }) {
	const [form, fields] = useSchemaForm(commentFormId(entryId), ProjectCommentSchema, lastResult, { entryId })
	return (
		<Form method="post" className="mt-2 flex flex-wrap items-end gap-2" aria-label="点评项目" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="comment" />
			<input type="hidden" name={fields.entryId.name} value={entryId} />
			<Field label="导师点评" className="min-w-0 flex-1" errors={fields.body.errors ?? form.errors} {...inputProps(fields.body, { type: 'text' })} />
			<Button type="submit" variant="secondary">
				点评
			</Button>
		</Form>
	)
}
