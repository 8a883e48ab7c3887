// Admin: one round's settings, publication, review and per-person accommodations.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { unitChoices } from '#app/admin/units.ts'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { RoundSettingsForm } from '#app/components/exam/round-settings-form.tsx'
import { Button, buttonClass, Field, FormError, inputProps } from '#app/components/forms.tsx'
import { IntentForm, replyFor } from '#app/components/intent-form.tsx'
import { AccommodationFormSchema } from '#app/exams/rounds/accommodation-form.ts'
import { removeAccommodation, setAccommodation } from '#app/exams/rounds/accommodations.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { openReviewNow, publishRound, unpublishRound } from '#app/exams/rounds/publish.ts'
import { reviewOpensAt } from '#app/exams/timing/review-window.ts'
import { getRoundForAdmin, pastDateWarnings, updateRoundSettings } from '#app/exams/rounds/round-admin.ts'
import { RoundSettingsFormSchema } from '#app/exams/rounds/round-settings.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? '轮次'} · 管理 · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const now = new Date()
	const round = await getRoundForAdmin(prisma, params.roundId!, now)
	if (!round) throw data({ message: '找不到这轮考试' }, { status: 404 })
	const [units, reviewAt] = await Promise.all([unitChoices(prisma), reviewOpensAt(prisma, round)])
	return { round, units: units.map(({ id, name, kind, parentId, depth, path }) => ({ id, name, kind, parentId, depth, path })), reviewOpensAt: reviewAt, now, pastDates: pastDateWarnings(round, now) }
}

const IntentSchema = z.enum(['save', 'publish', 'unpublish', 'open_review', 'set_accommodation', 'remove_accommodation'])
/** 发布 / 撤回发布 / 立即开放复盘: one form of buttons; a refusal lists every reason above it. */
const PublicationSchema = z.object({ intent: z.enum(['publish', 'unpublish', 'open_review']) })
const RemoveAccommodationSchema = z.object({ intent: z.literal('remove_accommodation'), accommodationId: z.string().min(1).max(100) })
/** The settings and accommodation forms take what was typed as it is (no coercion, ADR 070). */
const AS_TYPED = { disableAutoCoercion: true } as const

/** A domain refusal keyed `form` for the whole form, else by field. */
function refused<Output>(submission: Parameters<typeof refusalReply<Output>>[0], fieldErrors: Record<string, string[] | undefined>) {
	const { form: formErrors, ...rest } = fieldErrors
	return refusalReply(submission, { fieldErrors: rest, formError: formErrors?.[0] })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const roundId = params.roundId!
	const formData = await request.formData()
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	const now = new Date()
	const here = `/admin/rounds/${encodeURIComponent(roundId)}`
	switch (intent.data) {
		case 'save': {
			const submission = parseWithZod(formData, { schema: RoundSettingsFormSchema, ...AS_TYPED })
			if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
			const saved = await updateRoundSettings(prisma, { roundId, settings: submission.value, actorId: admin.id, now })
			if (!saved.ok) return refused(submission, saved.fieldErrors)
			// Dates already past are said at once (and stay above the page while the round is a draft).
			throw await redirectWithToast(here, { title: '设置已保存。', description: saved.warnings.length ? saved.warnings.join(' ') : undefined })
		}
		case 'publish':
		case 'unpublish':
		case 'open_review': {
			const submission = parseWithZod(formData, { schema: PublicationSchema })
			const run = { publish: publishRound, unpublish: unpublishRound, open_review: openReviewNow }[intent.data]
			const result = await run(prisma, { roundId, actorId: admin.id, now })
			const done = { publish: '已发布，考生在开放时间内即可参加。', unpublish: '已撤回发布。', open_review: '复盘已开放，考生可查看答案与解析。' }[intent.data]
			if (result.ok) throw await redirectWithToast(here, { title: done })
			return data(submission.reply({ formErrors: result.messages }), { status: 409 })
		}
		case 'set_accommodation': {
			const submission = parseWithZod(formData, { schema: AccommodationFormSchema, ...AS_TYPED })
			if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
			const typed = (name: string) => String(formData.get(name) ?? '')
			const input = { username: typed('username'), extraMinutes: typed('extraMinutes'), closesAt: typed('closesAt'), note: typed('note') }
			const result = await setAccommodation(prisma, { roundId, input, actorId: admin.id, now })
			if (result.ok) throw await redirectWithToast(here, { title: '考试照顾已保存。' })
			return refused(submission, result.fieldErrors)
		}
		case 'remove_accommodation': {
			const submission = parseWithZod(formData, { schema: RemoveAccommodationSchema })
			if (submission.status !== 'success') return data(submission.reply({ formErrors: ['操作无效，请刷新页面后重试'] }), { status: 400 })
			const removed = await removeAccommodation(prisma, { roundId, accommodationId: submission.value.accommodationId, actorId: admin.id, now })
			if (!removed) throw data({ message: '该考试照顾已不存在' }, { status: 404 })
			throw await redirectWithToast(here, { title: '已取消考试照顾。' })
		}
	}
}

const STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' }

export default function AdminRoundPage() {
	const { round, units, reviewOpensAt: reviewAt, now, pastDates } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const reviewOpen = round.status === 'published' && new Date(reviewAt) <= new Date(now)
	// One reply for the page: each form takes its own (by the button that sent it).
	const publicationResult = (['publish', 'unpublish', 'open_review'] as const).map((intent) => replyFor(lastResult, { intent })).find(Boolean)
	const [publication] = useForm({ id: 'round-publication', lastResult: publicationResult })
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
			{publication.errors?.length ? (
				<div role="alert" id={publication.errorId} className="mb-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
					<p className="font-medium">操作未完成：</p>
					<ul className="mt-1 list-disc pl-5">
						{publication.errors.map((m) => (
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
				<Form method="post" className="flex flex-wrap gap-2" {...getFormProps(publication)}>
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

			<RoundSettingsForm round={round} unitChoices={units} locked={round.attemptCount > 0} lastResult={replyFor(lastResult, { intent: 'save' })} />

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
										<IntentForm id={`remove-accommodation-${a.id}`} lastResult={replyFor(lastResult, { intent: 'remove_accommodation', accommodationId: a.id })}>
											<input type="hidden" name="accommodationId" value={a.id} />
											<Button type="submit" name="intent" value="remove_accommodation" variant="link">
												取消
											</Button>
										</IntentForm>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				) : (
					<p className="mb-4 text-sm text-gray-600">暂无。</p>
				)}
				<AccommodationForm lastResult={replyFor(lastResult, { intent: 'set_accommodation' })} />
			</section>
		</Page>
	)
}

/** 考试照顾: the same schema checks it in the browser and on the server (ADR 070). */
function AccommodationForm({ lastResult }: { lastResult?: SubmissionResult }) {
	const [form, fields] = useForm({
		id: 'set-accommodation',
		lastResult,
		constraint: getZodConstraint(AccommodationFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AccommodationFormSchema, ...AS_TYPED }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="grid gap-3 md:grid-cols-5 md:items-start" {...getFormProps(form)}>
			<FormError message={form.errors?.[0]} />
			<Field label="工号" autoComplete="off" errors={fields.username.errors} {...inputProps(fields.username, { type: 'text' })} />
			<Field label="延长（分钟）" inputMode="numeric" errors={fields.extraMinutes.errors} {...inputProps(fields.extraMinutes, { type: 'text' })} />
			<Field label="延后截止时间" errors={fields.closesAt.errors} {...inputProps(fields.closesAt, { type: 'datetime-local' })} />
			<Field label="备注" errors={fields.note.errors} {...inputProps(fields.note, { type: 'text' })} />
			<div className="md:pt-6">
				<Button type="submit" name="intent" value="set_accommodation">
					保存照顾
				</Button>
			</div>
		</Form>
	)
}
