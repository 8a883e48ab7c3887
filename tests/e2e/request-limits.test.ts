// The built server limits request bodies by route while they stream in (issue 8, item 7;
// ADR 009): an anonymous chunked gigabyte to /login gets a 413 and the server's memory stays
// flat; malformed bodies get a 400; a person still signs in through the real form.
import { readdirSync, readFileSync } from 'node:fs'
import { postChunked } from '#tests/chunked-post.ts'
import { expect, loginAs, test } from './fixtures.ts'

const MB = 1024 * 1024

/** The `node server.mjs` process serving this port (e2e-server.mjs starts it with PORT set). */
function serverPid(port: string) {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue
		try {
			const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
			if (!command.some((part) => part.endsWith('server.mjs'))) continue
			if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`PORT=${port}`)) return Number(entry)
		} catch {
			// A process that ended or is not ours.
		}
	}
	return null
}

function rssOf(pid: number) {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith('VmRSS:'))
	return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024
}

test('an anonymous chunked 1 GB POST to /login is refused with 413; the server does not grow', async ({ baseURL }) => {
	const url = new URL('/login', baseURL)
	const pid = serverPid(url.port)
	expect(pid, 'the e2e server process').not.toBeNull()
	const before = rssOf(pid!)
	let peak = before
	const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid!))), 20)
	const outcome = await postChunked(url.href, { totalBytes: 1024 * MB, headers: { origin: url.origin, accept: 'text/html' } }).finally(() => clearInterval(timer))
	console.info(`1 GB chunked POST to /login: ${outcome.status} after ${(outcome.bytesSent / MB).toFixed(1)} MB sent; server RSS +${((peak - before) / MB).toFixed(0)} MB`)
	expect(outcome.status).toBe(413)
	expect(outcome.body).toContain('提交的内容过大（超过 16 KB），未被处理')
	expect(outcome.bytesSent).toBeLessThan(256 * MB)
	expect(peak - before).toBeLessThan(100 * MB)
})

test('an oversize chunked answer save gets a JSON 413; malformed bodies to /login get a 400', async ({ baseURL, request }) => {
	const origin = new URL(baseURL!).origin
	const save = await postChunked(new URL('/exams/attempts/any/answers', baseURL).href, {
		totalBytes: 64 * MB,
		headers: { origin, 'content-type': 'application/json', accept: 'application/json' },
	})
	expect(save.status).toBe(413)
	expect(JSON.parse(save.body)).toEqual({ message: '提交的内容过大（超过 256 KB），未被处理。请删减内容后重试。' })

	for (const [contentType, data] of [
		['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin'],
		['text/plain', 'username=admin&password=x'],
	] as const) {
		const response = await request.post('/login', { headers: { origin, 'content-type': contentType, accept: 'text/html' }, data })
		expect(response.status(), contentType).toBe(400)
		expect(await response.text()).toContain('请求内容格式不正确，未被处理')
	}
})

test('after all that, a person signs in and out through the real forms', async ({ page }) => {
	await loginAs(page, 'admin')
	await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
})
