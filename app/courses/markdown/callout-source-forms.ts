// The two callout forms CommonMark does not see as one block, found by reading the source lines
// under an opening paragraph:
// - `::: tip 标题` … `:::` (VuePress / VitePress: a space after the colons, a title after the
//   name), which remark-directive leaves as plain paragraphs;
// - `!!! note "标题"` followed by lines indented four spaces (Python-Markdown / mkdocs), whose
//   content CommonMark reads as a lazy paragraph continuation or as an indented code block; also
//   its collapsible forms `??? note` and `???+ note` (pymdownx.details), shown open, since a
//   lesson's callout has no folded state.
// The lines inside are parsed again as Markdown with the lesson's own parser extensions, and
// every node of that parse is moved back to its line and column in the lecturer's file.
import type { Paragraph, Root, RootContent } from 'mdast'
import { calloutTypeOf, CALLOUT_KIND_HINT } from './callout-kinds.ts'
import { issueAt, type MarkdownIssue } from './markdown-issue.ts'

export type SourceLines = { text: string[]; starts: number[] }

export function sourceLines(source: string): SourceLines {
	const text = source.split(/\r?\n|\r/)
	const starts: number[] = []
	const pattern = /\r?\n|\r/g
	starts.push(0)
	for (let match = pattern.exec(source); match; match = pattern.exec(source)) starts.push(match.index + match[0].length)
	return { text, starts }
}

/** A line inside the callout: its number in the file and how many characters were cut from its start. */
type InnerLine = { line: number; text: string; removed: number }

export type SourceForm = {
	calloutType: NonNullable<ReturnType<typeof calloutTypeOf>>
	title?: string
	firstLine: number
	lastLine: number
	inner: InnerLine[]
}

const DIRECTIVE_OPEN = /^(:{3,})[ \t]*([^\s:[\]{}]+)(?:\[([^\]]*)\])?(?:[ \t]+(.*?))?[ \t]*$/u
const DIRECTIVE_FENCE = /^ {0,3}:{3,}[ \t]*$/
const DIRECTIVE_NESTED_OPEN = /^ {0,3}:{3,}[ \t]*[^\s:]/
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/
const MKDOCS_OPEN = /^(!!!|\?{3}\+?)[ \t]*([\p{L}\p{N}_-]+)(?:[ \t]+[\p{L}\p{N}_-]+)*(?:[ \t]+"(.*?)")?[ \t]*$/u

/** The opening paragraph's first line without the indentation of its parent (a list item), or null. */
function openingLine(paragraph: Paragraph, lines: SourceLines) {
	const start = paragraph.position?.start
	if (!start) return null
	const raw = lines.text[start.line - 1] ?? ''
	const prefix = raw.slice(0, start.column - 1)
	if (/\S/.test(prefix)) return null // inside a block quote: not read from source
	return { line: start.line, indent: start.column - 1, text: raw.slice(start.column - 1) }
}

function contentOf(lines: SourceLines, line: number, indent: number) {
	const raw = lines.text[line - 1]
	if (raw === undefined) return null
	if (raw.trim() === '') return ''
	return /\S/.test(raw.slice(0, indent)) ? null : raw.slice(indent)
}

export function findSourceForm(paragraph: Paragraph, lines: SourceLines, issues: MarkdownIssue[]): SourceForm | null {
	const open = openingLine(paragraph, lines)
	if (!open) return null
	const directive = DIRECTIVE_OPEN.exec(open.text)
	if (directive) return directiveForm(open, directive, lines, issues, paragraph)
	const mkdocs = MKDOCS_OPEN.exec(open.text)
	if (mkdocs) return mkdocsForm(open, mkdocs, lines, issues, paragraph)
	return null
}

