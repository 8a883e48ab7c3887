// The board (绩效比拼晾晒): every signed-in person sees published ranking snapshots only —
// never a draft — with their version and content hash, and, for a republished version, what
// changed since the one before. Filters: season, the ranking (round or season, any version)
// and unit kind; the viewer's own place and trend across the season's rounds; charts.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button } from '#app/components/forms.tsx'
import { RankingBoard } from '#app/components/ranking-board.tsx'
import { RankingCharts } from '#app/components/ranking-charts.tsx'
import { RankingDiffView } from '#app/components/ranking-diff.tsx'
import { RankingOwnTrend } from '#app/components/ranking-own-trend.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { filterByUnitKind, filteredBoardView, UNIT_KIND_OPTIONS, UnitKindFilterSchema, unitKindsOf } from '#app/rankings/board-filter.ts'
import { getPublishedBoard } from '#app/rankings/board.ts'
import { drillDownTargets, membersMayDrillDown } from '#app/rankings/drill-down.ts'
import { ownTrend } from '#app/rankings/own-trend.ts'
import { diffView } from '#app/rankings/view.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn } from '#app/utils/misc.ts'
import printStyles from './__board-print.css?url'

export const meta: MetaFunction = () => [{ title: '排行榜 · 红审学堂' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles }]

const QuerySchema = z.object({
	snapshot: z.string().max(100).optional().catch(undefined),
	season: z.string().max(100).optional().catch(undefined),
	kind: UnitKindFilterSchema,
})

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/rankings')
	const url = new URL(request.url)
	const query = QuerySchema.parse({
		snapshot: url.searchParams.get('snapshot') || undefined,
		season: url.searchParams.get('season') || undefined,
		kind: url.searchParams.get('kind') || undefined,
	})
	// The filter form carries the chosen ranking along; one of another season than the one now
	// chosen gives way to that season's newest ranking.
	const chosen = query.snapshot ? await prisma.rankingSnapshot.findUnique({ where: { id: query.snapshot }, select: { seasonId: true } }) : null
	const snapshotId = chosen && (!query.season || chosen.seasonId === query.season) ? query.snapshot : undefined
	const published = await getPublishedBoard(prisma, { snapshotId, seasonId: query.season })
	const selected = published.selected
	// Unit kinds are today's, read by the snapshot's unit ids: the frozen content has none (ADR 061).
	const [kinds, trend] = selected
		? await Promise.all([unitKindsOf(prisma, selected.content), ownTrend(prisma, { userId: user.id, seasonId: selected.content.seasonId })])
		: [new Map(), null]
	// Unit rows the viewer may open (ADR 064): admins all, a member their own when the season allows; checked again on the drill-down page.
	const unitLinks = selected ? drillDownTargets(filterByUnitKind(selected.content, kinds, query.kind), user, await membersMayDrillDown(prisma, selected.content.seasonId)) : []
	return {
		seasons: published.seasons,
		seasonId: query.season ?? '',
		kind: query.kind ?? '',
		snapshots: published.snapshots.map((s) => ({ id: s.id, title: s.title, version: s.version })),
		trend: trend?.listed ? trend : null,
		selected: selected
			? {
					id: selected.id,
					version: selected.version,
					contentHash: selected.contentHash,
					intact: selected.intact,
					publishedByName: selected.publishedByName,
					publishedAt: selected.publishedAt.toISOString(),
					board: filteredBoardView(selected.content, user.id, kinds, query.kind),
					unitLinks,
				}
			: null,
		changes: published.changes ? { previousVersion: published.changes.previousVersion, diff: diffView(published.changes.diff) } : null,
	}
}

