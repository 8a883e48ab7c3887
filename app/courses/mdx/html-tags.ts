// A small scanner for the tags written in a lesson's raw HTML: names as the lecturer wrote
// them (parse5 lowercases `effectiveDate` and `<Callout>`), where each tag and attribute
// starts (for line and column in refusals), and where component tags sit in an HTML block.
// It reads JSX-style values (`title={…}`) as one attribute, so they can be refused by name.

export type ScannedAttribute = { name: string; value: string | null; offset: number }
export type ScannedTag = {
	name: string
	closing: boolean
	selfClosing: boolean
	/** Offset of `<` and just after `>` in the scanned text. */
	start: number
	end: number
	attributes: ScannedAttribute[]
}

const NAME_START = /[A-Za-z]/
const NAME_CHAR = /[\w.:-]/
const SPACE = /\s/

/** Reads `{ … }` with nesting, returning the offset after the closing brace (or -1). */
function skipBraces(text: string, start: number) {
	let depth = 0
	for (let index = start; index < text.length; index++) {
		const char = text[index]
		if (char === '{') depth++
		else if (char === '}' && --depth === 0) return index + 1
		else if (char === '"' || char === "'" || char === '`') {
			const close = text.indexOf(char, index + 1)
			if (close < 0) return -1
			index = close
		}
	}
	return -1
}

/** The tag starting at `text[start] === '<'`, or null when it is not a complete tag. */
export function scanTagAt(text: string, start: number): ScannedTag | null {
	let index = start + 1
	const closing = text[index] === '/'
	if (closing) index++
	if (!NAME_START.test(text[index] ?? '')) return null
	const nameStart = index
	while (index < text.length && NAME_CHAR.test(text[index]!)) index++
	const name = text.slice(nameStart, index)
	const attributes: ScannedAttribute[] = []
	while (index < text.length) {
		while (index < text.length && SPACE.test(text[index]!)) index++
		const char = text[index]
		if (char === undefined) return null
		if (char === '>') return { name, closing, selfClosing: false, start, end: index + 1, attributes }
		if (char === '/' && text[index + 1] === '>') return { name, closing, selfClosing: true, start, end: index + 2, attributes }
		if (char === '<') return null
		const attributeStart = index
		if (char === '{') {
			const after = skipBraces(text, index)
			if (after < 0) return null
			attributes.push({ name: text.slice(index, after), value: null, offset: attributeStart })
			index = after
			continue
		}
		while (index < text.length && !SPACE.test(text[index]!) && text[index] !== '=' && text[index] !== '>' && !(text[index] === '/' && text[index + 1] === '>')) index++
		if (index === attributeStart) index++
		const attributeName = text.slice(attributeStart, index)
		let probe = index
		while (probe < text.length && SPACE.test(text[probe]!)) probe++
		if (text[probe] !== '=') {
			attributes.push({ name: attributeName, value: null, offset: attributeStart })
			continue
		}
		probe++
		while (probe < text.length && SPACE.test(text[probe]!)) probe++
		const quote = text[probe]
		let value: string
		if (quote === '"' || quote === "'") {
			const close = text.indexOf(quote, probe + 1)
			if (close < 0) return null
			value = text.slice(probe + 1, close)
			index = close + 1
		} else if (quote === '{') {
			const after = skipBraces(text, probe)
			if (after < 0) return null
			value = text.slice(probe, after)
			index = after
		} else {
			let end = probe
			while (end < text.length && !SPACE.test(text[end]!) && text[end] !== '>') end++
			value = text.slice(probe, end)
			index = end
		}
		attributes.push({ name: attributeName, value, offset: attributeStart })
	}
	return null
}

/** Every complete tag in `text`, skipping comments. */
export function scanTags(text: string): ScannedTag[] {
	const tags: ScannedTag[] = []
	let index = text.indexOf('<')
	while (index >= 0) {
		if (text.startsWith('<!--', index)) {
			const close = text.indexOf('-->', index + 4)
			if (close < 0) break
			index = text.indexOf('<', close + 3)
			continue
		}
		const tag = scanTagAt(text, index)
		if (tag) tags.push(tag)
		index = text.indexOf('<', tag ? tag.end : index + 1)
	}
	return tags
}

/** 1-based line and column of every offset in a text, by binary search over line starts. */
export function lineIndex(text: string) {
	const starts = [0]
	for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
	return {
		pointAt(offset: number) {
			let low = 0
			let high = starts.length - 1
			while (low < high) {
				const middle = (low + high + 1) >> 1
				if (starts[middle]! <= offset) low = middle
				else high = middle - 1
			}
			return { line: low + 1, column: offset - starts[low]! + 1 }
		},
		offsetAt(line: number, column: number) {
			return (starts[line - 1] ?? text.length) + column - 1
		},
	}
}
