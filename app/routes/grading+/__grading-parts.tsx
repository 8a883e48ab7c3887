import type { RoundGradingProgress } from '#app/exams/grading/manual.server.ts'

/** Share of answers with a final score, and how many wait at each stage. */
export function GradingProgressBar({ progress }: { progress: Pick<RoundGradingProgress, 'total' | 'final' | 'first' | 'second' | 'arbitration' | 'secondMarkerEnabled'> }) {
	const percent = progress.total ? Math.round((progress.final / progress.total) * 100) : 100
	return (
		<div className="mt-2">
			<div role="progressbar" aria-label="评阅进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2.5 w-full overflow-hidden rounded bg-gray-200">
				<div className="h-full bg-green-600" style={{ width: `${percent}%` }} />
			</div>
			<p className="mt-1 text-sm text-gray-600">
				已定分 {progress.final} / {progress.total}（{percent}%）· 待初评 {progress.first}
				{progress.secondMarkerEnabled ? ` · 待复评 ${progress.second} · 待仲裁 ${progress.arbitration}` : ''}
			</p>
		</div>
	)
}
