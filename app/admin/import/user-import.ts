// Bulk creation of people from a sheet (工号, 姓名, 单位, 角色, 手机). Preview first; the
// commit re-checks inside its transaction and writes every row or none.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { generateTemporaryPassword, hashPassword } from '#app/utils/password.server.ts'
import type { Role } from '#app/utils/roles.ts'
import type { SpreadsheetRow } from '#app/utils/xlsx.server.ts'
import { auditActor, type Actor } from '../actor.ts'
import { loadAllUnits } from '../units.ts'
import { joinUnitPath, UnitPathIndex, unitPathNames } from '../unit-tree.ts'
import { isUniqueViolation } from '../users.ts'
import { parsePhone, parseRoleList, PersonNameSchema, roleLabels, UsernameSchema } from '../user-fields.ts'
import { credentialsWorkbook } from './templates.ts'
import { chunks, fileProblemPreview, ProblemList, progressTicker, readImportSheet, type UploadedFile } from './sheet.ts'
import { type ImportOutcome, type ImportPreview, type ReportProgress, rowsPreview } from './types.ts'

export const USER_IMPORT_COLUMNS = [
	{ header: '工号', required: true },
	{ header: '姓名', required: true },
	{ header: '单位', required: true },
	{ header: '角色', required: true },
	{ header: '手机', required: false },
] as const

const PREVIEW_COLUMNS = ['工号', '姓名', '单位', '角色', '手机']
const LOOKUP_CHUNK = 500
const WRITE_CHUNK = 500

export type CheckedUserRow = { rowNumber: number; username: string; name: string; unitId: string; unitPath: string; roles: Role[]; phone: string | null }

async function existingUnitIndex(db: DbOrTx) {
	const units = await loadAllUnits(db)
	const byId = new Map(units.map((u) => [u.id, u]))
	return new UnitPathIndex(units.map((u) => ({ id: u.id, path: unitPathNames(byId, u.id), active: u.active })))
}

function zodMessage(result: { success: boolean; error?: { issues: { message: string }[] } }) {
	return result.error?.issues[0]?.message ?? '格式不正确'
}

/** Every problem of every row, in one pass plus one chunked lookup of existing 工号. */
export async function checkUserRows(db: DbOrTx, rows: readonly SpreadsheetRow[], onProgress?: ReportProgress) {
	const units = await existingUnitIndex(db)
	const problems = new ProblemList()
	const checked: CheckedUserRow[] = []
	const firstRowOf = new Map<string, number>()

	for (const { rowNumber, cells } of rows) {
		const username = UsernameSchema.safeParse(cells['工号'] ?? '')
		const name = PersonNameSchema.safeParse(cells['姓名'] ?? '')
		const unit = units.resolve(cells['单位'] ?? '')
		const roles = parseRoleList(cells['角色'] ?? '')
		const phone = parsePhone(cells['手机'])
		if (!username.success) problems.add(rowNumber, zodMessage(username))
		else {
			const first = firstRowOf.get(username.data)
			if (first !== undefined) problems.add(rowNumber, `工号“${username.data}”与第${first}行重复`)
			else firstRowOf.set(username.data, rowNumber)
		}
		if (!name.success) problems.add(rowNumber, zodMessage(name))
		if (!unit.ok) problems.add(rowNumber, unit.message)
		if (!roles.ok) problems.add(rowNumber, roles.message)
		if (!phone.ok) problems.add(rowNumber, phone.message)
		if (username.success && name.success && unit.ok && roles.ok && phone.ok) {
			checked.push({
				rowNumber,
				username: username.data,
				name: name.data,
				unitId: unit.unit.id,
				unitPath: joinUnitPath(unit.unit.path),
				roles: roles.value,
				phone: phone.value,
			})
		}
	}

	const usernames = [...firstRowOf.keys()]
	let looked = 0
	for (const batch of chunks(usernames, LOOKUP_CHUNK)) {
		const taken = await db.user.findMany({ where: { username: { in: batch } }, select: { username: true, active: true } })
		for (const user of taken) {
			problems.add(firstRowOf.get(user.username)!, `工号“${user.username}”已存在${user.active ? '' : '（该账号已停用）'}`)
		}
		looked += batch.length
		await onProgress?.({ phase: 'validate', done: looked, total: usernames.length })
	}
	const valid = checked.filter((row) => !problems.has(row.rowNumber))
	return { valid, problems: problems.list() }
}

function previewOf(fileName: string, totalRows: number, valid: CheckedUserRow[], problems: ImportPreview['problems']): ImportPreview {
	return rowsPreview({ kind: 'users', fileName, totalRows, problems }, valid, PREVIEW_COLUMNS, (row) => [row.username, row.name, row.unitPath, roleLabels(row.roles), row.phone ?? ''])
}

