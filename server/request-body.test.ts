// Request bodies are limited by route while they stream in, and malformed forms get a 400
// (issue 8, item 7; ADR 009). The middleware is mounted on a bare Express app in front of a
// handler that reports what reached it, as the Remix handler sits behind it in server.mjs.
import { connect, type AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { IMPORT_MAX_BYTES } from '#app/admin/import/types.ts'
import { BANK_IMPORT_MAX_BYTES as BANK_MAX_IN_APP } from '#app/exams/import/import-events.ts'
import { postChunked } from '#tests/chunked-post.ts'
import { BANK_IMPORT_MAX_BYTES, bodyRuleFor, limitRequestBodies, MALFORMED_BODY, USER_IMPORT_MAX_BYTES } from './request-body.mjs'

const MB = 1024 * 1024
let base = ''
let close: () => Promise<void>
let reached = 0

beforeAll(async () => {
	const app = express()
	app.all('*', limitRequestBodies(), async (req, res) => {
		reached++
		const body = (req as express.Request & { bufferedBody: Buffer }).bufferedBody
		const request = new Request('http://app.test/', { method: 'POST', headers: { 'content-type': req.get('content-type') ?? '' }, body: new Uint8Array(body) })
		const fields = bodyRuleFor(req.path).form ? Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.size}`])) : null
		res.json({ bytes: body.length, fields, text: fields ? null : body.toString('utf8') })
	})
	const server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => new Promise((resolve) => server.close(() => resolve()))
})

afterAll(() => close())

/** Samples this process's RSS (server and client both live here) while `work` runs. */
async function peakRssGrowth<T>(work: () => Promise<T>) {
	const start = process.memoryUsage.rss()
	let peak = start
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10)
	try {
		const value = await work()
		return { value, growth: Math.max(peak, process.memoryUsage.rss()) - start }
	} finally {
		clearInterval(timer)
	}
}

describe('request body limits', () => {
	test('a chunked 1 GB POST to /login is refused with 413 after its first 16 KB; memory stays flat', async () => {
		const before = reached
		const { value, growth } = await peakRssGrowth(() => postChunked(`${base}/login`, { totalBytes: 1024 * MB, headers: { accept: 'text/html' } }))
		expect(value.status).toBe(413)
		expect(value.contentType).toContain('text/html')
		expect(value.body).toContain('提交的内容过大（超过 16 KB），未被处理')
		// The server stopped reading long before the gigabyte was sent.
		expect(value.bytesSent).toBeLessThan(64 * MB)
		expect(growth).toBeLessThan(100 * MB)
		expect(reached).toBe(before)
		console.info(`1 GB chunked POST to /login: 413 after ${(value.bytesSent / MB).toFixed(1)} MB sent, RSS +${(growth / MB).toFixed(0)} MB`)
	})

	test('every refused upload gets its answer, not a reset: 40 oversize chunked posts at once all read the 413', async () => {
		// The server answers while the client is still sending; closing then would reset the
		// connection before the client reads the answer (seen in e2e under load).
		const outcomes = await Promise.all(Array.from({ length: 40 }, () => postChunked(`${base}/login`, { totalBytes: 64 * MB, headers: { accept: 'text/html' } })))
		expect(outcomes.map((o) => o.status ?? o.error)).toEqual(outcomes.map(() => 413))
		expect(outcomes.every((o) => o.body.includes('提交的内容过大'))).toBe(true)
	})

	test('a chunked oversize answer save is refused with a JSON 413, and so is a single-fetch .data POST', async () => {
		const save = await postChunked(`${base}/exams/attempts/abc/answers`, { totalBytes: 64 * MB, headers: { 'content-type': 'application/json', accept: 'application/json' } })
		expect(save.status).toBe(413)
		expect(JSON.parse(save.body)).toEqual({ message: '提交的内容过大（超过 256 KB），未被处理。请删减内容后重试。' })
		const data = await postChunked(`${base}/login.data`, { totalBytes: 8 * MB, headers: { accept: 'text/html' } })
		expect(data.status).toBe(413)
		expect(JSON.parse(data.body).message).toContain('16 KB')
	})

	test('a declared Content-Length over the limit is refused before the body is read', async () => {
		// Raw HTTP: fetch will not declare a length it does not send.
		const { port } = new URL(base)
		const raw = await new Promise<string>((resolve, reject) => {
			const socket = connect(Number(port), '127.0.0.1', () => {
				socket.write(`POST /bank/import/run HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${BANK_IMPORT_MAX_BYTES + MB}\r\n\r\n`)
			})
			let text = ''
			socket.on('data', (part) => (text += part.toString('utf8')))
			socket.on('close', () => resolve(text))
			socket.on('error', reject)
		})
		expect(raw).toMatch(/^HTTP\/1\.1 413/)
		expect(raw).toContain('文件超过 20 MB，请拆分后分批导入')
	})

	test('malformed multipart, text/plain and JSON bodies to /login are a 400 with a Chinese message', async () => {
		const cases = [
			{ 'content-type': 'multipart/form-data; boundary=abc', body: '--abc\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin' },
			{ 'content-type': 'multipart/form-data', body: 'username=admin' },
			{ 'content-type': 'text/plain', body: 'username=admin&password=x' },
			{ 'content-type': 'application/json', body: '{"username":"admin"}' },
		]
		for (const { body, ...headers } of cases) {
			const response = await fetch(`${base}/login`, { method: 'POST', headers, body })
			expect(response.status, headers['content-type']).toBe(400)
			expect(await response.json()).toEqual({ message: MALFORMED_BODY })
		}
		const page = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'text/html' }, body: 'x' })
		expect(page.status).toBe(400)
		expect(await page.text()).toContain('请求内容格式不正确')
	})

	test('normal forms, uploads under the limit and answer saves pass through with their bodies intact', async () => {
		const login = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ username: '管理员', password: 'p@ss word' }) })
		expect(await login.json()).toMatchObject({ fields: { username: '管理员', password: 'p@ss word' } })

		const form = new FormData()
		form.set('step', 'preview')
		form.set('file', new Blob([Buffer.alloc(5 * MB, 'a')]), 'bank.xlsx')
		const upload = await fetch(`${base}/bank/import/run`, { method: 'POST', body: form })
		expect(await upload.json()).toMatchObject({ fields: { step: 'preview', file: `file:${5 * MB}` } })

		const answer = JSON.stringify({ questionId: 'q', answer: '答'.repeat(20_000), seq: 1 })
		const save = await postChunked(`${base}/exams/attempts/abc/answers`, { totalBytes: Buffer.byteLength(answer), chunk: Buffer.from(answer), headers: { 'content-type': 'text/plain;charset=UTF-8' } })
		expect(save.status).toBe(200)
		expect(JSON.parse(save.body)).toMatchObject({ text: answer })

		const lesson = await fetch(`${base}/lecturer/preview`, { method: 'POST', body: new URLSearchParams({ body: '中'.repeat(60_000) }) })
		expect(await lesson.json()).toMatchObject({ fields: { body: '中'.repeat(60_000) } })

		const bodiless = await fetch(`${base}/logout`, { method: 'POST' })
		expect(await bodiless.json()).toEqual({ bytes: 0, fields: {}, text: null })
	})

	test('the import limits match the import pages’ own limits', () => {
		expect(USER_IMPORT_MAX_BYTES).toBe(IMPORT_MAX_BYTES)
		expect(BANK_IMPORT_MAX_BYTES).toBe(BANK_MAX_IN_APP)
	})
})
