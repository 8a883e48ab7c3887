// remarkLessonCallouts: the callouts lecturers' documents already contain become the project's
// Callout (`<x-callout type="提示|注意|警告" title="…">` in hast, rendered by the allow-listed
// component). Runs after remark-parse with remark-directive (and gfm, math, cjk-friendly):
// - `:::tip` / `:::tip[标题]` / `:::tip{title="标题"}` containers (remark-directive),
// - `::: tip 标题` … `:::` (VuePress style, read from the source lines),
// - GitHub alerts `> [!NOTE]`, any case, text after the marker is the title,
// - `!!! note "标题"` with four-space-indented content (Python-Markdown / mkdocs), and its
//   collapsible forms `??? note` / `???+ note`, shown open.
// Every other directive — `:::foo`, and the `:30` in `10:30` that remark-directive takes from
// ordinary prose — becomes the text it was written as. What it notices (an unclosed `:::`, an
// unknown kind) is kept in `file.data.calloutIssues`; read it with `calloutIssuesOf(file)`.
import type { Blockquote, Definition, FootnoteDefinition, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import type { ContainerDirective } from 'mdast-util-directive'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { calloutTypeOf, CALLOUT_KIND_HINT, lessonCallout, type LessonCallout } from './callout-kinds.ts'
import { coveredSiblings, findSourceForm, parseInner, sourceLines, type SourceLines } from './callout-source-forms.ts'
import { containerDirectiveAsBlocks, leafDirectiveAsParagraph, mergeTexts, textDirectiveAsText } from './directive-literal.ts'
import { issueAt, type MarkdownIssue } from './markdown-issue.ts'

declare module 'vfile' {
	interface DataMap {
		calloutIssues: MarkdownIssue[]
	}
}

export { CALLOUT_KINDS, calloutTypeOf, type LessonCallout } from './callout-kinds.ts'

type Context = {
	source: string
	lines: SourceLines
	issues: MarkdownIssue[]
	parse: (markdown: string) => Root
	definitions: string
}

type AnyParent = Extract<Nodes, { children: unknown[] }>

export function remarkLessonCallouts(this: Processor) {
	const data = this.data()
	return function transform(tree: Root, file: VFile) {
		const source = String(file.value ?? '')
		const context: Context = {
			source,
			lines: sourceLines(source),
			issues: [],
			parse: (markdown) => fromMarkdown(markdown, { extensions: data.micromarkExtensions ?? [], mdastExtensions: data.fromMarkdownExtensions ?? [] }),
			definitions: definitionsSource(tree, source),
		}
		walk(tree, context)
		file.data.calloutIssues = [...(file.data.calloutIssues ?? []), ...context.issues]
	}
}

/** What remarkLessonCallouts noticed in this file, in source order. */
export function calloutIssuesOf(file: VFile): MarkdownIssue[] {
	return [...(file.data.calloutIssues ?? [])].sort((a, b) => a.line - b.line || a.column - b.column)
}

function definitionsSource(tree: Root, source: string) {
	const found: string[] = []
	const visit = (node: Nodes) => {
		if (node.type === 'definition' || node.type === 'footnoteDefinition') {
			const definition = node as Definition | FootnoteDefinition
			const start = definition.position?.start.offset
			if (definition.type === 'definition' && start !== undefined) {
				found.push(source.slice(start, definition.position?.end.offset).trim())
			} else if (definition.type === 'footnoteDefinition') {
				found.push(`[^${definition.label ?? definition.identifier}]: .`)
			}
			return
		}
		if ('children' in node) for (const child of node.children) visit(child)
	}
	visit(tree)
	return found.join('\n\n')
}

function walk(parent: AnyParent, context: Context) {
	const children = parent.children as RootContent[]
	const out: RootContent[] = []
	let inlineChanged = false
	for (let index = 0; index < children.length; index++) {
		const node = children[index]!
		if (node.type === 'containerDirective') {
			out.push(...containerDirective(node, context))
			continue
		}
		if (node.type === 'leafDirective') {
			const paragraph = leafDirectiveAsParagraph(node, context.source)
			walk(paragraph, context)
			out.push(paragraph)
			continue
		}
		if (node.type === 'textDirective') {
			walk(node, context)
			out.push(...textDirectiveAsText(node, context.source))
			inlineChanged = true
			continue
		}
		if (node.type === 'paragraph' && isBlockParent(parent)) {
			const form = findSourceForm(node, context.lines, context.issues)
			const count = form ? coveredSiblings(children, index, form) : null
			if (form && count === null) {
				context.issues.push(issueAt(node.position?.start, '提示框里的内容要整体缩进四个空格，已按原文显示'))
			}
			if (form && count) {
				const inner: Root = { type: 'root', children: parseInner(form, context.lines, context.parse, context.definitions) }
				walk(inner, context)
				const last = children[index + count - 1]!
				const position = node.position && last.position ? { start: node.position.start, end: last.position.end } : undefined
				out.push(lessonCallout(form.calloutType, form.title, inner.children as LessonCallout['children'], position))
				index += count - 1
				continue
			}
		}
		if ('children' in node) walk(node, context)
		if (node.type === 'blockquote') {
			out.push(githubAlert(node, context) ?? node)
			continue
		}
		out.push(node)
	}
	parent.children = (inlineChanged ? mergeTexts(out as PhrasingContent[]) : out) as typeof parent.children
}

function isBlockParent(node: AnyParent) {
	return ['root', 'blockquote', 'listItem', 'footnoteDefinition', 'containerDirective', 'lessonCallout'].includes(node.type)
}

function containerDirective(node: ContainerDirective, context: Context): RootContent[] {
	const closed = isClosed(node, context.lines)
	const calloutType = calloutTypeOf(node.name)
	if (!calloutType) {
		context.issues.push(issueAt(node.position?.start, `不认识的提示框类型“:::${node.name}”，已按原文显示；可用的类型：${CALLOUT_KIND_HINT}`))
		const holder: Root = { type: 'root', children: node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel)) }
		walk(holder, context)
		return containerDirectiveAsBlocks({ ...node, children: holder.children as ContainerDirective['children'] }, context.source, closed)
	}
	if (!closed) {
		context.issues.push(issueAt(node.position?.start, `提示框“:::${node.name}”没有结束行“:::”，它后面的内容全部放进了这个提示框`))
	}
	const label = node.children.find((child): child is Paragraph => child.type === 'paragraph' && Boolean(child.data?.directiveLabel))
	const content = node.children.filter((child) => child !== label)
	const holder: Root = { type: 'root', children: content }
	walk(holder, context)
	const title = label ? toString(label) : (node.attributes?.title ?? undefined)
	return [lessonCallout(calloutType, title, holder.children as LessonCallout['children'], node.position)]
}

