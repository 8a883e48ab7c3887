import { expect, test } from 'vitest'
import { authenticate } from '#app/utils/auth.server.ts'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { readSpreadsheet, writeCsv } from '#app/utils/xlsx.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { makeAdmin, makeUnit, makeUser, tag, xlsxOf } from '../test-fixtures.ts'
import type { ImportProgress } from './types.ts'
import { commitUserImport, previewUserImport } from './user-import.ts'

const HEADER = ['工号', '姓名', '单位', '角色', '手机']

describeEachProvider('user import', (getDb) => {
	async function organisation() {
		const db = await getDb()
		const admin = await makeAdmin(db)
		const t = tag()
		const district = await makeUnit(db, { name: `区审计局${t}`, kind: 'bureau' })
		const east = await makeUnit(db, { name: `东片${t}`, kind: 'bureau', parentId: district.id })
		const west = await makeUnit(db, { name: `西片${t}`, kind: 'bureau', parentId: district.id })
		const finance = await makeUnit(db, { name: `财政局${t}`, parentId: district.id })
		await makeUnit(db, { name: `城关街道${t}`, kind: 'subdistrict', parentId: east.id })
		await makeUnit(db, { name: `城关街道${t}`, kind: 'subdistrict', parentId: west.id })
		await makeUnit(db, { name: `撤销局${t}`, parentId: district.id, active: false })
		return { db, admin, t, finance, west }
	}

	test('the preview lists every bad row with its number and reason, and writes nothing', async () => {
		const { db, admin, t, finance } = await organisation()
		const existing = await makeUser(db, { unitId: finance.id })
		const file = await xlsxOf(HEADER, [
			[`a${t}`, '张一', `财政局${t}`, '学员', '13912345678'],
			[`b${t}`, '张二', `无此单位${t}`, '学员', ''],
			[`c${t}`, '张三', `城关街道${t}`, '学员', ''],
			[`a${t}`, '张四', `财政局${t}`, '导师', ''],
			[existing.username, '张五', `财政局${t}`, '学员', ''],
			[`f${t}`, '张六', `财政局${t}`, '学员、校长', ''],
			[`g${t}`, '张七', `财政局${t}`, '学员', '12345'],
			[`h${t}`, '', `撤销局${t}`, '', ''],
			['工号 有空格', '张九', `东片${t}/城关街道${t}`, '讲师', ''],
		])
		const usersBefore = await db.user.count()
		const preview = await previewUserImport(db, { data: file, fileName: '名单.xlsx' })
		expect(preview.fileProblems).toEqual([])
		expect(preview.totalRows).toBe(9)
		expect(preview.problems).toEqual([
			{ rowNumber: 3, messages: [`找不到单位“无此单位${t}”`] },
			{ rowNumber: 4, messages: [expect.stringMatching(new RegExp(`^单位名称“城关街道${t}”对应 2 个单位.*请写出上级以区分，如“东片${t}/城关街道${t}”$`))] },
			{ rowNumber: 5, messages: [`工号“a${t}”与第2行重复`] },
			{ rowNumber: 6, messages: [`工号“${existing.username}”已存在`] },
			{ rowNumber: 7, messages: ['角色“校长”无法识别，可填：学员、导师、讲师、管理员'] },
			{ rowNumber: 8, messages: ['手机号“12345”格式不正确，应为 11 位手机号'] },
			{ rowNumber: 9, messages: ['请填写姓名', `单位“撤销局${t}”已停用`, '请填写角色（学员、导师、讲师、管理员）'] },
			{ rowNumber: 10, messages: ['工号须为 2–32 位字母、数字或 _ . -，且以字母或数字开头'] },
		])
		expect(preview.table.rows.map((r) => r.rowNumber)).toEqual([2])
		expect(preview.table.rows[0]!.cells).toEqual([`a${t}`, '张一', `区审计局${t}/财政局${t}`, '学员', '13912345678'])

		const outcome = await commitUserImport(db, admin, { data: file, fileName: '名单.xlsx' })
		expect(outcome.ok).toBe(false)
		expect(await db.user.count()).toBe(usersBefore)
	})

	test('a missing column or an empty sheet is a problem of the whole file', async () => {
		const db = await getDb()
		const noRoles = await previewUserImport(db, { data: await xlsxOf(['工号', '姓名', '单位'], [['x1', '甲', '乙']]), fileName: 'a.xlsx' })
		expect(noRoles.fileProblems).toEqual(['第1行表头缺少 “角色” 列，请使用下载的模板（表头须为：工号、姓名、单位、角色、手机）'])
		const empty = await previewUserImport(db, { data: await xlsxOf(HEADER, []), fileName: 'a.xlsx' })
		expect(empty.fileProblems).toEqual(['表格中除表头外没有数据行'])
		const wrongType = await previewUserImport(db, { data: Buffer.from('x'), fileName: 'a.xls' })
		expect(wrongType.fileProblems).toEqual(['只支持 .xlsx 或 .csv 文件'])
	})

	test('a valid file creates everyone in one go, with progress, one-time passwords and one audit entry', async () => {
		const { db, admin, t, west } = await organisation()
		const rows = Array.from({ length: 12 }, (_, i) => [`p${t}${i}`, `李${i}`, i % 2 ? `财政局${t}` : `西片${t}/城关街道${t}`, i === 0 ? '学员、导师' : '学员', i === 1 ? '139-1234-5678' : ''])
		const progress: ImportProgress[] = []
		const outcome = await commitUserImport(db, admin, { data: await xlsxOf(HEADER, rows), fileName: '新人.xlsx' }, { onProgress: (p) => void progress.push(p) })
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.preview.problems))
		expect(outcome.created).toBe(12)
		expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['parse', 'validate', 'hash', 'write']))
		expect(progress.filter((p) => p.phase === 'hash').at(-1)).toEqual({ phase: 'hash', done: 12, total: 12 })
		expect(progress.filter((p) => p.phase === 'write').at(-1)).toEqual({ phase: 'write', done: 12, total: 12 })

		const created = await db.user.findMany({ where: { username: { startsWith: `p${t}` } }, include: { roles: true, unit: true } })
		expect(created).toHaveLength(12)
		expect(created.every((u) => u.mustChangePassword && u.active)).toBe(true)
		const first = created.find((u) => u.username === `p${t}0`)!
		expect(first.roles.map((r) => r.role).sort()).toEqual(['learner', 'mentor'])
		expect(first.unit.parentId).toBe(west.id)
		expect(created.find((u) => u.username === `p${t}1`)!.phone).toBe('13912345678')

		const credential = outcome.credentials.find((c) => c.username === `p${t}3`)!
		expect(credential.unit).toBe(`区审计局${t}/财政局${t}`)
		expect(await authenticate(db, { username: credential.username, password: credential.temporaryPassword, ipAddress: `10.2.${t}` })).toMatchObject({
			ok: true,
			mustChangePassword: true,
		})
		const sheet = await readSpreadsheet(Buffer.from(outcome.credentialsXlsxBase64!, 'base64'), 'p.xlsx')
		expect(sheet.ok && sheet.rows.length).toBe(12)
		expect(sheet.ok && sheet.rows.find((r) => r.cells['工号'] === credential.username)?.cells['临时密码']).toBe(credential.temporaryPassword)

		const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'user.import', actorId: admin.id } })
		expect(audit.summary).toBe('从文件“新人.xlsx”批量导入 12 名用户')
		expect(JSON.parse(audit.after!).users).toHaveLength(12)
		expect(audit.after).not.toContain(credential.temporaryPassword)
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
	})

	test('CSV works the same, with Chinese commas between roles', async () => {
		const { db, admin, t } = await organisation()
		const csv = writeCsv(HEADER, [[`q${t}`, '王五', `财政局${t}`, '讲师，管理员', '']])
		const outcome = await commitUserImport(db, admin, { data: Buffer.from(csv), fileName: 'list.csv' })
		expect(outcome).toMatchObject({ ok: true, created: 1 })
		const roles = await db.userRole.findMany({ where: { user: { username: `q${t}` } }, select: { role: true } })
		expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'lecturer'])
	})

	test('a 工号 taken between preview and write is caught inside the transaction; nothing is written', async () => {
		const { db, admin, t, finance } = await organisation()
		const file = await xlsxOf(HEADER, [
			[`r${t}1`, '赵一', `财政局${t}`, '学员', ''],
			[`r${t}2`, '赵二', `财政局${t}`, '学员', ''],
		])
		let raced = false
		const outcome = await commitUserImport(
			db,
			admin,
			{ data: file, fileName: 'r.xlsx' },
			{
				onProgress: async (p) => {
					// Another admin creates one of the 工号 while the passwords are being hashed.
					if (p.phase === 'hash' && !raced) {
						raced = true
						await db.user.create({ data: { username: `r${t}2`, name: '抢先', unitId: finance.id } })
					}
				},
			},
		)
		expect(raced).toBe(true)
		expect(outcome.ok).toBe(false)
		if (!outcome.ok) expect(outcome.preview.problems).toEqual([{ rowNumber: 3, messages: [`工号“r${t}2”已存在`] }])
		expect(await db.user.count({ where: { username: `r${t}1` } })).toBe(0)
	})

	test('an aborted request stops before anything is written', async () => {
		const { db, admin, t } = await organisation()
		const controller = new AbortController()
		const file = await xlsxOf(HEADER, [[`s${t}`, '钱一', `财政局${t}`, '学员', '']])
		controller.abort()
		await expect(commitUserImport(db, admin, { data: file, fileName: 's.xlsx' }, { signal: controller.signal })).rejects.toThrow('导入已取消')
		expect(await db.user.count({ where: { username: `s${t}` } })).toBe(0)
	})
})
