// Question text from another system (Moodle's HTML editor) → plain text: tags are dropped,
// never interpreted; breaks and paragraphs become line breaks; an image becomes a note, since
// its file is not in the export we read. The result is stored and shown as text (escaped).
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', hellip: '…', mdash: '—', ndash: '–', middot: '·', times: '×', divide: '÷', yen: '¥', copy: '©' }

export const IMAGE_NOTE = '［图片未导入］'

export function decodeEntities(text: string) {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
		}
		return NAMED[name.toLowerCase()] ?? whole
	})
}

/** Plain text of an HTML fragment, and whether it held images. */
export function htmlToText(html: string): { text: string; images: number } {
	let images = 0
	const text = html
		.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<img\b[^>]*>/gi, () => {
			images++
			return IMAGE_NOTE
		})
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
		.replace(/<[^>]*>/g, '')
	return {
		text: decodeEntities(text)
			.replace(/[ \t\u00a0]+\n/g, '\n')
			.replace(/\n{3,}/g, "\n\n")
			.trim(),
		images,
	}
}
