// The bank import's request: its fields on the shared streamed upload.
import type { BankImportEvent, OutcomeSummary, PreviewSummary } from '#app/exams/import/import-events.ts'
import { appendSettings, type ImportSettings } from '#app/exams/import/import-settings.ts'
import { postStreamedUpload } from '#app/utils/streamed-upload.ts'

export type ProgressEvent = Extract<BankImportEvent, { type: 'progress' }>
export type RunRequest = { step: 'preview' | 'commit'; file: File; mode?: 'all' | 'valid_only'; defaultStatus?: 'draft' | 'active'; settings?: ImportSettings }
type Result<S> = S extends 'preview' ? PreviewSummary : OutcomeSummary

export function runBankImport<R extends RunRequest>(request: R, onProgress: (event: ProgressEvent) => void): Promise<Result<R['step']>> {
	const form = new FormData()
	form.append('step', request.step)
	if (request.mode) form.append('mode', request.mode)
	if (request.defaultStatus) form.append('defaultStatus', request.defaultStatus)
	if (request.settings) appendSettings(form, request.settings)
	form.append('file', request.file)
	return postStreamedUpload<Result<R['step']>>({
		url: '/bank/import/run',
		form,
		onProgress: (progress) => onProgress(progress as ProgressEvent),
		forbiddenMessage: '需要讲师或管理员身份才能导入题目。',
	}).done
}
