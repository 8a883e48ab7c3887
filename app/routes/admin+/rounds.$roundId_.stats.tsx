// Round statistics for admins and lecturers: score distribution, the per-unit comparison (the
// ranking's unit rules) and item analysis.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { UnitComparisonChart } from '#app/components/charts/unit-comparison-chart.tsx'
import { DataTable } from '#app/components/data-table.tsx'
import { ScoreHistogram } from '#app/components/exam/score-histogram.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { getRoundStatistics } from '#app/rankings/round-statistics.ts'
import { formatPercent } from '#app/rankings/view.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn } from '#app/utils/misc.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `统计分析 · ${data?.stats.round.title ?? ''} · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin/rounds/:roundId/stats')
	const stats = await getRoundStatistics(prisma, params.roundId!)
	if (!stats) throw data({ message: '找不到这轮考试' }, { status: 404 })
	return { stats }
}

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`)

export default function RoundStatsPage() {
	const { stats } = useLoaderData<typeof loader>()
	const { summary } = stats
	return (
		<Page wide>
			<PageHeader
				title={`统计分析：${stats.round.title}`}
				description={`${stats.round.seasonName} · 每人取已完成阅卷的最好一次作答${stats.awaitingGrading ? ` · ${stats.awaitingGrading} 份待阅卷未计入` : ''}${stats.inProgress ? ` · ${stats.inProgress} 人作答中` : ''}`}
				actions={
					<a href={`/admin/rounds/${stats.round.id}/stats.xlsx`} className={buttonClass('primary')} download>
						导出 Excel
					</a>
				}
			/>
			<dl className="mb-6 grid grid-cols-2 gap-4 rounded-lg border bg-white p-4 text-sm sm:grid-cols-6">
				{[
					['人数', summary.count],
					['满分', stats.maxScore ?? '—'],
					['平均分', summary.mean ?? '—'],
					['中位数', summary.median ?? '—'],
					['最高 / 最低', summary.count ? `${summary.max} / ${summary.min}` : '—'],
					['标准差', summary.standardDeviation ?? '—'],
				].map(([label, value]) => (
					<div key={String(label)}>
						<dt className="text-gray-600">{label}</dt>
						<dd className="text-lg font-semibold">{value}</dd>
					</div>
				))}
			</dl>
			<section className="mb-8 rounded-lg border bg-white p-4" aria-label="成绩分布">
				<h2 className="mb-2 font-semibold">成绩分布</h2>
				<ScoreHistogram bins={stats.histogram} title={`${stats.round.title} 成绩分布（按得分率，人数）`} />
			</section>
			<section className="mb-8 min-w-0 rounded-lg border bg-white p-4" aria-label="单位对比">
				<h2 className="mb-1 font-semibold">单位对比</h2>
				<p className="mb-3 text-sm text-gray-600">
					按排行榜的单位规则计算（计入已完成阅卷的最好成绩，含尚未公布的）：单位指数 = 参考人员平均分 ÷ 满分 × 100 × 0.7 + 参考率 × 100 × 0.3；应考人数少于{' '}
					{stats.units.minUnitSize ?? '—'} 人的单位合并为“其他单位（合并）”。
				</p>
				<DataTable columns={['名次', '单位', '参考/应考', '参考率', '平均分', '指数']} rowCount={stats.units.rows.length} emptyMessage="暂无单位数据" label="单位对比">
					{stats.units.rows.map((unit, index) => (
						<tr key={index}>
							<td className="px-3 py-2 tabular-nums">{unit.rank}</td>
							<td className="px-3 py-2 break-all">
								{unit.unitName}
								{unit.merged ? <span className="ml-1 text-xs text-gray-600">（{unit.merged} 个单位）</span> : null}
							</td>
							<td className="px-3 py-2 whitespace-nowrap tabular-nums">
								{unit.participants}/{unit.eligible}
							</td>
							<td className="px-3 py-2 tabular-nums">{formatPercent(unit.participationRate)}</td>
							<td className="px-3 py-2 tabular-nums">{unit.meanScore ?? '—'}</td>
							<td className="px-3 py-2 font-semibold tabular-nums">{unit.index}</td>
						</tr>
					))}
				</DataTable>
				<div className="mt-4">
					<UnitComparisonChart
						units={stats.units.rows.map((unit) => ({ unitName: unit.unitName, meanScore: unit.meanScore, meanPercent: unit.meanPercent, participationPercent: Math.round(unit.participationRate * 1000) / 10, index: unit.index }))}
						title={`${stats.round.title} 单位对比（平均得分率、参考率、单位指数）`}
					/>
				</div>
			</section>
			<section className="rounded-lg border bg-white p-4" aria-label="题目分析">
				<h2 className="mb-1 font-semibold">题目分析</h2>
				<p className="mb-3 text-sm text-gray-600">
					难度系数＝平均得分率；区分度＝前 27% 考生得分率 − 后 27% 考生得分率。区分度为负的题目（高分者反而答错）已标红置顶，请检查答案或题干。
				</p>
				{/* Focusable so a keyboard can scroll the wide table sideways (axe: scrollable-region-focusable). */}
				<div className="overflow-x-auto" role="region" aria-label="题目分析表" tabIndex={0}>
					<table className="w-full min-w-[48rem] text-sm">
						<thead>
							<tr className="border-b text-left text-gray-600">
								<th className="p-2">题目</th>
								<th className="p-2">题型</th>
								<th className="p-2 text-right">作答</th>
								<th className="p-2 text-right">难度系数</th>
								<th className="p-2 text-right">区分度</th>
								<th className="p-2">选项分布（✓为答案）</th>
							</tr>
						</thead>
						<tbody>
							{stats.items.map((item) => (
								<tr key={item.itemId} className={cn('border-b align-top last:border-0', item.negativeDiscrimination && 'bg-red-50')}>
									<td className="max-w-md p-2">
										<p className="line-clamp-2">{item.stem}</p>
										{/* gray-600: gray-500 is too faint on a flagged row's red tint. */}
										<p className="text-xs text-gray-600">
											{item.topicLabel} · 第 {item.version} 版{item.negativeDiscrimination ? ' · ' : ''}
											{item.negativeDiscrimination ? <strong className="text-red-700">负区分度</strong> : null}
										</p>
									</td>
									<td className="p-2">{item.typeLabel}</td>
									<td className="p-2 text-right">{item.answeredBy}</td>
									<td className="p-2 text-right">{pct(item.facility)}</td>
									<td className={cn('p-2 text-right', item.negativeDiscrimination && 'font-semibold text-red-700')}>{item.discrimination ?? '—'}</td>
									<td className="p-2">
										{item.options ? (
											<span className="flex flex-wrap gap-x-3">
												{item.options.counts.map((c) => (
													<span key={c.key} title={c.text} className={c.isKey ? 'font-semibold text-green-800' : ''}>
														{c.key}
														{c.isKey ? '✓' : ''} {c.count}
													</span>
												))}
												<span className="text-gray-600">未答 {item.options.unanswered}</span>
											</span>
										) : (
											'—'
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>
			<p className="mt-6">
				<Link to={`/admin/rounds/${stats.round.id}`} className="text-brand-700 hover:underline">
					返回轮次设置
				</Link>
			</p>
		</Page>
	)
}
