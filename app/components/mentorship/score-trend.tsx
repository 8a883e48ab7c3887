// Test scores over time as an inline SVG (the statistics chart's approach, ADR 035):
// server-rendered, no script, prints, and the same numbers in a table.
import { ChartFrame } from '#app/components/charts/chart-frame.tsx'

export type TrendPoint = { title: string; percent: number; score: number; maxScore: number; day: string }

const WIDTH = 640
const HEIGHT = 220
const MARGIN = { top: 16, right: 16, bottom: 44, left: 36 }

export function ScoreTrend({ points, title }: { points: TrendPoint[]; title: string }) {
	if (!points.length) return <p className="text-sm text-gray-600">还没有已公布复盘的比武成绩。</p>
	const plotWidth = WIDTH - MARGIN.left - MARGIN.right
	const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
	const step = points.length > 1 ? plotWidth / (points.length - 1) : 0
	const x = (i: number) => MARGIN.left + (points.length > 1 ? i * step : plotWidth / 2)
	const y = (percent: number) => MARGIN.top + plotHeight - (Math.max(0, Math.min(100, percent)) / 100) * plotHeight
	const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.percent).toFixed(1)}`).join(' ')
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
							<th className="pr-6 text-left">比武</th>
							<th className="pr-6 text-left">日期</th>
							<th className="text-right">得分</th>
						</tr>
					</thead>
					<tbody>
						{points.map((p, i) => (
							<tr key={`${p.title}-${i}`}>
								<td className="pr-6">{p.title}</td>
								<td className="pr-6">{p.day}</td>
								<td className="text-right">
									{p.score}/{p.maxScore}（{Math.round(p.percent)}%）
								</td>
							</tr>
						))}
					</tbody>
				</>
			}
		>
			{[0, 50, 100].map((tick) => (
				<g key={tick}>
					<line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
					<text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#4b5563">
						{tick}
					</text>
				</g>
			))}
			<path d={path} fill="none" stroke="#991b1b" strokeWidth="2" />
			{points.map((p, i) => (
				<g key={`${p.title}-${i}`}>
					<circle cx={x(i)} cy={y(p.percent)} r="4" fill="#991b1b" />
					<text x={x(i)} y={y(p.percent) - 8} textAnchor="middle" fontSize="11" fill="#111827">
						{Math.round(p.percent)}
					</text>
					<text x={x(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize="10" fill="#4b5563">
						{p.day}
					</text>
				</g>
			))}
			<text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="11" fill="#4b5563">
				得分率（%），按考试时间
			</text>
		</ChartFrame>
	)
}
