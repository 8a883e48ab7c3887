// Admin: the rankings (绩效比拼晾晒) — pick a round or a season to draft, see what is published.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { formatChinaDateTime } from '#app/exams/rounds/china-time.ts'
import { listSeasons } from '#app/exams/rounds/season.ts'
import { listSnapshots } from '#app/rankings/snapshots.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { Notice } from './__notice.tsx'

export const meta: MetaFunction = () => [{ title: '排行榜发布 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const [seasons, snapshots] = await Promise.all([listSeasons(prisma), listSnapshots(prisma)])
	return {
		seasons: seasons.map((season) => ({ id: season.id, name: season.name, rounds: season.rounds.filter((round) => round.status !== 'draft').map((round) => ({ id: round.id, title: round.title })) })),
		snapshots: snapshots.map((s) => ({ id: s.id, title: s.title, version: s.version, contentHash: s.contentHash, publishedByName: s.publishedByName, publishedAt: s.publishedAt.toISOString() })),
	}
}

export default function AdminRankingsPage() {
	const { seasons, snapshots } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const published = params.get('published')
	return (
		<Page>
			<AdminNav />
			<PageHeader title="排行榜发布" description="从当前已公布的成绩生成草稿，核对与上一版的变化后发布。已发布的排行榜不会再改变；成绩更正后需重新发布新版本。" />
			{published ? <Notice>已发布第 {published} 版排行榜。</Notice> : null}
			<section aria-label="生成草稿" className="mb-8">
				<h2 className="mb-3 text-lg font-semibold">生成草稿</h2>
				{seasons.length === 0 ? (
					<p className="text-gray-600">还没有赛季。</p>
				) : (
					<ul className="flex flex-col gap-3">
						{seasons.map((season) => (
							<li key={season.id} className="rounded-lg border bg-white p-4">
								<h3 className="font-semibold">{season.name}</h3>
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
