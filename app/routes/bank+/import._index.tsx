import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useState } from 'react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass } from '#app/components/forms.tsx'
import { ImportSteps } from '#app/components/import-steps.tsx'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '#app/exams/bank/question-types.ts'
import { BANK_COLUMNS } from '#app/exams/import/columns.ts'
import { BANK_IMPORT_MAX_BYTES, type OutcomeSummary, type PreviewSummary } from '#app/exams/import/import-events.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { Notice } from '#app/components/notice.tsx'
import { BankNav } from '#app/components/bank-nav.tsx'
import { runBankImport, type ProgressEvent } from './__import-client.ts'

export const meta: MetaFunction = () => [{ title: '批量导入 · 题库 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	return null
}

const PHASE_LABELS: Record<ProgressEvent['phase'], string> = { upload: '上传文件', checking: '逐行校验', writing: '写入题库', done: '完成' }

type Confirm = { mode: 'all' | 'valid_only'; defaultStatus: 'active' | 'draft' }

export default function BankImportPage() {
	return (
		<Page wide>
			<PageHeader title="批量导入题目" description="先上传预览，逐行校验；有任何一行有问题时不会写入，除非你明确选择只导入无误的行。所有题目在一个事务中写入。" />
			<BankNav />
			<ImportSteps<PreviewSummary, OutcomeSummary, Confirm>
				id="bank-import"
				fileLabel="选择题目文件"
				maxBytes={BANK_IMPORT_MAX_BYTES}
				template={
					<>
						<p className="mt-1 text-sm text-gray-600">列：{BANK_COLUMNS.join('、')}。前六列及“答案”必填，各列写法见模板中的“填写说明”。</p>
						<div className="mt-3 flex flex-wrap gap-2">
							<a href="/bank/template?format=xlsx" className={buttonClass('secondary')} download>
								下载 Excel 模板 (.xlsx)
							</a>
							<a href="/bank/template?format=csv" className={buttonClass('secondary')} download>
								下载 CSV 模板
							</a>
						</div>
					</>
				}
				preview={async (file, onProgress) => {
					const preview = await runBankImport({ step: 'preview', file }, onProgress)
					return preview.fileError ? { fileError: `文件无法导入：${preview.fileError}` } : { preview }
				}}
				commit={async (file, { mode, defaultStatus }, onProgress) => {
					const outcome = await runBankImport({ step: 'commit', file, mode, defaultStatus }, onProgress)
					return outcome.ok ? { outcome } : { preview: outcome.preview, error: outcome.reason }
				}}
				progressView={(mode, progress) => <ProgressView label={mode === 'preview' ? '正在校验' : '正在导入'} progress={progress as ProgressEvent} />}
				previewView={(preview, confirm) => <PreviewView preview={preview} onImport={confirm} />}
				doneView={(outcome) => ({
					summary: (
						<Notice>
							已导入 {outcome.imported} 道题目{outcome.skippedRows ? `，跳过 ${outcome.skippedRows} 行有问题的行` : ''}。
						</Notice>
					),
					link: { to: '/bank', label: '查看题库' },
				})}
			/>
		</Page>
	)
}

function ProgressView({ label, progress }: { label: string; progress: ProgressEvent }) {
	const percent = progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0
	const amount = progress.phase === 'upload' ? `${Math.round(progress.done / 1024)} / ${Math.round(progress.total / 1024)} KB` : `${progress.done} / ${progress.total}`
	return (
		<section aria-live="polite" className="rounded-lg border border-gray-200 bg-white p-5">
			<p className="mb-2 text-sm font-medium">{label}</p>
			<div role="progressbar" aria-label={PHASE_LABELS[progress.phase]} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-3 w-full overflow-hidden rounded bg-gray-200">
				<div className="h-full bg-brand-700 transition-[width] duration-200" style={{ width: `${percent}%` }} />
			</div>
			<p className="mt-2 text-sm text-gray-600">
				{PHASE_LABELS[progress.phase]}：{amount}（{percent}%）
			</p>
		</section>
	)
}

function PreviewView({ preview, onImport }: { preview: PreviewSummary; onImport: (confirm: Confirm) => void }) {
	const [defaultStatus, setDefaultStatus] = useState<'active' | 'draft'>('active')
	if (preview.fileError) {
		return (
			<div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
				文件无法导入：{preview.fileError}
			</div>
		)
	}
	const clean = preview.badRowCount === 0
	return (
		<>
			{preview.warnings.map((warning) => (
				<Notice key={warning} tone="warning">
					{warning}
				</Notice>
			))}
			<p className="text-sm">
				“{preview.fileName}”共 {preview.totalRows} 行数据（不含表头），{clean ? '全部校验通过' : `其中 ${preview.badRowCount} 行有问题（行号即表格中的行号）`}。可导入 {preview.validCount} 道题目：
				{QUESTION_TYPES.filter((t) => preview.validByType[t] > 0)
					.map((t) => `${QUESTION_TYPE_LABELS[t]} ${preview.validByType[t]} 道`)
					.join('，') || '无'}
				。
			</p>
			{!clean ? <ProblemTable preview={preview} /> : null}
			{preview.validCount > 0 ? (
				<div className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
					<label className="flex items-center gap-2 text-sm">
						未填写“状态”列的题目导入后设为
						<select value={defaultStatus} onChange={(event) => setDefaultStatus(event.target.value as 'active' | 'draft')} className="rounded border border-gray-300 px-2 py-1" aria-label="导入后状态">
							<option value="active">启用</option>
							<option value="draft">草稿</option>
						</select>
					</label>
					<div className="flex flex-wrap gap-2">
						{clean ? (
							<Button type="button" onClick={() => onImport({ mode: 'all', defaultStatus })}>
								确认导入 {preview.validCount} 道题目
							</Button>
						) : (
							<Button type="button" variant="secondary" onClick={() => onImport({ mode: 'valid_only', defaultStatus })}>
								只导入无误的 {preview.validCount} 道题目，跳过 {preview.badRowCount} 行
							</Button>
						)}
					</div>
				</div>
			) : null}
			{preview.sample.length ? <SampleTable preview={preview} /> : null}
		</>
	)
}

function ProblemTable({ preview }: { preview: PreviewSummary }) {
	return (
		<div className="overflow-x-auto rounded-lg border border-red-200 bg-white">
			<table className="min-w-full text-sm" aria-label="有问题的行">
				<thead className="bg-red-50 text-left text-red-900">
					<tr>
						<th className="px-3 py-2">行号</th>
						<th className="px-3 py-2">列</th>
						<th className="px-3 py-2">原因</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{preview.problems.map((problem, index) => (
						<tr key={index}>
							<td className="whitespace-nowrap px-3 py-1.5">第{problem.rowNumber}行</td>
							<td className="whitespace-nowrap px-3 py-1.5">{problem.column}</td>
							<td className="px-3 py-1.5">
								{problem.kind === 'duplicate' ? <span className="mr-1 rounded bg-amber-100 px-1 text-xs text-amber-900">重复</span> : null}
								{problem.message}
							</td>
						</tr>
					))}
				</tbody>
			</table>
			{preview.moreProblems ? <p className="px-3 py-2 text-sm text-gray-600">另有 {preview.moreProblems} 个问题未列出，请先修改以上问题后重新上传。</p> : null}
		</div>
	)
}

function SampleTable({ preview }: { preview: PreviewSummary }) {
	return (
		<div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
			<table className="min-w-full text-sm" aria-label="导入预览">
				<caption className="px-3 py-2 text-left text-gray-600">前 {preview.sample.length} 道可导入的题目</caption>
				<thead className="bg-gray-50 text-left text-gray-600">
					<tr>
						<th className="px-3 py-2">行号</th>
						<th className="px-3 py-2">题型</th>
						<th className="px-3 py-2">专题</th>
						<th className="px-3 py-2">题干</th>
						<th className="px-3 py-2">答案</th>
						<th className="px-3 py-2">分值</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{preview.sample.map((row) => (
						<tr key={row.rowNumber}>
							<td className="px-3 py-1.5">第{row.rowNumber}行</td>
							<td className="whitespace-nowrap px-3 py-1.5">{row.type}</td>
							<td className="whitespace-nowrap px-3 py-1.5">{row.topic}</td>
							<td className="px-3 py-1.5">{row.stem}</td>
							<td className="px-3 py-1.5">{row.answer}</td>
							<td className="px-3 py-1.5">{row.points}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
