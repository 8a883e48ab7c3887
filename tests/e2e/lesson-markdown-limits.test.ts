// Issue 8, item 4, against the production build (build/server/index.js run by server.mjs,
// its lesson workers from build/server/lesson-worker.js): each pathological lesson sent to
// the preview is refused with a Chinese message, while GET /login, polled every 100 ms on
// the same server, keeps answering within 1 s of its own latency measured just before.
import { spawn } from 'node:child_process'
import { type APIRequestContext, request as playwrightRequest } from '@playwright/test'
import { PATHOLOGICAL_BODIES, SLOW_BUT_ALLOWED_BODY } from '../pathological-lessons.ts'
import { DEMO_PASSWORD, expect, loginAs, test } from './fixtures.ts'

const RESPONSIVE_MS = 1_000
/** The check's and the compile's time limits (LESSON_WORKER_LIMITS) and room for a busy machine. */
const ANSWER_LIMIT_MS = 10_000 + 30_000 + 10_000
const CHINESE = /[\u4e00-\u9fff]/

test.describe.configure({ timeout: 600_000 })

/** Polls GET /login every 100 ms until stopped; the slowest answer is the event loop's worst stall. */
function pollLogin(api: APIRequestContext, origin: string) {
	let running = true
	let slowest = 0
	let answered = 0
	const loop = (async () => {
		while (running) {
			const started = performance.now()
			const response = await api.get(`${origin}/login`)
			expect(response.status()).toBe(200)
			slowest = Math.max(slowest, performance.now() - started)
			answered += 1
			await new Promise((resolve) => setTimeout(resolve, 100))
		}
	})()
	return async () => {
		running = false
		await loop
		return { slowest, answered }
	}
}

async function baselineLatency(api: APIRequestContext, origin: string) {
	const stop = pollLogin(api, origin)
	await new Promise((resolve) => setTimeout(resolve, 2_000))
	return (await stop()).slowest
}

function previewForm(body: string) {
	return { title: '压力测试', estimatedMinutes: '5', summary: '', tags: '', regulations: '', body }
}

test('pathological lessons sent to the preview are refused in Chinese while other pages keep answering', async ({ page, baseURL }) => {
	const origin = new URL(baseURL!).origin
	await loginAs(page, 'lecturer')
	const watcher = await playwrightRequest.newContext()
	try {
		const baseline = await baselineLatency(watcher, origin)
		const attacks = [...PATHOLOGICAL_BODIES, { name: 'dense emphasis within every limit', body: SLOW_BUT_ALLOWED_BODY }]
		for (const { name, body } of attacks) {
			const stop = pollLogin(watcher, origin)
			const started = performance.now()
			const response = await page.request.post('/lecturer/preview', { form: previewForm(body), headers: { origin }, timeout: ANSWER_LIMIT_MS })
			const elapsed = performance.now() - started
			// Let the poller see the server once more after the answer, then stop it.
			await new Promise((resolve) => setTimeout(resolve, 300))
			const { slowest, answered } = await stop()
			console.log(`${name}: answered in ${Math.round(elapsed)} ms; slowest GET /login ${Math.round(slowest)} ms (baseline ${Math.round(baseline)} ms, ${answered} polls)`)
			expect(elapsed, name).toBeLessThan(ANSWER_LIMIT_MS)
			expect(answered, name).toBeGreaterThan(0)
			expect(slowest, `${name}: slowest GET /login during the attack (baseline ${Math.round(baseline)} ms)`).toBeLessThan(RESPONSIVE_MS + baseline)
			const result = (await response.json()) as { ok: boolean; message?: string; line?: number | null; code?: string }
			if (name === 'dense emphasis within every limit') {
				// Within the limits: compiled, or stopped at the time limit with a Chinese reason.
				if (!result.ok) expect(result.message).toMatch(/^正文第\d+行：正文过于复杂/)
				continue
			}
			expect(response.status(), name).toBe(200)
			expect(result.ok, name).toBe(false)
			expect(result.message, name).toMatch(CHINESE)
			expect(result.message, name).toMatch(/^(正文第\d+行：|课时信息有误：)/)
		}

		// An ordinary lesson still previews, compiled by the built worker.
		const normal = await page.request.post('/lecturer/preview', { form: previewForm('# 标题\n\n**粗体**和*强调*。'), headers: { origin } })
		const preview = (await normal.json()) as { ok: boolean; code?: string }
		expect(preview.ok).toBe(true)
		expect(preview.code).toContain('粗体')
	} finally {
		await watcher.dispose()
	}
})

test('with WEB_CONCURRENCY=2 each server process compiles lessons in its own workers and refuses an attack', async ({ page }) => {
	const port = Number(process.env.E2E_PORT ?? 3100) + 60
	const origin = `http://127.0.0.1:${port}`
	const log = { text: '' }
	const server = spawn(process.execPath, ['server.mjs'], {
		env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db', PORT: String(port), HOST: '127.0.0.1', WEB_CONCURRENCY: '2' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	server.stdout!.on('data', (chunk: Buffer) => (log.text += chunk.toString()))
	server.stderr!.on('data', (chunk: Buffer) => (log.text += chunk.toString()))
	try {
		await expect.poll(() => log.text, { timeout: 90_000 }).toContain('（2 个服务进程）')
		await page.goto(`${origin}/login`)
		await page.getByLabel('工号').fill('lecturer')
		await page.getByLabel('密码').fill(DEMO_PASSWORD)
		await page.getByRole('button', { name: '登录' }).click()
		await expect(page).not.toHaveURL(/\/login/)
		// Several previews, so both processes (the OS picks one per connection) answer some.
		for (let i = 0; i < 4; i++) {
			const normal = await page.request.post(`${origin}/lecturer/preview`, { form: previewForm(`第 ${i} 次预览：**粗体**。`), headers: { origin }, timeout: ANSWER_LIMIT_MS })
			const preview = (await normal.json()) as { ok: boolean; code?: string }
			expect(preview.ok, log.text).toBe(true)
			expect(preview.code).toContain(`第 ${i} 次预览`)
		}
		const attack = await page.request.post(`${origin}/lecturer/preview`, { form: previewForm(PATHOLOGICAL_BODIES[0]!.body), headers: { origin }, timeout: ANSWER_LIMIT_MS })
		expect(await attack.json()).toEqual({ ok: false, line: 1, message: expect.stringMatching(/^正文第1行：连续的“\*”过多/), warnings: [] })
	} finally {
		server.kill('SIGTERM')
		await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve(null)))
	}
})
