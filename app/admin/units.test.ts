import { expect, test } from 'vitest'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { makeAdmin, makeUnit, makeUser, tag } from './test-fixtures.ts'
import { createUnit, getUnitDetail, parentChoicesFor, setUnitActive, unitChoices, unitTreeWithCounts, updateUnit } from './units.ts'

describeEachProvider('admin units', (getDb) => {
	test('creating a unit writes it and an audit entry with the after-state, in one chain', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const parent = await makeUnit(db, { kind: 'bureau' })
		const name = `财政局${tag()}`
		const result = await createUnit(db, admin, { name, kind: 'department', parentId: parent.id })
		if (!result.ok) throw new Error(result.formError)
		const unit = await db.unit.findUniqueOrThrow({ where: { id: result.unitId } })
		expect(unit).toMatchObject({ name, kind: 'department', parentId: parent.id, active: true })
		const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: result.unitId } })
		expect(entry).toMatchObject({ action: 'unit.create', actorId: admin.id, actorName: admin.name, before: null })
		expect(JSON.parse(entry.after!)).toMatchObject({ name, kind: 'department', parent: parent.name, active: true })
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
	})

	test('two units with one name under one parent are refused; under different parents they are fine', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const a = await makeUnit(db)
		const b = await makeUnit(db)
		const name = `城关街道${tag()}`
		expect((await createUnit(db, admin, { name, kind: 'subdistrict', parentId: a.id })).ok).toBe(true)
		expect(await createUnit(db, admin, { name, kind: 'subdistrict', parentId: a.id })).toEqual({
			ok: false,
			fieldErrors: { name: [`同一上级下已有名为“${name}”的单位`] },
		})
		expect((await createUnit(db, admin, { name, kind: 'subdistrict', parentId: b.id })).ok).toBe(true)
	})

	test('a unit cannot become its own descendant; a legal move is audited with before and after', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const top = await makeUnit(db, { kind: 'bureau' })
		const middle = await makeUnit(db, { parentId: top.id })
		const bottom = await makeUnit(db, { parentId: middle.id })
		const other = await makeUnit(db, { kind: 'bureau' })
		const refusal = { ok: false, fieldErrors: { parentId: ['不能把单位放到它自己或它的下级单位之下'] } }
		expect(await updateUnit(db, admin, { unitId: top.id, name: top.name, kind: 'bureau', parentId: bottom.id })).toEqual(refusal)
		expect(await updateUnit(db, admin, { unitId: top.id, name: top.name, kind: 'bureau', parentId: top.id })).toEqual(refusal)
		expect((await db.unit.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull()
		const offered = new Set((await parentChoicesFor(db, top.id)).map((c) => c.id))
		expect([offered.has(top.id), offered.has(bottom.id), offered.has(other.id)]).toEqual([false, false, true])

		expect(await updateUnit(db, admin, { unitId: middle.id, name: middle.name, kind: 'soe', parentId: other.id })).toEqual({ ok: true, changed: true })
		const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: middle.id, action: 'unit.update' } })
		expect(JSON.parse(entry.before!)).toMatchObject({ kind: 'department', parent: top.name })
		expect(JSON.parse(entry.after!)).toMatchObject({ kind: 'soe', parent: other.name })
		expect((await getUnitDetail(db, bottom.id))?.path).toBe(`${other.name}/${middle.name}/${bottom.name}`)
		// Saving without changes writes nothing.
		const before = await db.auditLog.count()
		expect(await updateUnit(db, admin, { unitId: middle.id, name: middle.name, kind: 'soe', parentId: other.id })).toEqual({ ok: true, changed: false })
		expect(await db.auditLog.count()).toBe(before)
	})

	test('a unit with people and sub-units can be deactivated; they stay as they are and it leaves the pickers', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const unit = await makeUnit(db)
		const child = await makeUnit(db, { parentId: unit.id })
		const person = await makeUser(db, { unitId: unit.id })
		expect(await setUnitActive(db, admin, { unitId: unit.id, active: false })).toEqual({ ok: true, changed: true })
		expect(await db.user.findUniqueOrThrow({ where: { id: person.id }, select: { active: true } })).toEqual({ active: true })
		expect(await db.unit.findUniqueOrThrow({ where: { id: child.id }, select: { active: true } })).toEqual({ active: true })
		const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: unit.id, action: 'unit.deactivate' } })
		expect(entry.summary).toContain('1 名在用人员、1 个在用下级单位保持不变')
		expect((await unitChoices(db)).some((c) => c.id === unit.id)).toBe(false)
		expect((await unitChoices(db, { includeInactive: true })).find((c) => c.id === unit.id)?.label).toContain('（已停用）')
		// New units cannot be put under it until it is reactivated.
		expect(await createUnit(db, admin, { name: `新${tag()}`, kind: 'other', parentId: unit.id })).toMatchObject({ ok: false, fieldErrors: { parentId: ['上级单位已停用，请先启用它或另选上级'] } })
		expect(await setUnitActive(db, admin, { unitId: unit.id, active: true })).toEqual({ ok: true, changed: true })
		expect(await db.auditLog.count({ where: { targetId: unit.id, action: 'unit.reactivate' } })).toBe(1)
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
	})

	test('the tree counts active people per unit', async () => {
		const db = await getDb()
		const unit = await makeUnit(db, { kind: 'bureau' })
		await makeUser(db, { unitId: unit.id })
		await makeUser(db, { unitId: unit.id })
		await makeUser(db, { unitId: unit.id, active: false })
		const node = (await unitTreeWithCounts(db)).find((n) => n.id === unit.id)
		expect(node?.activeUsers).toBe(2)
	})
})
