// Raw HTML as CommonMark reads it swallows what lecturers put next to component tags: a
// `<Callout>` line followed by text without a blank line is one HTML block, and its
// Markdown would show as `**text**`. This step (run on the Markdown tree, before rehype-raw)
// cuts HTML blocks and paragraphs at every component tag, parses the text between them as
// Markdown again (positions kept in the body), and writes each component tag as a custom
// element `<x-callout …>` that parse5 cannot confuse with HTML (`<Figure>` is not `<figure>`)
// and that closes itself when written `<ProblemCard … />`. MDX `import`/`export` lines are
// refused here, naming line and column. A PascalCase tag that is no component of ours (a docs
// site's `<VueSchoolLink>` or `<SimpleTab>`) is harmless markup someone else's site drew: it is
// left in the HTML, where it is an unknown tag like `<foo>` (the gate checks its attributes,
// finishing drops the tag and keeps its text), and named once in a warning.
import type { Nodes, Paragraph, Parents, Root, RootContent } from 'mdast'
import { COMPONENTS, FORBIDDEN_HTML_TAGS, FORMATTING_HTML_TAGS } from './allow-list.ts'
import { lineIndex, type ScannedTag, scanTagAt, scanTags } from './html-tags.ts'
import { type LessonIssue, LessonRefusedError } from './issues.ts'

/** The custom element a component tag becomes before parse5 sees it. */
export const COMPONENT_ELEMENT_PREFIX = 'x-'
export const componentElementName = (name: string) => `${COMPONENT_ELEMENT_PREFIX}${name.toLowerCase()}`

