// Two versions of a lesson side by side (issue 14 part 9): the old on the left, the new on the
// right, each with its line numbers. A change is marked by colour AND by a sign a screen reader
// names (删除/新增/修改), and the changed characters of a changed line by <del>/<ins>. On a
// phone the table keeps its columns and scrolls sideways inside its own frame (positioned, so
// the screen-reader-only names inside it are clipped by it rather than widening the page).
import { Form, Link, useLocation } from '@remix-run/react'
import type { DiffRow, DiffSide, FoldedRow } from '#app/courses/lesson-diff.ts'
import { buttonClass, SelectField } from '#app/components/forms.tsx'
import { cn } from '#app/utils/misc.ts'

export type VersionComparison = {
	from: number | null
	to: number | null
	problem: string | null
	diff: { added: number; removed: number; changed: number; rows: FoldedRow[] } | null
}

const MARKS = {
	removed: { sign: '−', name: '删除', cell: 'bg-red-50', signClass: 'text-red-800' },
	added: { sign: '+', name: '新增', cell: 'bg-green-50', signClass: 'text-green-800' },
	changed: { sign: '~', name: '修改', cell: 'bg-amber-50', signClass: 'text-amber-900' },
} as const

export function VersionDiff({ comparison, versions, full }: { comparison: VersionComparison; versions: { version: number; title: string }[]; full: boolean }) {
	const location = useLocation()
	const params = new URLSearchParams(location.search)
	const options = versions.map((entry) => ({ value: String(entry.version), label: `第 ${entry.version} 版：${entry.title}` }))
	const { diff } = comparison
	const withFull = (value: boolean) => {
		const next = new URLSearchParams(params)
		if (value) next.set('full', '1')
		else next.delete('full')
		return `?${next.toString()}`
	}
	return (
		<section aria-labelledby="compare-heading" className="mt-6 min-w-0 rounded-lg border border-gray-200 bg-white px-4 py-4 sm:px-5">
			<h2 id="compare-heading" className="text-lg font-semibold">
				版本对比
			</h2>
			{versions.length < 2 ? (
				<p className="mt-2 text-sm text-gray-600">只有一个版本，暂无可对比的内容。</p>
			) : (
				<Form method="get" className="mt-3 flex flex-wrap items-end gap-3" preventScrollReset>
					{params.get('version') ? <input type="hidden" name="version" value={params.get('version')!} /> : null}
					<SelectField label="旧版本" name="from" id="compare-from" className="w-full sm:w-64" options={options} defaultValue={comparison.from ?? undefined} key={`from-${comparison.from}`} />
					<SelectField label="新版本" name="to" id="compare-to" className="w-full sm:w-64" options={options} defaultValue={comparison.to ?? undefined} key={`to-${comparison.to}`} />
					<button type="submit" className={buttonClass('secondary')}>
						对比
					</button>
				</Form>
			)}
			{comparison.problem && versions.length >= 2 ? (
				<p role="alert" className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
					{comparison.problem}
				</p>
			) : null}
			{diff ? (
				<>
					<div className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
						<p>
							第 {comparison.from} 版 → 第 {comparison.to} 版：
							{diff.added + diff.removed + diff.changed === 0 ? '内容相同' : `新增 ${diff.added} 行，删除 ${diff.removed} 行，修改 ${diff.changed} 行`}
						</p>
						<Link to={withFull(!full)} preventScrollReset className="text-brand-700 hover:underline">
							{full ? '只看改动处' : '显示全部行'}
						</Link>
					</div>
					<div className="relative mt-2 overflow-x-auto rounded border border-gray-200" tabIndex={0} role="region" aria-label="版本差异表">
						<table className="w-full min-w-[40rem] table-fixed border-collapse font-mono text-xs" data-testid="version-diff">
							<caption className="sr-only">
								左侧第 {comparison.from} 版，右侧第 {comparison.to} 版；每行标明删除、新增或修改
							</caption>
							<colgroup>
								<col className="w-12" />
								<col className="w-6" />
								<col />
								<col className="w-12" />
								<col className="w-6" />
								<col />
							</colgroup>
							<thead className="bg-gray-50 text-left font-sans">
								<tr>
									<th scope="col" colSpan={3} className="px-2 py-1 font-medium">
										第 {comparison.from} 版（旧）
									</th>
									<th scope="col" colSpan={3} className="border-l border-gray-200 px-2 py-1 font-medium">
										第 {comparison.to} 版（新）
									</th>
								</tr>
							</thead>
							<tbody>
								{diff.rows.map((row, index) => (row.kind === 'skipped' ? <SkippedRow key={index} row={row} /> : <Row key={index} row={row} />))}
							</tbody>
						</table>
					</div>
				</>
			) : null}
		</section>
	)
}

function SkippedRow({ row }: { row: Extract<FoldedRow, { kind: 'skipped' }> }) {
	return (
		<tr className="bg-gray-50 text-gray-700">
			<td colSpan={6} className="px-2 py-1 font-sans">
				⋯ 未改动的 {row.count} 行（旧第 {row.leftFrom}–{row.leftFrom + row.count - 1} 行，新第 {row.rightFrom}–{row.rightFrom + row.count - 1} 行）
			</td>
		</tr>
	)
}

function Row({ row }: { row: DiffRow }) {
	const leftMark = row.kind === 'removed' || row.kind === 'changed' ? MARKS[row.kind] : null
	const rightMark = row.kind === 'added' || row.kind === 'changed' ? MARKS[row.kind] : null
	return (
		<tr className="align-top" data-kind={row.kind}>
			<Side side={row.left} mark={leftMark} changedTag="del" />
			<Side side={row.right} mark={rightMark} changedTag="ins" first={false} />
		</tr>
	)
}

function Side({ side, mark, changedTag, first = true }: { side: DiffSide | null; mark: (typeof MARKS)[keyof typeof MARKS] | null; changedTag: 'del' | 'ins'; first?: boolean }) {
	const border = first ? '' : 'border-l border-gray-200'
	if (!side) return <td colSpan={3} className={cn('bg-gray-100', border)} />
	const Changed = changedTag
	return (
		<>
			<td className={cn('select-none px-2 py-0.5 text-right text-gray-600', border, mark?.cell)}>{side.number}</td>
			<td className={cn('select-none py-0.5 text-center font-bold', mark?.cell, mark?.signClass)}>
				{mark ? (
					<>
						<span aria-hidden="true">{mark.sign}</span>
						<span className="sr-only">{mark.name}</span>
					</>
				) : null}
			</td>
			<td className={cn('whitespace-pre-wrap break-words px-2 py-0.5 text-gray-900', mark?.cell)}>
				{side.segments
					? side.segments.map((segment, index) =>
							segment.changed ? (
								<Changed key={index} className={changedTag === 'del' ? 'bg-red-200 text-gray-900' : 'bg-green-200 text-gray-900'}>
									{segment.text}
								</Changed>
							) : (
								<span key={index}>{segment.text}</span>
							),
						)
					: side.text || '\u200b'}
			</td>
		</>
	)
}
