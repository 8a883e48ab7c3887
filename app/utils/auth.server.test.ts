import { describe, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import type { Db } from './db-client.server.ts'
import { authenticate, changePassword } from './auth.server.ts'
import { hashPassword } from './password.server.ts'
import { createSession, SESSION_DURATION_MS, sessionIdFromToken, validateSessionToken } from './session.server.ts'

let counter = 0
async function createUser(db: Db, { password = 'Secret123', active = true, mustChangePassword = false } = {}) {
	const unit = await db.unit.create({ data: { name: `测试单位${++counter}`, kind: 'department' } })
	return db.user.create({
		data: {
			username: `u${Date.now().toString(36)}${counter}`,
			name: '测试用户',
			unitId: unit.id,
			active,
			mustChangePassword,
			password: { create: { hash: await hashPassword(password) } },
			roles: { create: [{ role: 'learner' }, { role: 'mentor' }] },
		},
	})
}

describeEachProvider('sessions', (getDb) => {
	test('stores only the SHA-256 of the token', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const { token, session } = await createSession(db, user.id)
		expect(session.id).toBe(sessionIdFromToken(token))
		expect(session.id).not.toContain(token)
		expect(await db.session.count({ where: { id: token } })).toBe(0)
	})

	test('validates a token and returns the person with their roles', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const { token } = await createSession(db, user.id)
		const result = await validateSessionToken(db, token)
		const unit = await db.unit.findUniqueOrThrow({ where: { id: user.unitId } })
		expect(result?.user).toEqual({
			id: user.id,
			username: user.username,
			name: '测试用户',
			unitId: unit.id,
			unitName: unit.name,
			roles: ['learner', 'mentor'],
			mustChangePassword: false,
		})
		expect(result?.expiresAt).toBeInstanceOf(Date)
	})

	test('a person without roles still has a session, with no roles, and must-change-password is carried', async () => {
		const db = await getDb()
		const user = await createUser(db, { mustChangePassword: true })
		await db.userRole.deleteMany({ where: { userId: user.id } })
		const { token } = await createSession(db, user.id)
		const result = await validateSessionToken(db, token)
		expect(result?.user.roles).toEqual([])
		expect(result?.user.mustChangePassword).toBe(true)
	})

	test('an unknown token is refused', async () => {
		const db = await getDb()
		expect(await validateSessionToken(db, 'no-such-token')).toBeNull()
	})

	test('slides the expiry when used in the second half of its life', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const start = new Date('2026-01-01T00:00:00Z')
		const { token } = await createSession(db, user.id, {}, start)
		const early = new Date(start.getTime() + SESSION_DURATION_MS * 0.25)
		expect((await validateSessionToken(db, token, early))?.expiresAt.getTime()).toBe(start.getTime() + SESSION_DURATION_MS)
		const late = new Date(start.getTime() + SESSION_DURATION_MS * 0.75)
		expect((await validateSessionToken(db, token, late))?.expiresAt.getTime()).toBe(late.getTime() + SESSION_DURATION_MS)
	})

	test('an expired session is refused and removed', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const start = new Date('2026-01-01T00:00:00Z')
		const { token, session } = await createSession(db, user.id, {}, start)
		expect(await validateSessionToken(db, token, new Date(start.getTime() + SESSION_DURATION_MS + 1))).toBeNull()
		expect(await db.session.count({ where: { id: session.id } })).toBe(0)
	})

	test('a deactivated person loses their sessions', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const { token } = await createSession(db, user.id)
		await db.user.update({ where: { id: user.id }, data: { active: false } })
		expect(await validateSessionToken(db, token)).toBeNull()
	})
})

describeEachProvider('authenticate and throttling', (getDb) => {
	test('accepts the right password and records the attempt', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const result = await authenticate(db, { username: user.username, password: 'Secret123', ipAddress: '10.0.0.1' })
		expect(result).toEqual({ ok: true, userId: user.id, mustChangePassword: false })
		expect(await db.loginAttempt.count({ where: { username: user.username, success: true } })).toBe(1)
	})

	test('refuses a wrong password, an unknown account and a deactivated one alike', async () => {
		const db = await getDb()
		const user = await createUser(db)
		const inactive = await createUser(db, { active: false })
		for (const attempt of [
			{ username: user.username, password: 'nope' },
			{ username: 'nobody-here', password: 'Secret123' },
			{ username: inactive.username, password: 'Secret123' },
		]) {
			const result = await authenticate(db, { ...attempt, ipAddress: '10.0.0.2' })
			expect(result.ok).toBe(false)
			if (!result.ok) expect(result.message).toBe('工号或密码不正确，或账号已停用。')
		}
	})
})

describeEachProvider('changing a password', (getDb) => {
	test('requires the current password, clears must-change and ends the other sessions', async () => {
		const db = await getDb()
		const user = await createUser(db, { mustChangePassword: true })
		const kept = await createSession(db, user.id)
		const other = await createSession(db, user.id)
		const wrong = await changePassword(db, { userId: user.id, currentPassword: 'bad', newPassword: 'NewPass123', keepSessionId: kept.session.id, ipAddress: '10.3.0.2' })
		expect(wrong).toEqual({ ok: false, field: 'currentPassword', message: '当前密码不正确' })

		const done = await changePassword(db, { userId: user.id, currentPassword: 'Secret123', newPassword: 'NewPass123', keepSessionId: kept.session.id, ipAddress: '10.3.0.2' })
		expect(done).toEqual({ ok: true })
		expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false)
		expect(await db.session.findUnique({ where: { id: other.session.id } })).toBeNull()
		expect(await db.session.findUnique({ where: { id: kept.session.id } })).not.toBeNull()
		expect((await authenticate(db, { username: user.username, password: 'NewPass123', ipAddress: '10.3.0.1' })).ok).toBe(true)
	})
})

describe('password rules', () => {
	test('a generated temporary password passes the new-password rules', async () => {
		const { generateTemporaryPassword, NewPasswordSchema } = await import('./password.server.ts')
		for (let i = 0; i < 50; i++) expect(NewPasswordSchema.safeParse(generateTemporaryPassword()).success).toBe(true)
	})
})
