import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field, FormError, TextareaField } from '#app/components/forms.tsx'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { findGradingRound, getGradingItem, nextItemForGrader, recordMark } from '#app/exams/grading/manual.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { BANK_ROLES, BankNav } from '#app/routes/bank+/__bank-parts.tsx'
import { Notice } from '#app/routes/admin+/__notice.tsx'

export const meta: MetaFunction = () => [{ title: '评阅答卷 · 人工评阅 · 红审学堂' }]

const MARKER_LABELS: Record<number, string> = { 1: '初评', 2: '复评', 3: '仲裁' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireRole(request, BANK_ROLES)
	const found = await getGradingItem(prisma, { attemptQuestionId: params.attemptQuestionId!, graderId: user.id })
	if (!found) throw data({ message: '答卷不存在，或不在评阅范围内' }, { status: 404 })
	const round = await findGradingRound(prisma, found.roundId)
	return { item: found.item, roundId: found.roundId, roundTitle: round?.title ?? '', saved: new URL(request.url).searchParams.get('saved') === '1' }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireRole(request, BANK_ROLES)
	const formData = await request.formData()
	const scoreText = String(formData.get('score') ?? '').normalize('NFKC').trim()
	const result = await recordMark(prisma, {
		attemptQuestionId: params.attemptQuestionId!,
		graderId: user.id,
		score: scoreText === '' ? undefined : Number(scoreText),
		comment: formData.get('comment'),
	})
	if (!result.ok) return data({ fieldErrors: result.fieldErrors, score: scoreText, comment: String(formData.get('comment') ?? '') }, { status: 400 })
	const found = await getGradingItem(prisma, { attemptQuestionId: params.attemptQuestionId!, graderId: user.id })
	const next = found ? await nextItemForGrader(prisma, { roundId: found.roundId, graderId: user.id }) : null
	throw redirect(next ? `/grading/items/${next}?saved=1` : `/grading/${found?.roundId ?? ''}?view=mine&saved=1`)
}

export default function GradeItemPage() {
	const { item, roundId, roundTitle, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData?.fieldErrors ?? {}
	return (
		<Page>
			<PageHeader title={`${item.label} · 第 ${item.position} 题`} description={`${roundTitle} · ${QUESTION_TYPE_LABELS[item.type]} · 满分 ${item.points} 分 · ${item.stageLabel}`} />
			<BankNav />
			{saved ? <Notice>上一份已保存，这是下一份待评答卷。</Notice> : null}
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
						<Form method="post" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4" aria-label="评分">
							<p className="text-sm text-gray-600">你是本答卷的{MARKER_LABELS[item.markerNo ?? 1]}人{item.myMark ? `，已评 ${item.myMark.score} 分，可修改` : ''}。</p>
							<FormError message={errors.form?.[0]} />
							<Field
								label={`得分（0–${item.points}）`}
								name="score"
								inputMode="decimal"
								defaultValue={actionData?.score ?? (item.myMark ? String(item.myMark.score) : '')}
								errors={errors.score}
								className="max-w-xs"
							/>
							<TextareaField label="评语" name="comment" rows={3} defaultValue={actionData?.comment ?? item.myMark?.comment ?? ''} errors={errors.comment} />
							<div>
								<Button type="submit" name="intent" value="mark" pendingLabel="保存中…">
									{item.myMark ? '保存修改' : '提交评分'}
								</Button>
							</div>
						</Form>
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

function Block({ title, children, emphasis = false }: { title: string; children: React.ReactNode; emphasis?: boolean }) {
	return (
		<div className={emphasis ? 'rounded-lg border-2 border-brand-600 bg-white p-4' : 'rounded-lg border border-gray-200 bg-white p-4'}>
			<h2 className="mb-1 text-sm font-semibold text-gray-700">{title}</h2>
			<div className="whitespace-pre-wrap text-sm leading-relaxed">{children}</div>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
