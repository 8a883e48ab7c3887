// Browser side of an import: sends the file with XMLHttpRequest (whose upload events give
// real byte progress) and reads the server's newline-delimited events as they arrive.
import type { ImportKind, ImportOutcome, ImportPreview, ImportProgress, ImportStreamEvent } from '#app/admin/import/types.ts'

export const IMPORT_ENDPOINT = '/admin/import/run'

type Final<M> = M extends 'preview' ? ImportPreview : ImportOutcome

export class ImportRequestError extends Error {}

function messageForStatus(status: number, body: string) {
	try {
		const parsed = JSON.parse(body) as { message?: unknown }
		if (typeof parsed.message === 'string') return parsed.message
	} catch {
		// Not JSON: fall through to a message by status.
	}
	if (status === 403) return '需要管理员身份才能导入。'
	if (status === 413) return '文件过大，请拆分后分批导入。'
	if (status === 0) return '网络连接中断，请检查网络后重试。'
	return `服务器未能处理请求（${status}），请稍后重试。`
}

export function runImport<M extends 'preview' | 'commit'>({
	kind,
	mode,
	file,
	onProgress,
}: {
	kind: ImportKind
	mode: M
	file: File
	onProgress: (progress: ImportProgress) => void
}): { done: Promise<Final<M>>; abort: () => void } {
	const xhr = new XMLHttpRequest()
	const done = new Promise<Final<M>>((resolve, reject) => {
		let consumed = 0
		let final: Final<M> | null = null
		let failure: string | null = null

		const consume = () => {
			const text = xhr.responseText
			const end = text.lastIndexOf('\n') + 1
			if (end <= consumed) return
			for (const line of text.slice(consumed, end).split('\n')) {
				if (!line.trim()) continue
				const event = JSON.parse(line) as ImportStreamEvent
				if (event.type === 'progress') onProgress(event)
				else if (event.type === 'preview') final = event.preview as Final<M>
				else if (event.type === 'done') final = event.outcome as Final<M>
				else failure = event.message
			}
			consumed = end
		}
		const isEventStream = () => (xhr.getResponseHeader('Content-Type') ?? '').includes('application/x-ndjson')

		xhr.open('POST', IMPORT_ENDPOINT)
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress({ phase: 'upload', done: event.loaded, total: event.total })
		}
		xhr.onprogress = () => {
			if (xhr.status === 200 && isEventStream()) consume()
		}
		xhr.onload = () => {
			if (xhr.status !== 200) return reject(new ImportRequestError(messageForStatus(xhr.status, xhr.responseText)))
			// A sign-in page instead of events means the session ended while the page was open.
			if (!isEventStream()) return reject(new ImportRequestError('登录已失效，请刷新页面并重新登录后再导入。'))
			consume()
			if (failure) return reject(new ImportRequestError(failure))
			if (!final) return reject(new ImportRequestError('服务器的响应不完整，请重试。'))
			resolve(final)
		}
		xhr.onerror = () => reject(new ImportRequestError(messageForStatus(0, '')))
		xhr.onabort = () => reject(new ImportRequestError('已取消。'))

		const form = new FormData()
		form.append('kind', kind)
		form.append('mode', mode)
		form.append('file', file)
		xhr.send(form)
	})
	return { done, abort: () => xhr.abort() }
}
