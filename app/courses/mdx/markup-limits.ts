// A linear pre-scan of a lesson file before any parser sees it. The MDX parser (micromark)
// costs more than linearly on some shapes: a 32 KB run of nested emphasis took 190 s, 100 KB
// of brackets 267 s, 140,000 `>` over five minutes (issue 8). Nothing a lesson needs comes
// close to these shapes, so they are refused here in one pass, naming the line, before a
// worker spends its time limit on them (ADR 014). The limits are generous for real lessons
// (the largest in content/courses is 3 KB) and keep the parse of one paragraph in the tens
// of milliseconds.
import type { LessonIssue } from './issues.ts'

export const MARKUP_LIMITS = {
	/** Characters in the whole file, frontmatter included. */
	maxSourceChars: 64_000,
	/** What the editor's body field accepts; the frontmatter fits in the difference. */
	maxBodyChars: 60_000,
	maxLines: 4_000,
	/** One run of the same emphasis marker (`*`, `_`, `~`); `***` is the most Markdown uses. */
	maxMarkerRun: 64,
	/** Blockquote (`>`) and list markers opening one line, nested inside each other. */
	maxContainerDepth: 16,
	/** Columns of indentation at the start of a line (a tab counts to the next multiple of 4). */
	maxIndent: 64,
	/** Inline markup characters in one block of lines without a blank line between them. */
	maxMarkupPerBlock: 2_000,
} as const

/** The characters whose delimiter matching in micromark grows faster than the text. */
const INLINE_MARKUP = new Set(['*', '_', '~', '[', ']', '<', '{', '`', '&', '\\'])
const EMPHASIS_MARKERS = new Set(['*', '_', '~'])
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/
/**
 * A bullet item with content always starts a new paragraph (it may interrupt one), so a long
 * list counts per item, not per list. Ordered items, deeper indentation and lazy lines are
 * not trusted this way: counting them with the block only errs towards refusing.
 */
const BULLET_ITEM_START = /^ {0,3}(?:> {0,3})*[-+*][ \t]+\S/

export type MarkupScan = {
	issue: LessonIssue | null
	/** The first line of the block with the most markup: where to look when a parse runs out of time. */
	heaviestLine: number
}

const markerName = (char: string) => `“${char}”`

/** Leading indentation in columns, and how many `>`/list markers open the line. */
function linePrefix(line: string) {
	let column = 0
	let index = 0
	let indent = -1
	let depth = 0
	while (index < line.length) {
		const char = line[index]!
		if (char === ' ') column += 1
		else if (char === '\t') column += 4 - (column % 4)
		else {
			if (indent < 0) indent = column
			if (char === '>') {
				depth += 1
				index += 1
				continue
			}
			const marker = LIST_MARKER.exec(line.slice(index, index + 11))
			if (!marker) break
			depth += 1
			index += marker[0].length
			continue
		}
		index += 1
	}
	return { indent: indent < 0 ? column : indent, depth }
}

/**
 * Scans a normalised lesson file (line breaks `\n`). Lines are counted from 1 plus
 * `lineOffset`, so the refusal names the line in the whole file as every other check does.
 */
export function scanLessonMarkup(text: string, lineOffset = 0): MarkupScan {
	const limits = MARKUP_LIMITS
	let heaviest = { line: 1 + lineOffset, markup: -1 }
	const refuse = (line: number, message: string): MarkupScan => ({ issue: { line: line + lineOffset, message }, heaviestLine: heaviest.line })
	if (text.length > limits.maxSourceChars) return refuse(1, `课时内容过长（${text.length} 个字符），最多 ${limits.maxSourceChars} 个字符，请拆成几个课时`)

	let lineNumber = 0
	let inBlock = false
	let blockStart = 0
	let blockMarkup = 0
	let start = 0
	while (start <= text.length) {
		const newline = text.indexOf('\n', start)
		const end = newline === -1 ? text.length : newline
		const line = text.slice(start, end)
		start = end + 1
		lineNumber += 1
		if (lineNumber > limits.maxLines) return refuse(lineNumber, `课时内容超过 ${limits.maxLines} 行，请拆成几个课时`)

		// Fenced code is counted like the rest: where a fence ends is not always where the parser
		// sees it end (a JSX attribute or an expression may hold ```), and counting code only
		// errs towards refusing.
		if (line.trim() === '') {
			inBlock = false
			continue
		}
		if (!inBlock || BULLET_ITEM_START.test(line)) {
			inBlock = true
			blockStart = lineNumber
			blockMarkup = 0
		}

		const { indent, depth } = linePrefix(line)
		if (indent > limits.maxIndent) return refuse(lineNumber, `行首缩进过多（${indent} 列），最多 ${limits.maxIndent} 列`)
		if (depth > limits.maxContainerDepth) return refuse(lineNumber, `引用（>）或列表嵌套过深（${depth} 层），最多 ${limits.maxContainerDepth} 层`)

		let runChar = ''
		let runLength = 0
		for (let index = 0; index < line.length; index++) {
			const char = line[index]!
			if (EMPHASIS_MARKERS.has(char)) {
				runLength = char === runChar ? runLength + 1 : 1
				runChar = char
				if (runLength > limits.maxMarkerRun) return refuse(lineNumber, `连续的${markerName(char)}过多（超过 ${limits.maxMarkerRun} 个），强调最多只用三个，分隔线请写 ---`)
			} else {
				runChar = ''
				runLength = 0
			}
			if (INLINE_MARKUP.has(char)) {
				blockMarkup += 1
				if (blockMarkup > heaviest.markup) heaviest = { line: blockStart + lineOffset, markup: blockMarkup }
				if (blockMarkup > limits.maxMarkupPerBlock) {
					return refuse(lineNumber, `这一段的 Markdown 标记符号（* _ ~ [ ] < { \` & \\）超过 ${limits.maxMarkupPerBlock} 个，请用空行把它拆成几段`)
				}
			}
		}
	}
	return { issue: null, heaviestLine: heaviest.line }
}
