// Builders for admin tests: uniquely named units and people, so tests sharing one database
// never see each other's rows.
import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import type { Db } from '#app/utils/db-client.server.ts'
import type { Role } from '#app/utils/roles.ts'
import type { Actor } from './actor.ts'

export function tag() {
	return randomUUID().replace(/-/g, '').slice(0, 8)
}

export async function makeUnit(db: Db, { name = `单位${tag()}`, kind = 'department', parentId = null as string | null, active = true } = {}) {
	return db.unit.create({ data: { name, kind, parentId, active }, select: { id: true, name: true } })
}

export async function makeUser(db: Db, { unitId, roles = ['learner'] as Role[], active = true, name = `人员${tag()}` }: { unitId: string; roles?: Role[]; active?: boolean; name?: string }) {
	return db.user.create({
		data: { username: `u${tag()}`, name, unitId, active, mustChangePassword: false, roles: { create: roles.map((role) => ({ role })) } },
		select: { id: true, username: true, name: true },
	})
}

/** An admin who performs the actions under test. */
export async function makeAdmin(db: Db): Promise<Actor & { username: string; unitId: string }> {
	const unit = await makeUnit(db, { kind: 'bureau' })
	const admin = await makeUser(db, { unitId: unit.id, roles: ['admin'], name: `管理员${tag()}` })
	return { ...admin, unitId: unit.id }
}

/** An .xlsx whose first sheet holds these rows under this header. */
export async function xlsxOf(header: string[], rows: (string | number)[][]) {
	const workbook = new ExcelJS.Workbook()
	const sheet = workbook.addWorksheet('Sheet1')
	sheet.addRow(header)
	for (const row of rows) sheet.addRow(row)
	return Buffer.from(await workbook.xlsx.writeBuffer())
}
