import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field, FormError, inputProps, TextareaField } from '#app/components/forms.tsx'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { findGradingRound, getGradingItem, nextItemForGrader, recordMark } from '#app/exams/grading/manual.server.ts'
import { markFormSchema } from '#app/exams/grading/mark-input.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { BankNav } from '#app/components/bank-nav.tsx'
import { Notice } from '#app/components/notice.tsx'

export const meta: MetaFunction = () => [{ title: '评阅答卷 · 人工评阅 · 红审学堂' }]

const MARKER_LABELS: Record<number, string> = { 1: '初评', 2: '复评', 3: '仲裁' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/grading')
	const found = await getGradingItem(prisma, { attemptQuestionId: params.attemptQuestionId!, graderId: user.id })
	if (!found) throw data({ message: '答卷不存在，或不在评阅范围内' }, { status: 404 })
	const round = await findGradingRound(prisma, found.roundId)
	return { item: found.item, roundId: found.roundId, roundTitle: round?.title ?? '' }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/grading')
	const attemptQuestionId = params.attemptQuestionId!
	const found = await getGradingItem(prisma, { attemptQuestionId, graderId: user.id })
	if (!found) throw data({ message: '答卷不存在，或不在评阅范围内' }, { status: 404 })
	const submission = parseWithZod(await request.formData(), { schema: markFormSchema(found.item.points) })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await recordMark(prisma, { attemptQuestionId, graderId: user.id, ...submission.value })
	if (!result.ok) return refusalReply(submission, { fieldErrors: { ...result.fieldErrors, form: undefined }, formError: result.fieldErrors.form?.[0] })
	const next = await nextItemForGrader(prisma, { roundId: found.roundId, graderId: user.id })
	throw await redirectWithToast(next ? `/grading/items/${next}` : `/grading/${found.roundId}?view=mine`, {
		title: '评分已保存。',
		description: next ? '这是下一份待评答卷。' : undefined,
	})
}

export default function GradeItemPage() {
	const { item, roundId, roundTitle } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title={`${item.label} · 第 ${item.position} 题`} description={`${roundTitle} · ${QUESTION_TYPE_LABELS[item.type]} · 满分 ${item.points} 分 · ${item.stageLabel}`} />
			<BankNav />
			<div className="grid gap-4 lg:grid-cols-2">
				<section className="flex flex-col gap-3">
					<Block title="题目">{item.stem}</Block>
					{item.rubric ? <Block title="评分要点">{item.rubric}</Block> : null}
					<Block title="参考答案">{item.referenceAnswer}</Block>
				</section>
				<section className="flex flex-col gap-3">
					<Block title="作答内容" emphasis>
						{item.answer}
					</Block>
					{item.otherMarks.length ? (
						<div className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
							<h2 className="mb-1 font-semibold">两位评阅人的评分（分差超出阈值，需仲裁）</h2>
							<ul>
								{item.otherMarks.map((mark) => (
									<li key={mark.markerNo}>
										{MARKER_LABELS[mark.markerNo]}：{mark.score} 分{mark.comment ? `（${mark.comment}）` : ''}
									</li>
								))}
							</ul>
						</div>
					) : null}
					{item.canMark ? (
						<MarkForm key={item.attemptQuestionId} points={item.points} markerNo={item.markerNo} myMark={item.myMark} />
					) : (
						<Notice tone="info">{item.cannotMarkReason}</Notice>
					)}
				</section>
			</div>
			<p className="mt-4">
				<Link to={`/grading/${roundId}`} className="text-brand-700 hover:underline">
					返回评阅队列
				</Link>
			</p>
		</Page>
	)
}

/** The marker's score and comment on conform (ADR 070): the mark's rules check it before posting. */
function MarkForm({ points, markerNo, myMark }: { points: number; markerNo: number | null; myMark: { score: number; comment: string | null } | null }) {
	const lastResult = useActionData<typeof action>()
	const schema = markFormSchema(points)
	const [form, fields] = useForm({
		id: 'grading-mark',
		lastResult,
		defaultValue: { score: myMark ? String(myMark.score) : '', comment: myMark?.comment ?? '' },
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const { key: _key, ...commentProps } = getTextareaProps(fields.comment)
	return (
		<Form method="post" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4" aria-label="评分" {...getFormProps(form)}>
			<p className="text-sm text-gray-600">你是本答卷的{MARKER_LABELS[markerNo ?? 1]}人{myMark ? `，已评 ${myMark.score} 分，可修改` : ''}。</p>
			<FormError message={form.errors?.[0]} />
			<Field
				label={`得分（0–${points}）`}
				inputMode="decimal"
				errors={fields.score.errors}
				className="max-w-xs"
				{...inputProps(fields.score, { type: 'text' })}
			/>
			<TextareaField label="评语" rows={3} errors={fields.comment.errors} {...commentProps} />
			<div>
				<Button type="submit" name="intent" value="mark" pendingLabel="保存中…">
					{myMark ? '保存修改' : '提交评分'}
				</Button>
			</div>
		</Form>
	)
}

function Block({ title, children, emphasis = false }: { title: string; children: React.ReactNode; emphasis?: boolean }) {
	return (
		<div className={emphasis ? 'rounded-lg border-2 border-brand-600 bg-white p-4' : 'rounded-lg border border-gray-200 bg-white p-4'}>
			<h2 className="mb-1 text-sm font-semibold text-gray-700">{title}</h2>
			<div className="whitespace-pre-wrap text-sm leading-relaxed">{children}</div>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
