import { DEMO_PASSWORD, expect, loginAs, logout, test } from './fixtures.ts'

const ROLE_NAV: { username: string; shows: string[]; hides: string[] }[] = [
	{ username: 'admin', shows: ['学习', '排行榜', '讲师', '管理'], hides: ['考试', '导师'] },
	{ username: 'lecturer', shows: ['学习', '排行榜', '讲师'], hides: ['考试', '导师', '管理'] },
	{ username: 'mentor', shows: ['学习', '排行榜', '导师', '讲师'], hides: ['考试', '管理'] },
	{ username: 'learner', shows: ['学习', '考试', '排行榜'], hides: ['导师', '讲师', '管理'] },
]

test.describe('sign-in', () => {
	test('the sign-in page is in Chinese', async ({ page }) => {
		await page.goto('/')
		await expect(page).toHaveURL(/\/login/)
		await expect(page.getByRole('heading', { name: '红审学堂' })).toBeVisible()
		await expect(page.getByLabel('工号')).toBeVisible()
	})

	for (const { username, shows, hides } of ROLE_NAV) {
		test(`${username} signs in and sees the navigation of their roles`, async ({ page }) => {
			await loginAs(page, username)
			const nav = page.getByRole('navigation', { name: '主导航' })
			for (const label of shows) await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible()
			for (const label of hides) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0)
			await logout(page)
		})
	}

	test('a learner opening an admin page gets the Chinese 403 page', async ({ page }) => {
		await loginAs(page, 'learner')
		const response = await page.goto('/admin')
		expect(response?.status()).toBe(403)
		await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible()
		await expect(page.getByText('需要管理员身份')).toBeVisible()
	})

	test('an unknown page gets the Chinese 404 page', async ({ page }) => {
		await loginAs(page, 'learner')
		const response = await page.goto('/no-such-page')
		expect(response?.status()).toBe(404)
		await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible()
	})

	test('repeated wrong passwords make the next try wait, and the message says how long (ADR 007)', async ({ page }) => {
		await page.goto('/login')
		const alert = page.getByRole('alert').first()
		/** Submits the form; the answer's text is read from the response, so it is never the previous one's. */
		const submit = async (password: string) => {
			await page.getByLabel('工号').fill('s0034')
			await page.getByLabel('密码').fill(password)
			const [response] = await Promise.all([
				page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/login') && response.request().method() === 'POST'),
				page.getByRole('button', { name: '登录' }).click(),
			])
			const text = await response.text()
			const message = /工号或密码不正确|密码错误次数过多，请 \d+ (秒|分钟)后再试/.exec(text)?.[0] ?? text
			await expect(alert).toContainText(message)
			return message
		}
		for (let i = 0; i < 5; i++) expect(await submit(`wrong-password-${i}`)).toContain('工号或密码不正确')
		// Then waits of 1 s, 2 s, 4 s, 8 s …; a try within the wait is refused and told how long.
		let seconds = 0
		for (let i = 5; i < 20 && seconds < 8; i++) {
			const wait = /密码错误次数过多，请 (\d+) 秒后再试/.exec(await submit(`wrong-password-${i}`))
			if (!wait) continue
			seconds = Number(wait[1])
			if (seconds < 8) await page.waitForTimeout(seconds * 1000)
		}
		expect(seconds).toBeGreaterThanOrEqual(8)
		// Even the right password now waits.
		expect(await submit(DEMO_PASSWORD)).toMatch(/请 \d+ 秒后再试/)
		await expect(page).toHaveURL(/\/login/)
	})

	test('after signing in, a crafted redirectTo stays on the app; a page of the app is honoured', async ({ page, baseURL }) => {
		// Had the redirect left the app, this answers instead of a DNS error, and the URL check fails.
		await page.route((url) => url.hostname.endsWith('evil.example'), (route) => route.fulfill({ contentType: 'text/html', body: '<h1>evil</h1>' }))
		const signInHere = async () => {
			await page.getByLabel('工号').fill('learner')
			await page.getByLabel('密码').fill(DEMO_PASSWORD)
			await page.getByRole('button', { name: '登录' }).click()
		}
		for (const redirectTo of ['/\t/evil.example', '/%09/evil.example', '/\\evil.example']) {
			await page.goto(`/login?${new URLSearchParams({ redirectTo })}`)
			await signInHere()
			await expect(page).not.toHaveURL(/\/login/)
			expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
			// The home page (which sends a learner on to 我的学习), nothing of the payload.
			expect(page.url()).not.toContain('evil')
			await logout(page)
		}
		await page.goto(`/login?${new URLSearchParams({ redirectTo: '/exams' })}`)
		await signInHere()
		await expect(page).toHaveURL(/\/exams$/)
		expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
	})

	test('a cross-site form post is refused', async ({ request }) => {
		const response = await request.post('/login', {
			form: { username: 'admin', password: DEMO_PASSWORD },
			headers: { Origin: 'https://evil.example' },
			maxRedirects: 0,
		})
		expect(response.status()).toBe(403)
	})

	test('signing out everywhere ends the other sessions too', async ({ browser }) => {
		const first = await browser.newContext()
		const second = await browser.newContext()
		const pageA = await first.newPage()
		const pageB = await second.newPage()
		await loginAs(pageA, 'mentor')
		await loginAs(pageB, 'mentor')
		await pageA.getByLabel('账户菜单').click()
		await pageA.getByRole('button', { name: '退出所有设备' }).click()
		await expect(pageA).toHaveURL(/\/login/)
		await pageB.goto('/settings/password')
		await expect(pageB).toHaveURL(/\/login/)
		await first.close()
		await second.close()
	})
})
