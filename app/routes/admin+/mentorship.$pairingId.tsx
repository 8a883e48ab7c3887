import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { refuse } from '#app/admin/actor.ts'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field, FormError, inputProps } from '#app/components/forms.tsx'
import { replyFor } from '#app/components/intent-form.tsx'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { getPairingRow } from '#app/mentorship/overview.ts'
import { ChangeMentorFormSchema, EndPairingFormSchema, PairingActionSchema } from '#app/mentorship/pairing-form.ts'
import { changeMentor, endPairing, userIdByUsername } from '#app/mentorship/pairings.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { FlagList, PairingStatusBadge } from '#app/components/mentorship/pairing-status.tsx'

export const meta: MetaFunction = () => [{ title: '结对详情 · 导师带徒 · 管理 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const row = await getPairingRow(prisma, params.pairingId ?? '')
	if (!row) throw data({ message: '结对不存在。' }, { status: 404 })
	const history = await prisma.pairing.count({ where: { apprenticeId: row.apprentice.id } })
	return { row, history }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const pairingId = params.pairingId ?? ''
	const submission = parseWithZod(await request.formData(), { schema: PairingActionSchema })
	if (submission.status !== 'success') {
		if (submission.error?.intent) return data(submission.reply({ formErrors: ['未知的操作'] }), { status: 400 })
		return data(submission.reply(), { status: 400 })
	}
	const form = submission.value
	if (form.intent === 'end') {
		const result = await endPairing(prisma, admin, { pairingId, reason: form.reason })
		if (!result.ok) return refusalReply(submission, result)
		throw await redirectWithToast('/admin/mentorship?status=ended', { title: '已结束结对。', description: '记录保留在“已结束”中。' })
	}
	const mentorId = await userIdByUsername(prisma, form.mentorUsername)
	if (!mentorId) return refusalReply(submission, refuse('mentorUsername', `工号“${form.mentorUsername}”不存在`))
	const result = await changeMentor(prisma, admin, { pairingId, mentorId, startsOn: form.startsOn })
	if (!result.ok) return refusalReply(submission, { ...result, fieldErrors: { mentorUsername: result.fieldErrors.mentorId, startsOn: result.fieldErrors.startsOn } })
	throw await redirectWithToast(`/admin/mentorship/${result.id}`, { title: '已更换导师。', description: '原结对保留在“已结束”中。' })
}

export default function PairingDetailPage() {
	const { row, history } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [changeForm, changeFields] = useForm({
		id: 'change-mentor',
		lastResult: replyFor(lastResult, { intent: 'change' }),
		defaultValue: { startsOn: chinaDayOf(new Date()) },
		constraint: getZodConstraint(ChangeMentorFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeMentorFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const [endForm, endFields] = useForm({
		id: 'end-pairing',
		lastResult: replyFor(lastResult, { intent: 'end' }),
		constraint: getZodConstraint(EndPairingFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EndPairingFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Page>
			<PageHeader title={`${row.mentor.name} 带 ${row.apprentice.name}`} description={<PairingStatusBadge status={row.status} />} />
			<AdminNav />
			<dl className="mb-6 grid gap-3 rounded-lg border border-gray-200 bg-white p-5 text-sm sm:grid-cols-2">
				<div>
					<dt className="text-gray-500">导师</dt>
					<dd>
						{row.mentor.name}（{row.mentor.username}）· {row.mentor.unitName}
					</dd>
				</div>
				<div>
					<dt className="text-gray-500">徒弟</dt>
					<dd>
						{row.apprentice.name}（{row.apprentice.username}）· {row.apprentice.unitName}
					</dd>
				</div>
				<div>
					<dt className="text-gray-500">结对期</dt>
					<dd>
						{chinaDayOf(new Date(row.startsOn))} 至 {chinaDayOf(new Date(row.endsOn))}
					</dd>
				</div>
				<div>
					<dt className="text-gray-500">状态</dt>
					<dd>
						<PairingStatusBadge status={row.status} />
						{row.endReason ? <span className="ml-2 text-gray-600">{row.endReason}</span> : null}
					</dd>
				</div>
				<div className="sm:col-span-2">
					<dt className="text-gray-500">业务目标</dt>
					<dd className="whitespace-pre-wrap">{row.businessGoals || '（未填写）'}</dd>
				</div>
				<div className="sm:col-span-2">
					<dt className="text-gray-500">党建目标</dt>
					<dd className="whitespace-pre-wrap">{row.partyGoals || '（未填写）'}</dd>
				</div>
				<div className="sm:col-span-2">
					<dt className="text-gray-500">需关注</dt>
					<dd>
						<FlagList flags={row.flags} empty="目前没有需要关注的事项。" />
					</dd>
				</div>
			</dl>
			<p className="mb-6 flex flex-wrap gap-4 text-sm">
				<Link to={`/mentor/apprentices/${row.apprentice.id}`} className="text-brand-700 hover:underline">
					查看徒弟的学习与带徒记录（可布置指定学习）
				</Link>
				<Link to={`/mentorship/${row.id}/report`} className="text-brand-700 hover:underline">
					结业报告
				</Link>
				<span className="text-gray-500">该徒弟共有 {history} 条结对记录</span>
			</p>
			{row.status === 'active' ? (
				<div className="grid gap-4 md:grid-cols-2">
					<Form method="post" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-5" aria-label="更换导师" {...getFormProps(changeForm)}>
						<h2 className="font-semibold">更换导师</h2>
						<p className="text-sm text-gray-600">原结对结束并保留；新导师接续到原结束日，目标不变。</p>
						<FormError message={changeForm.errors?.[0]} />
						<Field label="新导师工号" autoComplete="off" errors={changeFields.mentorUsername.errors} {...inputProps(changeFields.mentorUsername, { type: 'text' })} />
						<Field label="新结对开始日期" errors={changeFields.startsOn.errors} {...inputProps(changeFields.startsOn, { type: 'date' })} />
						<div>
							<Button type="submit" name="intent" value="change">
								更换导师
							</Button>
						</div>
					</Form>
					<Form method="post" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-5" aria-label="结束结对" {...getFormProps(endForm)}>
						<h2 className="font-semibold">提前结束结对</h2>
						<p className="text-sm text-gray-600">正常期满请由导师完成结业评价；因调岗等原因提前结束时在此填写原因。</p>
						<FormError message={endForm.errors?.[0]} />
						<Field label="结束原因" errors={endFields.reason.errors} {...inputProps(endFields.reason, { type: 'text' })} />
						<div>
							<Button type="submit" name="intent" value="end" variant="danger">
								结束结对
							</Button>
						</div>
					</Form>
				</div>
			) : null}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
