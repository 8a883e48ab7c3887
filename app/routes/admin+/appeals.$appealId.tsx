// Admin: one appeal — the question, the learner's answer, the key and marks — decided once:
// accept (then regrade through the linked existing path and republish) or reject with a reply.
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button, FormError, TextareaField } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { DecideAppealSchema } from '#app/rankings/appeal-forms.ts'
import { getAppealDetail } from '#app/rankings/appeals-admin.ts'
import { APPEAL_REPLY_MAX, APPEAL_STATUS_LABELS } from '#app/rankings/appeals-labels.ts'
import { decideAppeal } from '#app/rankings/appeals.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AppealStatusBadge } from '#app/components/appeal-status-badge.tsx'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '处理申诉 · 管理 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const appeal = await getAppealDetail(prisma, params.appealId!)
	if (!appeal) throw data({ message: '找不到这项申诉。' }, { status: 404 })
	return data(
		{
			appeal: {
				...appeal,
				createdAt: appeal.createdAt.toISOString(),
				decidedAt: appeal.decidedAt?.toISOString() ?? null,
				window: appeal.window ? { opensAt: appeal.window.opensAt.toISOString(), closesAt: appeal.window.closesAt.toISOString() } : null,
			},
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: DecideAppealSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await decideAppeal(prisma, { appealId: params.appealId!, actorId: admin.id, input: submission.value, now: new Date() })
	if (!result.ok) {
		const { form: formErrors, ...fieldErrors } = result.fieldErrors
		const formError = formErrors?.[0]
		if (formError === '找不到这项申诉') throw data({ message: '找不到这项申诉。' }, { status: 404 })
		// Decided meanwhile by another admin: a conflict, said above the form.
		if (formError) return data(submission.reply({ formErrors: [formError] }), { status: 409 })
		return refusalReply(submission, { fieldErrors })
	}
	if (submission.value.decision === 'accept') {
		throw await redirectWithToast(`/admin/appeals/${result.appealId}`, { title: '已受理申诉，已通知学员。', description: '请按页面上的链接重新评分，然后重新发布排行榜。' })
	}
	throw await redirectWithToast('/admin/appeals', { title: '已答复不予采纳，已通知学员。' })
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
	return (
		<div className="grid gap-1 sm:grid-cols-[8rem_1fr]">
			<dt className="text-sm text-gray-600">{label}</dt>
			<dd className="break-words whitespace-pre-wrap">{children}</dd>
		</div>
	)
}

export default function AdminAppealPage() {
	const { appeal } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'decide-appeal',
		lastResult,
		constraint: getZodConstraint(DecideAppealSchema),
		// Checked when a button is pressed: which decision is part of the check (a rejection needs a reply).
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideAppealSchema }),
	})
	return (
		<Page>
			<AdminNav />
			<PageHeader title={`申诉：${appeal.roundTitle} · 第 ${appeal.position} 题`} description={`${appeal.learnerName}（${appeal.username}，${appeal.unitName}）提交于 ${formatChinaDateTime(new Date(appeal.createdAt))}`} actions={<AppealStatusBadge status={appeal.status} />} />
			<dl className="mb-6 flex flex-col gap-3 rounded-lg border bg-white p-4" aria-label="申诉内容">
				<Row label="申诉理由">{appeal.reason}</Row>
				<Row label="题目">
					（{appeal.typeLabel}，{appeal.points} 分）{appeal.stem}
				</Row>
				{appeal.options.length > 0 ? (
					<Row label="选项">
						{appeal.options.map((o) => (
							<span key={o.key} className="block">
								{o.key}. {o.text}
							</span>
						))}
					</Row>
				) : null}
				<Row label="学员答案">{appeal.learnerAnswer}</Row>
				<Row label={appeal.essay ? '参考答案' : '正确答案'}>{appeal.key}</Row>
				{appeal.marks.length > 0 ? <Row label="评阅记录">{appeal.marks.map((m) => `${['', '初评', '复评', '仲裁'][m.markerNo]} ${m.score} 分${m.comment ? `：${m.comment}` : ''}`).join('\n')}</Row> : null}
				<Row label="得分">
					申诉时 {appeal.scoreAtFiling ?? '—'} 分，现在 {appeal.currentScore ?? '—'} 分（满分 {appeal.points}）
				</Row>
				{appeal.window ? <Row label="申诉期">{`${formatChinaDateTime(new Date(appeal.window.opensAt))} 至 ${formatChinaDateTime(new Date(appeal.window.closesAt))}`}</Row> : null}
			</dl>
			{appeal.status === 'open' ? (
				<Form method="post" className="flex flex-col gap-4 rounded-lg border bg-white p-4" aria-label="处理申诉" {...getFormProps(form)}>
					<FormError message={form.errors?.[0]} />
					<TextareaField
						label="答复"
						name={fields.reply.name}
						rows={4}
						maxLength={APPEAL_REPLY_MAX}
						defaultValue={fields.reply.initialValue}
						errors={fields.reply.errors ?? fields.decision.errors}
						hint="学员会在通知和“我的申诉”中看到答复。不予采纳时必须写明理由。"
					/>
					<div className="flex flex-wrap gap-2">
						<Button type="submit" name="decision" value="accept">
							受理申诉
						</Button>
						<Button type="submit" name="decision" value="reject" variant="danger">
							不予采纳
						</Button>
					</div>
				</Form>
			) : (
				<section aria-label="处理结果" className="rounded-lg border bg-white p-4">
					<p className="font-medium">
						{APPEAL_STATUS_LABELS[appeal.status]}：{appeal.decidedByName}，{appeal.decidedAt ? formatChinaDateTime(new Date(appeal.decidedAt)) : ''}
					</p>
					{appeal.reply ? <p className="mt-1 whitespace-pre-wrap">答复：{appeal.reply}</p> : null}
					{appeal.status === 'accepted' ? (
						<div className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
							<p>
								下一步：
								{appeal.essay ? '由原评阅人在评阅页修改评分（已通知评阅人）' : '更正本题答案，先预览再确认，所有作答此版本的答卷将重新评分'}，然后到排行榜生成新草稿并重新发布。
							</p>
							<p className="mt-2 flex flex-wrap gap-4">
								<Link to={appeal.regradeLink} className="text-brand-700 hover:underline">
									{appeal.essay ? '打开评阅页' : '更正答案并重新评分'}
								</Link>
								<Link to="/admin/rankings" className="text-brand-700 hover:underline">
									排行榜发布
								</Link>
							</p>
						</div>
					) : null}
				</section>
			)}
			<p className="mt-6">
				<Link to="/admin/appeals" className="text-brand-700 hover:underline">
					返回申诉列表
				</Link>
			</p>
		</Page>
	)
}