/** remark-directive closes an unclosed container at the end of the document: its last line is then not a fence. */
function isClosed(node: ContainerDirective, lines: SourceLines) {
	const start = node.position?.start.line
	const end = node.position?.end.line
	if (start === undefined || end === undefined) return true
	return end > start && /^\s*:{3,}\s*$/.test(lines.text[end - 1] ?? '')
}

const ALERT_MARKER = /^\[!([^\]\s]+)\]([+-]?)(?=[ \t]|\n|$)/

function githubAlert(quote: Blockquote, context: Context): LessonCallout | null {
	const first = quote.children[0]
	if (first?.type !== 'paragraph') return null
	const head = first.children[0]
	if (head?.type !== 'text') return null
	const marker = ALERT_MARKER.exec(head.value)
	if (!marker) return null
	const calloutType = calloutTypeOf(marker[1]!)
	if (!calloutType) {
		context.issues.push(issueAt(head.position?.start, `不认识的提示类型“[!${marker[1]}]”，按普通引用显示；可用的类型：${CALLOUT_KIND_HINT}`))
		return null
	}
	const { title, rest } = splitFirstLine([{ ...head, value: head.value.slice(marker[0].length) }, ...first.children.slice(1)])
	const paragraph: Paragraph[] = rest.length > 0 ? [{ ...first, children: rest }] : []
	return lessonCallout(calloutType, title, [...paragraph, ...quote.children.slice(1)], quote.position)
}

/** The inline content of a paragraph's first line (the alert's title) and what follows it. */
function splitFirstLine(children: PhrasingContent[]) {
	const titleNodes: PhrasingContent[] = []
	for (let index = 0; index < children.length; index++) {
		const child = children[index]!
		if (child.type === 'break') return { title: toString(titleNodes), rest: trimStart(children.slice(index + 1)) }
		if (child.type === 'text' && child.value.includes('\n')) {
			const cut = child.value.indexOf('\n')
			titleNodes.push({ type: 'text', value: child.value.slice(0, cut) })
			const after = { ...child, value: child.value.slice(cut + 1) }
			return { title: toString(titleNodes), rest: trimStart([after, ...children.slice(index + 1)]) }
		}
		titleNodes.push(child)
	}
	return { title: toString(titleNodes), rest: [] }
}

function trimStart(children: PhrasingContent[]) {
	const [first, ...others] = children
	if (first?.type !== 'text') return children
	const value = first.value.replace(/^\s+/, '')
	return value ? [{ ...first, value }, ...others] : others
}
