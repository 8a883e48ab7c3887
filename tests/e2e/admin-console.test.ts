// The admin console by hand: a unit in the tree, a person created with a one-time password,
// edited, reset and deactivated, every step visible in the audit log with an intact chain.
import { expect, loginAs, test } from './fixtures.ts'

test.describe('admin console', () => {
	test.beforeEach(async ({ page }) => {
		page.on('dialog', (dialog) => void dialog.accept())
		await loginAs(page, 'admin')
	})

	test('a unit is created under the district, shown in the tree and refused as its own parent', async ({ page }) => {
		const name = `测试街道${Date.now().toString(36)}`
		await page.goto('/admin/units/new')
		await page.getByLabel('单位名称').fill(name)
		await page.getByLabel('类型').selectOption({ label: '街道' })
		await page.getByLabel('上级单位').selectOption({ label: '　　区审计局' })
		await page.getByRole('button', { name: '创建单位' }).click()
		await expect(page.getByText('单位已创建。')).toBeVisible()
		await expect(page.getByText(`省审计厅/市审计局/区审计局/${name}`)).toBeVisible()

		await page.goto('/admin/units')
		const tree = page.getByRole('list', { name: '单位树' })
		await expect(tree.getByRole('link', { name, exact: true })).toBeVisible()
		await page.getByRole('button', { name: '全部折叠' }).click()
		await expect(tree.getByRole('link', { name, exact: true })).toBeHidden()

		await page.goto('/admin/units')
		await tree.getByRole('link', { name: '区审计局', exact: true }).click()
		// The district's own subtree is not offered as its parent.
		await expect(page.getByLabel('上级单位').locator('option', { hasText: name })).toHaveCount(0)

		await page.goto('/admin/units')
		await tree.getByRole('link', { name, exact: true }).click()
		await expect(page.getByText('停用后：此单位不再出现在新建用户、批量导入和上级单位的选项中')).toBeVisible()
		await page.getByRole('button', { name: '停用此单位' }).click()
		await expect(page.getByText('单位已停用。')).toBeVisible()
		await page.goto('/admin/users/new')
		await expect(page.getByLabel('单位').locator('option', { hasText: name })).toHaveCount(0)
		await page.goBack()
		await page.getByRole('button', { name: '重新启用' }).click()
		await expect(page.getByText('单位已启用。')).toBeVisible()
	})

	test('a person is created, found, given a role, reset and deactivated; each step is audited', async ({ page, browser }) => {
		const username = `hand${Date.now().toString(36)}`
		await page.goto('/admin/users/new')
		await page.getByLabel('工号').fill(username)
		await page.getByLabel('姓名').fill('手工新建')
		await page.getByLabel('单位').selectOption({ label: '　　　区财政局' })
		await page.getByLabel('手机（选填）').fill('1391234')
		await page.getByRole('button', { name: '创建用户' }).click()
		await expect(page.getByText('手机号“1391234”格式不正确')).toBeVisible()
		await expect(page.getByLabel('工号')).toHaveValue(username)
		await page.getByLabel('手机（选填）').fill('13912345678')
		await page.getByRole('button', { name: '创建用户' }).click()
		const firstPassword = (await page.getByTestId('temporary-password').textContent())!.trim()
		expect(firstPassword).toMatch(/^[A-Za-z0-9]{12}$/)

		await page.goto(`/admin/users?q=${username}`)
		await expect(page.getByRole('row')).toHaveCount(2)
		await page.getByRole('link', { name: '编辑 手工新建' }).click()
		await page.getByRole('checkbox', { name: '导师' }).check()
		await page.getByRole('button', { name: '保存' }).click()
		await expect(page.getByText('已保存。')).toBeVisible()
		await expect(page.getByText('学员、导师').first()).toBeVisible()

		await page.getByRole('button', { name: '重置密码' }).click()
		const secondPassword = (await page.getByTestId('temporary-password').textContent())!.trim()
		expect(secondPassword).not.toBe(firstPassword)

		const context = await browser.newContext()
		const person = await context.newPage()
		await loginAs(person, username, secondPassword)
		await expect(person).toHaveURL(/\/settings\/password/)

		await page.getByRole('button', { name: '停用账号' }).click()
		await expect(page.getByText('账号已停用，其所有登录已退出。')).toBeVisible()
		// Their open session ends at once.
		await person.reload()
		await expect(person).toHaveURL(/\/login/)
		await context.close()

		await page.goto(`/admin/audit?person=admin&action=user.roles`)
		await expect(page.getByText(`修改用户 ${username} 的身份：学员 → 学员、导师`)).toBeVisible()
		// The action and its changes read in Chinese, field by field, not as JSON.
		const roleChange = page.getByRole('row').filter({ hasText: `修改用户 ${username} 的身份` })
		await expect(roleChange.getByRole('cell', { name: '修改用户身份', exact: true })).toBeVisible()
		await roleChange.getByText('变更前后').click()
		await expect(roleChange.getByRole('row', { name: '身份 学员 学员、导师' })).toBeVisible()
		await expect(roleChange).not.toContainText('"roles"')
		await page.goto('/admin/audit?person=admin')
		for (const text of [`新建用户 ${username}`, `重置用户 ${username}`, `停用用户 ${username}`]) {
			await expect(page.getByText(text).first()).toBeVisible()
		}
		await page.getByRole('button', { name: '校验哈希链' }).click()
		await expect(page).toHaveURL(/verify=1/)
		await expect(page.getByText(/哈希链完整：已校验全部 \d+ 条记录/)).toBeVisible()
	})

	test('an admin cannot take away their own admin role', async ({ page }) => {
		await page.goto('/admin/users?q=admin')
		await page.getByRole('link', { name: '编辑 周审计' }).click()
		await expect(page.getByText('这是您自己的账号')).toBeVisible()
		await expect(page.getByRole('button', { name: '停用账号' })).toHaveCount(0)
		// The box is locked; a forged form without the role is refused by the server in Chinese.
		await expect(page.getByRole('checkbox', { name: '管理员' })).toBeDisabled()
		await expect(page.getByRole('checkbox', { name: '管理员' })).toBeChecked()
		await page.locator('input[type="hidden"][name="roles"][value="admin"]').evaluate((input) => input.remove())
		await page.getByRole('checkbox', { name: '学员' }).check()
		await page.getByRole('button', { name: '保存' }).click()
		await expect(page.getByText('不能取消自己的管理员身份；如需移交，请由另一位管理员操作')).toBeVisible()
	})

	test('the people list filters by name and role, says when nothing matches, and 清除 empties the filters', async ({ page }) => {
		await page.goto('/admin/users')
		await page.getByLabel('工号或姓名').fill('learner')
		await page.getByLabel('角色').selectOption({ label: '学员' })
		await page.getByRole('button', { name: '筛选' }).click()
		await expect(page).toHaveURL(/q=learner/)
		await expect(page.getByRole('cell', { name: 'learner', exact: true })).toBeVisible()
		await page.getByLabel('工号或姓名').fill('没有这个人')
		await page.getByRole('button', { name: '筛选' }).click()
		await expect(page.getByText('没有符合条件的用户。')).toBeVisible()
		await page.getByRole('link', { name: '清除' }).click()
		await expect(page).toHaveURL(/\/admin\/users$/)
		await expect(page.getByLabel('工号或姓名')).toHaveValue('')
		await expect(page.getByLabel('角色')).toHaveValue('')
		await expect(page.getByText('没有符合条件的用户。')).toHaveCount(0)
		expect(await page.locator('tbody tr').count()).toBeGreaterThan(10)
	})

	test('the people list exports to .xlsx', async ({ page }) => {
		await page.goto('/admin/users?role=mentor')
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()])
		expect(download.suggestedFilename()).toMatch(/^用户名单-\d{4}-\d{2}-\d{2}\.xlsx$/)
	})
})
