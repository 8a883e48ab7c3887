// The mentor's forms on the apprentice page: assign study, record a check-in, add a project,
// comment on one. Each posts its intent; refusals come back next to the field.
import { Form } from '@remix-run/react'
import { useState } from 'react'
import { Button, Field, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { ASSIGNMENT_KIND_LABELS, ASSIGNMENT_KINDS, PROJECT_ROLES, type AssignmentKind } from '#app/mentorship/labels.ts'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import type { FormFailure } from '#app/utils/forms.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'

type Failure = FormFailure | null
const today = () => chinaDayOf(new Date())
const inDays = (days: number) => chinaDayOf(new Date(Date.now() + days * 24 * 3600 * 1000))
const formClass = 'mt-4 flex flex-col gap-3 border-t border-gray-100 pt-4'

export function AssignForm({ study, failure }: { study: { id: string; title: string; lessons: { id: string; title: string }[] }[]; failure: Failure }) {
	const values = failure?.values ?? {}
	const errors = failure?.fieldErrors ?? {}
	const [kind, setKind] = useState<AssignmentKind>((values.kind as AssignmentKind) || 'lesson')
	return (
		<Form method="post" className={`${formClass} [&_select]:max-w-full [&>*]:min-w-0`} aria-label="布置指定学习">
			<h3 className="font-medium">布置指定学习</h3>
			<input type="hidden" name="intent" value="assign" />
			<FormError message={failure?.formError} />
			<SelectField label="类型" name="kind" value={kind} onChange={(e) => setKind(e.target.value as AssignmentKind)} options={ASSIGNMENT_KINDS.map((k) => ({ value: k, label: ASSIGNMENT_KIND_LABELS[k] }))} errors={errors.kind} />
			{kind === 'lesson' ? (
				<SelectField
					label="课时"
					name="lessonId"
					defaultValue={values.lessonId}
					errors={errors.lessonId}
					options={[{ value: '', label: '请选择课时' }, ...study.flatMap((c) => c.lessons.map((l) => ({ value: l.id, label: `${c.title} › ${l.title}` })))]}
				/>
			) : null}
			{kind === 'course' ? (
				<SelectField label="课程" name="courseId" defaultValue={values.courseId} errors={errors.courseId} options={[{ value: '', label: '请选择课程' }, ...study.map((c) => ({ value: c.id, label: `${c.title}（${c.lessons.length} 课时）` }))]} />
			) : null}
			{kind === 'practice' ? (
				<div className="grid gap-3 sm:grid-cols-2">
					<SelectField label="专题" name="topic" defaultValue={values.topic ?? 'all'} errors={errors.topic} options={[{ value: 'all', label: '全部专题' }, ...TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))]} />
					<Field label="题数" name="questionCount" type="number" min={1} max={200} defaultValue={values.questionCount ?? '20'} errors={errors.questionCount} />
				</div>
			) : null}
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="截止日期" name="dueOn" type="date" defaultValue={values.dueOn ?? inDays(14)} errors={errors.dueOn} required />
				<Field label="备注" name="note" defaultValue={values.note} errors={errors.note} placeholder="如：重点看预算调整程序" />
			</div>
			<div>
				<Button type="submit">布置</Button>
			</div>
		</Form>
	)
}

export function CheckInForm({ failure }: { failure: Failure }) {
	const values = failure?.values ?? {}
	const errors = failure?.fieldErrors ?? {}
	return (
		<Form method="post" className={formClass} aria-label="记录每月一学">
			<h3 className="font-medium">记录每月一学</h3>
			<input type="hidden" name="intent" value="check-in" />
			<FormError message={failure?.formError} />
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="见面日期" name="heldOn" type="date" defaultValue={values.heldOn ?? today()} errors={errors.heldOn} required />
				<Field label="交流主题" name="topics" defaultValue={values.topics} errors={errors.topics} required placeholder="如：经责审计取证方法" />
			</div>
			<TextareaField label="交流记录" name="notes" rows={3} defaultValue={values.notes} errors={errors.notes} />
			<TextareaField label="下一步安排" name="nextSteps" rows={2} defaultValue={values.nextSteps} errors={errors.nextSteps} />
			<div>
				<Button type="submit">保存记录</Button>
			</div>
		</Form>
	)
}

export function ProjectForm({ failure, title = '添加项目记录' }: { failure: Failure; title?: string }) {
	const values = failure?.values ?? {}
	const errors = failure?.fieldErrors ?? {}
	return (
		<Form method="post" className={formClass} aria-label={title}>
			<h3 className="font-medium">{title}</h3>
			<input type="hidden" name="intent" value="project" />
			<FormError message={failure?.formError} />
			<div className="grid gap-3 sm:grid-cols-2">
				<Field label="项目名称" name="projectName" defaultValue={values.projectName} errors={errors.projectName} required />
				<SelectField label="类型（专题）" name="topic" defaultValue={values.topic ?? 'economic_responsibility'} errors={errors.topic} options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))} />
				<Field label="开始日期" name="periodStart" type="date" defaultValue={values.periodStart ?? today()} errors={errors.periodStart} required />
				<Field label="结束日期（未结束可不填）" name="periodEnd" type="date" defaultValue={values.periodEnd} errors={errors.periodEnd} />
				<Field label="角色" name="role" list="project-roles" defaultValue={values.role ?? '组员'} errors={errors.role} required />
				<datalist id="project-roles">
					{PROJECT_ROLES.map((role) => (
						<option key={role} value={role} />
					))}
				</datalist>
			</div>
			<TextareaField label="承担的工作" name="work" rows={3} defaultValue={values.work} errors={errors.work} required />
			<TextareaField label="收获" name="learned" rows={2} defaultValue={values.learned} errors={errors.learned} />
			<div>
				<Button type="submit">保存项目</Button>
			</div>
		</Form>
	)
}

export function CommentForm({ entryId, failure }: { entryId: string; failure: Failure }) {
	const mine = failure?.values?.entryId === entryId ? failure : null
	return (
		<Form method="post" className="mt-2 flex flex-wrap items-end gap-2" aria-label="点评项目">
			<input type="hidden" name="intent" value="comment" />
			<input type="hidden" name="entryId" value={entryId} />
			<Field label="导师点评" name="body" className="min-w-0 flex-1" defaultValue={mine?.values?.body} errors={mine?.fieldErrors.body} />
			<Button type="submit" variant="secondary">
				点评
			</Button>
		</Form>
	)
}