function directiveForm(
	open: NonNullable<ReturnType<typeof openingLine>>,
	match: RegExpExecArray,
	lines: SourceLines,
	issues: MarkdownIssue[],
	paragraph: Paragraph,
): SourceForm | null {
	const [, colons, name, label, rest] = match
	const calloutType = calloutTypeOf(name!)
	if (!calloutType) {
		issues.push(issueAt(paragraph.position?.start, `不认识的提示框类型“${colons}${name}”，已按原文显示；可用的类型：${CALLOUT_KIND_HINT}`))
		return null
	}
	let depth = 1
	let inCode = false
	const inner: InnerLine[] = []
	for (let line = open.line + 1; line <= lines.text.length; line++) {
		const content = contentOf(lines, line, open.indent)
		if (content === null) break
		if (CODE_FENCE.test(content)) inCode = !inCode
		if (!inCode && DIRECTIVE_FENCE.test(content) && --depth === 0) {
			return { calloutType, title: label || rest || undefined, firstLine: open.line, lastLine: line, inner }
		}
		if (!inCode && DIRECTIVE_NESTED_OPEN.test(content)) depth++
		inner.push({ line, text: content, removed: open.indent })
	}
	issues.push(issueAt(paragraph.position?.start, `提示框“${open.text.trim()}”没有结束行“${colons}”，已按原文显示`))
	return null
}

function mkdocsForm(
	open: NonNullable<ReturnType<typeof openingLine>>,
	match: RegExpExecArray,
	lines: SourceLines,
	issues: MarkdownIssue[],
	paragraph: Paragraph,
): SourceForm {
	const [, marker, kind, title] = match
	const inner: InnerLine[] = []
	for (let line = open.line + 1; line <= lines.text.length; line++) {
		const content = contentOf(lines, line, open.indent)
		if (content === null) break
		if (content === '') {
			inner.push({ line, text: '', removed: 0 })
			continue
		}
		const cut = content.startsWith('\t') ? 1 : content.startsWith('    ') ? 4 : 0
		if (cut === 0) break
		inner.push({ line, text: content.slice(cut), removed: open.indent + cut })
	}
	while (inner.length > 0 && inner.at(-1)!.text === '') inner.pop()
	// Python-Markdown draws any kind it does not know as a plain admonition; so do we (提示).
	const calloutType = calloutTypeOf(kind!) ?? '提示'
	if (!calloutTypeOf(kind!)) {
		issues.push(issueAt(paragraph.position?.start, `不认识的提示框类型“${marker} ${kind}”，按“提示”显示；可用的类型：${CALLOUT_KIND_HINT}`))
	}
	return { calloutType, title: title || undefined, firstLine: open.line, lastLine: inner.at(-1)?.line ?? open.line, inner }
}

/**
 * How many siblings from `index` on lie inside the form's lines, or null when one of them
 * reaches past its last line (a paragraph that goes on without indentation).
 */
export function coveredSiblings(siblings: RootContent[], index: number, form: SourceForm) {
	let count = 0
	for (let i = index; i < siblings.length; i++) {
		const position = siblings[i]!.position
		if (!position || position.start.line > form.lastLine) break
		if (position.end.line > form.lastLine) return null
		count++
	}
	return count
}

type Point = { line: number; column: number; offset?: number }

/**
 * Parses the form's inner lines with `parse` and moves every node to its place in the file.
 * `definitions` (the document's link and footnote definitions, as source) are parsed along so
 * references inside the callout resolve, then left out.
 */
export function parseInner(form: SourceForm, lines: SourceLines, parse: (markdown: string) => Root, definitions: string): Root['children'] {
	const body = form.inner.map((line) => line.text).join('\n')
	const fragment = parse(definitions ? `${body}\n\n${definitions}` : body)
	const bodyLines = form.inner.length
	const move = (point: Point) => {
		const inner = form.inner[point.line - 1]
		if (!inner) return
		point.column += inner.removed
		point.line = inner.line
		point.offset = (lines.starts[inner.line - 1] ?? 0) + point.column - 1
	}
	const kept = fragment.children.filter((child) => (child.position?.start.line ?? 0) <= bodyLines)
	const visit = (node: { position?: { start: Point; end: Point }; children?: unknown[] }) => {
		if (node.position) {
			move(node.position.start)
			move(node.position.end)
		}
		for (const child of node.children ?? []) visit(child as typeof node)
	}
	for (const child of kept) visit(child)
	return kept
}