async function readAndCheck(db: DbOrTx, file: UploadedFile, onProgress?: ReportProgress) {
	await onProgress?.({ phase: 'parse', done: 0, total: 1 })
	const sheet = await readImportSheet('users', file, USER_IMPORT_COLUMNS)
	if (!sheet.ok) return { rows: null, valid: [], preview: fileProblemPreview('users', file.fileName, sheet.problem, PREVIEW_COLUMNS) }
	await onProgress?.({ phase: 'parse', done: 1, total: 1 })
	const { valid, problems } = await checkUserRows(db, sheet.rows, onProgress)
	return { rows: sheet.rows, valid, preview: previewOf(file.fileName, sheet.rows.length, valid, problems) }
}

export async function previewUserImport(db: DbOrTx, file: UploadedFile, onProgress?: ReportProgress): Promise<ImportPreview> {
	return (await readAndCheck(db, file, onProgress)).preview
}

export class ImportCancelled extends Error {
	constructor() {
		super('导入已取消，未写入任何数据')
	}
}

/**
 * Hashes the temporary passwords before the transaction (the slow part, about 20 ms each),
 * so the write lock is held only for the inserts.
 */
export async function commitUserImport(
	db: Db,
	actor: Actor,
	file: UploadedFile,
	{ onProgress, signal }: { onProgress?: ReportProgress; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
	const first = await readAndCheck(db, file, onProgress)
	if (!first.rows || first.preview.problems.length) return { ok: false, preview: first.preview }
	const sheetRows = first.rows
	const rows = first.valid
	const credentials = new Map<string, { temporaryPassword: string; hash: string }>()
	const tickHash = progressTicker(rows.length, (done) => onProgress?.({ phase: 'hash', done, total: rows.length }))
	for (const [index, row] of rows.entries()) {
		if (signal?.aborted) throw new ImportCancelled()
		const temporaryPassword = generateTemporaryPassword()
		credentials.set(row.username, { temporaryPassword, hash: await hashPassword(temporaryPassword) })
		await tickHash(index + 1)
	}
	if (signal?.aborted) throw new ImportCancelled()

	try {
		return await auditedTransaction(
			db,
			async (tx): Promise<ImportOutcome> => {
				// Someone may have created a 工号 or deactivated a unit since the check above.
				const again = await checkUserRows(tx, sheetRows)
				if (again.problems.length) return { ok: false, preview: previewOf(file.fileName, sheetRows.length, again.valid, again.problems) }
				let written = 0
				for (const batch of chunks(again.valid, WRITE_CHUNK)) {
					const created = await tx.user.createManyAndReturn({
						data: batch.map((row) => ({ username: row.username, name: row.name, unitId: row.unitId, phone: row.phone, mustChangePassword: true })),
						select: { id: true, username: true },
					})
					const idOf = new Map(created.map((u) => [u.username, u.id]))
					await tx.password.createMany({ data: batch.map((row) => ({ userId: idOf.get(row.username)!, hash: credentials.get(row.username)!.hash })) })
					await tx.userRole.createMany({ data: batch.flatMap((row) => row.roles.map((role) => ({ userId: idOf.get(row.username)!, role }))) })
					written += batch.length
					await onProgress?.({ phase: 'write', done: written, total: again.valid.length })
				}
				await writeAuditLog(tx, {
					...auditActor(actor),
					action: 'user.import',
					targetType: 'User',
					summary: `从文件“${file.fileName}”批量导入 ${again.valid.length} 名用户`,
					after: {
						fileName: file.fileName,
						users: again.valid.map((row) => ({ username: row.username, name: row.name, unit: row.unitPath, roles: row.roles, phone: row.phone })),
					},
				})
				const list = again.valid.map((row) => ({
					username: row.username,
					name: row.name,
					unit: row.unitPath,
					temporaryPassword: credentials.get(row.username)!.temporaryPassword,
				}))
				return { ok: true, kind: 'users', created: list.length, credentials: list, credentialsXlsxBase64: null }
			},
			5,
			{ timeout: 120_000, maxWait: 20_000 },
		).then(async (outcome) =>
			outcome.ok ? { ...outcome, credentialsXlsxBase64: (await credentialsWorkbook(outcome.credentials)).toString('base64') } : outcome,
		)
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		const preview = fileProblemPreview('users', file.fileName, '导入期间有工号被同时创建，已全部撤销、未写入任何数据，请重新上传预览', PREVIEW_COLUMNS)
		return { ok: false, preview }
	}
}
