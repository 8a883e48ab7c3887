// The score distribution as an inline SVG bar chart (ADR 035): server-rendered, no script,
// with the same numbers in a table for screen readers and for anyone who prefers figures.
import { ChartFrame } from '#app/components/charts/chart-frame.tsx'
import type { HistogramBin } from '#app/exams/stats/item-analysis.ts'

const MARGIN = { top: 16, right: 8, bottom: 40, left: 36 }

/**
 * `narrow` draws on a 360-wide box (for pages read on phones): the same bars, each labelled by
 * where it starts, so the text stays legible when the chart is 300 px wide.
 */
export function ScoreHistogram({ bins, title, narrow = false }: { bins: HistogramBin[]; title: string; narrow?: boolean }) {
	const width = narrow ? 360 : 640
	const height = narrow ? 200 : 240
	const max = Math.max(1, ...bins.map((b) => b.count))
	const plotWidth = width - MARGIN.left - MARGIN.right
	const plotHeight = height - MARGIN.top - MARGIN.bottom
	const barWidth = plotWidth / bins.length
	const ticks = Array.from(new Set([0, Math.ceil(max / 2), max]))
	const y = (count: number) => MARGIN.top + plotHeight - (count / max) * plotHeight
	return (
		<ChartFrame
			title={title}
			width={width}
			height={height}
			tableLabel={`${title}（表格）`}
			table={
				<>
					<thead>
						<tr>
							<th className="pr-6 text-left">得分率区间</th>
							<th className="text-right">人数</th>
						</tr>
					</thead>
					<tbody>
						{bins.map((bin) => (
							<tr key={bin.label}>
								<td className="pr-6">{bin.label}</td>
								<td className="text-right">{bin.count}</td>
							</tr>
						))}
					</tbody>
				</>
			}
		>
			{ticks.map((tick) => (
				<g key={tick}>
					<line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
					<text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#4b5563">
						{tick}
					</text>
				</g>
			))}
			{bins.map((bin, i) => {
				const x = MARGIN.left + i * barWidth
				return (
					<g key={bin.label}>
						<rect x={x + 3} width={barWidth - 6} y={y(bin.count)} height={MARGIN.top + plotHeight - y(bin.count)} fill="#991b1b" />
						{bin.count ? (
							<text x={x + barWidth / 2} y={y(bin.count) - 4} textAnchor="middle" fontSize="11" fill="#111827">
								{bin.count}
							</text>
						) : null}
						<text x={x + barWidth / 2} y={height - MARGIN.bottom + 16} textAnchor="middle" fontSize="10" fill="#4b5563">
							{narrow ? bin.from : `${bin.from}–${bin.to}`}
						</text>
					</g>
				)
			})}
			<text x={MARGIN.left + plotWidth / 2} y={height - 6} textAnchor="middle" fontSize="11" fill="#4b5563">
				得分率（%）
			</text>
		</ChartFrame>
	)
}
