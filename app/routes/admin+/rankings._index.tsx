// Admin: the rankings (绩效比拼晾晒) — per season its settings (minimum unit size, each round's
// weight in the season ranking, members' drill-down), drafts of a round or the season, and what is published.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { Button, Field, FormError, inputProps } from '#app/components/forms.tsx'
import { replyFor } from '#app/components/intent-form.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { listSeasons } from '#app/exams/rounds/season.ts'
import { getRankingSettingsOf, setMinUnitSize, setSeasonRankingSettings } from '#app/rankings/settings.ts'
import { MinUnitSizeSchema, RoundWeightSchema, weightField } from '#app/rankings/settings-fields.ts'
import { listSnapshots } from '#app/rankings/snapshots.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { acceptedAppealsSincePublication } from '#app/rankings/appeals-admin.ts'
import { AdminNav } from './__admin-nav.tsx'
import { AcceptedAppealsNotice } from './__appeals-notice.tsx'

export const meta: MetaFunction = () => [{ title: '排行榜发布 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const [seasons, snapshots, stale] = await Promise.all([listSeasons(prisma), listSnapshots(prisma), acceptedAppealsSincePublication(prisma)])
	const settings = await getRankingSettingsOf(prisma, seasons.map((season) => season.id))
	return {
		seasons: seasons.map((season) => {
			const setting = settings.get(season.id)!
			return {
				id: season.id,
				name: season.name,
				minUnitSize: setting.minUnitSize,
				memberDrillDown: setting.memberDrillDown,
				rounds: season.rounds.filter((round) => round.status !== 'draft').map((round) => ({ id: round.id, title: round.title, weight: setting.roundWeights[round.id] ?? 1 })),
			}
		}),
		stale,
		snapshots: snapshots.map((s) => ({ id: s.id, title: s.title, version: s.version, contentHash: s.contentHash, publishedByName: s.publishedByName, publishedAt: s.publishedAt.toISOString() })),
	}
}

/** A field kept as typed (the domain parses it again), checked here with the domain's own rule so the browser shows the same message. */
const checkedText = (rule: z.ZodType, missing: string) =>
	z
		.string({ error: missing })
		.max(20)
		.superRefine((value, ctx) => {
			const checked = rule.safeParse(value.trim())
			if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0]!.message })
		})
const SeasonIdSchema = z.string().min(1).max(100)
const MinUnitSizeField = checkedText(MinUnitSizeSchema, '请填写人数')
/** One season's settings form (ADR 070): `weight.<roundId>` arrives as `weight: { [roundId]: typed }`. */
const SeasonSettingsSchema = z.object({
	intent: z.literal('season-settings'),
	seasonId: SeasonIdSchema,
	minUnitSize: MinUnitSizeField,
	weight: z.record(z.string().max(100), checkedText(RoundWeightSchema, '请填写权重（不计入填 0）')).optional(),
	memberDrillDown: z.boolean().optional(),
})
const SettingsFormSchema = z.discriminatedUnion(
	'intent',
	[z.object({ intent: z.literal('min-unit-size'), seasonId: SeasonIdSchema, minUnitSize: MinUnitSizeField }), SeasonSettingsSchema],
	{ error: '未知操作' },
)
const INVALID_FORM = '表单内容无效，请刷新页面后重试'

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: SettingsFormSchema })
	if (submission.status !== 'success') {
		// A bad hidden field (which season, which action) is not the admin's typing: said above the form.
		const hidden = ['intent', 'seasonId', 'weight'].some((name) => submission.error?.[name])
		return data(submission.reply(hidden ? { formErrors: [INVALID_FORM] } : undefined), { status: 400 })
	}
	const form = submission.value
	const now = new Date()
	const refused = (fieldErrors: Record<string, string[] | undefined>) => {
		const { form: formErrors, ...rest } = fieldErrors
		return refusalReply(submission, { fieldErrors: rest, formError: formErrors?.[0] })
	}
	const saved = { title: '排行榜设置已保存。', description: '之后生成的草稿按新设置计算。' }
	if (form.intent === 'min-unit-size') {
		const result = await setMinUnitSize(prisma, { seasonId: form.seasonId, input: form.minUnitSize, actorId: admin.id, now })
		if (!result.ok) return refused(result.fieldErrors)
		throw await redirectWithToast('/admin/rankings', saved)
	}
	// At most 60 rounds: the domain checks they are this season's rounds.
	const weights = Object.fromEntries(Object.entries(form.weight ?? {}).slice(0, 60))
	const input = { minUnitSize: form.minUnitSize, weights, memberDrillDown: form.memberDrillDown === true }
	const result = await setSeasonRankingSettings(prisma, { seasonId: form.seasonId, input, actorId: admin.id, now })
	if (!result.ok) return refused(result.fieldErrors)
	throw await redirectWithToast('/admin/rankings', saved)
}

