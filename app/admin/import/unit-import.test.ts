import { expect, test } from 'vitest'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { makeAdmin, makeUnit, tag, xlsxOf } from '../test-fixtures.ts'
import { unitPathNames } from '../unit-tree.ts'
import { loadAllUnits } from '../units.ts'
import { commitUnitImport, previewUnitImport } from './unit-import.ts'

const HEADER = ['单位名称', '类型', '上级单位']

describeEachProvider('unit import', (getDb) => {
	test('new units hang under existing ones or under units on earlier rows, by name or path', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const t = tag()
		const district = await makeUnit(db, { name: `区审计局${t}`, kind: 'bureau' })
		const file = await xlsxOf(HEADER, [
			[`新街道${t}`, '街道', `区审计局${t}`],
			[`幸福社区${t}`, '村社', `新街道${t}`],
			[`和谐社区${t}`, 'community', `区审计局${t}/新街道${t}`],
			[`新集团${t}`, '国企', ''],
		])
		const preview = await previewUnitImport(db, { data: file, fileName: 'u.xlsx' })
		expect(preview.problems).toEqual([])
		expect(preview.table.rows.map((r) => r.cells)).toEqual([
			[`新街道${t}`, '街道', `区审计局${t}`],
			[`幸福社区${t}`, '村社', `区审计局${t}/新街道${t}`],
			[`和谐社区${t}`, '村社', `区审计局${t}/新街道${t}`],
			[`新集团${t}`, '国企', '（顶级）'],
		])
		const outcome = await commitUnitImport(db, admin, { data: file, fileName: 'u.xlsx' })
		expect(outcome).toMatchObject({ ok: true, created: 4 })
		const units = await loadAllUnits(db)
		const happy = units.find((u) => u.name === `幸福社区${t}`)!
		expect(happy.kind).toBe('community')
		expect(unitPathNames(units, happy.id)).toEqual([district.name, `新街道${t}`, `幸福社区${t}`])
		expect(units.find((u) => u.name === `新集团${t}`)!.parentId).toBeNull()
		const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'unit.import', actorId: admin.id } })
		expect(JSON.parse(audit.after!).units).toHaveLength(4)
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
	})

	test('bad rows are listed with reasons, later rows name the broken row, and nothing is written', async () => {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const t = tag()
		const district = await makeUnit(db, { name: `区局${t}`, kind: 'bureau' })
		await makeUnit(db, { name: `已有局${t}`, parentId: district.id })
		await makeUnit(db, { name: `停用局${t}`, parentId: district.id, active: false })
		const file = await xlsxOf(HEADER, [
			[`子单位${t}`, '部门', `后面局${t}`],
			[`后面局${t}`, '部门', `区局${t}`],
			[`已有局${t}`, '部门', `区局${t}`],
			[`坏类型${t}`, '学校', `区局${t}`],
			[`孙单位${t}`, '其他', `坏类型${t}`],
			[`甲/乙${t}`, '其他', ''],
			[`后面局${t}`, '部门', `区局${t}`],
			[`挂停用${t}`, '部门', `停用局${t}`],
			[`无类型${t}`, '', `查无此局${t}`],
		])
		const before = await db.unit.count()
		const preview = await previewUnitImport(db, { data: file, fileName: 'u.xlsx' })
		expect(preview.problems).toEqual([
			{ rowNumber: 2, messages: [`上级单位“后面局${t}”在第3行，须写在本行之前`] },
			{ rowNumber: 4, messages: [`单位“区局${t}/已有局${t}”已存在`] },
			{ rowNumber: 5, messages: ['类型“学校”无法识别，应为：审计机关、部门、街道、国企、村社、其他'] },
			{ rowNumber: 6, messages: [`上级单位“坏类型${t}”（第5行）本身有错误，请先修正该行`] },
			{ rowNumber: 7, messages: ['单位名称不能包含 / 或 >（它们用来书写上级路径）'] },
			{ rowNumber: 8, messages: ['与第3行重复（同一上级下同名）'] },
			{ rowNumber: 9, messages: [`上级单位“停用局${t}”已停用`] },
			{ rowNumber: 10, messages: ['请填写类型（审计机关、部门、街道、国企、村社、其他）', `找不到上级单位“查无此局${t}”`] },
		])
		expect(await commitUnitImport(db, admin, { data: file, fileName: 'u.xlsx' })).toMatchObject({ ok: false })
		expect(await db.unit.count()).toBe(before)
	})
})
