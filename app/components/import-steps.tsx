// The steps every spreadsheet import walks through (issue 12 item 5): 1. download the
// template, 2. choose a file and upload it for a preview, 3. check the preview (counts and
// problems) and confirm, then the outcome. The people import (admin) and the question import
// (bank) differ only in what they send and show; the flow, the file field on conform (ADR 070)
// and its errors next to the field live here once.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Link } from '@remix-run/react'
import { useRef, useState, type ReactNode } from 'react'
import { z } from 'zod'
import { IMPORT_FILE_ACCEPT, importFileSchema } from '#app/utils/import-file.ts'
import { Button, buttonClass, ErrorList } from './forms.tsx'

export type ImportStepProgress = { phase: string; done: number; total: number }

/** A preview that cannot be used at all: the file's problem, shown next to the file field. */
export type PreviewAnswer<Preview> = { preview: Preview } | { fileError: string }
/** A commit either succeeds, or hands back a fresh preview (rows turned bad meanwhile) and why. */
export type CommitAnswer<Preview, Outcome> = { outcome: Outcome } | { preview: Preview; error?: string | null }

type Step<Preview, Outcome> =
	| { name: 'choose' }
	| { name: 'running'; mode: 'preview' | 'commit'; progress: ImportStepProgress }
	| { name: 'previewed'; preview: Preview }
	| { name: 'done'; outcome: Outcome }

export function ImportSteps<Preview, Outcome, Confirm = void, Settings = void>({
	id,
	fileLabel,
	maxBytes,
	template,
	templateTitle = '1. 下载模板，按模板填写',
	preview,
	commit,
	progressView,
	previewView,
	doneView,
}: {
	/** The upload form's id (one per import kind). */
	id: string
	/** The file field's accessible name, e.g. 选择用户文件. */
	fileLabel: string
	maxBytes: number
	/** Step 1: what the columns are, the template links. */
	template: ReactNode
	templateTitle?: string
	/** `settings`: what the person changed on the preview (a column mapping), absent on the first upload. */
	preview: (file: File, onProgress: (progress: ImportStepProgress) => void, settings?: Settings) => Promise<PreviewAnswer<Preview>>
	commit: (file: File, confirm: Confirm, onProgress: (progress: ImportStepProgress) => void) => Promise<CommitAnswer<Preview, Outcome>>
	progressView: (mode: 'preview' | 'commit', progress: ImportStepProgress) => ReactNode
	/** Step 3: the counts, the problems, and the confirm button(s) that call `confirm`; `rerun` previews the same file again with new settings. */
	previewView: (preview: Preview, confirm: (choice: Confirm) => void, rerun: (settings: Settings) => void) => ReactNode
	/** The outcome's summary, and where to look at what was imported. */
	doneView: (outcome: Outcome) => { summary: ReactNode; link: { to: string; label: string } }
}) {
	const schema = z.object({ file: importFileSchema(maxBytes) })
	const [step, setStep] = useState<Step<Preview, Outcome>>({ name: 'choose' })
	const [file, setFile] = useState<File | null>(null)
	const [uploadError, setUploadError] = useState<string | null>(null)
	const inputRef = useRef<HTMLInputElement>(null)
	const [form, fields] = useForm({
		id,
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onSubmit(event, { submission }) {
			// The upload streams its progress (XMLHttpRequest), so the page posts it itself.
			event.preventDefault()
			if (submission?.status === 'success') void runPreview(submission.value.file)
		},
	})

	async function runPreview(chosen: File, settings?: Settings) {
		setUploadError(null)
		setStep({ name: 'running', mode: 'preview', progress: { phase: 'upload', done: 0, total: chosen.size } })
		try {
			const answer = await preview(chosen, (progress) => setStep({ name: 'running', mode: 'preview', progress }), settings)
			// A file that cannot be read at all (too many rows or columns, a zip bomb, not a
			// spreadsheet) is refused next to the file field, where the next file is chosen.
			if ('fileError' in answer) {
				setUploadError(answer.fileError)
				setStep({ name: 'choose' })
			} else {
				setStep({ name: 'previewed', preview: answer.preview })
			}
		} catch (failure) {
			setUploadError(failure instanceof Error ? failure.message : '导入失败，请重试')
			setStep({ name: 'choose' })
		}
	}

	async function runCommit(choice: Confirm) {
		if (!file) return setUploadError('请先选择文件')
		setUploadError(null)
		setStep({ name: 'running', mode: 'commit', progress: { phase: 'upload', done: 0, total: file.size } })
		try {
			const answer = await commit(file, choice, (progress) => setStep({ name: 'running', mode: 'commit', progress }))
			// Rows can turn bad between preview and commit (someone took a 工号, added the same stem): show why.
			if ('outcome' in answer) {
				setStep({ name: 'done', outcome: answer.outcome })
			} else {
				setStep({ name: 'previewed', preview: answer.preview })
				if (answer.error) setUploadError(answer.error)
			}
		} catch (failure) {
			setUploadError(failure instanceof Error ? failure.message : '导入失败，请重试')
			setStep({ name: 'choose' })
		}
	}

	function restart() {
		setFile(null)
		setUploadError(null)
		setStep({ name: 'choose' })
		if (inputRef.current) inputRef.current.value = ''
	}

	if (step.name === 'done') {
		const { summary, link } = doneView(step.outcome)
		return (
			<div className="flex flex-col gap-4">
				{summary}
				<div className="flex flex-wrap gap-2">
					<Link to={link.to} className={buttonClass('secondary')}>
						{link.label}
					</Link>
					<button type="button" className={buttonClass('secondary')} onClick={restart}>
						继续导入
					</button>
				</div>
			</div>
		)
	}

	const running = step.name === 'running'
	const fileErrors = [...(fields.file.errors ?? []), ...(uploadError ? [uploadError] : [])]
	const errorId = fileErrors.length ? `${form.id}-file-error` : undefined
	return (
		<div className="flex flex-col gap-4">
			<section className="rounded-lg border border-gray-200 bg-white p-5">
				<h2 className="font-semibold">{templateTitle}</h2>
				{template}
			</section>
			<section className="rounded-lg border border-gray-200 bg-white p-5">
				<h2 className="font-semibold">2. 上传文件并预览</h2>
				<form method="post" encType="multipart/form-data" className="mt-3 flex flex-col gap-2" {...getFormProps(form)}>
					<div className="flex flex-wrap items-center gap-3">
						<input
							ref={inputRef}
							type="file"
							id={fields.file.id}
							name={fields.file.name}
							aria-label={fileLabel}
							aria-invalid={errorId ? true : undefined}
							aria-describedby={errorId}
							accept={IMPORT_FILE_ACCEPT}
							disabled={running}
							className="min-w-0 max-w-full text-sm"
							onChange={(event) => {
								setFile(event.target.files?.[0] ?? null)
								setStep({ name: 'choose' })
								setUploadError(null)
							}}
						/>
						<Button type="submit" disabled={!file || running}>
							上传并预览
						</Button>
					</div>
					<ErrorList id={errorId} errors={fileErrors} />
				</form>
			</section>
			{step.name === 'running' ? progressView(step.mode, step.progress) : null}
			{step.name === 'previewed' ? (
				<section className="flex flex-col gap-3">
					<h2 className="font-semibold">3. 检查预览</h2>
					{previewView(
						step.preview,
						(choice) => void runCommit(choice),
						(settings) => {
							if (file) void runPreview(file, settings)
						},
					)}
				</section>
			) : null}
		</div>
	)
}
