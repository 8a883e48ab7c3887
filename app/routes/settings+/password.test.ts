// The 修改密码 action as the server calls it (real session cookie, real SQLite database): wrong
// current passwords are throttled like sign-in (ADR 007), answered with 429 and Retry-After.
import { expect, test } from 'vitest'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

test('guessing the current password is throttled: 429, Retry-After and the wait next to the field', async () => {
	const { db, url } = await getTestDbWithUrl('sqlite')
	// The route uses the app's shared client: point it at this test's database first.
	process.env.DATABASE_URL = url
	const [route, { createSession, commitSessionCookie }, { hashPassword }] = await Promise.all([
		import('./password.tsx'),
		import('#app/utils/session.server.ts'),
		import('#app/utils/password.server.ts'),
	])
	const unit = await db.unit.create({ data: { name: '改密测试单位', kind: 'department' } })
	const user = await db.user.create({
		data: { username: `pw${Date.now().toString(36)}`, name: '改密测试', unitId: unit.id, mustChangePassword: false, password: { create: { hash: await hashPassword('Secret123') } } },
	})
	const { token } = await createSession(db, user.id)
	const cookie = (await commitSessionCookie(token)).split(';')[0]!
	const origin = 'http://localhost'
	const submit = (currentPassword: string) =>
		route.action({
			request: new Request(`${origin}/settings/password`, {
				method: 'POST',
				headers: { cookie, origin },
				body: new URLSearchParams({ currentPassword, newPassword: 'Changed2026', confirmPassword: 'Changed2026' }),
			}),
			params: {},
			context: { clientIp: '203.0.113.50' },
		})
	// conform's reply: errors by field, and no password echoed back.
	type Answer = { data: { error?: { currentPassword?: string[] | null }; initialValue?: Record<string, unknown> }; init: { status: number; headers: Record<string, string> } }
	const first = (await submit('wrong0')) as unknown as Answer
	expect(first.init.status).toBe(400)
	expect(first.data.error?.currentPassword).toEqual(['当前密码不正确'])
	expect(JSON.stringify(first.data)).not.toContain('Changed2026')
	let answer = first
	// Five free failures, then waits of 1 s, 2 s, 4 s …: however slow the machine, a wait is met soon.
	for (let i = 1; i < 15 && answer.init.status !== 429; i++) answer = (await submit(`wrong${i}`)) as unknown as Answer
	expect(answer.init.status).toBe(429)
	expect(Number(answer.init.headers['Retry-After'])).toBeGreaterThanOrEqual(1)
	expect(answer.data.error?.currentPassword?.[0]).toMatch(/密码错误次数过多，请 \d+ 秒后再试。/)
	expect(await db.loginAttempt.count({ where: { username: user.username, ipAddress: '203.0.113.50' } })).toBeGreaterThanOrEqual(5)
})

test('a changed password redirects home with a toast cookie (post-redirect-get), not a page to resubmit', async () => {
	const { db, url } = await getTestDbWithUrl('sqlite')
	process.env.DATABASE_URL = url
	const [route, { createSession, commitSessionCookie }, { hashPassword }] = await Promise.all([
		import('./password.tsx'),
		import('#app/utils/session.server.ts'),
		import('#app/utils/password.server.ts'),
	])
	const unit = await db.unit.create({ data: { name: '改密成功测试单位', kind: 'department' } })
	const user = await db.user.create({
		data: { username: `pk${Date.now().toString(36)}`, name: '改密成功', unitId: unit.id, mustChangePassword: true, password: { create: { hash: await hashPassword('Temp12345') } } },
	})
	const { token } = await createSession(db, user.id)
	const cookie = (await commitSessionCookie(token)).split(';')[0]!
	const origin = 'http://localhost'
	const response = await route
		.action({
			request: new Request(`${origin}/settings/password`, {
				method: 'POST',
				headers: { cookie, origin },
				body: new URLSearchParams({ currentPassword: 'Temp12345', newPassword: 'Mine2026ok', confirmPassword: 'Mine2026ok' }),
			}),
			params: {},
			context: { clientIp: '203.0.113.51' },
		})
		.catch((thrown: unknown) => thrown)
	expect(response).toBeInstanceOf(Response)
	expect((response as Response).status).toBe(302)
	expect((response as Response).headers.get('Location')).toBe('/')
	expect((response as Response).headers.get('Set-Cookie')).toMatch(/^hs_toast=/)
	expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false)
})
