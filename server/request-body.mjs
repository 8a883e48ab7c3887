// Request bodies are read here, before any route runs (ADR 009): counted as they arrive
// (chunked or not), refused with 413 the moment they pass their route's limit, and refused
// with 400 when a route that reads a form gets something that is not one. An anonymous 1 GB
// chunked POST to /login used to be buffered whole (RSS +1.3 GB) and end in a 500.
import { createReadableStreamFromReadable, createRequestHandler as createFetchRequestHandler, writeReadableStreamToWritable } from '@remix-run/node'

const KB = 1024
const MB = 1024 * KB

/** What a multipart upload adds around the file: boundaries, part headers and the other fields. */
const MULTIPART_OVERHEAD = 64 * KB
/** The import pages' own file limits (app/admin/import/types.ts, app/exams/import/import-events.ts). */
export const USER_IMPORT_MAX_BYTES = 10 * MB
export const BANK_IMPORT_MAX_BYTES = 20 * MB
/** One lesson image (LESSON_IMAGE_MAX_BYTES in app/courses/images/validate-image.ts, ADR 016) and its form. */
export const LESSON_IMAGE_UPLOAD_LIMIT = 5 * MB + MULTIPART_OVERHEAD

/**
 * Limits by path (after a single-fetch `.data` suffix is taken off), first match wins.
 * `form: true` routes read their body with request.formData(): anything else is a 400.
 */
export const BODY_RULES = [
	{ pattern: /^\/(login|logout)\/?$/, limit: 16 * KB, form: true },
	// The answer save path reads JSON as text (ADR 031); its own check refuses answers over 64K characters.
	{ pattern: /^\/exams\/attempts\/[^/]+\/answers\/?$/, limit: 256 * KB, form: false },
	{
		pattern: /^\/admin\/import\/run\/?$/,
		limit: USER_IMPORT_MAX_BYTES + MULTIPART_OVERHEAD,
		form: true,
		tooLarge: `文件超过 ${USER_IMPORT_MAX_BYTES / MB} MB，请拆分后分批导入`,
	},
	{
		// The spreadsheet import's upload, and the document import page (a Word, Moodle or GIFT file, or pasted text; ADR 027).
		pattern: /^\/bank\/import\/(run|document)\/?$/,
		limit: BANK_IMPORT_MAX_BYTES + MULTIPART_OVERHEAD,
		form: true,
		tooLarge: `文件超过 ${BANK_IMPORT_MAX_BYTES / MB} MB，请拆分后分批导入`,
	},
	// The editor's image upload (ADR 016): this one path, so no other lecturer form grows.
	{ pattern: /^\/lecturer\/lesson-images\/?$/, limit: LESSON_IMAGE_UPLOAD_LIMIT, form: true, tooLarge: '图片超过 5 MB，请压缩后再上传', okReply: true },
	// Lesson editor, preview and course pages: a 60,000-character lesson is up to 540 KB form-encoded.
	{ pattern: /^\/lecturer(\/|$)/, limit: 2 * MB, form: true },
	{ pattern: /.*/, limit: 256 * KB, form: true },
]

export function bodyRuleFor(path) {
	const bare = path === '/_root.data' ? '/' : path.replace(/\.data$/, '')
	return BODY_RULES.find((rule) => rule.pattern.test(bare))
}

