// Browser side of the bank import: XMLHttpRequest for real upload progress, then the
// server's newline-delimited events read as they arrive.
import type { BankImportEvent, OutcomeSummary, PreviewSummary } from '#app/exams/import/import-events.ts'

export type ProgressEvent = Extract<BankImportEvent, { type: 'progress' }>
export type RunRequest = { step: 'preview' | 'commit'; file: File; mode?: 'all' | 'valid_only'; defaultStatus?: 'draft' | 'active' }
type Result<S> = S extends 'preview' ? PreviewSummary : OutcomeSummary

export class ImportRequestError extends Error {}

function messageForStatus(status: number, body: string) {
	try {
		const parsed = JSON.parse(body) as { message?: unknown }
		if (typeof parsed.message === 'string') return parsed.message
	} catch {
		// Not JSON: a message by status below.
	}
	if (status === 403) return '需要讲师或管理员身份才能导入题目。'
	if (status === 413) return '文件过大，请拆分后分批导入。'
	if (status === 0) return '网络连接中断，请检查网络后重试。'
	return `服务器未能处理请求（${status}），请稍后重试。`
}

export function runBankImport<R extends RunRequest>(request: R, onProgress: (event: ProgressEvent) => void): Promise<Result<R['step']>> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest()
		let consumed = 0
		let result: Result<R['step']> | null = null
		let failure: string | null = null
		const consume = () => {
			const text = xhr.responseText
			const end = text.lastIndexOf('\n') + 1
			if (end <= consumed) return
			for (const line of text.slice(consumed, end).split('\n')) {
				if (!line.trim()) continue
				const event = JSON.parse(line) as BankImportEvent
				if (event.type === 'progress') onProgress(event)
				else if (event.type === 'preview') result = event.preview as Result<R['step']>
				else if (event.type === 'done') result = event.outcome as Result<R['step']>
				else failure = event.message
			}
			consumed = end
		}
		const isEventStream = () => (xhr.getResponseHeader('Content-Type') ?? '').includes('application/x-ndjson')
		xhr.open('POST', '/bank/import/run')
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress({ type: 'progress', phase: 'upload', done: event.loaded, total: event.total })
		}
		xhr.onprogress = () => {
			if (xhr.status === 200 && isEventStream()) consume()
		}
		xhr.onload = () => {
			if (xhr.status !== 200) return reject(new ImportRequestError(messageForStatus(xhr.status, xhr.responseText)))
			if (!isEventStream()) return reject(new ImportRequestError('登录已失效，请刷新页面并重新登录后再导入。'))
			consume()
			if (failure) return reject(new ImportRequestError(failure))
			if (!result) return reject(new ImportRequestError('服务器的响应不完整，请重试。'))
			resolve(result)
		}
		xhr.onerror = () => reject(new ImportRequestError(messageForStatus(0, '')))
		const form = new FormData()
		form.append('step', request.step)
		if (request.mode) form.append('mode', request.mode)
		if (request.defaultStatus) form.append('defaultStatus', request.defaultStatus)
		form.append('file', request.file)
		xhr.send(form)
	})
}