const ESM_LINE = /^(?:import\s+(?:[\w$*{}\s,]+\s+from\s*)?['"]|import\s*\{|export\s+(?:default\b|const\b|let\b|var\b|function\b|class\b|async\b|\{|\*))/

type Point = { line: number; column: number; offset?: number }
type Position = { start: Point; end: Point }

export type ComponentHtmlContext = { body: string; parse: (markdown: string) => Root }

const isPascalTag = (tag: ScannedTag) => /^[A-Z]/.test(tag.name)

/** MDX habits that have no meaning here: `{...spread}` and `title={…}` on a component. */
function refuseExpressions(tag: ScannedTag, pointOf: (offset: number) => Point) {
	for (const attribute of tag.attributes) {
		const at = pointOf(attribute.offset)
		if (attribute.name.startsWith('{')) throw new LessonRefusedError({ line: at.line, column: at.column, message: `<${tag.name}> 不允许使用展开属性 {…}` })
		if (attribute.value?.startsWith('{')) {
			throw new LessonRefusedError({ line: at.line, column: at.column, message: `<${tag.name}> 的属性 ${attribute.name} 只能写文字，不允许使用 JavaScript 表达式` })
		}
	}
}

const isComponent = (tag: ScannedTag) => Object.hasOwn(COMPONENTS, tag.name)
/** `<Script>` or `<Div>` is HTML in another case: parse5 reads it as such and the gate judges it. */
const isHtmlInCapitals = (tag: ScannedTag) => FORBIDDEN_HTML_TAGS.has(tag.name.toLowerCase()) || FORMATTING_HTML_TAGS.has(tag.name.toLowerCase())

function rewriteTag(text: string, tag: ScannedTag) {
	const element = componentElementName(tag.name)
	if (tag.closing) return `</${element}>`
	const nameEnd = tag.start + 1 + tag.name.length
	const rest = text.slice(nameEnd, tag.selfClosing ? tag.end - 2 : tag.end - 1).replace(/\s+$/, '')
	return tag.selfClosing ? `<${element}${rest}></${element}>` : `<${element}${rest}>`
}

/** Cuts component tags out of the tree (in place); answers the warnings, positions within `body`. */
export function transformComponentHtml(tree: Root, { body, parse }: ComponentHtmlContext): LessonIssue[] {
	const index = lineIndex(body)
	const warnings: LessonIssue[] = []
	const warned = new Set<string>()
	function warnUnknown(tag: ScannedTag, at: Point) {
		if (tag.closing || isHtmlInCapitals(tag) || warned.has(tag.name)) return
		warned.add(tag.name)
		warnings.push({ line: at.line, column: at.column, message: `不认识的组件 <${tag.name}>：已去掉这个标签，只显示其中的文字（可用的组件：${Object.keys(COMPONENTS).join('、')}）` })
	}
	const withOffset = (point: { line: number; column: number }): Point => ({ ...point, offset: index.offsetAt(point.line, point.column) })

	/** The body point of an offset inside a node's value that starts at `base`. */
	function pointIn(value: string, offset: number, base: Point): Point {
		const before = value.slice(0, offset)
		const newlines = before.split('\n').length - 1
		if (newlines === 0) return withOffset({ line: base.line, column: base.column + offset })
		return withOffset({ line: base.line + newlines, column: offset - before.lastIndexOf('\n') })
	}

	function shift(node: Nodes, start: Point) {
		const move = (point: Point): Point => withOffset({ line: start.line + point.line - 1, column: point.line === 1 ? start.column + point.column - 1 : point.column })
		if (node.position) node.position = { start: move(node.position.start), end: move(node.position.end) }
		if ('children' in node) for (const child of node.children as Nodes[]) shift(child, start)
	}

	function componentHtml(text: string, tag: ScannedTag, position: Position): RootContent {
		return { type: 'html', value: rewriteTag(text, tag), position }
	}

	function splitHtml(node: Extract<Nodes, { type: 'html' }>): RootContent[] {
		const base = node.position?.start
		if (!base) return [node]
		const value = node.value
		const pascal = scanTags(value).filter(isPascalTag)
		for (const tag of pascal) if (!isComponent(tag)) warnUnknown(tag, pointIn(value, tag.start, base))
		const tags = pascal.filter(isComponent)
		if (tags.length === 0) return [node]
		const out: RootContent[] = []
		let cursor = 0
		const addText = (from: number, to: number) => {
			const text = value.slice(from, to)
			if (text.trim() === '') return
			const parsed = parse(text)
			const start = pointIn(value, from, base)
			for (const child of parsed.children) shift(child, start)
			// Inline text stays in its paragraph: loose phrasing among blocks would be joined with
			// line breaks, which a browser shows as spaces between Chinese characters.
			out.push(...parsed.children)
		}
		for (const tag of tags) {
			const start = pointIn(value, tag.start, base)
			refuseExpressions(tag, (offset) => pointIn(value, offset, base))
			addText(cursor, tag.start)
			out.push(componentHtml(value, tag, { start, end: pointIn(value, tag.end, base) }))
			cursor = tag.end
		}
		addText(cursor, value.length)
		return out
	}

	/** A paragraph cut around the component tags inside it, so no component sits in a <p>. */
	function splitParagraph(node: Paragraph): RootContent[] {
		const out: RootContent[] = []
		let run: Paragraph['children'] = []
		const flush = () => {
			const meaningful = run.some((child) => child.type !== 'text' || child.value.trim() !== '')
			if (meaningful) {
				const first = run[0]!.position
				const last = run[run.length - 1]!.position
				out.push({ type: 'paragraph', children: run, ...(first && last ? { position: { start: first.start, end: last.end } } : {}) })
			}
			run = []
		}
		for (const child of node.children) {
			const tag = child.type === 'html' ? scanTagAt(child.value, 0) : null
			if (child.type === 'html' && tag && isPascalTag(tag) && child.position && !isComponent(tag)) warnUnknown(tag, child.position.start)
			if (child.type === 'html' && tag && isPascalTag(tag) && child.position && isComponent(tag)) {
				flush()
				out.push(componentHtml(child.value, tag, child.position))
				// Text after the tag on its line belongs to the next run; a leading newline is dropped.
				continue
			}
			run.push(child)
		}
		flush()
		return out.length === 1 && out[0]!.type === 'paragraph' ? [node] : out
	}

	function refuseEsm(node: Paragraph) {
		if (!node.position) return
		const lines = body.split('\n')
		for (let line = node.position.start.line; line <= node.position.end.line; line++) {
			const text = lines[line - 1] ?? ''
			const trimmed = text.trimStart()
			if (ESM_LINE.test(trimmed)) {
				const isImport = trimmed.startsWith('import')
				throw new LessonRefusedError({
					line,
					column: text.length - trimmed.length + 1,
					message: isImport ? '不允许使用 import 语句（课时是 Markdown，不能引入代码）' : '不允许使用 export 语句（课时是 Markdown，不能导出代码）',
				})
			}
		}
	}

	/**
	 * A component tag with `{…}` is not HTML to CommonMark, so it would show as text; the
	 * lecturer meant a component, so it is refused where it stands (inline code aside).
	 */
	function refuseExpressionTags(node: Paragraph) {
		const start = node.position?.start.offset
		const end = node.position?.end.offset
		if (start === undefined || end === undefined) return
		const text = body.slice(start, end)
		if (!/<[A-Z][^>]*\{/.test(text)) return
		const code = node.children.filter((child) => child.type === 'inlineCode').map((child) => [child.position!.start.offset! - start, child.position!.end.offset! - start] as const)
		for (const tag of scanTags(text).filter(isPascalTag)) {
			if (code.some(([from, to]) => tag.start >= from && tag.start < to)) continue
			refuseExpressions(tag, (offset) => withOffset(index.pointAt(start + offset)))
		}
	}

	function visit(parent: Parents) {
		const children: RootContent[] = []
		for (const child of parent.children as RootContent[]) {
			if (child.type === 'html') children.push(...splitHtml(child))
			else if (child.type === 'paragraph') {
				if (parent.type === 'root') refuseEsm(child)
				refuseExpressionTags(child)
				const hasComponent = child.children.some((inline) => inline.type === 'html' && /^<\/?[A-Z]/.test(inline.value))
				children.push(...(hasComponent ? splitParagraph(child) : [child]))
			} else children.push(child)
		}
		;(parent as { children: RootContent[] }).children = children
		for (const child of children) if ('children' in child && child.type !== 'paragraph') visit(child)
	}
	visit(tree)
	return warnings
}
