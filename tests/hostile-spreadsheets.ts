// Hostile upload files, generated (issue 8, item 6): a sheet with a cell in column XFD, zip
// bombs of highly compressible sheet XML (honest and lying sizes), a million rows, a non-zip
// named .xlsx, and CSVs with enormous lines. The zip is written here by hand (local headers,
// central directory, end record) so sizes can be declared at will and large parts streamed
// through deflate without holding them inflated in memory.
import { crc32, deflateRawSync } from 'node:zlib'

type ZipPart = { name: string; compressed: Buffer; crc: number; size: number; declaredSize?: number }

/** A zip entry from text, deflated. */
function textPart(name: string, text: string): ZipPart {
	const data = Buffer.from(text, 'utf8')
	return { name, compressed: deflateRawSync(data), crc: crc32(data), size: data.length }
}

/** A zip entry generated in pieces, deflated in 8 MB slices so it is never in memory whole. */
function generatedPart(name: string, pieces: Iterable<string | Buffer>): ZipPart {
	const compressedSlices: Buffer[] = []
	let crc = 0
	let size = 0
	let batch: Buffer[] = []
	let batchBytes = 0
	const zlib = deflateRawStreaming()
	for (const piece of pieces) {
		const buffer = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece
		crc = crc32(buffer, crc)
		size += buffer.length
		batch.push(buffer)
		batchBytes += buffer.length
		if (batchBytes >= 8 * 1024 * 1024) {
			compressedSlices.push(zlib.push(Buffer.concat(batch), false))
			batch = []
			batchBytes = 0
		}
	}
	compressedSlices.push(zlib.push(Buffer.concat(batch), true))
	return { name, compressed: Buffer.concat(compressedSlices), crc, size }
}

/**
 * Raw deflate fed in slices: each slice is its own deflate run ending on a full flush (no
 * final-block bit), the last one ends with it, so the concatenation is one valid stream.
 */
function deflateRawStreaming() {
	return {
		push(data: Buffer, last: boolean) {
			// Z_FULL_FLUSH (3) ends the slice on a byte boundary without ending the stream; Z_FINISH (4) ends it.
			return deflateRawSync(data, { level: 9, finishFlush: last ? 4 : 3 })
		},
	}
}

function zip(parts: ZipPart[]): Buffer {
	const locals: Buffer[] = []
	const centrals: Buffer[] = []
	let offset = 0
	for (const part of parts) {
		const name = Buffer.from(part.name, 'utf8')
		const declared = part.declaredSize ?? part.size
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		local.writeUInt16LE(20, 4)
		local.writeUInt16LE(0x0800, 6) // UTF-8 names
		local.writeUInt16LE(8, 8) // deflate
		local.writeUInt32LE(part.crc >>> 0, 14)
		local.writeUInt32LE(part.compressed.length, 18)
		local.writeUInt32LE(declared, 22)
		local.writeUInt16LE(name.length, 26)
		locals.push(local, name, part.compressed)
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 4)
		central.writeUInt16LE(20, 6)
		central.writeUInt16LE(0x0800, 8)
		central.writeUInt16LE(8, 10)
		central.writeUInt32LE(part.crc >>> 0, 16)
		central.writeUInt32LE(part.compressed.length, 20)
		central.writeUInt32LE(declared, 24)
		central.writeUInt16LE(name.length, 28)
		central.writeUInt32LE(offset, 42)
		centrals.push(central, name)
		offset += 30 + name.length + part.compressed.length
	}
	const centralDirectory = Buffer.concat(centrals)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(parts.length, 8)
	end.writeUInt16LE(parts.length, 10)
	end.writeUInt32LE(centralDirectory.length, 12)
	end.writeUInt32LE(offset, 16)
	return Buffer.concat([...locals, centralDirectory, end])
}

const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
const SHEET_CLOSE = '</sheetData></worksheet>'

