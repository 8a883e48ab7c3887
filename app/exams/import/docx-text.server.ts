// A Word question bank (.docx) → the text the question parser reads, one paragraph per line.
// mammoth reads the document (ADR 027). Word's automatic numbering is not in the paragraphs'
// text: mammoth gives each numbered paragraph only `numbering: { level, isOrdered }` (the level
// object shared by every paragraph of one list), not the number format or start. So the
// numbers are counted here: a numbered heading (“单项选择题”) becomes 一、二、…; the first list
// after a heading numbers the questions 1, 2, …; any other list, or a deeper level, letters
// the options of the current question A, B, …. The zip is bounded before mammoth inflates it.
import mammoth from 'mammoth'
import yauzl from 'yauzl'

export const DOCX_MAX_ENTRIES = 10_000
/** Bytes inflated from the parts mammoth reads (document, styles, numbering, notes, relationships). */
export const DOCX_MAX_INFLATED_BYTES = 64 * 1024 * 1024

export const DOC_REFUSED = '这是旧版 Word 文档（.doc），无法直接读取。请在 Word 中用“文件 → 另存为”保存为 .docx 后再导入。'
const NOT_DOCX = '无法读取文件：不是有效的 .docx 文件'
const TOO_LARGE = `文件解压后超过 ${DOCX_MAX_INFLATED_BYTES / 1024 / 1024} MB，无法导入（可能是压缩炸弹）。请只保留题目后另存为新文件再上传。`

export type DocxText = { ok: true; text: string } | { ok: false; error: string }

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const HEADING_WORDS = /^(?:单项选择|多项选择|不定项选择|单选|多选|判断|填空|简答|问答|论述|案例分析|案例)/
const LETTERS = 'ABCDEFGH'

/** Parts mammoth reads; media and everything else are never inflated. */
function readByMammoth(name: string) {
	return name.endsWith('.xml') || name.endsWith('.rels')
}

/**
 * Checks the zip's listing and inflates the parts mammoth will read with yauzl, which refuses
 * an entry whose inflated size differs from its declaration; so the declared sizes, summed
 * here, bound what mammoth's own unzip inflates afterwards.
 */
function checkZip(data: Buffer): Promise<string | null> {
	return new Promise((resolve) => {
		yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
			if (error || !zip) return resolve(NOT_DOCX)
			if (zip.entryCount > DOCX_MAX_ENTRIES) return resolve(NOT_DOCX)
			let declared = 0
			let hasDocument = false
			zip.on('error', () => resolve(NOT_DOCX))
			zip.on('end', () => resolve(hasDocument ? null : NOT_DOCX))
			zip.on('entry', (entry: yauzl.Entry) => {
				if (!readByMammoth(entry.fileName)) return zip.readEntry()
				if (entry.fileName === 'word/document.xml') hasDocument = true
				declared += entry.uncompressedSize
				if (declared > DOCX_MAX_INFLATED_BYTES) {
					zip.close()
					return resolve(TOO_LARGE)
				}
				zip.openReadStream(entry, (openError, stream) => {
					if (openError || !stream) return resolve(NOT_DOCX)
					stream.on('data', () => undefined)
					stream.on('error', () => resolve(NOT_DOCX))
					stream.on('end', () => zip.readEntry())
				})
			})
			zip.readEntry()
		})
	})
}

type Element = { type: string; value?: string; children?: Element[]; numbering?: { level: string; isOrdered: boolean } | null }

function textOf(element: Element): string {
	if (element.type === 'text') return element.value ?? ''
	if (element.type === 'tab') return ' '
	if (element.type === 'break') return '\n'
	return (element.children ?? []).map(textOf).join('')
}

/** The document's paragraphs in order (table cells included), with Word's numbering written out. */
export function documentLines(document: Element): string[] {
	const lines: string[] = []
	let sections = 0
	let questionList: object | null = null
	let questionNumber = 0
	let optionIndex = 0
	const visit = (element: Element) => {
		if (element.type !== 'paragraph') {
			for (const child of element.children ?? []) visit(child)
			return
		}
		const text = textOf(element).trim()
		const numbering = element.numbering
		if (!numbering || !numbering.isOrdered) {
			if (text) lines.push(text)
			return
		}
		if (HEADING_WORDS.test(text) && text.length <= 40) {
			lines.push(`${CN[sections] ?? sections + 1}、${text}`)
			sections++
			questionList = null
			questionNumber = 0
			return
		}
		if (numbering.level === '0' && (questionList === null || questionList === numbering)) {
			questionList = numbering
			questionNumber++
			optionIndex = 0
			lines.push(`${questionNumber}. ${text}`)
			return
		}
		lines.push(`${LETTERS[optionIndex] ?? '?'}. ${text}`)
		optionIndex++
	}
	visit(document)
	return lines
}

export async function docxToText(data: Uint8Array, fileName: string): Promise<DocxText> {
	const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
	if (/\.doc$/i.test(fileName) || OLE_MAGIC.every((byte, i) => buffer[i] === byte)) return { ok: false, error: DOC_REFUSED }
	const zipProblem = await checkZip(buffer)
	if (zipProblem) return { ok: false, error: zipProblem }
	let lines: string[] = []
	try {
		await mammoth.convertToHtml(
			{ buffer },
			{
				// The tree is all we need: read it, then hand mammoth an empty document to write.
				transformDocument: (document: Element) => {
					lines = documentLines(document)
					return { ...document, children: [] }
				},
			},
		)
	} catch {
		return { ok: false, error: NOT_DOCX }
	}
	return { ok: true, text: lines.join('\n') }
}
