// Shared helpers for browser tests. Demo people come from prisma/demo-data.ts.
import { expect, test as base, type Page } from '@playwright/test'
import { DEMO_PASSWORD } from '../../prisma/demo-data.ts'

export { DEMO_PASSWORD }

/** Signs in through the real form, as a person would. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD) {
	const requests = trackRequests(page)
	await page.goto('/login')
	await page.getByLabel('工号').fill(username)
	await page.getByLabel('密码').fill(password)
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).not.toHaveURL(/\/login/)
	// The page signed in to fetches route manifests for its links; a test's next page.goto
	// would abort them, and Chromium logs each aborted fetch as an error of the page.
	await requests.settled()
	requests.stop()
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: '账户菜单' }).or(page.getByLabel('账户菜单')).first().click()
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL(/\/login/)
}

export const test = base
export { expect }

/**
 * A phone as Chromium emulates one: a 390 px layout viewport, touch, and the mobile
 * viewport meta tag honoured. Without `isMobile`, a page wider than the window is simply
 * clipped and scrolled as on a desktop, and a wide layout can go unnoticed.
 */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 }

/**
 * Fails when the page is wider than the screen a person holds. On a phone the layout
 * viewport grows to fit wide content (so `innerWidth` grows with it); compare with the
 * viewport the test set instead.
 */
export async function expectNoSidewaysScroll(page: Page) {
	const screenWidth = page.viewportSize()!.width
	await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `page wider than ${screenWidth} px` }).toBeLessThanOrEqual(screenWidth)
}

/** Tells when a page has had no request in flight for half a second (manifest fetches are debounced by 100 ms). */
function trackRequests(page: Page) {
	const inFlight = new Set<unknown>()
	const add = (request: unknown) => inFlight.add(request)
	const remove = (request: unknown) => inFlight.delete(request)
	page.on('request', add)
	page.on('requestfinished', remove)
	page.on('requestfailed', remove)
	return {
		async settled() {
			let quietSince = Date.now()
			await expect
				.poll(
					() => {
						if (inFlight.size > 0) quietSince = Date.now()
						return Date.now() - quietSince >= 500
					},
					{ intervals: [100], timeout: 30_000, message: 'the page kept requests in flight' },
				)
				.toBe(true)
		},
		stop() {
			page.off('request', add)
			page.off('requestfinished', remove)
			page.off('requestfailed', remove)
		},
	}
}

/**
 * Remix asks for the route manifests of the links a page renders (lazy route discovery,
 * debounced after each render). Leaving or reloading the page aborts that fetch, and
 * Remix then logs "Failed to fetch manifest patches" to the console: harmless, and a race
 * no test can close for every navigation. So the console line itself is not counted;
 * instead every manifest request is checked on the wire: it must be answered without an error status,
 * or fail only because the browser aborted it (net::ERR_ABORTED). A server that refuses
 * or breaks the manifest request still fails the test.
 */
const MANIFEST_ABORT_LOG = 'Failed to fetch manifest patches'

export function watchManifestRequests(page: Page, problems: string[]) {
	const isManifest = (url: string) => new URL(url).pathname === '/__manifest'
	page.on('response', (response) => {
		if (isManifest(response.url()) && response.status() >= 400) problems.push(`manifest ${response.status()} ${response.url()}`)
	})
	page.on('requestfailed', (request) => {
		const reason = request.failure()?.errorText ?? 'unknown'
		if (isManifest(request.url()) && reason !== 'net::ERR_ABORTED') problems.push(`manifest failed: ${reason} ${request.url()}`)
	})
}

/** True for a console error the page logs only because the browser aborted a manifest fetch. */
export function isAbortedManifestLog(text: string) {
	return text.startsWith(MANIFEST_ABORT_LOG)
}

/**
 * Collects what the page logs as errors, and tells when it has no request in flight.
 * Route-manifest fetches are checked on the wire rather than by their console line (see
 * `watchManifestRequests`); a test still waits for `settled()` before reading the errors.
 */
export function watchPage(page: Page, errors: string[] = []) {
	page.on('pageerror', (error) => errors.push(error.message))
	page.on('console', (message) => {
		if (message.type() === 'error' && !isAbortedManifestLog(message.text())) errors.push(message.text())
	})
	watchManifestRequests(page, errors)
	const requests = trackRequests(page)
	return { errors, settled: () => requests.settled() }
}
