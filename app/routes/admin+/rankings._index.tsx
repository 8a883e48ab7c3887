// Admin: the rankings (绩效比拼晾晒) — per season its settings (minimum unit size, each round's
// weight in the season ranking, members' drill-down), drafts of a round or the season, and what is published.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { Button, Field, FormError } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { listSeasons } from '#app/exams/rounds/season.ts'
import { getRankingSettingsOf, setMinUnitSize, setSeasonRankingSettings } from '#app/rankings/settings.ts'
import { weightField } from '#app/rankings/settings-fields.ts'
import { listSnapshots } from '#app/rankings/snapshots.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { acceptedAppealsSincePublication } from '#app/rankings/appeals-admin.ts'
import { AdminNav } from './__admin-nav.tsx'
import { AcceptedAppealsNotice } from './__appeals-notice.tsx'
import { Notice } from './__notice.tsx'

export const meta: MetaFunction = () => [{ title: '排行榜发布 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
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

const SeasonIdSchema = z.string().min(1).max(100)
const SettingsFormSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: z.literal('min-unit-size'), seasonId: SeasonIdSchema, minUnitSize: z.string().max(20) }),
		z.object({ intent: z.literal('season-settings'), seasonId: SeasonIdSchema, minUnitSize: z.string().max(20), memberDrillDown: z.literal('on').optional() }),
	],
	{ error: '未知操作' },
)
/** `value`: the minimum unit size as saved or typed; `values`: every field as typed, to refill the form. */
type ActionResult = { seasonId: string | null; saved: boolean; value: string; values: Record<string, string>; fieldErrors: Record<string, string[] | undefined> }

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const fields = Object.fromEntries(await request.formData())
	const form = SettingsFormSchema.safeParse(fields)
	if (!form.success) return data<ActionResult>({ seasonId: null, saved: false, value: '', values: {}, fieldErrors: { form: ['表单内容无效，请刷新页面后重试'] } }, { status: 400 })
	const { seasonId, minUnitSize } = form.data
	const now = new Date()
	if (form.data.intent === 'min-unit-size') {
		const result = await setMinUnitSize(prisma, { seasonId, input: minUnitSize, actorId: admin.id, now })
		if (!result.ok) return data<ActionResult>({ seasonId, saved: false, value: minUnitSize, values: { minUnitSize }, fieldErrors: result.fieldErrors }, { status: 400 })
		return data<ActionResult>({ seasonId, saved: true, value: String(result.minUnitSize), values: { minUnitSize: String(result.minUnitSize) }, fieldErrors: {} })
	}
	// Every `weight.<roundId>` field, as typed (at most 60 rounds, each value short): the domain checks they are this season's rounds.
	const weights = Object.fromEntries(
		Object.entries(fields)
			.filter(([name]) => name.startsWith('weight.'))
			.slice(0, 60)
			.map(([name, value]) => [name.slice('weight.'.length), String(value).slice(0, 20)]),
	)
	const memberDrillDown = form.data.memberDrillDown === 'on'
	const values = { minUnitSize, memberDrillDown: memberDrillDown ? 'on' : '', ...Object.fromEntries(Object.entries(weights).map(([id, w]) => [weightField(id), w])) }
	const result = await setSeasonRankingSettings(prisma, { seasonId, input: { minUnitSize, weights, memberDrillDown }, actorId: admin.id, now })
	if (!result.ok) return data<ActionResult>({ seasonId, saved: false, value: minUnitSize, values, fieldErrors: result.fieldErrors }, { status: 400 })
	return data<ActionResult>({ seasonId, saved: true, value: String(result.settings.minUnitSize), values, fieldErrors: {} })
}

export default function AdminRankingsPage() {
	const { seasons, snapshots, stale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const published = params.get('published')
	return (
		<Page>
			<AdminNav />
			<PageHeader title="排行榜发布" description="从当前已公布的成绩生成草稿，核对与上一版的变化后发布。已发布的排行榜不会再改变；成绩更正后需重新发布新版本。" />
			{published ? <Notice>已发布第 {published} 版排行榜。</Notice> : null}
			<AcceptedAppealsNotice stale={stale} />
			{actionData && !actionData.seasonId ? <FormError message={actionData.fieldErrors.form?.[0]} /> : null}
			<section aria-label="生成草稿" className="mb-8">
				<h2 className="mb-3 text-lg font-semibold">生成草稿</h2>
				{seasons.length === 0 ? (
					<p className="text-gray-600">还没有赛季。</p>
				) : (
					<ul className="flex flex-col gap-3">
						{seasons.map((season) => (
							<li key={season.id} className="rounded-lg border bg-white p-4">
								<h3 className="font-semibold">{season.name}</h3>
								<SeasonSettingsForm season={season} actionData={actionData?.seasonId === season.id ? actionData : undefined} />
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
function SeasonSettingsForm({ season, actionData }: { season: SeasonRow; actionData?: ActionResult }) {
	const value = (name: string, fallback: string) => actionData?.values[name] ?? fallback
	return (
		<>
			<Form method="post" className="mt-2 flex flex-col gap-3" noValidate>
				<input type="hidden" name="seasonId" value={season.id} />
				<FormError message={actionData?.fieldErrors.form?.[0]} />
				<Field
					label="单位单独排名的最少应考人数"
					hint="少于此人数的单位合并为“其他单位（合并）”；只影响之后生成的草稿。"
					name="minUnitSize"
					inputMode="numeric"
					className="w-56 max-w-full"
					defaultValue={value('minUnitSize', String(season.minUnitSize))}
					errors={actionData?.fieldErrors.minUnitSize}
				/>
				{season.rounds.length ? (
					<fieldset className="min-w-0">
						<legend className="text-sm font-medium text-gray-800">赛季总排名中各轮的权重</legend>
						<p className="text-xs text-gray-500">赛季总分 = Σ 各轮得分 × 权重；都为 1 即各轮之和，0 表示不计入。权重 0–10，最多两位小数。</p>
						<div className="mt-1 grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-2">
							{season.rounds.map((round) => (
								<Field
									key={round.id}
									label={round.title}
									name={weightField(round.id)}
									inputMode="decimal"
									defaultValue={value(weightField(round.id), String(round.weight))}
									errors={actionData?.fieldErrors[weightField(round.id)]}
								/>
							))}
						</div>
					</fieldset>
				) : null}
				<label className="flex items-start gap-2 text-sm">
					<input type="checkbox" name="memberDrillDown" className="mt-1" defaultChecked={actionData ? actionData.values.memberDrillDown === 'on' : season.memberDrillDown} />
					<span>允许单位成员在排行榜上查看本单位人员明细（只能看自己所在单位）</span>
				</label>
				<div>
					<Button type="submit" variant="secondary" name="intent" value="season-settings" pendingLabel="正在保存…">
						保存设置
					</Button>
				</div>
			</Form>
			{actionData?.saved ? <p role="status" className="mt-1 text-sm text-green-800">已保存，之后生成的草稿按新设置计算。</p> : null}
		</>
	)
}
