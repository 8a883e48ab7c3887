// The board's charts (issue 10 item 4, ADR 035's inline SVG): the selected ranking's score
// distribution and its units side by side, both of the rows the unit-kind filter shows.
import { UnitComparisonChart } from '#app/components/charts/unit-comparison-chart.tsx'
import { ScoreHistogram } from '#app/components/exam/score-histogram.tsx'
import type { FilteredBoardView } from '#app/rankings/board-filter.ts'

export function RankingCharts({ title, charts }: { title: string; charts: FilteredBoardView['charts'] }) {
	return (
		<section aria-label="图表" className="no-print grid min-w-0 gap-6 lg:grid-cols-2">
			<div className="min-w-0 rounded-lg border bg-white p-4">
				<h3 className="mb-2 font-semibold">成绩分布</h3>
				<ScoreHistogram narrow bins={charts.distribution} title={`${title} 成绩分布（按得分率，人数）`} />
			</div>
			<div className="min-w-0 rounded-lg border bg-white p-4">
				<h3 className="mb-2 font-semibold">单位对比</h3>
				<UnitComparisonChart units={charts.units} title={`${title} 单位对比（平均得分率、参考率、单位指数）`} />
			</div>
		</section>
	)
}
