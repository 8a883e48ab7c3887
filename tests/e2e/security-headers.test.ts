// The Content-Security-Policy in a real Chromium (ADR 041): the login page, a lesson page served
// from the shared document to two readers, a lesson reached by client navigation (the MDX
// runtime), the test-taking page and an admin page all hydrate and work, and the browser
// reports no CSP violation on any of them.
import type { BrowserContext, Page, Response } from '@playwright/test'
import { createBrowserRound, createLoginPerson } from '#app/exams/rounds/test-fixtures.ts'
import { createDb, type Db } from '#app/utils/db-client.server.ts'
import { expect, isAbortedManifestLog, loginAs, test, watchManifestRequests, watchPage } from './fixtures.ts'

const LESSON = '/learn/courses/fiscal-budget-execution/budget-law-basics'
const LESSON_HEADING = '预算法框架与预算执行审计思路'
const PASSWORD = 'Csp-e2e-2026'

let db: Db
test.beforeAll(() => {
	db = createDb(process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db')
})
test.afterAll(async () => {
	await db.$disconnect()
})

/**
 * Every violation the page reports, by event and by console message, page errors, and
 * requests that failed (by address, so a missing favicon is told from a blocked script).
 */
async function watchCsp(context: BrowserContext, page: Page) {
	await context.addInitScript(() => {
		const seen: string[] = []
		;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
		document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
	})
	const problems: string[] = []
	const { settled } = watchPage(page, [])
	page.on('pageerror', (error) => problems.push(error.message))
	watchManifestRequests(page, problems)
	page.on('console', (message) => {
		const text = message.text()
		if (text.includes('Content Security Policy') || (message.type() === 'error' && !text.startsWith('Failed to load resource') && !isAbortedManifestLog(text))) problems.push(text)
	})
	// Chromium asks for /favicon.ico on its own; the app has none, and that is no concern here.
	page.on('response', (response) => {
		if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`)
	})
	return {
		settled,
		async expectClean() {
			await settled()
			const reported = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['no watcher'])
			expect(reported).toEqual([])
			expect(problems).toEqual([])
		},
	}
}

/** The nonce the response's policy allows; every inline script of the page carries exactly it. */
async function documentNonce(response: Response | null) {
	expect(response?.status()).toBe(200)
	const headers = response!.headers()
	const policy = headers['content-security-policy'] ?? ''
	expect(policy).toContain("frame-ancestors 'none'")
	expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/)
	expect(headers['permissions-policy']).toContain('camera=()')
	expect(headers['x-content-type-options']).toBe('nosniff')
	expect(headers['referrer-policy']).toBe('same-origin')
	// Cookies are not Secure on this plain-HTTP test server, so no HSTS.
	expect(headers['strict-transport-security']).toBeUndefined()
	const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
	expect(nonce).toBeTruthy()
	const html = await response!.text()
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")([^>]*)>/g)].map((match) => match[1]!)
	expect(inline.length).toBeGreaterThan(0)
	for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`)
	return nonce!
}

async function hydrated(page: Page) {
	await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))).toBe(true)
}

test('the login page sends its policy and headers, hydrates and signs in with no CSP violation', async ({ page, context }) => {
	const csp = await watchCsp(context, page)
	await documentNonce(await page.goto('/login'))
	await hydrated(page)
	// The tab shows the app's own icon, served from public/.
	const icon = await page.locator('link[rel="icon"]').getAttribute('href')
	const iconResponse = await page.request.get(icon!)
	expect(iconResponse.status()).toBe(200)
	expect(iconResponse.headers()['content-type']).toContain('image/svg+xml')
	await loginAs(page, 'learner')
	await csp.expectClean()
})

test('a lesson from the shared document, twice for two readers: a fresh nonce each, hydrated, no violation', async ({ browser }) => {
	const readers = [
		{ username: 'learner', name: '李青年' },
		{ username: 's0007', name: null },
	]
	const nonces: string[] = []
	for (const reader of readers) {
		const context = await browser.newContext()
		const page = await context.newPage()
		try {
			const csp = await watchCsp(context, page)
			await loginAs(page, reader.username)
			await csp.settled()
			nonces.push(await documentNonce(await page.goto(LESSON)))
			await expect(page.getByRole('heading', { level: 1, name: LESSON_HEADING })).toBeVisible()
			await hydrated(page)
			// The name comes from the personal island after hydration: the shared HTML has none.
			const menu = page.getByLabel('账户菜单')
			await expect(menu).not.toContainText('我的账户')
			if (reader.name) await expect(menu).toContainText(reader.name)
			// The knowledge check is the MDX runtime's own component, working.
			await expect(page.getByRole('region', { name: '随堂小测' })).toBeVisible()
			await csp.expectClean()
		} finally {
			await context.close()
		}
	}
	expect(nonces[0]).not.toBe(nonces[1])
})

test('a lesson reached by client navigation evaluates its MDX under the course page’s policy', async ({ page, context }) => {
	const csp = await watchCsp(context, page)
	await loginAs(page, 'learner')
	// Leaving a page aborts the route-manifest fetches it has in flight, which logs an error.
	await csp.settled()
	await documentNonce(await page.goto('/learn/courses/fiscal-budget-execution'))
	await hydrated(page)
	await page.getByRole('link', { name: /支出与政府采购审计要点/ }).first().click()
	await expect(page).toHaveURL(/expenditure-and-procurement$/)
	await expect(page.getByRole('heading', { level: 1, name: '支出与政府采购审计要点' })).toBeVisible()
	await csp.expectClean()
})

test('the test-taking page hydrates and saves answers with no CSP violation', async ({ page, context }) => {
	const learner = await createLoginPerson(db, { password: PASSWORD })
	const round = await createBrowserRound(db, new Date(), { userIds: [learner.id] })
	const csp = await watchCsp(context, page)
	await loginAs(page, learner.username, PASSWORD)
	await csp.settled()
	await page.goto('/exams')
	await page.getByRole('link', { name: round.title }).click()
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page).toHaveURL(/\/exams\/attempts\/[^/]+$/)
	await csp.settled()
	await documentNonce(await page.reload())
	await hydrated(page)
	await expect(page.getByRole('timer')).toHaveText(/^\d\d:\d\d$/)
	await page.locator('#question-4').getByLabel('正确').check()
	await expect(page.getByTestId('save-status')).toHaveText('已保存')
	await csp.expectClean()
})

test('the admin audit page hydrates, verifies the chain against its checkpoints, with no CSP violation', async ({ page, context }) => {
	const csp = await watchCsp(context, page)
	await loginAs(page, 'admin')
	await csp.settled()
	await documentNonce(await page.goto('/admin/audit'))
	await hydrated(page)
	await expect(page.getByRole('region', { name: '审计检查点' })).toContainText('最新检查点')
	await page.getByRole('button', { name: '校验哈希链' }).click()
	await expect(page.getByText(/哈希链完整：已校验全部 \d+ 条记录/)).toBeVisible()
	// A checkpoint on demand: an audited action confirmed by a toast after the redirect to the
	// verification (post-redirect-get), and the page then shows it as the newest.
	await page.getByRole('button', { name: '立即记录检查点' }).click()
	await expect(page.getByText(/已记录检查点（\d+ 条记录）/)).toBeVisible()
	await expect(page).toHaveURL(/verify=1/)
	await expect(page.getByText(/哈希链完整：已校验全部 \d+ 条记录/)).toBeVisible()
	await expect(page.getByRole('region', { name: '审计检查点' })).toContainText('哈希链与全部检查点相符')
	await csp.expectClean()
})
