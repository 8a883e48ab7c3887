import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useRef, useState } from 'react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass, FormError } from '#app/components/forms.tsx'
import {
	IMPORT_KIND_LABELS,
	IMPORT_KINDS,
	IMPORT_MAX_BYTES,
	IMPORT_MAX_ROWS,
	previewIsClean,
	type ImportKind,
	type ImportOutcome,
	type ImportPreview,
	type ImportProgress,
} from '#app/admin/import/types.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { cn } from '#app/utils/misc.ts'
import { AdminNav } from './__admin-nav.tsx'
import { runImport } from './__import-client.ts'
import { CredentialsView, ImportProgressView, importPhases, PreviewProblems, PreviewTable } from './__import-parts.tsx'
import { Notice } from './__notice.tsx'

export const meta: MetaFunction = () => [{ title: '批量导入 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const requested = new URL(request.url).searchParams.get('kind')
	const kind: ImportKind = IMPORT_KINDS.find((k) => k === requested) ?? 'users'
	return { kind }
}

const COLUMN_HINTS: Record<ImportKind, string> = {
	users: '列：工号、姓名、单位、角色（学员/导师/讲师/管理员，多个用 、 或 , 分隔）、手机（选填）。单位须已存在；重名时写出上级，如“区审计局/城关街道”。',
	units: '列：单位名称、类型（审计机关/部门/街道/国企/村社/其他）、上级单位（已有单位，或本表中写在前面的单位；留空为顶级）。',
	pairings: '列：导师工号、徒弟工号、开始日期、结束日期、目标（“业务：……；党建：……”）。导师须有导师身份；已有在带导师的徒弟须先结束原结对。',
}

const DONE_LINKS: Record<ImportKind, string> = { users: '/admin/users?status=pending', units: '/admin/units', pairings: '/admin/mentorship' }

type Step =
	| { name: 'choose' }
	| { name: 'running'; mode: 'preview' | 'commit'; progress: ImportProgress }
	| { name: 'previewed'; preview: ImportPreview }
	| { name: 'done'; outcome: Extract<ImportOutcome, { ok: true }> }

export default function ImportPage() {
	const { kind } = useLoaderData<typeof loader>()
	return (
		<Page wide>
			<PageHeader title="批量导入" description="先上传预览，逐行校验无误后再确认导入；有任何一行不合格，都不会写入数据。" />
			<AdminNav />
			<nav aria-label="导入类型" className="mb-4 flex flex-wrap gap-2">
				{IMPORT_KINDS.map((k) => (
					<Link key={k} to={`?kind=${k}`} className={cn(buttonClass(k === kind ? 'primary' : 'secondary'))} aria-current={k === kind ? 'page' : undefined}>
						导入{IMPORT_KIND_LABELS[k]}
					</Link>
				))}
			</nav>
			<ImportFlow key={kind} kind={kind} />
		</Page>
	)
}

function ImportFlow({ kind }: { kind: ImportKind }) {
	const [file, setFile] = useState<File | null>(null)
	const [step, setStep] = useState<Step>({ name: 'choose' })
	const [error, setError] = useState<string | null>(null)
	const inputRef = useRef<HTMLInputElement>(null)
	const label = IMPORT_KIND_LABELS[kind]

	async function run(mode: 'preview' | 'commit') {
		if (!file) return setError('请先选择文件')
		if (file.size > IMPORT_MAX_BYTES) return setError(`文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请拆分后分批导入`)
		setError(null)
		setStep({ name: 'running', mode, progress: { phase: 'upload', done: 0, total: file.size } })
		const onProgress = (progress: ImportProgress) => setStep({ name: 'running', mode, progress })
		try {
			if (mode === 'preview') {
				const preview = await runImport({ kind, mode, file, onProgress }).done
				// A file that cannot be read at all (too many rows or columns, a zip bomb, not a
				// spreadsheet) is refused next to the file field, where the next file is chosen.
				if (preview.fileProblems.length) {
					setError(preview.fileProblems.join('；'))
					setStep({ name: 'choose' })
				} else {
					setStep({ name: 'previewed', preview })
				}
			} else {
				const outcome = await runImport({ kind, mode, file, onProgress }).done
				// Rows can turn bad between preview and commit (someone took a 工号): show why.
				setStep(outcome.ok ? { name: 'done', outcome } : { name: 'previewed', preview: outcome.preview })
			}
		} catch (failure) {
			setError(failure instanceof Error ? failure.message : '导入失败，请重试')
			setStep({ name: 'choose' })
		}
	}

	function restart() {
		setFile(null)
		setStep({ name: 'choose' })
		if (inputRef.current) inputRef.current.value = ''
	}

	if (step.name === 'done') {
		const { outcome } = step
		return (
			<div className="flex flex-col gap-4">
				<Notice>
					已导入 {outcome.created} 个{label}。
				</Notice>
				{outcome.kind === 'users' ? <CredentialsView credentials={outcome.credentials} xlsxBase64={outcome.credentialsXlsxBase64} /> : null}
				<div className="flex gap-2">
					<Link to={DONE_LINKS[outcome.kind]} className={buttonClass('secondary')}>
						查看{label}
					</Link>
					<button type="button" className={buttonClass('secondary')} onClick={restart}>
						继续导入
					</button>
				</div>
			</div>
		)
	}

	const running = step.name === 'running'
	return (
		<div className="flex flex-col gap-4">
			<section className="rounded-lg border border-gray-200 bg-white p-5">
				<h2 className="font-semibold">1. 下载模板，按模板填写</h2>
				<p className="mt-1 text-sm text-gray-600">{COLUMN_HINTS[kind]}</p>
				<p className="mt-1 text-sm text-gray-600">
					每个文件最多 {IMPORT_MAX_ROWS[kind]} 行、{IMPORT_MAX_BYTES / 1024 / 1024} MB。
				</p>
				<div className="mt-3 flex flex-wrap gap-2">
					<a href={`/admin/import/template?kind=${kind}&format=xlsx`} className={buttonClass('secondary')} download>
						下载 Excel 模板 (.xlsx)
					</a>
					<a href={`/admin/import/template?kind=${kind}&format=csv`} className={buttonClass('secondary')} download>
						下载 CSV 模板
					</a>
				</div>
			</section>
			<section className="rounded-lg border border-gray-200 bg-white p-5">
				<h2 className="font-semibold">2. 上传文件并预览</h2>
				<div className="mt-3 flex flex-wrap items-center gap-3">
					<label className="text-sm">
						<span className="sr-only">选择{label}文件</span>
						<input
							ref={inputRef}
							type="file"
							name="file"
							aria-label={`选择${label}文件`}
							accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
							disabled={running}
							onChange={(event) => {
								setFile(event.target.files?.[0] ?? null)
								setStep({ name: 'choose' })
								setError(null)
							}}
						/>
					</label>
					<Button type="button" disabled={!file || running} onClick={() => void run('preview')}>
						上传并预览
					</Button>
				</div>
				<div className="mt-3">
					<FormError message={error} />
				</div>
			</section>
			{step.name === 'running' ? <ImportProgressView phases={importPhases(kind, step.mode)} progress={step.progress} /> : null}
			{step.name === 'previewed' ? (
				<section className="flex flex-col gap-3">
					<h2 className="font-semibold">3. 检查预览</h2>
					<PreviewProblems preview={step.preview} />
					{previewIsClean(step.preview) ? (
						<>
							<Notice tone="info">
								“{step.preview.fileName}”共 {step.preview.totalRows} 行数据（不含表头），全部校验通过，将新建 {step.preview.totalRows} 个{label}。确认后将在一个事务中全部写入{kind === 'users' ? '，并为每人生成临时密码' : ''}。
							</Notice>
							<div>
								<Button type="button" onClick={() => void run('commit')}>
									确认导入 {step.preview.totalRows} 个{label}
								</Button>
							</div>
						</>
					) : null}
					{step.preview.table.rows.length ? <PreviewTable preview={step.preview} /> : null}
				</section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
