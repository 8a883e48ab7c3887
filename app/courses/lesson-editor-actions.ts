// What the lesson editor's toolbar does to the text, as pure functions: each takes the text and
// the selection and returns one edit (replace [from, to) with `insert`, then select
// [selectionStart, selectionEnd] in the new text). The page applies the edit through the
// browser's own editing command, so one toolbar action is one step of the browser's undo.
export type TextSelection = { text: string; start: number; end: number }
export type TextEdit = { from: number; to: number; insert: string; selectionStart: number; selectionEnd: number }

export function applyEdit(text: string, edit: TextEdit) {
	return text.slice(0, edit.from) + edit.insert + text.slice(edit.to)
}

function ordered({ text, start, end }: TextSelection): TextSelection {
	const a = Math.max(0, Math.min(start, text.length))
	const b = Math.max(0, Math.min(end, text.length))
	return { text, start: Math.min(a, b), end: Math.max(a, b) }
}

/** The whole lines the selection touches (a selection ending at a line's start leaves that line out). */
function touchedLines(selection: TextSelection) {
	const { text, start, end } = ordered(selection)
	const from = text.lastIndexOf('\n', start - 1) + 1
	const lastEnd = end > start && text[end - 1] === '\n' ? end - 1 : end
	const newline = text.indexOf('\n', lastEnd)
	const to = newline === -1 ? text.length : newline
	return { from, to, lines: text.slice(from, to).split('\n') }
}

function lineEdit(selection: TextSelection, change: (lines: string[]) => string[]): TextEdit {
	const { start, end } = ordered(selection)
	const { from, to, lines } = touchedLines(selection)
	const changed = change(lines)
	const insert = changed.join('\n')
	if (start === end && lines.length === 1) {
		// A caret stays where it was in the line's text, after the new marker if it was inside the old one.
		const oldMarker = leadingMarker(lines[0]!).length
		const newMarker = leadingMarker(changed[0]!).length
		const inLine = start - from
		const caret = from + (inLine <= oldMarker ? newMarker : inLine + newMarker - oldMarker)
		return { from, to, insert, selectionStart: caret, selectionEnd: caret }
	}
	return { from, to, insert, selectionStart: from, selectionEnd: from + insert.length }
}

const HEADING = /^(#{1,6})[ \t]+/
const BULLET = /^([ \t]*)[-*+][ \t]+/
const NUMBERED = /^([ \t]*)\d{1,9}[.)][ \t]+/

function leadingMarker(line: string) {
	return HEADING.exec(line)?.[0] ?? BULLET.exec(line)?.[0] ?? NUMBERED.exec(line)?.[0] ?? ''
}

/** 二级/三级标题: marks the touched lines as headings of that level, or plain text again when they already are. */
export function toggleHeading(selection: TextSelection, level: 2 | 3): TextEdit {
	return lineEdit(selection, (lines) => {
		const already = lines.every((line) => HEADING.exec(line)?.[1]?.length === level)
		return lines.map((line) => {
			const text = line.replace(HEADING, '')
			return already ? text : `${'#'.repeat(level)} ${text}`
		})
	})
}

/** 无序/有序列表: each non-empty touched line becomes an item, or plain text when all already are items of that kind. */
export function toggleList(selection: TextSelection, kind: 'bullet' | 'numbered'): TextEdit {
	const pattern = kind === 'bullet' ? BULLET : NUMBERED
	return lineEdit(selection, (lines) => {
		const filled = lines.filter((line) => line.trim())
		const already = filled.length > 0 && filled.every((line) => pattern.test(line))
		let number = 0
		return lines.map((line) => {
			if (already) return line.replace(pattern, '$1')
			if (!line.trim() && lines.length > 1) return line
			const indent = /^[ \t]*/.exec(line)![0]
			const text = line.replace(BULLET, '$1').replace(NUMBERED, '$1').slice(indent.length)
			number += 1
			return `${indent}${kind === 'bullet' ? '-' : `${number}.`} ${text}`
		})
	})
}

