// Bulk creation of units from a sheet (单位名称, 类型, 上级单位). A parent is an existing
// unit or one written on an earlier row, so the sheet reads top-down and cannot loop.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import type { SpreadsheetRow } from '#app/utils/xlsx.server.ts'
import { auditActor, type Actor } from '../actor.ts'
import { UNIT_KIND_CHOICES, UNIT_KIND_LABELS, unitKindFrom, UnitNameSchema, type UnitKind } from '../unit-kinds.ts'
import { loadAllUnits } from '../units.ts'
import { joinUnitPath, splitUnitReference, UnitPathIndex, unitPathNames } from '../unit-tree.ts'
import { fileProblemPreview, ProblemList, progressTicker, readImportSheet, type UploadedFile } from './sheet.ts'
import { type ImportOutcome, type ImportPreview, type ReportProgress, rowsPreview } from './types.ts'

export const UNIT_IMPORT_COLUMNS = [
	{ header: '单位名称', required: true },
	{ header: '类型', required: true },
	{ header: '上级单位', required: false },
] as const

const PREVIEW_COLUMNS = ['单位名称', '类型', '上级单位']
const ROW_ID_PREFIX = 'row:'

export type CheckedUnitRow = {
	rowNumber: number
	name: string
	kind: UnitKind
	/** An existing unit's id, `row:N` for a unit created by an earlier row, or null for a top-level unit. */
	parentRef: string | null
	path: string[]
}

export async function checkUnitRows(db: DbOrTx, rows: readonly SpreadsheetRow[], onProgress?: ReportProgress) {
	const existing = await loadAllUnits(db)
	const byId = new Map(existing.map((u) => [u.id, u]))
	const index = new UnitPathIndex(existing.map((u) => ({ id: u.id, path: unitPathNames(byId, u.id), active: u.active })))
	const laterRowByName = new Map<string, number>()
	for (const { rowNumber, cells } of [...rows].reverse()) laterRowByName.set((cells['单位名称'] ?? '').trim(), rowNumber)

	const problems = new ProblemList()
	const checked: CheckedUnitRow[] = []
	const tick = progressTicker(rows.length, (done) => onProgress?.({ phase: 'validate', done, total: rows.length }))

	for (const [position, { rowNumber, cells }] of rows.entries()) {
		const name = UnitNameSchema.safeParse(cells['单位名称'] ?? '')
		if (!name.success) problems.add(rowNumber, name.error.issues[0]?.message ?? '单位名称格式不正确')
		const kindText = (cells['类型'] ?? '').trim()
		const kind = unitKindFrom(kindText)
		if (!kind) problems.add(rowNumber, kindText ? `类型“${kindText}”无法识别，应为：${UNIT_KIND_CHOICES}` : `请填写类型（${UNIT_KIND_CHOICES}）`)

		const parentText = (cells['上级单位'] ?? '').trim()
		let parentRef: string | null = null
		let parentPath: string[] = []
		if (parentText) {
			const parent = index.resolve(parentText, '上级单位')
			if (parent.ok) {
				parentRef = parent.unit.id
				parentPath = parent.unit.path
			} else {
				const later = laterRowByName.get(splitUnitReference(parentText).at(-1) ?? '')
				problems.add(rowNumber, later !== undefined && later > rowNumber ? `上级单位“${parentText}”在第${later}行，须写在本行之前` : parent.message)
			}
		}

		if (name.success) {
			const path = [...parentPath, name.data]
			if (!problems.has(rowNumber)) {
				const twin = index.withPath(path)[0]
				if (twin) problems.add(rowNumber, twin.rowNumber ? `与第${twin.rowNumber}行重复（同一上级下同名）` : `单位“${joinUnitPath(path)}”已存在`)
			}
			const broken = problems.has(rowNumber)
			// Rows with problems stay in the index so later rows name them instead of "not found".
			index.add({ id: `${ROW_ID_PREFIX}${rowNumber}`, path, active: true, rowNumber, broken })
			if (!broken && kind) checked.push({ rowNumber, name: name.data, kind, parentRef, path })
		}
		await tick(position + 1)
	}
	return { valid: checked, problems: problems.list() }
}

function previewOf(fileName: string, totalRows: number, valid: CheckedUnitRow[], problems: ImportPreview['problems']): ImportPreview {
	return rowsPreview({ kind: 'units', fileName, totalRows, problems }, valid, PREVIEW_COLUMNS, (row) => [row.name, UNIT_KIND_LABELS[row.kind], joinUnitPath(row.path.slice(0, -1)) || '（顶级）'])
}

async function readAndCheck(db: DbOrTx, file: UploadedFile, onProgress?: ReportProgress) {
	await onProgress?.({ phase: 'parse', done: 0, total: 1 })
	const sheet = await readImportSheet('units', file, UNIT_IMPORT_COLUMNS)
	if (!sheet.ok) return { rows: null, preview: fileProblemPreview('units', file.fileName, sheet.problem, PREVIEW_COLUMNS) }
	await onProgress?.({ phase: 'parse', done: 1, total: 1 })
	const { valid, problems } = await checkUnitRows(db, sheet.rows, onProgress)
	return { rows: sheet.rows, preview: previewOf(file.fileName, sheet.rows.length, valid, problems) }
}

export async function previewUnitImport(db: DbOrTx, file: UploadedFile, onProgress?: ReportProgress): Promise<ImportPreview> {
	return (await readAndCheck(db, file, onProgress)).preview
}

export async function commitUnitImport(db: Db, actor: Actor, file: UploadedFile, { onProgress }: { onProgress?: ReportProgress } = {}): Promise<ImportOutcome> {
	const first = await readAndCheck(db, file, onProgress)
	if (!first.rows || first.preview.problems.length) return { ok: false, preview: first.preview }
	const rows = first.rows
	return auditedTransaction(
		db,
		async (tx): Promise<ImportOutcome> => {
			const again = await checkUnitRows(tx, rows)
			if (again.problems.length) return { ok: false, preview: previewOf(file.fileName, rows.length, again.valid, again.problems) }
			const last = await tx.unit.findFirst({ orderBy: { sortOrder: 'desc' }, select: { sortOrder: true } })
			const createdIds = new Map<string, string>()
			const tick = progressTicker(again.valid.length, (done) => onProgress?.({ phase: 'write', done, total: again.valid.length }))
			for (const [position, row] of again.valid.entries()) {
				const parentId = row.parentRef?.startsWith(ROW_ID_PREFIX) ? createdIds.get(row.parentRef)! : row.parentRef
				const unit = await tx.unit.create({
					data: { name: row.name, kind: row.kind, parentId, sortOrder: (last?.sortOrder ?? 0) + position + 1 },
					select: { id: true },
				})
				createdIds.set(`${ROW_ID_PREFIX}${row.rowNumber}`, unit.id)
				await tick(position + 1)
			}
			await writeAuditLog(tx, {
				...auditActor(actor),
				action: 'unit.import',
				targetType: 'Unit',
				summary: `从文件“${file.fileName}”批量导入 ${again.valid.length} 个单位`,
				after: { fileName: file.fileName, units: again.valid.map((row) => ({ path: joinUnitPath(row.path), kind: row.kind })) },
			})
			return { ok: true, kind: 'units', created: again.valid.length, credentials: [], credentialsXlsxBase64: null }
		},
		5,
		{ timeout: 60_000, maxWait: 20_000 },
	)
}
