// Browser side of every file import: XMLHttpRequest (its upload events give real byte
// progress), then the server's newline-delimited JSON events read as they arrive.
// Server side: app/utils/ndjson.server.ts.

export type StreamProgress<Phase extends string = string> = { type: 'progress'; phase: Phase | 'upload'; done: number; total: number }
type StreamEvent<Preview, Outcome> =
	| StreamProgress
	| { type: 'preview'; preview: Preview }
	| { type: 'done'; outcome: Outcome }
	| { type: 'error'; message: string }

export class UploadRequestError extends Error {}

function messageForStatus(status: number, body: string, forbiddenMessage: string) {
	try {
		const parsed = JSON.parse(body) as { message?: unknown; error?: Record<string, unknown> | null }
		if (typeof parsed.message === 'string') return parsed.message
		// A refused field in conform's reply shape (ADR 070): its first message.
		const fieldMessage = Object.values(parsed.error ?? {})
			.flatMap((messages) => (Array.isArray(messages) ? messages : []))
			.find((message): message is string => typeof message === 'string')
		if (fieldMessage) return fieldMessage
	} catch {
		// Not JSON: a message by status below.
	}
	if (status === 403) return forbiddenMessage
	if (status === 413) return '文件过大，请拆分后分批导入。'
	if (status === 0) return '网络连接中断，请检查网络后重试。'
	return `服务器未能处理请求（${status}），请稍后重试。`
}

/** Resolves with the stream's final `preview` or `done` payload; rejects with a Chinese message. */
export function postStreamedUpload<Result>({
	url,
	form,
	onProgress,
	forbiddenMessage,
}: {
	url: string
	form: FormData
	onProgress: (progress: StreamProgress) => void
	forbiddenMessage: string
}): { done: Promise<Result>; abort: () => void } {
	const xhr = new XMLHttpRequest()
	const done = new Promise<Result>((resolve, reject) => {
		let consumed = 0
		let final: Result | null = null
		let failure: string | null = null

		const consume = () => {
			const text = xhr.responseText
			const end = text.lastIndexOf('\n') + 1
			if (end <= consumed) return
			for (const line of text.slice(consumed, end).split('\n')) {
				if (!line.trim()) continue
				const event = JSON.parse(line) as StreamEvent<Result, Result>
				if (event.type === 'progress') onProgress(event)
				else if (event.type === 'preview') final = event.preview
				else if (event.type === 'done') final = event.outcome
				else failure = event.message
			}
			consumed = end
		}
		const isEventStream = () => (xhr.getResponseHeader('Content-Type') ?? '').includes('application/x-ndjson')

		xhr.open('POST', url)
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress({ type: 'progress', phase: 'upload', done: event.loaded, total: event.total })
		}
		xhr.onprogress = () => {
			if (xhr.status === 200 && isEventStream()) consume()
		}
		xhr.onload = () => {
			if (xhr.status !== 200) return reject(new UploadRequestError(messageForStatus(xhr.status, xhr.responseText, forbiddenMessage)))
			// A sign-in page instead of events means the session ended while the page was open.
			if (!isEventStream()) return reject(new UploadRequestError('登录已失效，请刷新页面并重新登录后再导入。'))
			consume()
			if (failure) return reject(new UploadRequestError(failure))
			if (!final) return reject(new UploadRequestError('服务器的响应不完整，请重试。'))
			resolve(final)
		}
		xhr.onerror = () => reject(new UploadRequestError(messageForStatus(0, '', forbiddenMessage)))
		xhr.onabort = () => reject(new UploadRequestError('已取消。'))
		xhr.send(form)
	})
	return { done, abort: () => xhr.abort() }
}