/** A workbook around the given first-sheet part (inline strings, so no shared-strings part). */
function workbookWith(sheet: ZipPart): Buffer {
	return zip([
		textPart(
			'[Content_Types].xml',
			'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
		),
		textPart(
			'_rels/.rels',
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
		),
		textPart(
			'xl/workbook.xml',
			'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
		),
		textPart(
			'xl/_rels/workbook.xml.rels',
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
		),
		sheet,
	])
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

/** 300 rows of two columns, and one cell in the last column Excel has (XFD300): about 4 KB. */
export function xlsxWithCellInXfd() {
	const rows = [`<row r="1">${inline('A1', '工号')}${inline('B1', '姓名')}</row>`]
	for (let r = 2; r <= 300; r++) rows.push(`<row r="${r}">${inline(`A${r}`, `u${r}`)}${inline(`B${r}`, '张三')}${r === 300 ? inline('XFD300', 'x') : ''}</row>`)
	return workbookWith(textPart('xl/worksheets/sheet1.xml', SHEET_OPEN + rows.join('') + SHEET_CLOSE))
}

function* bombPieces(megabytes: number) {
	yield SHEET_OPEN + `<row r="1">${inline('A1', '题干')}</row><row r="2"><c r="A2" t="inlineStr"><is><t>`
	const filler = Buffer.alloc(1024 * 1024, 'a')
	for (let i = 0; i < megabytes; i++) yield filler
	yield `</t></is></c></row>${SHEET_CLOSE}`
}

/**
 * A zip bomb: one sheet whose XML is `megabytes` MB of one repeated letter (about 1,000:1).
 * With `lie`, the zip declares the sheet to be 1 KB inflated, as a bomb meant to slip past
 * a check of the declared sizes would.
 */
export function xlsxZipBomb(megabytes: number, { lie = false } = {}) {
	const sheet = generatedPart('xl/worksheets/sheet1.xml', bombPieces(megabytes))
	return workbookWith(lie ? { ...sheet, declaredSize: 1024 } : sheet)
}

function* millionRowPieces(rows: number) {
	yield SHEET_OPEN + `<row r="1">${inline('A1', '工号')}</row>`
	let chunk = ''
	for (let r = 2; r <= rows + 1; r++) {
		chunk += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`
		if (chunk.length > 1_000_000) {
			yield chunk
			chunk = ''
		}
	}
	yield chunk + SHEET_CLOSE
}

/** A sheet with a header and `rows` (default 1,000,000) data rows, well under the inflated limit per row. */
export function xlsxWithRows(rows = 1_000_000) {
	return workbookWith(generatedPart('xl/worksheets/sheet1.xml', millionRowPieces(rows)))
}

/** "Billion laughs": nested entities in the sheet's DTD that would expand to gigabytes. */
export function xlsxWithEntityExpansion() {
	const levels = ['<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">']
	for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`)
	const sheet = SHEET_OPEN.replace('<worksheet', `<!DOCTYPE worksheet [${levels.join('')}]><worksheet`) + `<row r="1">${inline('A1', '&l9;')}</row>` + SHEET_CLOSE
	return workbookWith(textPart('xl/worksheets/sheet1.xml', sheet))
}

/** Not a zip at all, named .xlsx by whoever uploads it. */
export function notAZip() {
	return Buffer.from('工号,姓名\nu1,张三\n'.repeat(100), 'utf8')
}

/** A CSV whose second line is `chars` commas: ten million cells in one row, if parsed. */
export function csvWithHugeLine(chars = 10_000_000) {
	return Buffer.concat([Buffer.from('工号,姓名\n', 'utf8'), Buffer.alloc(chars, ','), Buffer.from('\n', 'utf8')])
}

/** A CSV with a header and `rows` data rows. */
export function csvWithRows(rows = 1_000_000) {
	return Buffer.from(`工号,姓名\n${'u1,张三\n'.repeat(rows)}`, 'utf8')
}
