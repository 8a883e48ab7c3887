// Admin: one round's settings, publication, review and per-person accommodations.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { unitChoices } from '#app/admin/units.ts'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { RoundSettingsForm } from '#app/components/exam/round-settings-form.tsx'
import { Button, buttonClass, Field, FormError } from '#app/components/forms.tsx'
import { removeAccommodation, setAccommodation } from '#app/exams/rounds/accommodations.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { openReviewNow, publishRound, unpublishRound } from '#app/exams/rounds/publish.ts'
import { reviewOpensAt } from '#app/exams/timing/review-window.ts'
import { getRoundForAdmin, pastDateWarnings, updateRoundSettings } from '#app/exams/rounds/round-admin.ts'
import { LIST_FIELDS, parseRoundSettings, type FieldErrors, type FormValues } from '#app/exams/rounds/round-settings.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? '轮次'} · 管理 · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const now = new Date()
	const round = await getRoundForAdmin(prisma, params.roundId!, now)
	if (!round) throw data({ message: '找不到这轮考试' }, { status: 404 })
	const [units, reviewAt] = await Promise.all([unitChoices(prisma), reviewOpensAt(prisma, round)])
	return { round, units: units.map(({ id, name, kind, parentId, depth, path }) => ({ id, name, kind, parentId, depth, path })), reviewOpensAt: reviewAt, now, pastDates: pastDateWarnings(round, now) }
}

const IntentSchema = z.enum(['save', 'publish', 'unpublish', 'open_review', 'set_accommodation', 'remove_accommodation'])

type ActionResult = {
	intent: z.infer<typeof IntentSchema>
	ok: boolean
	message?: string
	messages?: string[]
	fieldErrors?: FieldErrors
	values?: FormValues
}

function formValues(formData: FormData): FormValues {
	const values: FormValues = {}
	for (const key of new Set(formData.keys())) {
		const all = formData.getAll(key).filter((v): v is string => typeof v === 'string')
		values[key] = (LIST_FIELDS as readonly string[]).includes(key) ? all : all[0]
	}
	return values
}

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const roundId = params.roundId!
	const formData = await request.formData()
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	const now = new Date()
	const reply = (result: ActionResult, status = result.ok ? 200 : 400) => data(result, { status })
	const here = `/admin/rounds/${encodeURIComponent(roundId)}`
	switch (intent.data) {
		case 'save': {
			const values = formValues(formData)
			const parsed = parseRoundSettings(values)
			if (!parsed.ok) return reply({ intent: 'save', ok: false, fieldErrors: parsed.fieldErrors, values })
			const saved = await updateRoundSettings(prisma, { roundId, settings: parsed.settings, actorId: admin.id, now })
			if (!saved.ok) return reply({ intent: 'save', ok: false, fieldErrors: saved.fieldErrors, values })
			throw await redirectWithToast(here, { title: '设置已保存。' })
		}
		case 'publish':
		case 'unpublish':
		case 'open_review': {
			const run = { publish: publishRound, unpublish: unpublishRound, open_review: openReviewNow }[intent.data]
			const result = await run(prisma, { roundId, actorId: admin.id, now })
			const done = { publish: '已发布，考生在开放时间内即可参加。', unpublish: '已撤回发布。', open_review: '复盘已开放，考生可查看答案与解析。' }[intent.data]
			if (result.ok) throw await redirectWithToast(here, { title: done })
			return reply({ intent: intent.data, ok: false, messages: result.messages }, 409)
		}
		case 'set_accommodation': {
			const values = formValues(formData)
			const input = { username: String(values.username ?? ''), extraMinutes: String(values.extraMinutes ?? ''), closesAt: String(values.closesAt ?? ''), note: String(values.note ?? '') }
			const result = await setAccommodation(prisma, { roundId, input, actorId: admin.id, now })
			if (result.ok) throw await redirectWithToast(here, { title: '考试照顾已保存。' })
			return reply({ intent: 'set_accommodation', ok: false, fieldErrors: result.fieldErrors, values })
		}
		case 'remove_accommodation': {
			const removed = await removeAccommodation(prisma, { roundId, accommodationId: String(formData.get('accommodationId') ?? ''), actorId: admin.id, now })
			if (!removed) throw data({ message: '该考试照顾已不存在' }, { status: 404 })
			throw await redirectWithToast(here, { title: '已取消考试照顾。' })
		}
	}
}

const STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' }

