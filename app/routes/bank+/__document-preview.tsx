// The document import's preview (counts, questions not understood, row problems, a sample, the
// confirm buttons) and the accepted formats with a downloadable example of each.
import type { SelectHTMLAttributes } from 'react'
import { Button } from '#app/components/forms.tsx'
import { Notice } from '#app/components/notice.tsx'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '#app/exams/bank/question-types.ts'
import type { DocumentPreviewSummary } from '#app/exams/import/document-summary.ts'

/** Served from public/examples/bank-import/ (copies of tests/fixtures/bank-import/, kept equal by a test). */
export const DOCUMENT_EXAMPLES = [
	{ href: '/examples/bank-import/questions.docx', format: 'Word 文档（.docx）', note: '“一、单选题（每题1分）”等标题给出题型和分值；题目“1. 题干（ ）”，选项“A. …”（每行一个或同一行用空格隔开），“答案：B”“【答案】B”或写在括号里“（B）”，“解析：…”。Word 的自动编号也能识别。旧版 .doc 请先另存为 .docx。' },
	{ href: '/examples/bank-import/paste.txt', format: '粘贴文本或 .txt', note: '与 Word 相同的写法，可直接粘贴到下面的文本框。判断题答案写 对/错、√/×、正确/错误；填空题用 ____ 标出空，多个空的答案用；分隔，同一空的多个答案用 | 分隔。' },
	{ href: '/examples/bank-import/moodle.xml', format: 'Moodle XML（.xml）', note: '可导入单选、多选（各正确选项平分得分）、判断、简答（shortanswer → 填空，多个可接受答案）、只含简答空的完形填空（→ 多空填空）、问答（essay → 简答）。题库类别名与专题相符时作为专题，否则作为标签；反馈作为解析。匹配、数值、计算、拖放、说明等题型逐题列出原因，不会悄悄丢弃。' },
	{ href: '/examples/bank-import/questions.gift', format: 'GIFT（.gift，或 Moodle 导出的 .txt）', note: '题目之间空一行；~ = # { } : 在文字中写作 \\~ \\= \\# \\{ \\} \\:。可导入的题型同 Moodle XML。' },
]

export const FORMAT_GUIDE = (
	<ul aria-label="可导入的格式" className="mt-2 flex flex-col gap-3 text-sm">
		{DOCUMENT_EXAMPLES.map((example) => (
			<li key={example.href}>
				<p className="font-medium">{example.format}</p>
				<p className="mt-1 text-gray-600">{example.note}</p>
				<a href={example.href} download className="text-brand-700 underline underline-offset-2">
					下载示例：{example.format}
				</a>
			</li>
		))}
	</ul>
)

function Table({ label, head, rows }: { label: string; head: string[]; rows: (string | number)[][] }) {
	return (
		<div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
			<table className="min-w-full text-sm" aria-label={label}>
				<caption className="px-3 py-2 text-left font-medium">{label}</caption>
				<thead className="bg-gray-50 text-left text-gray-600">
					<tr>
						{head.map((cell) => (
							<th key={cell} className="px-3 py-2">
								{cell}
							</th>
						))}
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{rows.map((row, index) => (
						<tr key={index}>
							{row.map((cell, i) => (
								<td key={i} className={i === 0 ? 'whitespace-nowrap px-3 py-1.5' : 'px-3 py-1.5'}>
									{cell}
								</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

export function DocumentPreview({ summary, busy, defaultStatusProps }: { summary: DocumentPreviewSummary; busy: boolean; defaultStatusProps: SelectHTMLAttributes<HTMLSelectElement> }) {
	const clean = summary.badCount === 0
	const byType =
		QUESTION_TYPES.filter((type) => summary.validByType[type] > 0)
			.map((type) => `${QUESTION_TYPE_LABELS[type]} ${summary.validByType[type]} 道`)
			.join('，') || '无'
	return (
		<section className="flex flex-col gap-3" aria-labelledby="document-preview-title">
			<h2 id="document-preview-title" className="font-semibold">
				3. 检查预览
			</h2>
			{summary.warnings.map((warning) => (
				<Notice key={warning} tone="warning">
					{warning}
				</Notice>
			))}
			<p className="text-sm" data-testid="document-summary">
				“{summary.sourceName}”中找到 {summary.found} 道题目，{clean ? '全部可以导入' : `其中 ${summary.badCount} 道无法识别或有问题`}。可导入 {summary.validCount} 道：{byType}。
			</p>
			{summary.notUnderstood.length ? (
				<Table label="无法识别的题目" head={['题目', '原因']} rows={summary.notUnderstood.map((q) => [q.label, q.reason])} />
			) : null}
			{summary.problems.length ? (
				<Table label="有问题的题目" head={['题目', '字段', '原因']} rows={summary.problems.map((p) => [p.label, p.column, `${p.kind === 'duplicate' ? '【重复】' : ''}${p.message}`])} />
			) : null}
			{summary.moreListed ? <p className="text-sm text-gray-600">另有 {summary.moreListed} 个问题未列出，请先修改以上问题后重新预览。</p> : null}
			{summary.validCount > 0 ? (
				<div className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
					<label className="flex flex-wrap items-center gap-2 text-sm">
						导入后的状态
						<select {...defaultStatusProps} className="rounded border border-gray-300 px-2 py-1">
							<option value="active">启用</option>
							<option value="draft">草稿</option>
						</select>
					</label>
					<div className="flex flex-wrap gap-2">
						{clean ? (
							<Button type="submit" name="intent" value="commit_all" disabled={busy} pendingLabel="正在导入…">
								确认导入 {summary.validCount} 道题目
							</Button>
						) : (
							<Button type="submit" name="intent" value="commit_valid" variant="secondary" disabled={busy} pendingLabel="正在导入…">
								只导入能识别且无误的 {summary.validCount} 道题目，跳过 {summary.badCount} 道
							</Button>
						)}
					</div>
				</div>
			) : null}
			{summary.sample.length ? (
				<Table
					label={`前 ${summary.sample.length} 道可导入的题目`}
					head={['题目', '题型', '专题', '题干', '答案', '分值']}
					rows={summary.sample.map((q) => [q.label, q.type, q.topic, q.stem, q.answer, q.points])}
				/>
			) : null}
		</section>
	)
}