export default function AdminRankingsPage() {
	const { seasons, snapshots, stale } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	return (
		<Page>
			<AdminNav />
			<PageHeader title="排行榜发布" description="从当前已公布的成绩生成草稿，核对与上一版的变化后发布。已发布的排行榜不会再改变；成绩更正后需重新发布新版本。" />
			<AcceptedAppealsNotice stale={stale} />
			<section aria-label="生成草稿" className="mb-8">
				<h2 className="mb-3 text-lg font-semibold">生成草稿</h2>
				{seasons.length === 0 ? (
					<p className="text-gray-600">还没有赛季。</p>
				) : (
					<ul className="flex flex-col gap-3">
						{seasons.map((season) => (
							<li key={season.id} className="rounded-lg border bg-white p-4">
								<h3 className="font-semibold">{season.name}</h3>
								<SeasonSettingsForm season={season} lastResult={replyFor(lastResult, { seasonId: season.id })} />
								<ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
									<li>
										<Link to={`/admin/rankings/season/${season.id}`} className="text-brand-700 hover:underline">
											赛季总排名
										</Link>
									</li>
									{season.rounds.map((round) => (
										<li key={round.id}>
											<Link to={`/admin/rankings/round/${round.id}`} className="text-brand-700 hover:underline">
												{round.title}
											</Link>
										</li>
									))}
								</ul>
							</li>
						))}
					</ul>
				)}
			</section>
			<section aria-label="已发布">
				<h2 className="mb-3 text-lg font-semibold">已发布</h2>
				<DataTable columns={['排行榜', '版本', '发布人', '发布时间', '内容哈希']} rowCount={snapshots.length} emptyMessage="还没有发布过排行榜">
					{snapshots.map((s) => (
						<tr key={s.id}>
							<td className="px-3 py-2">
								<Link to={`/rankings?snapshot=${s.id}`} className="text-brand-700 hover:underline">
									{s.title}
								</Link>
							</td>
							<td className="px-3 py-2">第 {s.version} 版</td>
							<td className="px-3 py-2">{s.publishedByName}</td>
							<td className="px-3 py-2 whitespace-nowrap">{formatChinaDateTime(new Date(s.publishedAt))}</td>
							<td className="px-3 py-2 font-mono text-xs break-all">{s.contentHash}</td>
						</tr>
					))}
				</DataTable>
			</section>
		</Page>
	)
}

type SeasonRow = ReturnType<typeof useLoaderData<typeof loader>>['seasons'][number]

/** One season's ranking settings: the minimum unit size, each round's weight, members' drill-down. Errors sit next to their field. */
function SeasonSettingsForm({ season, lastResult }: { season: SeasonRow; lastResult?: SubmissionResult }) {
	const [form, fields] = useForm({
		id: `season-settings-${season.id}`,
		lastResult,
		defaultValue: {
			minUnitSize: String(season.minUnitSize),
			weight: Object.fromEntries(season.rounds.map((round) => [round.id, String(round.weight)])),
			memberDrillDown: season.memberDrillDown ? 'on' : undefined,
		},
		constraint: getZodConstraint(SeasonSettingsSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const weights = fields.weight.getFieldset()
	return (
		<Form method="post" className="mt-2 flex flex-col gap-3" {...getFormProps(form)}>
			<input type="hidden" name="seasonId" value={season.id} />
			<FormError message={form.errors?.[0]} />
			<Field
				label="单位单独排名的最少应考人数"
				hint="少于此人数的单位合并为“其他单位（合并）”；只影响之后生成的草稿。"
				inputMode="numeric"
				className="w-56 max-w-full"
				errors={fields.minUnitSize.errors}
				{...inputProps(fields.minUnitSize, { type: 'text' })}
			/>
			{season.rounds.length ? (
				<fieldset className="min-w-0">
					<legend className="text-sm font-medium text-gray-800">赛季总排名中各轮的权重</legend>
					<p className="text-xs text-gray-500">赛季总分 = Σ 各轮得分 × 权重；都为 1 即各轮之和，0 表示不计入。权重 0–10，最多两位小数。</p>
					<div className="mt-1 grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-2">
						{season.rounds.map((round) => {
							const weight = weights[round.id]!
							return <Field key={round.id} label={round.title} inputMode="decimal" errors={weight.errors} {...inputProps(weight, { type: 'text' })} name={weightField(round.id)} />
						})}
					</div>
				</fieldset>
			) : null}
			<label className="flex items-start gap-2 text-sm">
				<input type="checkbox" name={fields.memberDrillDown.name} className="mt-1" defaultChecked={fields.memberDrillDown.initialValue === 'on'} />
				<span>允许单位成员在排行榜上查看本单位人员明细（只能看自己所在单位）</span>
			</label>
			<div>
				<Button type="submit" variant="secondary" name="intent" value="season-settings" pendingLabel="正在保存…">
					保存设置
				</Button>
			</div>
		</Form>
	)
}