/**
 * 粗体、斜体、行内公式: wraps the selection in the marker (spaces at its edges stay outside, where
 * Markdown needs them), or unwraps it when it is already wrapped. With nothing selected, a
 * placeholder is inserted and selected, ready to be typed over.
 */
export function toggleInline(selection: TextSelection, marker: string, placeholder: string): TextEdit {
	const { text, start, end } = ordered(selection)
	const chosen = text.slice(start, end)
	if (chosen.length >= marker.length * 2 + 1 && chosen.startsWith(marker) && chosen.endsWith(marker) && !isLongerRun(chosen, marker)) {
		const inner = chosen.slice(marker.length, chosen.length - marker.length)
		return { from: start, to: end, insert: inner, selectionStart: start, selectionEnd: start + inner.length }
	}
	const before = text.slice(Math.max(0, start - marker.length), start)
	const after = text.slice(end, end + marker.length)
	if (chosen && before === marker && after === marker && !isLongerRun(text.slice(Math.max(0, start - marker.length - 1), end + marker.length + 1), marker)) {
		return { from: start - marker.length, to: end + marker.length, insert: chosen, selectionStart: start - marker.length, selectionEnd: end - marker.length }
	}
	const lead = /^\s*/.exec(chosen)![0]
	const trail = chosen.trim() ? /\s*$/.exec(chosen)![0] : ''
	const core = chosen.trim() ? chosen.slice(lead.length, chosen.length - trail.length) : placeholder
	const insert = `${chosen.trim() ? lead : chosen}${marker}${core}${marker}${trail}`
	const coreStart = start + (chosen.trim() ? lead.length : chosen.length) + marker.length
	return { from: start, to: end, insert, selectionStart: coreStart, selectionEnd: coreStart + core.length }
}

/** `*x*` inside `**x**` is bold, not italic: a marker next to one more of its own character is a longer run. */
function isLongerRun(wrapped: string, marker: string) {
	if (marker.length !== 1) return false
	return wrapped.startsWith(marker.repeat(2)) || wrapped.endsWith(marker.repeat(2))
}

/**
 * Puts a block (table, callout, knowledge check, formula) on its own paragraph: at the caret
 * when it is at the start of a line or on an empty one, otherwise after the current line,
 * with blank lines around it. `select` is the part of the block to select afterwards.
 */
function insertBlock(selection: TextSelection, block: string, select: [number, number], replaceSelection = false): TextEdit {
	const { text, start, end } = ordered(selection)
	let from: number
	let to: number
	if (replaceSelection && start !== end) {
		;({ from, to } = touchedLines(selection))
	} else {
		const lineStart = text.lastIndexOf('\n', end - 1) + 1
		const lineEndAt = text.indexOf('\n', end)
		const lineEnd = lineEndAt === -1 ? text.length : lineEndAt
		from = to = end === lineStart || !text.slice(lineStart, lineEnd).trim() ? end : lineEnd
		if (!text.slice(lineStart, lineEnd).trim()) {
			from = lineStart
			to = lineEnd
		}
	}
	const textBefore = text.slice(0, from)
	const textAfter = text.slice(to)
	const lead = textBefore === '' || textBefore.endsWith('\n\n') ? '' : textBefore.endsWith('\n') ? '\n' : '\n\n'
	const tail = textAfter.startsWith('\n\n') ? '' : textAfter.startsWith('\n') ? '\n' : '\n\n'
	const insert = `${lead}${block}${textAfter === '' ? '\n' : tail}`
	const at = from + lead.length
	return { from, to, insert, selectionStart: at + select[0], selectionEnd: at + select[1] }
}

function selectedOr(selection: TextSelection, fallback: string) {
	const { text, start, end } = ordered(selection)
	const chosen = text.slice(start, end).trim()
	return chosen || fallback
}

const TABLE_HEADER = '| 列一 | 列二 | 列三 |'
/** 表格: a GFM table of three columns and two rows, the first heading selected. */
export function insertTable(selection: TextSelection): TextEdit {
	const block = [TABLE_HEADER, '| --- | --- | --- |', '|  |  |  |', '|  |  |  |'].join('\n')
	return insertBlock(selection, block, [2, 4])
}

