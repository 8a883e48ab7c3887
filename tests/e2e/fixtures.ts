// Shared helpers for browser tests. Demo people come from prisma/demo-data.ts.
import { expect, test as base, type Page } from '@playwright/test'
import { DEMO_PASSWORD } from '../../prisma/demo-data.ts'

export { DEMO_PASSWORD }

/** Signs in through the real form, as a person would. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login')
	await page.getByLabel('工号').fill(username)
	await page.getByLabel('密码').fill(password)
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).not.toHaveURL(/\/login/)
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: '账户菜单' }).or(page.getByLabel('账户菜单')).first().click()
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL(/\/login/)
}

export const test = base
export { expect }
