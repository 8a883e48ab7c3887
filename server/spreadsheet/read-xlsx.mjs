// Streaming .xlsx reader for uploads (ADR 009). exceljs loads the whole workbook and lays out
// every row up to the sheet's widest column: one cell in XFD on 300 rows made 4.9 million
// cells (2.4 GB, 33 s), and a zip bomb was inflated whole. Here yauzl reads the zip's central
// directory (declared sizes checked before inflating, actual sizes checked while inflating),
// saxes parses the XML as it is inflated, and rows, columns, cell length and inflated bytes
// are checked as each one arrives. Only the parts an import needs are read: the workbook (to
// find the first sheet), its relationships, styles (which numbers are dates), shared strings
// and the first sheet. saxes expands no DTD entities, so there is no entity bomb either.
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser } from 'saxes'
import yauzl from 'yauzl'
import { cellTooLong, InflateBudget, MAX_CELL_CHARS, MAX_COLUMNS, MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES, NOT_XLSX, inflatedTooLarge, SpreadsheetRefusal, tooManyColumns } from './limits.mjs'
import { RowCollector } from './rows.mjs'

/** Thrown for a file that is not a readable workbook; turned into NOT_XLSX. */
class NotXlsx extends Error {}

function openZip(buffer) {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, zip) =>
			error ? reject(new NotXlsx(error.message)) : resolve(zip),
		)
	})
}

/** The central directory, name -> entry. A listing longer than any workbook's is refused. */
function listEntries(zip) {
	return new Promise((resolve, reject) => {
		const entries = new Map()
		if (zip.entryCount > MAX_ZIP_ENTRIES) return reject(new NotXlsx('too many entries'))
		zip.on('entry', (entry) => {
			entries.set(entry.fileName.replace(/^\/+/, ''), entry)
			zip.readEntry()
		})
		zip.on('end', () => resolve(entries))
		zip.on('error', (error) => reject(new NotXlsx(error.message)))
		zip.readEntry()
	})
}

function openEntry(zip, entry) {
	return new Promise((resolve, reject) => {
		zip.openReadStream(entry, (error, stream) => (error ? reject(new NotXlsx(error.message)) : resolve(stream)))
	})
}

const localName = (name) => name.slice(name.indexOf(':') + 1)

/**
 * Parses one zip entry as XML while it is inflated. Handlers may throw a SpreadsheetRefusal
 * to stop at once; the inflating stream is then destroyed.
 */
async function parseXmlEntry(zip, entry, budget, { open, text, close }) {
	// The declared size is checked before anything is inflated; yauzl then refuses an entry
	// that inflates to more than it declared, so the declaration cannot lie.
	if (budget.used + entry.uncompressedSize > MAX_INFLATED_BYTES) throw inflatedTooLarge()
	const stream = await openEntry(zip, entry)
	const parser = new SaxesParser()
	if (open) parser.on('opentag', (node) => open(localName(node.name), node.attributes))
	if (text) {
		parser.on('text', text)
		parser.on('cdata', text)
	}
	if (close) parser.on('closetag', (node) => close(localName(node.name)))
	const decoder = new StringDecoder('utf8')
	try {
		for await (const chunk of stream) {
			budget.take(chunk.length)
			parser.write(decoder.write(chunk))
		}
		parser.write(decoder.end())
		parser.close()
	} catch (error) {
		stream.destroy()
		if (error instanceof SpreadsheetRefusal) throw error
		throw new NotXlsx(error instanceof Error ? error.message : String(error))
	}
}

/** Where a relationship target points, as a path inside the zip. */
function resolveTarget(target) {
	if (target.startsWith('/')) return target.slice(1)
	const parts = ['xl']
	for (const part of target.split('/')) {
		if (part === '..') parts.pop()
		else if (part && part !== '.') parts.push(part)
	}
	return parts.join('/')
}

async function readWorkbook(zip, entries, budget) {
	const workbook = entries.get('xl/workbook.xml')
	if (!workbook) throw new NotXlsx('no workbook')
	let firstSheetRelId = null
	let date1904 = false
	await parseXmlEntry(zip, workbook, budget, {
		open(name, attributes) {
			if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true'
			if (name === 'sheet' && firstSheetRelId === null) {
				const key = Object.keys(attributes).find((attribute) => attribute.endsWith(':id'))
				firstSheetRelId = key ? attributes[key] : null
			}
		},
	})
	const targets = new Map()
	const rels = entries.get('xl/_rels/workbook.xml.rels')
	if (rels) {
		await parseXmlEntry(zip, rels, budget, {
			open(name, attributes) {
				if (name === 'Relationship') targets.set(attributes.Id, { type: String(attributes.Type ?? ''), path: resolveTarget(String(attributes.Target ?? '')) })
			},
		})
	}
	const ofType = (suffix, fallback) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.path ?? fallback
	return {
		date1904,
		sheetPath: (firstSheetRelId && targets.get(firstSheetRelId)?.path) || 'xl/worksheets/sheet1.xml',
		stylesPath: ofType('/styles', 'xl/styles.xml'),
		sharedStringsPath: ofType('/sharedStrings', 'xl/sharedStrings.xml'),
	}
}

// Built-in number formats that show a date or time: the international ones and those Chinese
// Excel uses (27–36, 50–58), which a file does not spell out in its styles.
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

function isDateFormatCode(code) {
	const bare = code
		.replace(/\[[^\]]*]/g, '')
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '')
	return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim())
}

