// Import questions from a spreadsheet: preview (every problem by row and column, duplicates
// in the file and in the bank), then write all rows or only the valid ones in one
// transaction. The web page and `npm run bank:import` both call importBankFile (ADR 022).
import { randomBytes } from 'node:crypto'
import { Prisma } from '#app/generated/prisma/sqlite/client.ts'
import { QUESTION_TYPES, type QuestionContent, type QuestionStatus, type QuestionType } from '#app/exams/bank/question-types.ts'
import { isUniqueViolationOn } from '#app/exams/bank/questions.ts'
import { contentToColumns, stemKeyOf } from '#app/exams/bank/version-content.server.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { readSpreadsheet, type SpreadsheetRow } from '#app/utils/xlsx.server.ts'
import {
	checkMapping,
	columnText,
	detectColumn,
	detectMapping,
	formatMappingProblem,
	IGNORE,
	isKnownHeader,
	mapRow,
	planOf,
	type CellOrigin,
	type ColumnChoice,
	type ColumnMapping,
	type MappingProblem,
} from './column-mapping.ts'
import { BANK_COLUMNS, type BankColumn } from './columns.ts'
import type { ImportSettings } from './import-settings.ts'
import { parseBankRow } from './parse-row.ts'

/** `origin` says where the cell came from: the file's column (its header text), a default, or inference. */
export type ImportProblem = { rowNumber: number; column: BankColumn; message: string; kind: 'invalid' | 'duplicate'; origin?: CellOrigin | null }
export type ValidImportRow = { rowNumber: number; content: QuestionContent; status: QuestionStatus | null; stemKey: string; typeInferred?: boolean }
export type MappingEntry = { header: string; column: ColumnChoice; detected: ColumnChoice; sample: string }

export type ImportPreview = {
	fileError: string | null
	warnings: string[]
	/** How each file column was read (detected, or as the person chose), with its first value. */
	mapping: MappingEntry[]
	defaults: NonNullable<ImportSettings['defaults']>
	/** A mapping that cannot import (a column twice, 题干 or 答案 missing, a required column with no default). */
	mappingProblems: MappingProblem[]
	totalRows: number
	valid: ValidImportRow[]
	problems: ImportProblem[]
	/** Rows with at least one problem (invalid or duplicate). */
	badRowCount: number
	validByType: Record<QuestionType, number>
}

export type ImportMode = 'all' | 'valid_only'
export type ImportProgress = { phase: 'checking' | 'writing' | 'done'; done: number; total: number }

export type ImportOutcome = {
	ok: boolean
	preview: ImportPreview
	/** Why nothing was written (when ok is false). */
	reason: string | null
	imported: number
	skippedRows: number[]
	dryRun: boolean
}

const CHUNK = 500

export { columnText, formatMappingProblem }

/** `第3行 答案：…`, or with the file's own header `第3行 “正确答案”列（答案）：…`, `第3行 专题（默认值）：…`. */
export function formatProblem(problem: Pick<ImportProblem, 'rowNumber' | 'column' | 'message' | 'origin'>) {
	return `第${problem.rowNumber}行 ${columnText(problem)}：${problem.message}`
}



function zeroPerType() {
	return Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>
}

function emptyPreview(fileError: string | null, rest: Partial<ImportPreview> = {}): ImportPreview {
	return { fileError, warnings: [], mapping: [], defaults: {}, mappingProblems: [], totalRows: 0, valid: [], problems: [], badRowCount: 0, validByType: zeroPerType(), ...rest }
}

/** The person's mapping for the headers it names; any header it leaves out is read as detected. */
function mappingFor(headers: string[], chosen: ColumnMapping | undefined): ColumnMapping {
	if (!chosen) return detectMapping(headers)
	const byHeader = new Map(chosen.map((entry) => [entry.header, entry.column]))
	return [...headers.map((header) => ({ header, column: byHeader.get(header) ?? detectColumn(header) })), ...chosen.filter((entry) => !headers.includes(entry.header))]
}

function chunks<T>(items: T[], size = CHUNK) {
	const out: T[][] = []
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
	return out
}

async function existingStemKeys(db: DbOrTx, keys: string[]) {
	const found = new Set<string>()
	for (const part of chunks([...new Set(keys)])) {
		const rows = await db.question.findMany({ where: { stemKey: { in: part } }, select: { stemKey: true } })
		for (const row of rows) found.add(row.stemKey)
	}
	return found
}

