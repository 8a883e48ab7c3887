// Lesson images in the browser (issue 14 part 7, ADR 016): the demo budget lesson shows the flow
// chart kept beside it in git, served from /lesson-images/<sha256>.png with its cache and safety
// headers; the page fits a 320 px phone and passes axe. A lecturer's upload through the real
// server (body gate, Origin check) answers the toolbar's JSON, and a learner may not upload.
import AxeBuilder from '@axe-core/playwright'
import { encodePng } from '#app/courses/images/test-images.ts'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test, watchPage } from './fixtures.ts'

const LESSON = '/learn/courses/fiscal-budget-execution/budget-law-basics'

test.describe('a lesson with an image', () => {
	test.use({ ...PHONE, viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 })

	test('the learner sees the image loaded, on a 320 px phone, with no axe violation', async ({ page }) => {
		const watched = watchPage(page)
		await loginAs(page, 'learner')
		const served: { url: string; headers: Record<string, string> }[] = []
		page.on('response', (response) => {
			if (response.url().includes('/lesson-images/')) served.push({ url: response.url(), headers: response.headers() })
		})
		await page.goto(LESSON)
		const image = page.getByRole('img', { name: /预算收支的四个环节/ })
		await expect(image).toHaveAttribute('src', /^\/lesson-images\/[0-9a-f]{64}\.png$/)
		// Lesson images load lazily: scrolled to, it loads.
		await image.scrollIntoViewIfNeeded()
		await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(640)
		await expect(image).toBeVisible()
		await expectNoSidewaysScroll(page)
		const box = await image.boundingBox()
		expect(box!.width).toBeLessThanOrEqual(320)

		expect(served).toHaveLength(1)
		expect(served[0]!.headers).toMatchObject({
			'content-type': 'image/png',
			'cache-control': 'private, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
		})
		expect(served[0]!.headers.etag).toMatch(/^"[0-9a-f]{64}"$/)

		const results = await new AxeBuilder({ page }).analyze()
		expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([])
		await watched.settled()
		// A CSP violation (the image blocked) or a failed load would be logged here.
		expect(watched.errors).toEqual([])
	})
})

test('a lecturer uploads an image through the server and anyone signed in reads it; a learner may not upload', async ({ page, browser }) => {
	await loginAs(page, 'lecturer')
	const png = Buffer.from(encodePng(40, 30, (x, y) => [x * 6, y * 8, 120, 255]))
	const answer = await page.request.post('/lecturer/lesson-images', {
		headers: { origin: new URL(page.url()).origin, accept: 'application/json' },
		multipart: { image: { name: 'whatever.gif', mimeType: 'image/gif', buffer: png } },
	})
	expect(answer.status()).toBe(200)
	const body = await answer.json()
	expect(body).toMatchObject({ ok: true, width: 40, height: 30, byteLength: png.length, url: expect.stringMatching(/^\/lesson-images\/[0-9a-f]{64}\.png$/) })
	expect(body.markdown).toBe(`![](${body.url})`)

	const svg = await page.request.post('/lecturer/lesson-images', {
		headers: { origin: new URL(page.url()).origin, accept: 'application/json' },
		multipart: { image: { name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') } },
	})
	expect(svg.status()).toBe(415)
	expect((await svg.json()).message).toMatch(/^不支持的图片格式：SVG/)

	// Over 5 MB: the body gate answers before the route, in the same shape.
	const tooBig = await page.request.post('/lecturer/lesson-images', {
		headers: { origin: new URL(page.url()).origin, accept: 'application/json' },
		multipart: { image: { name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024) } },
	})
	expect(tooBig.status()).toBe(413)
	expect(await tooBig.json()).toEqual({ ok: false, message: '图片超过 5 MB，请压缩后再上传' })

	const learner = await browser.newPage()
	await loginAs(learner, 'learner')
	const read = await learner.request.get(body.url)
	expect(read.status()).toBe(200)
	expect(Buffer.from(await read.body()).equals(png)).toBe(true)
	const refused = await learner.request.post('/lecturer/lesson-images', {
		headers: { origin: new URL(learner.url()).origin, accept: 'application/json' },
		multipart: { image: { name: 'x.png', mimeType: 'image/png', buffer: png } },
	})
	expect(refused.status()).toBe(403)
	await learner.close()
})
