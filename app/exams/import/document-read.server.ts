// Reading a question document into rows (ADR 027), on the calling thread: a Word file through
// mammoth, Moodle XML, GIFT or the common Chinese text layout. The app reads through
// readQuestionDocument (document-import.server.ts), which runs this in a worker thread.
import { docxToText } from './docx-text.server.ts'
import { parseGift } from './gift.ts'
import { parseMoodleXml } from './moodle-xml.ts'
import { parseQuestionText, type DocumentDefaults, type ParsedDocument } from './text-questions.ts'

export const DOCUMENT_FORMATS = ['docx', 'text', 'moodle_xml', 'gift'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

export const DOCUMENT_MAX_QUESTIONS = 20_000

/** Which reader a file name asks for; null for one we do not read. */
export function documentFormatOf(fileName: string): DocumentFormat | 'doc' | null {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
	switch (extension) {
		case 'docx':
			return 'docx'
		case 'doc':
			return 'doc'
		case 'xml':
			return 'moodle_xml'
		case 'gift':
			return 'gift'
		case 'txt':
			return 'text'
		default:
			return null
	}
}

export type DocumentSource = { fileName: string; data: Uint8Array } | { fileName: string; text: string }

function decodeText(data: Uint8Array): string {
	const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(data)
	// Notepad on Chinese Windows saves GB18030 by default: no replacement characters means UTF-8 was right.
	if (!utf8.includes('\uFFFD')) return utf8
	return new TextDecoder('gb18030').decode(data)
}

export function looksLikeGift(text: string) {
	return /^\s*::[^\n]*::/m.test(text) || /\{\s*(?:[=~]|[TF]\s*\}|TRUE\s*\}|FALSE\s*\})/.test(text)
}

export type ReadDocumentResult = { ok: true; document: ParsedDocument } | { ok: false; error: string }

/** Reads a file (or pasted text) into rows on this thread; a file that cannot be read at all is an error. */
export async function readQuestionDocumentHere(source: DocumentSource, defaults: DocumentDefaults): Promise<ReadDocumentResult> {
	let document: ParsedDocument
	if ('text' in source) document = parseQuestionText(source.text, defaults)
	else {
		const format = documentFormatOf(source.fileName)
		switch (format) {
			case 'doc':
			case 'docx': {
				const text = await docxToText(source.data, source.fileName)
				if (!text.ok) return { ok: false, error: text.error }
				document = parseQuestionText(text.text, defaults)
				break
			}
			case 'moodle_xml':
				document = parseMoodleXml(decodeText(source.data), defaults)
				break
			case 'gift':
				document = parseGift(decodeText(source.data), defaults)
				break
			case 'text': {
				// Moodle saves its GIFT export as .txt: “::名称::” or an answer block “{=…}”, “{~…}”, “{T}” marks one.
				const text = decodeText(source.data)
				document = looksLikeGift(text) ? parseGift(text, defaults) : parseQuestionText(text, defaults)
				break
			}
			default:
				return { ok: false, error: '不支持这种文件：请上传 Word（.docx）、Moodle XML（.xml）、GIFT（.gift 或 Moodle 导出的 .txt）或文本（.txt）文件；Excel 表格请用“表格导入”' }
		}
	}
	if (document.rows.length + document.notUnderstood.length > DOCUMENT_MAX_QUESTIONS) {
		return { ok: false, error: `文件超过 ${DOCUMENT_MAX_QUESTIONS} 道题目，请拆分后分批导入` }
	}
	if (document.rows.length + document.notUnderstood.length === 0) {
		return { ok: false, error: document.warnings.at(-1) ?? '文件中没有找到题目' }
	}
	return { ok: true, document }
}

