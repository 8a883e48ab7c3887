import { expect, test } from 'vitest'
import { authenticate } from '#app/utils/auth.server.ts'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { createSession } from '#app/utils/session.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { makeAdmin, makeUnit, makeUser, tag } from './test-fixtures.ts'
import { setUnitActive } from './units.ts'
import { createUser, getUserDetail, listUsers, resetUserPassword, setUserActive, updateUser } from './users.ts'

describeEachProvider('admin users', (getDb) => {
	test('a created person signs in with the one-time password and must change it; nothing secret is logged', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const username = `n${tag()}`
		const result = await createUser(db, admin, { username, name: '张新', unitId: unit.id, roles: ['learner', 'mentor'], phone: '13912345678' })
		if (!result.ok) throw new Error(result.formError)
		expect(result.temporaryPassword).toMatch(/^[A-Za-z0-9]{12}$/)
		const user = await getUserDetail(db, result.userId)
		expect(user).toMatchObject({ username, name: '张新', phone: '13912345678', active: true, mustChangePassword: true, roles: ['learner', 'mentor'] })
		const login = await authenticate(db, { username, password: result.temporaryPassword, ipAddress: `10.0.${tag()}` })
		expect(login).toMatchObject({ ok: true, mustChangePassword: true })
		const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: result.userId, action: 'user.create' } })
		expect(JSON.parse(entry.after!)).toMatchObject({ username, roles: ['learner', 'mentor'], unit: unit.name })
		expect(`${entry.after}${entry.summary}`).not.toContain(result.temporaryPassword)
	})

	test('a taken 工号 and an inactive unit are refused next to their fields', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const existing = await makeUser(db, { unitId: unit.id })
		expect(await createUser(db, admin, { username: existing.username, name: '重名', unitId: unit.id, roles: ['learner'], phone: null })).toEqual({
			ok: false,
			fieldErrors: { username: [`工号“${existing.username}”已存在`] },
		})
		const closed = await makeUnit(db, { active: false })
		expect(await createUser(db, admin, { username: `n${tag()}`, name: '新人', unitId: closed.id, roles: ['learner'], phone: null })).toEqual({
			ok: false,
			fieldErrors: { unitId: ['所选单位已停用，请另选单位'] },
		})
	})

	test('editing roles is audited with before and after; an admin cannot drop their own admin role', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const person = await makeUser(db, { unitId: unit.id, roles: ['learner'] })
		const result = await updateUser(db, admin, { userId: person.id, name: person.name, unitId: unit.id, roles: ['learner', 'lecturer'], phone: null })
		expect(result).toEqual({ ok: true, changed: true })
		expect((await getUserDetail(db, person.id))?.roles).toEqual(['learner', 'lecturer'])
		const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: person.id, action: 'user.roles' } })
		expect(JSON.parse(entry.before!).roles).toEqual(['learner'])
		expect(JSON.parse(entry.after!).roles).toEqual(['learner', 'lecturer'])

		const self = await updateUser(db, admin, { userId: admin.id, name: admin.name, unitId: admin.unitId, roles: ['learner'], phone: null })
		expect(self).toEqual({ ok: false, fieldErrors: { roles: ['不能取消自己的管理员身份；如需移交，请由另一位管理员操作'] } })
		expect((await getUserDetail(db, admin.id))?.roles).toEqual(['admin'])
		// Another admin may edit their own name while keeping the admin role.
		expect(await updateUser(db, admin, { userId: admin.id, name: '改名', unitId: admin.unitId, roles: ['admin', 'learner'], phone: null })).toEqual({ ok: true, changed: true })
	})

	test('someone may stay in a unit that was deactivated but not be moved into one', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const person = await makeUser(db, { unitId: unit.id })
		await setUnitActive(db, admin, { unitId: unit.id, active: false })
		expect(await updateUser(db, admin, { userId: person.id, name: '新名字', unitId: unit.id, roles: ['learner'], phone: null })).toEqual({ ok: true, changed: true })
		const other = await makeUnit(db)
		const mover = await makeUser(db, { unitId: other.id })
		expect(await updateUser(db, admin, { userId: mover.id, name: mover.name, unitId: unit.id, roles: ['learner'], phone: null })).toMatchObject({ ok: false, fieldErrors: { unitId: ['所选单位已停用，请另选单位'] } })
	})

	test('deactivating signs the person out everywhere and blocks sign-in; admins cannot deactivate themselves', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const person = await makeUser(db, { unitId: unit.id })
		await createSession(db, person.id)
		await createSession(db, person.id)
		expect(await setUserActive(db, admin, { userId: person.id, active: false })).toEqual({ ok: true, changed: true })
		expect(await db.session.count({ where: { userId: person.id } })).toBe(0)
		expect((await getUserDetail(db, person.id))?.active).toBe(false)
		expect(await setUserActive(db, admin, { userId: person.id, active: true })).toEqual({ ok: true, changed: true })
		expect(await db.auditLog.count({ where: { targetId: person.id, action: { in: ['user.deactivate', 'user.reactivate'] } } })).toBe(2)

		expect(await setUserActive(db, admin, { userId: admin.id, active: false })).toEqual({ ok: false, fieldErrors: {}, formError: '不能停用自己的账号' })
		expect((await getUserDetail(db, admin.id))?.active).toBe(true)
	})

	test('a password reset gives a new one-time password, revokes sessions and forces a change', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const person = await makeUser(db, { unitId: unit.id })
		await createSession(db, person.id)
		const result = await resetUserPassword(db, admin, { userId: person.id })
		if (!result.ok) throw new Error(result.formError)
		expect(await db.session.count({ where: { userId: person.id } })).toBe(0)
		expect((await getUserDetail(db, person.id))?.mustChangePassword).toBe(true)
		expect(await authenticate(db, { username: person.username, password: result.temporaryPassword, ipAddress: `10.1.${tag()}` })).toMatchObject({ ok: true })
		const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: person.id, action: 'user.reset_password' } })
		expect(JSON.parse(entry.before!)).toEqual({ mustChangePassword: false, sessions: 1 })
		expect(JSON.parse(entry.after!)).toEqual({ mustChangePassword: true, sessions: 0 })
		expect(`${entry.after}${entry.summary}`).not.toContain(result.temporaryPassword)
		expect(await resetUserPassword(db, admin, { userId: admin.id })).toMatchObject({ ok: false, formError: '不能在这里重置自己的密码，请使用“修改密码”' })
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
	})

	test('search by 工号 or name, filter by unit (with sub-units), role and status, in pages', async () => {
		const db = await getDb()
		const top = await makeUnit(db, { kind: 'bureau' })
		const sub = await makeUnit(db, { parentId: top.id })
		const marker = tag()
		for (let i = 0; i < 5; i++) await makeUser(db, { unitId: top.id, name: `甲${marker}${i}` })
		for (let i = 0; i < 3; i++) await makeUser(db, { unitId: sub.id, name: `乙${marker}${i}`, roles: ['mentor'] })
		await makeUser(db, { unitId: sub.id, name: `丙${marker}`, active: false })

		expect((await listUsers(db, { unitId: top.id })).total).toBe(9)
		expect((await listUsers(db, { unitId: top.id, includeSubunits: false })).total).toBe(5)
		expect((await listUsers(db, { unitId: top.id, role: 'mentor' })).total).toBe(3)
		expect((await listUsers(db, { unitId: top.id, status: 'inactive' })).users.map((u) => u.name)).toEqual([`丙${marker}`])
		expect((await listUsers(db, { q: `乙${marker}` })).total).toBe(3)
		const one = (await listUsers(db, { unitId: sub.id, role: 'mentor' })).users[0]!
		expect((await listUsers(db, { q: one.username })).users.map((u) => u.id)).toEqual([one.id])

		const page1 = await listUsers(db, { unitId: top.id }, 1, 4)
		const page3 = await listUsers(db, { unitId: top.id }, 3, 4)
		expect([page1.pageCount, page1.users.length, page3.users.length]).toEqual([3, 4, 1])
		expect(new Set([...page1.users, ...(await listUsers(db, { unitId: top.id }, 2, 4)).users, ...page3.users].map((u) => u.id)).size).toBe(9)
		// A page beyond the end shows the last page rather than nothing.
		expect((await listUsers(db, { unitId: top.id }, 99, 4)).page).toBe(3)
	})
})
