// Admin: the rankings (绩效比拼晾晒) — pick a round or a season to draft, see what is published.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { Button, Field, FormError } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/rounds/china-time.ts'
import { listSeasons } from '#app/exams/rounds/season.ts'
import { getMinUnitSizes, setMinUnitSize } from '#app/rankings/settings.ts'
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
	const minUnitSizes = await getMinUnitSizes(prisma, seasons.map((season) => season.id))
	return {
		seasons: seasons.map((season) => ({ id: season.id, name: season.name, minUnitSize: minUnitSizes.get(season.id)!, rounds: season.rounds.filter((round) => round.status !== 'draft').map((round) => ({ id: round.id, title: round.title })) })),
		stale,
		snapshots: snapshots.map((s) => ({ id: s.id, title: s.title, version: s.version, contentHash: s.contentHash, publishedByName: s.publishedByName, publishedAt: s.publishedAt.toISOString() })),
	}
}

const SettingsFormSchema = z.object({
	intent: z.literal('min-unit-size', { error: '未知操作' }),
	seasonId: z.string().min(1).max(100),
	minUnitSize: z.string().max(20),
})

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const form = SettingsFormSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!form.success) return data({ seasonId: null, saved: false, value: '', fieldErrors: { form: ['表单内容无效，请刷新页面后重试'] } as Record<string, string[] | undefined> }, { status: 400 })
	const { seasonId, minUnitSize } = form.data
	const result = await setMinUnitSize(prisma, { seasonId, input: minUnitSize, actorId: admin.id, now: new Date() })
	if (!result.ok) return data({ seasonId, saved: false, value: minUnitSize, fieldErrors: result.fieldErrors as Record<string, string[] | undefined> }, { status: 400 })
	return { seasonId, saved: true, value: String(result.minUnitSize), fieldErrors: {} as Record<string, string[] | undefined> }
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
								<Form method="post" className="mt-2 flex flex-wrap items-start gap-2" noValidate>
									<input type="hidden" name="intent" value="min-unit-size" />
									<input type="hidden" name="seasonId" value={season.id} />
									<Field
										label="单位单独排名的最少应考人数"
										hint="少于此人数的单位合并为“其他单位（合并）”；只影响之后生成的草稿。"
										name="minUnitSize"
										inputMode="numeric"
										className="w-56"
										defaultValue={actionData?.seasonId === season.id ? actionData.value : String(season.minUnitSize)}
										errors={actionData?.seasonId === season.id ? (actionData.fieldErrors.minUnitSize ?? actionData.fieldErrors.form) : undefined}
									/>
									<div className="pt-6">
										<Button type="submit" variant="secondary" name="intent" value="min-unit-size" pendingLabel="正在保存…">
											保存
										</Button>
									</div>
								</Form>
								{actionData?.seasonId === season.id && actionData.saved ? <p role="status" className="mt-1 text-sm text-green-800">已保存：少于 {actionData.value} 人的单位合并排名。</p> : null}
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
