// “我的排名”: the viewer's current place (their last ranked round), percentile, the season
// ranking and the trend across the season's published rounds. Shown on the learner's landing
// page and on the board, from the same `ownTrend` (published snapshots only).
import { Link } from '@remix-run/react'
import { useId } from 'react'
import { RankTrendChart } from '#app/components/charts/rank-trend-chart.tsx'
import type { OwnTrend } from '#app/rankings/own-trend.ts'

export function RankingOwnTrend({ trend, boardLink = false }: { trend: OwnTrend; boardLink?: boolean }) {
	const { latest, season } = trend
	const headingId = useId()
	return (
		<section aria-labelledby={headingId} className="min-w-0 rounded-lg border border-amber-300 bg-white p-4 text-sm">
			<h2 id={headingId} className="font-semibold text-gray-900">
				我的排名走势 · {trend.seasonName}
			</h2>
			<dl className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
				<div>
					<dt className="text-gray-600">最近一轮名次</dt>
					<dd>
						{latest ? (
							<>
								{latest.label}：第 <strong className="text-lg">{latest.rank}</strong> 名（共 {latest.of} 人），超过了 {latest.aheadOfPercent}% 的参与排名人员
							</>
						) : (
							'本赛季已发布的轮次中您暂未排名'
						)}
					</dd>
				</div>
				{season ? (
					<div>
						<dt className="text-gray-600">赛季总排名</dt>
						<dd>
							{season.status === 'ranked' ? (
								<>
									第 <strong className="text-lg">{season.rank}</strong> 名（共 {season.of} 人），超过了 {season.aheadOfPercent}%
								</>
							) : season.status === 'absent' ? (
								'缺考'
							) : season.status === 'pending' ? (
								'成绩待定'
							) : (
								'未列入'
							)}
						</dd>
					</div>
				) : null}
			</dl>
			<div className="mt-3">
				<RankTrendChart points={trend.rounds} title={`${trend.seasonName} 各轮我的名次走势（超过的参与排名人员比例）`} />
			</div>
			{boardLink ? (
				<p className="mt-2">
					<Link to={`/rankings?season=${encodeURIComponent(trend.seasonId)}`} className="text-brand-700 hover:underline">
						查看排行榜 →
					</Link>
				</p>
			) : null}
		</section>
	)
}