/** For each cell style index: does it show numbers as dates? */
async function readDateStyles(zip, entry, budget) {
	const dateStyles = []
	if (!entry) return dateStyles
	const customCodes = new Map()
	let inCellXfs = false
	await parseXmlEntry(zip, entry, budget, {
		open(name, attributes) {
			if (name === 'numFmt') customCodes.set(Number(attributes.numFmtId), String(attributes.formatCode ?? ''))
			else if (name === 'cellXfs') inCellXfs = true
			else if (name === 'xf' && inCellXfs) {
				const id = Number(attributes.numFmtId ?? 0)
				dateStyles.push(customCodes.has(id) ? isDateFormatCode(customCodes.get(id)) : DATE_FORMAT_IDS.has(id))
			}
		},
		close(name) {
			if (name === 'cellXfs') inCellXfs = false
		},
	})
	return dateStyles
}

/** Shared strings: the text runs of each <si>, without phonetic (rPh) runs. */
async function readSharedStrings(zip, entry, budget) {
	const strings = []
	if (!entry) return strings
	let current = null
	let inText = false
	let phonetic = 0
	await parseXmlEntry(zip, entry, budget, {
		open(name) {
			if (name === 'si') current = ''
			else if (name === 'rPh') phonetic++
			else if (name === 't' && current !== null && phonetic === 0) inText = true
		},
		text(value) {
			if (!inText) return
			current += value
			if (current.length > MAX_CELL_CHARS) throw cellTooLong('表格中有一个单元格')
		},
		close(name) {
			if (name === 't') inText = false
			else if (name === 'rPh') phonetic--
			else if (name === 'si') {
				strings.push(current ?? '')
				current = null
			}
		},
	})
	return strings
}

function formatDateCell(date) {
	if (Number.isNaN(date.getTime())) return ''
	const iso = date.toISOString()
	// Excel date-only cells arrive as UTC midnight; keep the time only when there is one.
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
}

function excelSerialToDate(serial, date1904) {
	return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
}

/** Column number from a reference such as "XFD300" (16384), or null when there is none. */
function columnOfReference(reference) {
	if (!reference) return null
	let column = 0
	for (let i = 0; i < reference.length; i++) {
		const code = reference.charCodeAt(i)
		if (code < 65 || code > 90) break
		column = column * 26 + (code - 64)
		// Stop counting long before a made-up reference could overflow anything.
		if (column > 1_000_000) break
	}
	return column || null
}

async function readSheet(zip, entry, budget, { sharedStrings, dateStyles, date1904, rows }) {
	let rowNumber = 0
	let values = []
	let column = 0
	let cell = null
	let capture = null // 'v' or 't' (inline string) while inside one
	let inInline = false
	let phonetic = 0

	const cellValue = () => {
		const { type, style, v, inline } = cell
		switch (type) {
			case 's':
				return sharedStrings[Number(v)] ?? ''
			case 'inlineStr':
				return inline
			case 'str':
			case 'e':
				return v
			case 'b':
				return v === '' ? '' : v === '1' || v === 'true' ? 'TRUE' : 'FALSE'
			case 'd':
				return v === '' ? '' : formatDateCell(new Date(v))
			default: {
				if (v.trim() === '') return ''
				const number = Number(v)
				if (Number.isNaN(number)) return v
				return dateStyles[style] ? formatDateCell(excelSerialToDate(number, date1904)) : String(number)
			}
		}
	}

	await parseXmlEntry(zip, entry, budget, {
		open(name, attributes) {
			switch (name) {
				case 'row': {
					const declared = Number(attributes.r)
					rowNumber = Number.isInteger(declared) && declared > 0 ? declared : rowNumber + 1
					values = []
					column = 0
					break
				}
				case 'c': {
					column = columnOfReference(attributes.r) ?? column + 1
					if (column > MAX_COLUMNS) throw tooManyColumns(rowNumber, column)
					cell = { type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), v: '', inline: '' }
					break
				}
				case 'v':
					if (cell) capture = 'v'
					break
				case 'is':
					inInline = true
					break
				case 'rPh':
					phonetic++
					break
				case 't':
					if (cell && inInline && phonetic === 0) capture = 't'
					break
			}
		},
		text(value) {
			if (capture === 'v') cell.v += value
			else if (capture === 't') cell.inline += value
			else return
			if (cell.v.length + cell.inline.length > MAX_CELL_CHARS) throw cellTooLong(`第${rowNumber}行第 ${column} 列`)
		},
		close(name) {
			switch (name) {
				case 'v':
				case 't':
					capture = null
					break
				case 'is':
					inInline = false
					break
				case 'rPh':
					phonetic--
					break
				case 'c': {
					const value = cellValue()
					if (value !== '') values[column - 1] = value
					cell = null
					break
				}
				case 'row':
					rows.add(rowNumber, Array.from(values, (value) => value ?? ''))
					break
			}
		},
	})
}

/** @returns {Promise<import('./read.d.mts').SpreadsheetReadResult>} */
export async function readXlsx(buffer, maxRows) {
	let zip
	try {
		zip = await openZip(buffer)
		const entries = await listEntries(zip)
		const budget = new InflateBudget()
		const workbook = await readWorkbook(zip, entries, budget)
		const sheet = entries.get(workbook.sheetPath)
		if (!sheet) return { ok: false, error: '文件中没有数据' }
		const dateStyles = await readDateStyles(zip, entries.get(workbook.stylesPath), budget)
		const sharedStrings = await readSharedStrings(zip, entries.get(workbook.sharedStringsPath), budget)
		const rows = new RowCollector(maxRows)
		await readSheet(zip, sheet, budget, { sharedStrings, dateStyles, date1904: workbook.date1904, rows })
		return rows.finish()
	} catch (error) {
		if (error instanceof SpreadsheetRefusal) return { ok: false, error: error.message }
		if (error instanceof NotXlsx) return { ok: false, error: NOT_XLSX }
		throw error
	} finally {
		zip?.close()
	}
}
