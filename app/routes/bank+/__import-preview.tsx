// Step 3 of the bank import: the mapping and defaults (any change previews again), the counts,
// every problem by row and the file's column, the confirm choices, and the first rows as they
// will be imported (type — inferred or read —, topic, stem, options, answer).
import { useState } from 'react'
import { Button } from '#app/components/forms.tsx'
import { Notice } from '#app/components/notice.tsx'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '#app/exams/bank/question-types.ts'
import { TYPE_INFERENCE_RULE } from '#app/exams/import/column-mapping.ts'
import type { PreviewSummary } from '#app/exams/import/import-events.ts'
import type { ImportSettings } from '#app/exams/import/import-settings.ts'
import { MappingForm } from './__import-mapping.tsx'

export type Confirm = { mode: 'all' | 'valid_only'; defaultStatus: 'active' | 'draft'; settings: ImportSettings }

/** The settings the preview was made with, so a commit imports exactly what was shown. */
function settingsOfPreview(preview: PreviewSummary): ImportSettings {
	return { mapping: preview.mapping.map(({ header, column }) => ({ header, column })), defaults: preview.defaults }
}

export function PreviewView({ preview, onImport, onRemap }: { preview: PreviewSummary; onImport: (confirm: Confirm) => void; onRemap: (settings: ImportSettings) => void }) {
	const [defaultStatus, setDefaultStatus] = useState<'active' | 'draft'>('active')
	if (preview.fileError) {
		return (
			<div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
				文件无法导入：{preview.fileError}
			</div>
		)
	}
	const mappingOk = preview.mappingProblems.length === 0
	const clean = preview.badRowCount === 0
	const settings = settingsOfPreview(preview)
	return (
		<>
			{preview.mapping.length ? <MappingForm preview={preview} onChange={onRemap} /> : null}
			{preview.warnings.map((warning) => (
				<Notice key={warning} tone="warning">
					{warning}
				</Notice>
			))}
			{mappingOk ? (
				<p className="text-sm">
					“{preview.fileName}”共 {preview.totalRows} 行数据（不含表头），{clean ? '全部校验通过' : `其中 ${preview.badRowCount} 行有问题（行号即表格中的行号）`}。可导入 {preview.validCount} 道题目：
					{QUESTION_TYPES.filter((t) => preview.validByType[t] > 0)
						.map((t) => `${QUESTION_TYPE_LABELS[t]} ${preview.validByType[t]} 道`)
						.join('，') || '无'}
					。
				</p>
			) : (
				<p className="text-sm" role="status">
					“{preview.fileName}”共 {preview.totalRows} 行数据（不含表头）。请先按上方提示完成列的对应或默认值，再检查题目。
				</p>
			)}
			{!clean ? <ProblemTable preview={preview} /> : null}
			{mappingOk && preview.validCount > 0 ? (
				<div className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
					<label className="flex flex-wrap items-center gap-2 text-sm">
						未填写“状态”列的题目导入后设为
						<select value={defaultStatus} onChange={(event) => setDefaultStatus(event.target.value as 'active' | 'draft')} className="rounded border border-gray-300 px-2 py-1" aria-label="导入后状态">
							<option value="active">启用</option>
							<option value="draft">草稿</option>
						</select>
					</label>
					<div className="flex flex-wrap gap-2">
						{clean ? (
							<Button type="button" onClick={() => onImport({ mode: 'all', defaultStatus, settings })}>
								确认导入 {preview.validCount} 道题目
							</Button>
						) : (
							<Button type="button" variant="secondary" onClick={() => onImport({ mode: 'valid_only', defaultStatus, settings })}>
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
		// Focusable so a keyboard can scroll it sideways on a phone (axe: scrollable-region-focusable).
		<div className="overflow-x-auto rounded-lg border border-red-200 bg-white" tabIndex={0} role="region" aria-label="有问题的行（可左右滚动）">
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
							<td className="px-3 py-1.5">{problem.columnText}</td>
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
	const anyInferred = preview.sample.some((row) => row.typeInferred)
	return (
		<div className="overflow-x-auto rounded-lg border border-gray-200 bg-white" tabIndex={0} role="region" aria-label="导入预览（可左右滚动）">
			<table className="min-w-full text-sm" aria-label="导入预览">
				<caption className="px-3 py-2 text-left text-gray-600">
					前 {preview.sample.length} 道可导入的题目，按导入后的样子显示
					{anyInferred ? <span className="mt-1 block text-xs">“推断”：{TYPE_INFERENCE_RULE}</span> : null}
				</caption>
				<thead className="bg-gray-50 text-left text-gray-600">
					<tr>
						<th className="px-3 py-2">行号</th>
						<th className="px-3 py-2">题型</th>
						<th className="px-3 py-2">专题</th>
						<th className="px-3 py-2">难度</th>
						<th className="px-3 py-2">题干</th>
						<th className="px-3 py-2">选项</th>
						<th className="px-3 py-2">答案</th>
						<th className="px-3 py-2">分值</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{preview.sample.map((row) => (
						<tr key={row.rowNumber}>
							<td className="whitespace-nowrap px-3 py-1.5">第{row.rowNumber}行</td>
							<td className="whitespace-nowrap px-3 py-1.5">
								{row.type}
								{row.typeInferred ? <span className="ml-1 rounded bg-sky-100 px-1 text-xs text-sky-900">推断</span> : null}
							</td>
							<td className="whitespace-nowrap px-3 py-1.5">{row.topic}</td>
							<td className="px-3 py-1.5">{row.difficulty}</td>
							<td className="min-w-48 px-3 py-1.5">{row.stem}</td>
							<td className="min-w-40 px-3 py-1.5">
								{row.options.length ? (
									<ul>
										{row.options.map((option) => (
											<li key={option}>{option}</li>
										))}
									</ul>
								) : (
									'—'
								)}
							</td>
							<td className="px-3 py-1.5">{row.answer}</td>
							<td className="px-3 py-1.5">{row.points}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
