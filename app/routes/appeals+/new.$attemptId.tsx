// A new appeal on one question of the person's own attempt (ADR 062). The page offers only the
// questions filing would accept, and says why the others cannot be appealed.
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { FileAppealSchema } from '#app/rankings/appeal-forms.ts'
import { appealContext } from '#app/rankings/appeals-rules.ts'
import { APPEAL_REASON_MAX, APPEAL_REASON_MIN } from '#app/rankings/appeals-labels.ts'
import { fileAppeal } from '#app/rankings/appeals.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AppealStatusBadge } from '#app/components/appeal-status-badge.tsx'

export const meta: MetaFunction = () => [{ title: '提出申诉 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/appeals')
	const context = await appealContext(prisma, { attemptId: params.attemptId!, userId: user.id, now: new Date() })
	if (!context) throw data({ message: '找不到这份答卷。' }, { status: 404 })
	const { window, ...rest } = context
	return data(
		{ ...rest, window: window ? { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), publicationTitle: window.publicationTitle } : null },
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/appeals')
	const submission = parseWithZod(await request.formData(), { schema: FileAppealSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await fileAppeal(prisma, { attemptId: params.attemptId!, userId: user.id, input: submission.value, now: new Date() })
	if (!result.ok) {
		const { form: formErrors, ...fieldErrors } = result.fieldErrors
		return refusalReply(submission, { fieldErrors, formError: formErrors?.[0], notFound: formErrors?.[0] === '找不到这份答卷' })
	}
	throw await redirectWithToast('/appeals', { title: '申诉已提交。', description: '管理员处理后会通知您。' })
}

export default function NewAppealPage() {
	const context = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [params] = useSearchParams()
	const open = context.questions.filter((q) => !q.blocked)
	const asked = params.get('q') ?? ''
	const [form, fields] = useForm({
		id: 'file-appeal',
		lastResult,
		defaultValue: { position: open.some((q) => String(q.position) === asked) ? asked : '', reason: '' },
		constraint: getZodConstraint(FileAppealSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: FileAppealSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Page>
			<PageHeader
				title="提出成绩申诉"
				description={
					context.window
						? `${context.round.title} · 申诉期：${formatChinaDateTime(new Date(context.window.opensAt))} 至 ${formatChinaDateTime(new Date(context.window.closesAt))}（自排行榜首次发布起）`
						: context.round.title
				}
			/>
			{context.blocked ? <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">{context.blocked}</p> : null}
			{open.length > 0 ? (
				<Form method="post" className="mb-6 flex flex-col gap-4 rounded-lg border bg-white p-4" aria-label="申诉" {...getFormProps(form)}>
					<FormError message={form.errors?.[0]} />
					<SelectField
						label="申诉的题目"
						name={fields.position.name}
						defaultValue={String(fields.position.initialValue ?? '')}
						errors={fields.position.errors}
						options={[
							{ value: '', label: '请选择题目' },
							...open.map((q) => ({ value: String(q.position), label: `第 ${q.position} 题（${QUESTION_TYPE_LABELS[q.type as QuestionType] ?? q.type}，得分 ${q.score} / ${q.points}）` })),
						]}
					/>
					<TextareaField
						label="申诉理由"
						name={fields.reason.name}
						rows={5}
						maxLength={APPEAL_REASON_MAX}
						defaultValue={fields.reason.initialValue}
						errors={fields.reason.errors}
						hint={`请写明您认为评分有误的理由和依据（${APPEAL_REASON_MIN}–${APPEAL_REASON_MAX} 字）。每题只能申诉一次。`}
					/>
					<div>
						<Button type="submit" name="intent" value="file" pendingLabel="正在提交…">
							提交申诉
						</Button>
					</div>
				</Form>
			) : null}
			<section aria-label="各题申诉情况" className="rounded-lg border bg-white p-4">
				<h2 className="mb-2 font-semibold">各题申诉情况</h2>
				<ul className="flex flex-col divide-y text-sm">
					{context.questions.map((q) => (
						<li key={q.position} className="flex flex-wrap items-center justify-between gap-2 py-2">
							<span>
								第 {q.position} 题（{QUESTION_TYPE_LABELS[q.type as QuestionType] ?? q.type}）{q.score === null ? '' : `：${q.score} / ${q.points} 分`}
							</span>
							{q.appeal ? <AppealStatusBadge status={q.appeal.status} /> : q.blocked && !context.blocked ? <span className="text-gray-600">{q.blocked}</span> : !q.blocked ? <span className="text-green-800">可申诉</span> : null}
						</li>
					))}
				</ul>
			</section>
			<p className="mt-6 flex flex-wrap gap-4">
				<Link to={`/exams/attempts/${context.attemptId}/result`} className="text-brand-700 hover:underline">
					返回成绩
				</Link>
				<Link to="/appeals" className="text-brand-700 hover:underline">
					我的申诉
				</Link>
			</p>
		</Page>
	)
}