export default function RankingsPage() {
	const { seasons, seasonId, kind, snapshots, selected, changes, trend } = useLoaderData<typeof loader>()
	const kindLabel = UNIT_KIND_OPTIONS.find((option) => option.value === kind)?.label
	return (
		<Page>
			<PageHeader title="排行榜" description="个人与单位的绩效比拼结果，由管理员审核后公开发布。" />
			{!selected ? (
				<p className="rounded border border-dashed bg-white p-8 text-center text-gray-600">目前还没有已发布的排行榜。管理员发布后，将在此处公示。</p>
			) : (
				<div className="ranking-print flex min-w-0 flex-col gap-6">
					<Form method="get" className="no-print flex flex-wrap items-end gap-2 text-sm" aria-label="筛选排行榜">
						{/* A chosen ranking stays chosen when only the unit kind changes. */}
						{selected ? <input type="hidden" name="snapshot" value={selected.id} /> : null}
						<label className="flex min-w-0 flex-col gap-1">
							<span className="text-gray-700">赛季</span>
							<select name="season" defaultValue={seasonId} className="max-w-full rounded border border-gray-300 px-2 py-1.5">
								<option value="">全部赛季</option>
								{seasons.map((season) => (
									<option key={season.id} value={season.id}>
										{season.name}
									</option>
								))}
							</select>
						</label>
						<label className="flex min-w-0 flex-col gap-1">
							<span className="text-gray-700">单位类型</span>
							<select name="kind" defaultValue={kind} className="max-w-full rounded border border-gray-300 px-2 py-1.5">
								<option value="">全部类型</option>
								{UNIT_KIND_OPTIONS.map((option) => (
									<option key={option.value} value={option.value}>
										{option.label}
									</option>
								))}
							</select>
						</label>
						<Button type="submit" variant="secondary">
							筛选
						</Button>
					</Form>
					<nav aria-label="已发布的排行榜" className="no-print">
						<ul className="flex flex-wrap gap-2 text-sm">
							{snapshots.map((s) => (
								<li key={s.id}>
									<Link
										to={`?${new URLSearchParams({ ...(seasonId ? { season: seasonId } : {}), ...(kind ? { kind } : {}), snapshot: s.id })}`}
										className={cn('inline-block rounded border px-2 py-1', s.id === selected.id ? 'border-brand-700 bg-brand-50 text-brand-800' : 'bg-white text-gray-700 hover:border-gray-400')}
										aria-current={s.id === selected.id ? 'page' : undefined}
									>
										{s.title} · 第 {s.version} 版
									</Link>
								</li>
							))}
						</ul>
					</nav>
					<section aria-label="发布信息" className="min-w-0 rounded-lg border bg-white p-4 text-sm">
						<h2 className="text-lg font-semibold">{selected.board.title}</h2>
						<p className="mt-1 text-gray-700">
							第 {selected.version} 版 · {selected.publishedByName} 于 {formatChinaDateTime(new Date(selected.publishedAt))} 发布
						</p>
						<p className="mt-1">
							内容哈希（SHA-256）：<span className="font-mono text-xs break-all">{selected.contentHash}</span>
						</p>
						<p className="no-print mt-2 flex flex-wrap gap-4">
							<button type="button" onClick={() => window.print()} className="text-brand-700 underline-offset-2 hover:underline">
								打印（A4）
							</button>
							<a href={`/rankings/${selected.id}.xlsx`} className="text-brand-700 underline-offset-2 hover:underline" download>
								导出 Excel
							</a>
						</p>
						{selected.intact ? null : <p className="mt-1 font-semibold text-red-700">警告：存储内容与发布时的哈希不一致，请联系管理员。</p>}
					</section>
					{trend ? (
						<div className="no-print">
							<RankingOwnTrend trend={trend} />
						</div>
					) : null}
					{changes ? <RankingDiffView diff={changes.diff} title={`与第 ${changes.previousVersion} 版相比的变化`} /> : null}
					{kindLabel ? (
						<p className="rounded border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" role="status">
							仅显示单位类型为“{kindLabel}”的 {selected.board.people.length} 人（全榜 {selected.board.totalPeople} 人）及其单位；名次为全榜名次。
						</p>
					) : null}
					<RankingCharts title={selected.board.title} charts={selected.board.charts} />
					<RankingBoard board={selected.board} unitHref={(i) => (selected.unitLinks[i] ? `/rankings/${selected.id}/units/${encodeURIComponent(selected.unitLinks[i])}` : null)} />
					{/* On paper every page carries the version and hash (a fixed element repeats per printed page). */}
					<footer className="hidden border-t bg-white pt-1 text-[9pt] text-gray-700 print:fixed print:inset-x-0 print:bottom-0 print:block">
						{selected.board.title} · 第 {selected.version} 版 · 内容哈希 SHA-256：<span className="font-mono break-all">{selected.contentHash}</span>
					</footer>
				</div>
			)}
		</Page>
	)
}