export async function previewBankSheet(
	db: DbOrTx,
	sheet: { headers: string[]; rows: SpreadsheetRow[] },
	onProgress?: (progress: ImportProgress) => void,
	settings: ImportSettings = {},
): Promise<ImportPreview> {
	const defaults = settings.defaults ?? {}
	const mapping = mappingFor(sheet.headers, settings.mapping)
	const firstRow = sheet.rows[0]?.cells ?? {}
	const mappingEntries: MappingEntry[] = mapping.map(({ header, column }) => ({ header, column, detected: detectColumn(header), sample: (firstRow[header] ?? '').slice(0, 60) }))
	const warnings = mapping.filter((entry) => entry.column === IGNORE && !isKnownHeader(entry.header)).map((entry) => `未识别的列“${entry.header}”，导入时将忽略`)
	const mappingProblems = checkMapping(mapping, sheet.headers, defaults)
	const base = { warnings, mapping: mappingEntries, defaults, mappingProblems, totalRows: sheet.rows.length }
	if (mappingProblems.length) return emptyPreview(null, base)
	if (sheet.rows.length === 0) return emptyPreview('文件中没有题目数据', base)
	const plan = planOf(mapping, defaults)

	const problems: ImportProblem[] = []
	const parsedRows: ValidImportRow[] = []
	const firstRowOfStem = new Map<string, number>()
	const stemKeyOfRow = new Map<number, string>()
	let parsedCount = 0
	const stemOrigin = plan.headerOf.has('题干') ? ({ kind: 'file', header: plan.headerOf.get('题干')! } as const) : null
	for (const row of sheet.rows) {
		const mapped = mapRow(row.cells, plan)
		const { cells } = mapped
		const stem = (cells['题干'] ?? '').trim()
		if (stem) {
			const key = stemKeyOf(stem)
			stemKeyOfRow.set(row.rowNumber, key)
			const first = firstRowOfStem.get(key)
			if (first === undefined) firstRowOfStem.set(key, row.rowNumber)
			else problems.push({ rowNumber: row.rowNumber, column: '题干', message: `与第${first}行题干重复`, kind: 'duplicate', origin: stemOrigin })
		}
		if (parsedCount++ % CHUNK === 0) onProgress?.({ phase: 'checking', done: parsedCount - 1, total: sheet.rows.length })
		const parsed = parseBankRow(cells)
		// The mapping's own reading of a cell (an options cell it could not split, a type it could
		// not infer) says more than the row check's answer to the same column.
		const mappedColumns = new Set(mapped.problems.map((p) => p.column))
		const rowProblems = [...mapped.problems, ...(parsed.ok ? [] : parsed.problems.filter((p) => !mappedColumns.has(p.column)))]
		if (mapped.problems.length) rowProblems.sort((a, b) => BANK_COLUMNS.indexOf(a.column) - BANK_COLUMNS.indexOf(b.column))
		if (parsed.ok && rowProblems.length === 0) {
			parsedRows.push({ rowNumber: row.rowNumber, content: parsed.content, status: parsed.status, stemKey: stemKeyOfRow.get(row.rowNumber)!, typeInferred: mapped.inferredType !== null })
		} else {
			for (const p of rowProblems) problems.push({ rowNumber: row.rowNumber, column: p.column, message: p.message, kind: 'invalid', origin: mapped.originOf(p.column) })
		}
	}

	const inBank = await existingStemKeys(db, [...firstRowOfStem.keys()])
	for (const [key, rowNumber] of firstRowOfStem) {
		if (inBank.has(key)) problems.push({ rowNumber, column: '题干', message: '题库中已有相同题干的题目', kind: 'duplicate', origin: stemOrigin })
	}

	problems.sort((a, b) => a.rowNumber - b.rowNumber)
	const badRows = new Set(problems.map((p) => p.rowNumber))
	const valid = parsedRows.filter((row) => !badRows.has(row.rowNumber))
	const validByType = zeroPerType()
	for (const row of valid) validByType[row.content.type]++
	return { ...base, fileError: null, valid, problems, badRowCount: badRows.size, validByType }
}

function newId() {
	return `c${Date.now().toString(36)}${randomBytes(10).toString('hex')}`
}

/**
 * Multi-row INSERTs through raw SQL both providers accept: Prisma's createMany spends most of
 * a 5,000-row import in client-side query building (ADR 022). Column names come from this
 * module, never from the file; every value is a bound parameter.
 */
async function insertRows(tx: DbTx, table: 'Question' | 'QuestionVersion', rows: Record<string, unknown>[], rowsPerStatement: number) {
	if (rows.length === 0) return
	const columns = Object.keys(rows[0]!)
	const columnList = Prisma.raw(columns.map((c) => `"${c}"`).join(', '))
	for (let i = 0; i < rows.length; i += rowsPerStatement) {
		const values = rows.slice(i, i + rowsPerStatement).map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`)
		await tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${columnList}) VALUES ${Prisma.join(values)}`
	}
}

