// A person's place across a season's published rounds (issue 10 item 4): the share of ranked
// people behind them in each round (higher is better), with their rank at each point. A round
// they missed (缺考) or that is still pending leaves a gap rather than a zero. Same frame as
// every chart: the numbers are in the table too.
import type { OwnTrendPoint } from '#app/rankings/own-trend.ts'
import { ChartFrame } from './chart-frame.tsx'

const WIDTH = 360
const HEIGHT = 200
const MARGIN = { top: 22, right: 40, bottom: 34, left: 44 }

const STATUS_TEXT: Record<OwnTrendPoint['status'], string> = { ranked: '', absent: '缺考', pending: '成绩待定', not_listed: '未列入' }

const clip = (text: string, max = 6) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export function RankTrendChart({ points, title }: { points: OwnTrendPoint[]; title: string }) {
	if (!points.length) return <p className="text-sm text-gray-600">本赛季还没有已发布的轮次排行榜。</p>
	const plotWidth = WIDTH - MARGIN.left - MARGIN.right
	const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
	const x = (i: number) => MARGIN.left + (points.length > 1 ? (i * plotWidth) / (points.length - 1) : plotWidth / 2)
	const y = (percent: number) => MARGIN.top + plotHeight - (Math.max(0, Math.min(100, percent)) / 100) * plotHeight
	// One path segment per run of ranked rounds: a missed round breaks the line.
	let path = ''
	let drawing = false
	points.forEach((p, i) => {
		if (p.status !== 'ranked' || p.aheadOfPercent === null) {
			drawing = false
			return
		}
		path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.aheadOfPercent).toFixed(1)} `
		drawing = true
	})
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
							<th className="pr-4 text-left">轮次</th>
							<th className="pr-4 text-right">名次</th>
							<th className="pr-4 text-right">超过</th>
							<th className="text-right">得分</th>
						</tr>
					</thead>
					<tbody>
						{points.map((p, i) => (
							<tr key={i}>
								<td className="pr-4">
									{p.label}（第 {p.version} 版）
								</td>
								<td className="pr-4 text-right tabular-nums">{p.status === 'ranked' ? `${p.rank}/${p.of}` : STATUS_TEXT[p.status]}</td>
								<td className="pr-4 text-right tabular-nums">{p.aheadOfPercent === null ? '—' : `${p.aheadOfPercent}%`}</td>
								<td className="text-right tabular-nums">{p.score === null ? '—' : `${p.score}/${p.maxScore}`}</td>
							</tr>
						))}
					</tbody>
				</>
			}
		>
			{[0, 50, 100].map((tick) => (
				<g key={tick}>
					<line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
					<text x={MARGIN.left - 4} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#4b5563">
						{tick}
					</text>
				</g>
			))}
			<path d={path.trim()} fill="none" stroke="#991b1b" strokeWidth="2" />
			{points.map((p, i) => (
				<g key={i}>
					{p.status === 'ranked' && p.aheadOfPercent !== null ? (
						<>
							<circle cx={x(i)} cy={y(p.aheadOfPercent)} r="4" fill="#991b1b" />
							<text x={x(i)} y={y(p.aheadOfPercent) - 8} textAnchor="middle" fontSize="11" fill="#111827">
								第{p.rank}名
							</text>
						</>
					) : (
						<text x={x(i)} y={y(0) - 6} textAnchor="middle" fontSize="11" fill="#6b7280">
							{STATUS_TEXT[p.status]}
						</text>
					)}
					<text x={x(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize="11" fill="#4b5563">
						{p.position ? `第${p.position}轮` : clip(p.label)}
					</text>
				</g>
			))}
			<text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="11" fill="#4b5563">
				超过的参与排名人员（%），按轮次
			</text>
		</ChartFrame>
	)
}
