import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass } from '#app/components/forms.tsx'
import { ImportSteps } from '#app/components/import-steps.tsx'
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
import { requireAccess } from '#app/utils/auth.server.ts'
import { cn } from '#app/utils/misc.ts'
import { AdminNav } from './__admin-nav.tsx'
import { runImport } from './__import-client.ts'
import { CredentialsView, ImportProgressView, importPhases, PreviewProblems, PreviewTable } from './__import-parts.tsx'
import { Notice } from '#app/components/notice.tsx'

export const meta: MetaFunction = () => [{ title: '批量导入 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
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
	const label = IMPORT_KIND_LABELS[kind]
	return (
		<ImportSteps<ImportPreview, Extract<ImportOutcome, { ok: true }>>
			id={`import-${kind}`}
			fileLabel={`选择${label}文件`}
			maxBytes={IMPORT_MAX_BYTES}
			template={
				<>
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
				</>
			}
			preview={async (file, onProgress) => {
				const preview = await runImport({ kind, mode: 'preview', file, onProgress }).done
				return preview.fileProblems.length ? { fileError: preview.fileProblems.join('；') } : { preview }
			}}
			commit={async (file, _confirm, onProgress) => {
				const outcome = await runImport({ kind, mode: 'commit', file, onProgress }).done
				return outcome.ok ? { outcome } : { preview: outcome.preview }
			}}
			progressView={(mode, progress) => <ImportProgressView phases={importPhases(kind, mode)} progress={progress as ImportProgress} />}
			previewView={(preview, confirm) => (
				<>
					<PreviewProblems preview={preview} />
					{previewIsClean(preview) ? (
						<>
							<Notice tone="info">
								“{preview.fileName}”共 {preview.totalRows} 行数据（不含表头），全部校验通过，将新建 {preview.totalRows} 个{label}。确认后将在一个事务中全部写入{kind === 'users' ? '，并为每人生成临时密码' : ''}。
							</Notice>
							<div>
								<Button type="button" onClick={() => confirm()}>
									确认导入 {preview.totalRows} 个{label}
								</Button>
							</div>
						</>
					) : null}
					{preview.table.rows.length ? <PreviewTable preview={preview} /> : null}
				</>
			)}
			doneView={(outcome) => ({
				summary: (
					<>
						<Notice>
							已导入 {outcome.created} 个{label}。
						</Notice>
						{outcome.kind === 'users' ? <CredentialsView credentials={outcome.credentials} xlsxBase64={outcome.credentialsXlsxBase64} /> : null}
					</>
				),
				link: { to: DONE_LINKS[outcome.kind], label: `查看${label}` },
			})}
		/>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