export default function AdminRoundPage() {
	const { round, units, reviewOpensAt: reviewAt, now, pastDates } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const reviewOpen = round.status === 'published' && new Date(reviewAt) <= new Date(now)
	const accommodationResult = result?.intent === 'set_accommodation' && !result.ok ? result : null
	return (
		<Page wide>
			<AdminNav />
			<PageHeader
				title={round.title}
				description={`${round.season.name} · 第 ${round.position} 轮 · ${STATUS_LABELS[round.status] ?? round.status} · 满分 ${round.maxScore} 分 · 已有 ${round.attemptCount} 人次作答`}
				actions={
					<>
						<Link to={`/admin/seasons/${round.seasonId}`} className={buttonClass('secondary')}>
							返回赛季
						</Link>
						<Link to={`/admin/rounds/${round.id}/preview`} className={buttonClass('secondary')}>
							预览试卷
						</Link>
						<Link to={`/admin/rounds/${round.id}/stats`} className={buttonClass('secondary')}>
							统计分析
						</Link>
					</>
				}
			/>
			{pastDates.length ? (
				<div role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					<p className="font-medium">请注意，这轮考试的时间已经过去：</p>
					<ul className="mt-1 list-disc pl-5">
						{pastDates.map((warning) => (
							<li key={warning}>{warning}</li>
						))}
					</ul>
				</div>
			) : null}
			{result && !result.ok && result.messages ? (
				<div role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
					<p className="font-medium">操作未完成：</p>
					<ul className="mt-1 list-disc pl-5">
						{result.messages.map((m) => (
							<li key={m}>{m}</li>
						))}
					</ul>
				</div>
			) : null}

			<section className="mb-6 flex flex-wrap items-center gap-3 rounded-lg border bg-white p-4" aria-label="发布与复盘">
				<p className="flex-1 text-sm text-gray-700">
					{round.status === 'published'
						? `已于 ${round.publishedAt ? formatChinaDateTime(new Date(round.publishedAt)) : '—'} 发布。复盘${reviewOpen ? '已开放' : `将于 ${formatChinaDateTime(new Date(reviewAt))} 后开放`}。`
						: '草稿：考生看不到本轮考试。发布前会检查每条抽题规则在题库中是否有足够的启用题目。'}
				</p>
				<Form method="post" className="flex flex-wrap gap-2">
					{round.status === 'published' ? (
						<>
							{!reviewOpen ? (
								<Button type="submit" name="intent" value="open_review" variant="secondary" pendingLabel="正在开放…">
									立即开放复盘
								</Button>
							) : null}
							{round.attemptCount === 0 ? (
								<Button type="submit" name="intent" value="unpublish" variant="secondary">
									撤回发布
								</Button>
							) : null}
						</>
					) : (
						<Button type="submit" name="intent" value="publish" pendingLabel="正在发布…">
							发布
						</Button>
					)}
				</Form>
			</section>
			{round.shortages.length ? (
				<div role="alert" className="mb-6 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					<p className="font-medium">题库不足，暂不能发布：</p>
					<ul className="mt-1 list-disc pl-5">
						{round.shortages.map((s) => (
							<li key={s.position}>{s.message}</li>
						))}
					</ul>
				</div>
			) : null}
			{round.publicKeyWarnings.length ? (
				<div role="alert" aria-label="答案已公开的题目" className="mb-6 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					<p className="font-medium">注意：以下抽题规则会抽到答案已公开的题目（可以发布，但考生可能已在复盘或练习中见过答案）：</p>
					<ul className="mt-1 list-disc pl-5">
						{round.publicKeyWarnings.map((w) => (
							<li key={w.position}>{w.message}</li>
						))}
					</ul>
				</div>
			) : null}

			<RoundSettingsForm
				round={round}
				unitChoices={units}
				locked={round.attemptCount > 0}
				submitted={result?.intent === 'save' && !result.ok ? result.values : null}
				fieldErrors={result?.intent === 'save' && !result.ok ? result.fieldErrors : undefined}
				formError={result?.intent === 'save' && !result.ok ? result.fieldErrors?.form?.[0] : null}
			/>

			<section className="mt-6 rounded-lg border bg-white p-4" aria-labelledby="accommodations-title">
				<h2 id="accommodations-title" className="mb-3 font-semibold">
					考试照顾（延长时间、延后截止）
				</h2>
				{round.accommodations.length ? (
					<table className="mb-4 w-full text-sm">
						<thead>
							<tr className="text-left text-gray-600">
								<th className="p-1">考生</th>
								<th className="p-1">延长</th>
								<th className="p-1">延后截止</th>
								<th className="p-1">备注</th>
								<th className="p-1" />
							</tr>
						</thead>
						<tbody>
							{round.accommodations.map((a) => (
								<tr key={a.id}>
									<td className="p-1">{a.person ? `${a.person.name}（${a.person.username}）` : a.userId}</td>
									<td className="p-1">{a.extraMinutes} 分钟</td>
									<td className="p-1">{a.closesAt ? formatChinaDateTime(new Date(a.closesAt)) : '—'}</td>
									<td className="p-1">{a.note}</td>
									<td className="p-1">
										<Form method="post">
											<input type="hidden" name="accommodationId" value={a.id} />
											<Button type="submit" name="intent" value="remove_accommodation" variant="link">
												取消
											</Button>
										</Form>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				) : (
					<p className="mb-4 text-sm text-gray-600">暂无。</p>
				)}
				<Form method="post" className="grid gap-3 md:grid-cols-5 md:items-start" noValidate>
					<FormError message={accommodationResult?.fieldErrors?.form?.[0]} />
					<Field label="工号" name="username" defaultValue={String(accommodationResult?.values?.username ?? '')} errors={accommodationResult?.fieldErrors?.username} />
					<Field label="延长（分钟）" name="extraMinutes" inputMode="numeric" defaultValue={String(accommodationResult?.values?.extraMinutes ?? '')} errors={accommodationResult?.fieldErrors?.extraMinutes} />
					<Field label="延后截止时间" name="closesAt" type="datetime-local" defaultValue={String(accommodationResult?.values?.closesAt ?? '')} errors={accommodationResult?.fieldErrors?.closesAt} />
					<Field label="备注" name="note" defaultValue={String(accommodationResult?.values?.note ?? '')} errors={accommodationResult?.fieldErrors?.note} />
					<div className="md:pt-6">
						<Button type="submit" name="intent" value="set_accommodation">
							保存照顾
						</Button>
					</div>
				</Form>
			</section>
		</Page>
	)
}
