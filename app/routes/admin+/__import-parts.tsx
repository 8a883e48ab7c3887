import { useEffect, useState } from 'react'
import { buttonClass } from '#app/components/forms.tsx'
import { IMPORT_PHASE_LABELS, type ImportCredential, type ImportKind, type ImportPhase, type ImportPreview, type ImportProgress } from '#app/admin/import/types.ts'

/** The steps a run goes through: only people need passwords generated. */
export function importPhases(kind: ImportKind, mode: 'preview' | 'commit'): ImportPhase[] {
	if (mode === 'preview') return ['upload', 'parse', 'validate']
	return kind === 'users' ? ['upload', 'parse', 'validate', 'hash', 'write'] : ['upload', 'parse', 'validate', 'write']
}

function percentOf(progress: ImportProgress) {
	return progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0
}

function amountText(progress: ImportProgress) {
	if (progress.phase === 'upload') return `${(progress.done / 1024).toFixed(0)} / ${(progress.total / 1024).toFixed(0)} KB`
	if (progress.phase === 'parse') return progress.done ? '完成' : '读取中…'
	return `${progress.done} / ${progress.total}`
}

/** The steps of the run with a bar for the one in progress, driven by real events. */
export function ImportProgressView({ phases, progress }: { phases: ImportPhase[]; progress: ImportProgress }) {
	const current = phases.indexOf(progress.phase)
	const percent = percentOf(progress)
	return (
		<section aria-live="polite" className="rounded-lg border border-gray-200 bg-white p-5">
			<ol className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
				{phases.map((phase, index) => (
					<li key={phase} className={index < current ? 'text-green-700' : index === current ? 'font-semibold text-brand-700' : 'text-gray-400'}>
						{index < current ? '✓ ' : `${index + 1}. `}
						{IMPORT_PHASE_LABELS[phase]}
					</li>
				))}
			</ol>
			<div
				role="progressbar"
				aria-label={IMPORT_PHASE_LABELS[progress.phase]}
				aria-valuemin={0}
				aria-valuemax={100}
				aria-valuenow={percent}
				className="h-3 w-full overflow-hidden rounded bg-gray-200"
			>
				<div className="h-full bg-brand-700 transition-[width] duration-200" style={{ width: `${percent}%` }} />
			</div>
			<p className="mt-2 text-sm text-gray-600">
				{IMPORT_PHASE_LABELS[progress.phase]}：{amountText(progress)}（{percent}%）
			</p>
		</section>
	)
}

export function PreviewProblems({ preview }: { preview: ImportPreview }) {
	if (preview.fileProblems.length) {
		return (
			<div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
				<p className="font-semibold">文件无法导入：</p>
				<ul className="mt-1 list-disc pl-5">
					{preview.fileProblems.map((problem) => (
						<li key={problem}>{problem}</li>
					))}
				</ul>
			</div>
		)
	}
	if (!preview.problems.length) return null
	return (
		<div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
			<p className="font-semibold">
				共 {preview.totalRows} 行数据（不含表头），其中 {preview.problems.length} 行有问题（行号即表格中的行号）。请在文件中改正后重新上传；在全部无误之前，不会写入任何数据。
			</p>
			<table className="mt-3 min-w-full bg-white text-left" aria-label="有问题的行">
				<thead className="bg-red-100">
					<tr>
						<th className="w-24 px-3 py-1.5">行号</th>
						<th className="px-3 py-1.5">问题</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-red-100">
					{preview.problems.map((problem) => (
						<tr key={problem.rowNumber}>
							<td className="px-3 py-1.5 align-top">第{problem.rowNumber}行</td>
							<td className="px-3 py-1.5">{problem.messages.join('；')}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

export function PreviewTable({ preview }: { preview: ImportPreview }) {
	const { columns, rows } = preview.table
	return (
		<div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
			<table className="min-w-full text-sm" aria-label="导入预览">
				<thead className="bg-gray-50 text-left text-gray-600">
					<tr>
						<th className="px-3 py-2">行号</th>
						{columns.map((column) => (
							<th key={column} className="px-3 py-2">
								{column}
							</th>
						))}
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{rows.map((row) => (
						<tr key={row.rowNumber}>
							<td className="px-3 py-1.5 text-gray-500">{row.rowNumber}</td>
							{row.cells.map((cell, index) => (
								<td key={index} className="px-3 py-1.5">
									{cell}
								</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
			{preview.totalRows > rows.length ? <p className="px-3 py-2 text-xs text-gray-500">仅显示前 {rows.length} 行，共 {preview.totalRows} 行数据。</p> : null}
		</div>
	)
}

function downloadBase64(base64: string, fileName: string) {
	const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
	const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
	const link = document.createElement('a')
	link.href = url
	link.download = fileName
	document.body.append(link)
	link.click()
	link.remove()
	setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The created accounts' temporary passwords. They exist only in this page's memory: the
 * file can be downloaded once, and leaving the page asks for confirmation first.
 */
export function CredentialsView({ credentials, xlsxBase64 }: { credentials: ImportCredential[]; xlsxBase64: string | null }) {
	const [file, setFile] = useState(xlsxBase64)
	useEffect(() => {
		const warn = (event: BeforeUnloadEvent) => {
			event.preventDefault()
			event.returnValue = ''
		}
		window.addEventListener('beforeunload', warn)
		return () => window.removeEventListener('beforeunload', warn)
	}, [])
	return (
		<section className="rounded-lg border border-amber-300 bg-amber-50 p-5">
			<h2 className="text-lg font-semibold text-amber-900">临时密码（只显示这一次）</h2>
			<p className="mt-1 text-sm text-amber-900">
				系统不保存明文密码：离开或刷新本页后将无法再查看。请下载名单（只能下载一次）或抄录后，通过安全渠道分发；每人首次登录时必须修改密码。
			</p>
			<div className="mt-3">
				<button
					type="button"
					className={buttonClass('primary')}
					disabled={!file}
					onClick={() => {
						if (!file) return
						downloadBase64(file, `临时密码-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}.xlsx`)
						setFile(null)
					}}
				>
					{file ? '下载临时密码 (.xlsx)' : '已下载（只能下载一次）'}
				</button>
			</div>
			<div className="mt-4 max-h-96 overflow-auto rounded border border-gray-200 bg-white">
				<table className="min-w-full text-sm" aria-label="临时密码">
					<thead className="sticky top-0 bg-gray-50 text-left text-gray-600">
						<tr>
							<th className="px-3 py-2">工号</th>
							<th className="px-3 py-2">姓名</th>
							<th className="px-3 py-2">单位</th>
							<th className="px-3 py-2">临时密码</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-gray-100">
						{credentials.map((c) => (
							<tr key={c.username}>
								<td className="px-3 py-1.5 font-mono">{c.username}</td>
								<td className="px-3 py-1.5">{c.name}</td>
								<td className="px-3 py-1.5">{c.unit}</td>
								<td className="px-3 py-1.5 font-mono" data-testid={`password-${c.username}`}>
									{c.temporaryPassword}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	)
}
