export type SpreadsheetRow = {
	/** 1-based row number as shown in Excel (the header is row 1). */
	rowNumber: number
	/** Cell text by header name; missing cells are ''. */
	cells: Record<string, string>
}

export type SpreadsheetReadResult = { ok: true; headers: string[]; rows: SpreadsheetRow[] } | { ok: false; error: string }

export type SpreadsheetFormat = 'xlsx' | 'csv'

export declare const DEFAULT_MAX_ROWS: number
export declare const MAX_COLUMNS: number
export declare const MAX_CELL_CHARS: number
export declare const MAX_INFLATED_BYTES: number
export declare const MAX_CSV_LINE_CHARS: number
export declare const NOT_XLSX: string
export declare const FORMULA_LEADING: RegExp
export declare function decodeCsvBytes(data: Uint8Array): string
export declare function unescapeCsvFormula(cell: string): string
export declare function spreadsheetFormatOf(fileName: string): SpreadsheetFormat | null
/** Reads in the calling thread; the app goes through readSpreadsheet (a worker) instead. */
export declare function readSpreadsheetHere(data: Uint8Array, fileName: string, maxRows: number): Promise<SpreadsheetReadResult>
