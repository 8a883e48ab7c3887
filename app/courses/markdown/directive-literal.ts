// remark-directive reads `:name` anywhere in prose as a text directive: `时间 10:30` gives one
// named `30`, `比例 1:2` one named `2`, `例如:应付账款` one named `应付账款`. Every directive that
// is not a callout is put back as the text it was written as, cut from the source by position.
import type { Paragraph, PhrasingContent, RootContent, Text } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'

type Directive = ContainerDirective | LeafDirective | TextDirective

/** The source between two offsets; null when the tree was not parsed from this source (no VFile given). */
function slice(source: string, from: number | undefined, to: number | undefined) {
	return from === undefined || to === undefined || to > source.length ? null : source.slice(from, to)
}

/** The directive's source from its start up to its label's content, and after it. */
function literalEnds(node: Directive, source: string, labelChildren: PhrasingContent[]) {
	const start = node.position?.start.offset
	const end = node.position?.end.offset
	const first = labelChildren[0]?.position?.start.offset
	const last = labelChildren.at(-1)?.position?.end.offset
	if (labelChildren.length > 0 && first !== undefined && last !== undefined) {
		return { before: slice(source, start, first), after: slice(source, last, end) }
	}
	return { before: slice(source, start, end), after: '' }
}

/** Without the source: the directive written again from its parts (attributes in `{key="value"}` form). */
function rebuilt(node: Directive, colons: string) {
	const attributes = Object.entries(node.attributes ?? {})
		.map(([key, value]) => (value ? `${key}="${value}"` : key))
		.join(' ')
	const tail = attributes ? `{${attributes}}` : ''
	return node.children.length > 0 ? { before: `${colons}${node.name}[`, after: `]${tail}` } : { before: `${colons}${node.name}${tail}`, after: '' }
}

function asInline(node: TextDirective | LeafDirective, source: string, colons: string): PhrasingContent[] {
	const found = literalEnds(node, source, node.children)
	const { before, after } = found.before !== null && found.after !== null ? { before: found.before, after: found.after } : rebuilt(node, colons)
	return [{ type: 'text', value: before, position: node.position }, ...node.children, ...(after ? [{ type: 'text' as const, value: after }] : [])]
}

/** A text directive as the inline content it was written as. */
export function textDirectiveAsText(node: TextDirective, source: string): PhrasingContent[] {
	return asInline(node, source, ':')
}

/** A leaf directive (`::name[label]`) as a paragraph of its own text. */
export function leafDirectiveAsParagraph(node: LeafDirective, source: string): Paragraph {
	return { type: 'paragraph', children: mergeTexts(asInline(node, source, '::')), position: node.position }
}

/** An unknown container (`:::foo`): its opening line and closing fence as paragraphs, its content between. */
export function containerDirectiveAsBlocks(node: ContainerDirective, source: string, closed: boolean): RootContent[] {
	const start = node.position?.start.offset
	const openingLine = start === undefined || start >= source.length ? `:::${node.name}` : source.slice(start, lineEnd(source, start))
	const content = node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel))
	const opening: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: openingLine.trimEnd() }], position: node.position }
	const end = node.position?.end.offset
	const closingLine = end === undefined || end > source.length ? ':::' : source.slice(lineStart(source, end), end).trim()
	const closing: Paragraph[] = closed ? [{ type: 'paragraph', children: [{ type: 'text', value: closingLine }] }] : []
	return [opening, ...content, ...closing]
}

export function lineStart(source: string, offset: number) {
	return source.lastIndexOf('\n', offset - 1) + 1
}

export function lineEnd(source: string, offset: number) {
	const end = source.indexOf('\n', offset)
	return end === -1 ? source.length : end
}

/** Joins neighbouring text nodes, so `10` `:30` `，比例` reads as one text again. */
export function mergeTexts(children: PhrasingContent[]): PhrasingContent[] {
	const merged: PhrasingContent[] = []
	for (const child of children) {
		const previous = merged.at(-1)
		if (child.type === 'text' && previous?.type === 'text') {
			merged[merged.length - 1] = joinTexts(previous, child)
		} else {
			merged.push(child)
		}
	}
	return merged.filter((child) => child.type !== 'text' || child.value !== '')
}

function joinTexts(a: Text, b: Text): Text {
	const start = a.position?.start
	const end = b.position?.end ?? a.position?.end
	return { type: 'text', value: a.value + b.value, ...(start && end ? { position: { start, end } } : {}) }
}
