// Units side by side (issue 10 item 4): mean score as a share of full marks, participation and
// the unit index, all on 0–100, as horizontal bars — one block per unit, so a long list of units
// stays readable on a 320 px phone instead of squeezing columns. Same frame as every chart.
import { ChartFrame } from './chart-frame.tsx'

export type UnitComparisonRow = { unitName: string; meanScore: number | null; meanPercent: number; participationPercent: number; index: number }

const WIDTH = 360
const LEFT = 4
const BAR_RIGHT = 300
const BAR = 9
const BLOCK = 18 + 3 * (BAR + 3) + 8
const SERIES = [
	{ key: 'meanPercent', label: '平均得分率', color: '#991b1b' },
	{ key: 'participationPercent', label: '参考率', color: '#b45309' },
	{ key: 'index', label: '单位指数', color: '#1f2937' },
] as const

const clip = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export function UnitComparisonChart({ units, title }: { units: UnitComparisonRow[]; title: string }) {
	if (!units.length) return <p className="text-sm text-gray-600">暂无单位数据。</p>
	const height = units.length * BLOCK + 4
	const x = (value: number) => LEFT + (Math.max(0, Math.min(100, value)) / 100) * (BAR_RIGHT - LEFT)
	return (
		<ChartFrame
			title={title}
			width={WIDTH}
			height={height}
			tableLabel={`${title}（表格）`}
			legend={
				<ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700" aria-hidden="true">
					{SERIES.map((s) => (
						<li key={s.key} className="flex items-center gap-1">
							<span className="inline-block size-3 rounded-sm" style={{ backgroundColor: s.color }} />
							{s.label}（0–100）
						</li>
					))}
				</ul>
			}
			table={
				<>
					<thead>
						<tr>
							<th className="pr-4 text-left">单位</th>
							<th className="pr-4 text-right">平均分</th>
							<th className="pr-4 text-right">平均得分率</th>
							<th className="pr-4 text-right">参考率</th>
							<th className="text-right">指数</th>
						</tr>
					</thead>
					<tbody>
						{units.map((unit, i) => (
							<tr key={i}>
								<td className="pr-4">{unit.unitName}</td>
								<td className="pr-4 text-right tabular-nums">{unit.meanScore ?? '—'}</td>
								<td className="pr-4 text-right tabular-nums">{unit.meanPercent}%</td>
								<td className="pr-4 text-right tabular-nums">{unit.participationPercent}%</td>
								<td className="text-right tabular-nums">{unit.index}</td>
							</tr>
						))}
					</tbody>
				</>
			}
		>
			{units.map((unit, i) => {
				const top = i * BLOCK + 4
				return (
					<g key={i}>
						<text x={LEFT} y={top + 11} fontSize="12" fill="#111827">
							{clip(unit.unitName)}
						</text>
						{SERIES.map((s, j) => {
							const y = top + 18 + j * (BAR + 3)
							const value = unit[s.key]
							return (
								<g key={s.key}>
									<rect x={LEFT} y={y} width={BAR_RIGHT - LEFT} height={BAR} fill="#f3f4f6" />
									<rect x={LEFT} y={y} width={x(value) - LEFT} height={BAR} fill={s.color} />
									<text x={BAR_RIGHT + 6} y={y + BAR - 1} fontSize="11" fill="#374151">
										{Math.round(value * 10) / 10}
									</text>
								</g>
							)
						})}
					</g>
				)
			})}
		</ChartFrame>
	)
}
