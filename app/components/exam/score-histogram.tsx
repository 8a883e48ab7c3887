// The score distribution as an inline SVG bar chart (ADR 035): server-rendered, no script,
// with the same numbers in a table for screen readers and for anyone who prefers figures.
import { ChartFrame } from '#app/components/charts/chart-frame.tsx'
import type { HistogramBin } from '#app/exams/stats/item-analysis.ts'

const WIDTH = 640
const HEIGHT = 240
const MARGIN = { top: 16, right: 8, bottom: 40, left: 36 }

export function ScoreHistogram({ bins, title }: { bins: HistogramBin[]; title: string }) {
	const max = Math.max(1, ...bins.map((b) => b.count))
	const plotWidth = WIDTH - MARGIN.left - MARGIN.right
	const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
	const barWidth = plotWidth / bins.length
	const ticks = Array.from(new Set([0, Math.ceil(max / 2), max]))
	const y = (count: number) => MARGIN.top + plotHeight - (count / max) * plotHeight
	return (
		<ChartFrame
			title={title}
			width={WIDTH}
			height={HEIGHT}
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
					<line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
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
						<text x={x + barWidth / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize="10" fill="#4b5563">
							{bin.from}–{bin.to}
						</text>
					</g>
				)
			})}
			<text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="11" fill="#4b5563">
				得分率（%）
			</text>
		</ChartFrame>
	)
}