/** Questions, then their first versions, then each question's pointer to its version. */
async function insertImportChunk(tx: DbTx, rows: ValidImportRow[], { actorId, defaultStatus }: { actorId: string | null; defaultStatus: QuestionStatus }) {
	const now = new Date()
	const questionIds = rows.map(() => newId())
	await insertRows(
		tx,
		'Question',
		rows.map((row, i) => ({
			id: questionIds[i]!,
			status: row.status ?? defaultStatus,
			topic: row.content.topic,
			type: row.content.type,
			difficulty: row.content.difficulty,
			stemKey: row.stemKey,
			createdById: actorId,
			createdAt: now,
			updatedAt: now,
		})),
		250,
	)
	await insertRows(
		tx,
		'QuestionVersion',
		rows.map((row, i) => ({ id: newId(), questionId: questionIds[i]!, version: 1, createdById: actorId, createdAt: now, ...contentToColumns(row.content) })),
		100,
	)
	await tx.$executeRaw`UPDATE "Question" SET "currentVersionId" = (SELECT v."id" FROM "QuestionVersion" v WHERE v."questionId" = "Question"."id" AND v."version" = 1) WHERE "id" IN (${Prisma.join(questionIds)})`
}

export async function importBankRows(
	db: Db,
	{
		sheet,
		fileName,
		mode,
		defaultStatus = 'active',
		actorId,
		actorName,
		dryRun = false,
		onProgress,
		settings,
	}: {
		sheet: { headers: string[]; rows: SpreadsheetRow[] }
		/** The column mapping and defaults; without them the header row is read by its names (ADR 026). */
		settings?: ImportSettings
		fileName: string
		mode: ImportMode
		defaultStatus?: QuestionStatus
		actorId: string | null
		/** Who ran it when there is no signed-in user (the command line). */
		actorName?: string
		dryRun?: boolean
		onProgress?: (progress: ImportProgress) => void
	},
): Promise<ImportOutcome> {
	const preview = await previewBankSheet(db, sheet, onProgress, settings)
	const outcome = (ok: boolean, reason: string | null, imported = 0): ImportOutcome => ({
		ok,
		preview,
		reason,
		imported,
		skippedRows: [...new Set(preview.problems.map((p) => p.rowNumber))],
		dryRun,
	})
	if (preview.fileError) return outcome(false, preview.fileError)
	if (preview.mappingProblems.length) return outcome(false, `列的对应有问题，未导入任何题目：${preview.mappingProblems.map(formatMappingProblem).join('；')}`)
	if (preview.problems.length > 0 && mode === 'all') {
		return outcome(false, `${preview.badRowCount} 行有问题，未导入任何题目。请修改后重新导入，或选择“只导入无误的行”。`)
	}
	if (preview.valid.length === 0) return outcome(false, '没有可导入的题目')
	if (dryRun) return outcome(true, null, 0)

	const total = preview.valid.length
	try {
		await auditedTransaction(
			db,
			async (tx) => {
				let done = 0
				for (const part of chunks(preview.valid)) {
					await insertImportChunk(tx, part, { actorId, defaultStatus })
					done += part.length
					onProgress?.({ phase: 'writing', done, total })
				}
				await writeAuditLog(tx, {
					actorId,
					actorName,
					action: 'bank.import',
					targetType: 'QuestionBank',
					summary: `从 ${fileName} 导入 ${total} 道题目${preview.badRowCount ? `，跳过 ${preview.badRowCount} 行` : ''}`,
					after: { fileName, mode, imported: total, skippedRows: outcome(true, null).skippedRows },
				})
			},
			5,
			{ timeout: 120_000, maxWait: 10_000 },
		)
	} catch (error) {
		if (isUniqueViolationOn(error, 'stemKey')) {
			return outcome(false, '导入期间题库中出现了相同题干的题目，本次导入已全部撤销，请重新预览')
		}
		throw error
	}
	onProgress?.({ phase: 'done', done: total, total })
	return outcome(true, null, total)
}

/** Reads an uploaded or local file and imports it; the one entry point for the page and the CLI. */
export async function importBankFile(
	db: Db,
	{ data, fileName, ...options }: { data: Buffer | Uint8Array | ArrayBuffer; fileName: string } & Omit<Parameters<typeof importBankRows>[1], 'sheet' | 'fileName'>,
): Promise<ImportOutcome> {
	const sheet = await readSpreadsheet(data, fileName)
	if (!sheet.ok) {
		const preview = emptyPreview(sheet.error)
		return { ok: false, preview, reason: sheet.error, imported: 0, skippedRows: [], dryRun: options.dryRun ?? false }
	}
	return importBankRows(db, { sheet, fileName, ...options })
}