/** 提示框: a Callout around the selected lines (or a placeholder), its title selected. */
export function insertCallout(selection: TextSelection): TextEdit {
	const content = selectedOr(selection, '内容')
	const open = '<Callout type="提示" title="'
	const block = `${open}提示">\n\n${content}\n\n</Callout>`
	return insertBlock(selection, block, [open.length, open.length + 2], true)
}

const CHECK_ID = /<KnowledgeCheck\b[^>]*?\bid\s*=\s*["']([^"']*)["']/g

/** The first `kc-N` no knowledge check in the text uses yet. */
export function unusedCheckId(text: string) {
	const used = new Set([...text.matchAll(CHECK_ID)].map((match) => match[1]))
	let n = 1
	while (used.has(`kc-${n}`)) n += 1
	return `kc-${n}`
}

/** 随堂小测: a valid KnowledgeCheck with two options and an id no other check in the lesson has; the question selected. */
export function insertKnowledgeCheck(selection: TextSelection): TextEdit {
	const open = `<KnowledgeCheck id="${unusedCheckId(selection.text)}" question="`
	const question = '问题？'
	const block = `${open}${question}" answer="A" explanation="解析……">\n  <Option value="A">选项一</Option>\n  <Option value="B">选项二</Option>\n</KnowledgeCheck>`
	return insertBlock(selection, block, [open.length, open.length + question.length])
}

/** 公式块: `$$` lines around the selected lines (or a placeholder formula), the formula selected. */
export function insertBlockMath(selection: TextSelection): TextEdit {
	const formula = selectedOr(selection, 'a^2 + b^2 = c^2')
	return insertBlock(selection, `$$\n${formula}\n$$`, [3, 3 + formula.length], true)
}

/** 行内公式 */
export function toggleInlineMath(selection: TextSelection): TextEdit {
	return toggleInline(selection, '$', 'x^2')
}

/** Markdown link text and destination, written so that brackets, spaces and parentheses cannot end them early. */
export function linkMarkdown(label: string, url: string) {
	const text = label.replace(/([\\[\]])/g, '\\$1')
	const target = /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url
	return `[${text}](${target})`
}

/** Why a link target may not be used (Chinese), or null: the same kinds the lesson check admits. */
export function linkUrlProblem(url: string): string | null {
	const trimmed = url.trim()
	if (!trimmed) return '请填写链接地址'
	if (/^(https?:\/\/[^\s/]+|mailto:[^\s]+@)/i.test(trimmed)) return null
	if (/^[/#]/.test(trimmed) && !trimmed.startsWith('//')) return null
	return '链接只能是 http://、https://、mailto: 开头的地址，或以 / 开头的站内地址'
}

/** 链接: replaces the selection with the link; the caret goes after it. */
export function insertLink(selection: TextSelection, { label, url }: { label: string; url: string }): TextEdit {
	const { start, end } = ordered(selection)
	const insert = linkMarkdown(label.trim() || url.trim(), url.trim())
	return { from: start, to: end, insert, selectionStart: start + insert.length, selectionEnd: start + insert.length }
}

/** 图片: the uploaded image at the caret; the selection (or a placeholder) becomes its description, which stays selected. */
export function insertImage(selection: TextSelection, url: string): TextEdit {
	const { text, start, end } = ordered(selection)
	const alt = text.slice(start, end).replace(/[\n\r[\]]+/g, ' ').trim() || '图片说明'
	const insert = `![${alt}](${url})`
	return { from: start, to: end, insert, selectionStart: start + 2, selectionEnd: start + 2 + alt.length }
}

/** Where line `line`, column `column` (both from 1) is in the text; past the end of a line is its end. */
export function offsetOfLineColumn(text: string, line: number, column = 1) {
	let offset = 0
	for (let current = 1; current < line; current += 1) {
		const newline = text.indexOf('\n', offset)
		if (newline === -1) return text.length
		offset = newline + 1
	}
	const lineEnd = text.indexOf('\n', offset)
	const end = lineEnd === -1 ? text.length : lineEnd
	return Math.min(offset + Math.max(column, 1) - 1, end)
}