function sizeText(bytes) {
	return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / KB)} KB`
}

/** Documents get a page; fetch, XHR and single-fetch `.data` requests get JSON with `message`. */
function wantsJson(req) {
	return req.path.endsWith('.data') || !(req.get('accept') ?? '').includes('text/html')
}

/**
 * After a 413 the client is usually still sending. Closing a socket with unread data makes the
 * kernel send a reset, and a client that gets the reset before it has read the answer sees
 * "connection reset" instead of the Chinese message (seen in e2e under load). So, as nginx's
 * lingering close does, the server sends its answer and its FIN, then keeps reading and
 * discarding for a short while, and only then lets go of the connection.
 */
const LINGER_MS = 2000
const LINGER_BYTES = 32 * 1024 * 1024

function lingerBeforeClosing(req) {
	const socket = req.socket
	// Node's server calls destroySoon() once a `Connection: close` answer is sent.
	socket.destroySoon = function lingeringClose() {
		let discarded = 0
		const timer = setTimeout(() => socket.destroy(), LINGER_MS)
		timer.unref()
		socket.once('close', () => clearTimeout(timer))
		// The HTTP parser goes on reading the body into the request, whose data is ignored.
		req.on('data', (chunk) => {
			discarded += chunk.length
			if (discarded > LINGER_BYTES) socket.destroy()
		})
		req.resume()
		socket.end()
	}
}

function refuse(req, res, status, message, rule) {
	if (res.headersSent) return
	if (status === 413) {
		res.set('Connection', 'close')
		lingerBeforeClosing(req)
	}
	if (wantsJson(req)) {
		// The image upload's own answers are `{ ok, … }` (ADR 016): its refusal here is shaped alike.
		res.status(status).json(rule?.okReply ? { ok: false, message } : { message })
		return
	}
	const title = status === 413 ? '提交的内容过大' : '请求内容格式不正确'
	res
		.status(status)
		.type('text/html; charset=utf-8')
		.send(
			`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · 红审学堂</title></head>` +
				`<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p></body></html>`,
		)
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** Parses the body the way the route's request.formData() will; false when that would throw. */
async function parsesAsForm(contentType, body) {
	const type = contentType.split(';')[0].trim().toLowerCase()
	if (!FORM_TYPES.includes(type)) return false
	try {
		await new Request('http://body.check/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData()
		return true
	} catch {
		return false
	}
}

export const MALFORMED_BODY = '请求内容格式不正确，未被处理。请刷新页面后重试。'

/**
 * Express middleware: reads every request body (but GET and HEAD) into `req.bufferedBody`, up
 * to its route's limit. Over the limit -> 413 at once (a declared Content-Length is checked
 * before reading), and the rest of the body is discarded unread as the connection closes.
 */
export function limitRequestBodies() {
	return (req, res, next) => {
		if (req.method === 'GET' || req.method === 'HEAD') return next()
		const rule = bodyRuleFor(req.path)
		const tooLarge = rule.tooLarge ?? `提交的内容过大（超过 ${sizeText(rule.limit)}），未被处理。请删减内容后重试。`
		const declared = Number(req.get('content-length'))
		if (Number.isFinite(declared) && declared > rule.limit) {
			req.resume()
			return refuse(req, res, 413, tooLarge, rule)
		}
		const chunks = []
		let received = 0
		let refused = false
		req.on('data', (chunk) => {
			if (refused) return
			received += chunk.length
			if (received > rule.limit) {
				refused = true
				chunks.length = 0
				refuse(req, res, 413, tooLarge, rule)
				return
			}
			chunks.push(chunk)
		})
		req.on('error', () => {
			refused = true
			chunks.length = 0
		})
		req.on('end', () => {
			if (refused) return
			const body = Buffer.concat(chunks, received)
			chunks.length = 0
			void handOn(req, res, next, rule, body).catch(next)
		})
	}
}

async function handOn(req, res, next, rule, body) {
	if (rule.form) {
		const contentType = req.get('content-type')
		if (!contentType && body.length === 0) {
			// A bodiless POST (a button with no fields): an empty form, so the route answers it.
			req.headers['content-type'] = 'application/x-www-form-urlencoded'
		} else if (!contentType || !(await parsesAsForm(contentType, body))) {
			return refuse(req, res, 400, MALFORMED_BODY, rule)
		}
	}
	req.bufferedBody = body
	next()
}

/**
 * Remix's Express adapter, reading the body limitRequestBodies kept instead of the request
 * stream (which that middleware has drained). Same URL, headers and abort handling as
 * @remix-run/express 2.17's createRemixRequest and sendRemixResponse.
 */
export function createRequestHandler({ build, mode, getLoadContext }) {
	const handleRequest = createFetchRequestHandler(build, mode)
	return async (req, res, next) => {
		try {
			const request = createRemixRequest(req, res)
			const response = await handleRequest(request, await getLoadContext?.(req, res))
			await sendRemixResponse(res, response)
		} catch (error) {
			next(error)
		}
	}
}

function createRemixRequest(req, res) {
	const [, hostnamePortText] = req.get('X-Forwarded-Host')?.split(':') ?? []
	const [, hostPortText] = req.get('host')?.split(':') ?? []
	const hostnamePort = Number.parseInt(hostnamePortText, 10)
	const hostPort = Number.parseInt(hostPortText, 10)
	const port = Number.isSafeInteger(hostnamePort) ? hostnamePort : Number.isSafeInteger(hostPort) ? hostPort : ''
	const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
	let controller = new AbortController()
	const headers = new Headers()
	for (const [key, values] of Object.entries(req.headers)) {
		if (!values) continue
		if (Array.isArray(values)) for (const value of values) headers.append(key, value)
		else headers.set(key, values)
	}
	const init = { method: req.method, headers, signal: controller.signal }
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		// Without the middleware in front (a test app), read the stream as the stock adapter does.
		init.body = req.bufferedBody ?? createReadableStreamFromReadable(req)
		init.duplex = 'half'
	}
	res.on('finish', () => (controller = null))
	res.on('close', () => controller?.abort())
	return new Request(url.href, init)
}

async function sendRemixResponse(res, response) {
	res.statusMessage = response.statusText
	res.status(response.status)
	for (const [key, value] of response.headers.entries()) res.append(key, value)
	if (response.headers.get('Content-Type')?.match(/text\/event-stream/i)) res.flushHeaders()
	if (response.body) await writeReadableStreamToWritable(response.body, res)
	else res.end()
}
