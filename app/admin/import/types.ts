// Shapes shared by the import domain, its streaming endpoint and the import page. Isomorphic.
export const IMPORT_KINDS = ['users', 'units', 'pairings'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = { users: '用户', units: '单位', pairings: '导师带徒结对' }

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS: Record<ImportKind, number> = { users: 5000, units: 2000, pairings: 5000 }

export type ImportPhase = 'upload' | 'parse' | 'validate' | 'hash' | 'write'

export const IMPORT_PHASE_LABELS: Record<ImportPhase, string> = {
	upload: '上传文件',
	parse: '读取表格',
	validate: '逐行校验',
	hash: '生成临时密码',
	write: '写入数据库',
}

export type ImportProgress = { phase: ImportPhase; done: number; total: number }
/** May return a promise; the import waits for it (back-pressure from a slow reader). */
export type ReportProgress = (progress: ImportProgress) => void | Promise<void>

export type RowProblem = { rowNumber: number; messages: string[] }

export type ImportPreview = {
	kind: ImportKind
	fileName: string
	totalRows: number
	/** Problems with the file as a whole (unreadable, missing columns, too many rows). */
	fileProblems: string[]
	problems: RowProblem[]
	/** The rows as they will be written, resolved (first PREVIEW_ROWS only). */
	table: { columns: string[]; rows: { rowNumber: number; cells: string[] }[] }
}

export const PREVIEW_ROWS = 200

/** The preview of a checked file: its first PREVIEW_ROWS valid rows, as `cells` shows each under `columns`. */
export function rowsPreview<Row extends { rowNumber: number }>(
	{ kind, fileName, totalRows, problems }: Pick<ImportPreview, 'kind' | 'fileName' | 'totalRows' | 'problems'>,
	valid: Row[],
	columns: string[],
	cells: (row: Row) => string[],
): ImportPreview {
	return {
		kind,
		fileName,
		totalRows,
		fileProblems: [],
		problems,
		table: { columns, rows: valid.slice(0, PREVIEW_ROWS).map((row) => ({ rowNumber: row.rowNumber, cells: cells(row) })) },
	}
}

export function previewIsClean(preview: ImportPreview) {
	return preview.fileProblems.length === 0 && preview.problems.length === 0 && preview.totalRows > 0
}

export type ImportCredential = { username: string; name: string; unit: string; temporaryPassword: string }

export type ImportOutcome =
	| { ok: true; kind: ImportKind; created: number; credentials: ImportCredential[]; credentialsXlsxBase64: string | null }
	| { ok: false; preview: ImportPreview }

/** One line of the newline-delimited JSON the import endpoint streams. */
export type ImportStreamEvent =
	| ({ type: 'progress' } & ImportProgress)
	| { type: 'preview'; preview: ImportPreview }
	| { type: 'done'; outcome: ImportOutcome }
	| { type: 'error'; message: string }
