import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { BankNav } from '#app/components/bank-nav.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { ImportSteps } from '#app/components/import-steps.tsx'
import { Notice } from '#app/components/notice.tsx'
import { TYPE_INFERENCE_RULE } from '#app/exams/import/column-mapping.ts'
import { BANK_COLUMNS } from '#app/exams/import/columns.ts'
import { BANK_IMPORT_MAX_BYTES, type OutcomeSummary, type PreviewSummary } from '#app/exams/import/import-events.ts'
import type { ImportSettings } from '#app/exams/import/import-settings.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { runBankImport, type ProgressEvent } from './__import-client.ts'
import { PreviewView, type Confirm } from './__import-preview.tsx'

export const meta: MetaFunction = () => [{ title: '批量导入 · 题库 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	return null
}

const PHASE_LABELS: Record<ProgressEvent['phase'], string> = { upload: '上传文件', checking: '逐行校验', writing: '写入题库', done: '完成' }

/** Examples of bureaus' own layouts (public/examples/bank-import/, written by tests/fixtures/bank-import/make-spreadsheets.ts). */
const SPREADSHEET_EXAMPLES = [
	{ href: '/examples/bank-import/audit-100.csv', label: '英文表头 id,question,A,B,C,D,answer（100 道单选，.csv）' },
	{ href: '/examples/bank-import/all-options-in-one.xlsx', label: '序号/试题内容/选项（全部选项在一格）/正确答案/答案解析/题目类型（.xlsx）' },
	{ href: '/examples/bank-import/options-by-column.xlsx', label: '题目/选项A–E/参考答案/分数/知识点/难度，没有题型列（.xlsx）' },
]

function AcceptedFormats() {
	return (
		<div className="mt-2 flex flex-col gap-3 text-sm">
			<ul aria-label="可导入的格式" className="flex flex-col gap-3">
				<li>
					<p className="font-medium">本平台模板（.xlsx 或 .csv）</p>
					<p className="mt-1 text-gray-600">列：{BANK_COLUMNS.join('、')}。各列写法见模板中的“填写说明”。</p>
					<div className="mt-2 flex flex-wrap gap-2">
						<a href="/bank/template?format=xlsx" className={buttonClass('secondary')} download>
							下载 Excel 模板 (.xlsx)
						</a>
						<a href="/bank/template?format=csv" className={buttonClass('secondary')} download>
							下载 CSV 模板
						</a>
					</div>
				</li>
				<li>
					<p className="font-medium">单位自有的题库表格（.xlsx 或 .csv，表头不必与模板一致）</p>
					<p className="mt-1 text-gray-600">
						上传后系统按表头自动对应：题干/题目/试题内容/question，选项A–H/A–H/Option A，或全部选项写在一格（“A. … B. …”），答案/正确答案/参考答案/answer，解析/答案解析，题型/题目类型，难度（易、较易、中、较难、难或
						1–5），分值/分数，专题/分类/知识点，依据/法规依据等。可逐列改为其他字段或忽略；文件中没有的专题、难度、分值可统一设默认值。{TYPE_INFERENCE_RULE}
					</p>
					<ul aria-label="自有表格示例" className="mt-2 flex flex-col gap-1">
						{SPREADSHEET_EXAMPLES.map((example) => (
							<li key={example.href}>
								<a href={example.href} download className="text-brand-700 underline underline-offset-2">
									示例：{example.label}
								</a>
							</li>
						))}
					</ul>
				</li>
				<li>
					<p className="font-medium">Word（.docx）、粘贴文本、Moodle XML、GIFT</p>
					<p className="mt-1 text-gray-600">
						请用<a href="/bank/import/document" className="text-brand-700 underline underline-offset-2">Word、文本与 Moodle 导入</a>。示例：
						<a href="/examples/bank-import/questions.docx" download className="text-brand-700 underline underline-offset-2">Word</a>、
						<a href="/examples/bank-import/paste.txt" download className="text-brand-700 underline underline-offset-2">文本</a>、
						<a href="/examples/bank-import/moodle.xml" download className="text-brand-700 underline underline-offset-2">Moodle XML</a>、
						<a href="/examples/bank-import/questions.gift" download className="text-brand-700 underline underline-offset-2">GIFT</a>
					</p>
				</li>
			</ul>
		</div>
	)
}

export default function BankImportPage() {
	return (
		<Page wide>
			<PageHeader title="批量导入题目" description="先上传预览，核对列的对应并逐行校验；有任何一行有问题时不会写入，除非你明确选择只导入无误的行。所有题目在一个事务中写入。" />
			<BankNav />
			<ImportSteps<PreviewSummary, OutcomeSummary, Confirm, ImportSettings>
				id="bank-import"
				fileLabel="选择题目文件"
				maxBytes={BANK_IMPORT_MAX_BYTES}
				templateTitle="1. 可导入的格式与示例"
				template={<AcceptedFormats />}
				preview={async (file, onProgress, settings) => {
					const preview = await runBankImport({ step: 'preview', file, settings }, onProgress)
					return preview.fileError ? { fileError: `文件无法导入：${preview.fileError}` } : { preview }
				}}
				commit={async (file, { mode, defaultStatus, settings }, onProgress) => {
					const outcome = await runBankImport({ step: 'commit', file, mode, defaultStatus, settings }, onProgress)
					return outcome.ok ? { outcome } : { preview: outcome.preview, error: outcome.reason }
				}}
				progressView={(mode, progress) => <ProgressView label={mode === 'preview' ? '正在校验' : '正在导入'} progress={progress as ProgressEvent} />}
				previewView={(preview, confirm, rerun) => <PreviewView preview={preview} onImport={confirm} onRemap={rerun} />}
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

export const ErrorBoundary = GeneralErrorBoundary
