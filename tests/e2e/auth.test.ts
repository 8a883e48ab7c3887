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

	test('repeated wrong passwords are throttled with a Chinese message', async ({ page }) => {
		await page.goto('/login')
		for (let i = 0; i < 5; i++) {
			await page.getByLabel('工号').fill('s0034')
			await page.getByLabel('密码').fill(`wrong-password-${i}`)
			await page.getByRole('button', { name: '登录' }).click()
			await expect(page.getByRole('alert').first()).toContainText('工号或密码不正确')
		}
		// Even the right password now waits.
		await page.getByLabel('工号').fill('s0034')
		await page.getByLabel('密码').fill(DEMO_PASSWORD)
		await page.getByRole('button', { name: '登录' }).click()
		await expect(page.getByRole('alert').first()).toContainText('连续登录失败次数过多')
		await expect(page).toHaveURL(/\/login/)
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
