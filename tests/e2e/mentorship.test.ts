// 导师带徒 end to end: an admin pairs two people; the mentor assigns a lesson; the apprentice
// sees it and completes the lesson; the assignment completes itself; the mentor sees it done
// and records a check-in; a mentor opening another mentor's apprentice is refused in Chinese.
// Every page on the way must fit a 320 px wide phone.
import type { Browser, Page } from '@playwright/test'
import { expect, expectNoSidewaysScroll, loginAs, PHONE, test } from './fixtures.ts'

const NARROW = { ...PHONE, viewport: { width: 320, height: 720 } }

async function phonePage(browser: Browser, username: string) {
	const context = await browser.newContext(NARROW)
	const page = await context.newPage()
	await loginAs(page, username)
	return page
}

async function fits(page: Page) {
	await expectNoSidewaysScroll(page)
}

test('an admin pairs, the mentor assigns, the apprentice completes, the mentor checks in; other apprentices are refused', async ({ browser }) => {
	const admin = await phonePage(browser, 'admin')
	await admin.goto('/admin/mentorship')
	await expect(admin.getByRole('heading', { name: '导师带徒', level: 1 })).toBeVisible()
	await fits(admin)

	// 1. The admin pairs m0006 with s0010 (neither has a pairing in the demo data).
	await admin.getByRole('link', { name: '新建结对' }).click()
	await fits(admin)
	await admin.getByLabel('导师工号').fill('m0006')
	await admin.getByLabel('徒弟工号').fill('s0010')
	await admin.getByLabel('业务目标').fill('掌握预算执行审计的抽凭方法')
	await admin.getByLabel('党建目标').fill('每月参加主题党日')
	await admin.getByRole('button', { name: '建立结对' }).click()
	await expect(admin.getByText('已建立结对。')).toBeVisible()
	// Pairing the same apprentice again is refused next to the field.
	await admin.goto('/admin/mentorship/new')
	await admin.getByLabel('导师工号').fill('m0005')
	await admin.getByLabel('徒弟工号').fill('s0010')
	await admin.getByRole('button', { name: '建立结对' }).click()
	await expect(admin.getByText(/已有在带导师/)).toBeVisible()

	// The demo mentor's apprentice, for the refusal at the end.
	await admin.goto('/admin/mentorship?q=learner')
	await admin.getByRole('link', { name: /查看 王导师 与 李青年 的结对/ }).click()
	await fits(admin)
	const otherApprenticeHref = await admin.getByRole('link', { name: /查看徒弟的学习与带徒记录/ }).getAttribute('href')
	expect(otherApprenticeHref).toMatch(/^\/mentor\/apprentices\//)

	// 2. The mentor sees the new apprentice on the desk, with the reasons, and assigns a lesson.
	const mentor = await phonePage(browser, 'm0006')
	await mentor.goto('/mentor')
	const cards = mentor.getByRole('list', { name: '我的徒弟' })
	await expect(cards.locator(':scope > li')).toHaveCount(1)
	await expect(cards.locator('[data-flag="no_check_in"]')).toBeVisible()
	await fits(mentor)
	await cards.getByRole('link').first().click()
	await expect(mentor.getByRole('heading', { name: '指定学习', exact: true })).toBeVisible()
	await fits(mentor)
	const lessonSelect = mentor.getByLabel('课时', { exact: true })
	await lessonSelect.selectOption({ index: 1 })
	const lessonLabel = (await lessonSelect.locator('option:checked').textContent())!
	const lessonTitle = lessonLabel.split(' › ').at(-1)!.trim()
	await mentor.getByLabel('备注', { exact: true }).fill('先读这一课')
	await mentor.getByRole('button', { name: '布置', exact: true }).click()
	await expect(mentor.getByText('已布置指定学习')).toBeVisible()
	const assignment = mentor.locator(`[data-assignment="${lessonTitle}"]`)
	await expect(assignment.getByText('进行中')).toBeVisible()

	// 3. The apprentice sees it on the landing page and in 我的学习 › 指定学习, and completes the lesson.
	const apprentice = await phonePage(browser, 's0010')
	await apprentice.goto('/learn')
	const reminder = apprentice.getByRole('region', { name: /指定学习/ })
	await expect(reminder.getByRole('link', { name: lessonTitle, exact: true })).toBeVisible()
	await fits(apprentice)
	await apprentice.goto('/learn/mine')
	await expect(apprentice.locator(`[data-assignment="${lessonTitle}"]`).getByText('进行中')).toBeVisible()
	await fits(apprentice)
	await apprentice.locator(`[data-assignment="${lessonTitle}"]`).getByRole('link', { name: lessonTitle, exact: true }).click()
	await apprentice.getByRole('button', { name: '标记为已完成' }).click()
	await expect(apprentice.getByRole('button', { name: '已完成本课' })).toBeVisible()
	await apprentice.goto('/learn/mine')
	await expect(apprentice.locator(`[data-assignment="${lessonTitle}"]`).getByText(/已完成/)).toBeVisible()
	await apprentice.goto('/learn/mentor')
	await expect(apprentice.getByText(/^导师 .+结对期 /)).toBeVisible()
	await fits(apprentice)

	// 4. The mentor sees it done, and records this month's check-in; the flag goes.
	await mentor.reload()
	await expect(assignment.getByText(/已完成/)).toBeVisible()
	await mentor.getByLabel('交流主题', { exact: true }).fill('预算执行审计抽凭')
	await mentor.getByLabel('交流记录', { exact: true }).fill('讲解了抽凭的样本选取。')
	await mentor.getByRole('button', { name: '保存记录' }).click()
	await expect(mentor.getByText('已记录每月一学。')).toBeVisible()
	await expect(mentor.getByRole('list', { name: '每月一学记录' }).getByText('预算执行审计抽凭')).toBeVisible()
	await mentor.goto('/mentor')
	await expect(cards.locator('[data-flag="no_check_in"]')).toHaveCount(0)

	// 5. Another mentor's apprentice by direct URL: 403, in Chinese.
	const refused = await mentor.goto(otherApprenticeHref!)
	expect(refused?.status()).toBe(403)
	await expect(mentor.getByText('您不是该学员的导师，无权查看其导师带徒记录。')).toBeVisible()
	await fits(mentor)

	// The term report prints from the same records.
	await mentor.goto('/mentor')
	await cards.getByRole('link').first().click()
	await mentor.getByRole('link', { name: '结业报告', exact: true }).click()
	await expect(mentor.getByRole('heading', { name: '导师带徒结业报告' })).toBeVisible()
	await expect(mentor.getByText('预算执行审计抽凭')).toBeVisible()
	await fits(mentor)
})
